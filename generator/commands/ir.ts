import type { Command } from "./command.js";
import { printDiagnostics } from "./report.js";
import { INPUT_OPTIONS, inputSettings } from "./settings.js";

/** `docs2ts ir`: the IR as JSON on stdout, diagnostics on stderr. */
export const irCommand: Command = {
  options: { ...INPUT_OPTIONS },
  async run(values, _positionals, io) {
    const { input, dialect, keys, policies } = inputSettings(values, io);
    const { loadIR } = await import("../api.js");
    const { ir } = loadIR(input, { dialect, keys, ...policies });
    io.out(JSON.stringify(ir, null, 2) + "\n");
    printDiagnostics(ir.diagnostics, io);
    return ir.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
  },
};
