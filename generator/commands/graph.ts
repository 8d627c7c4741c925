import { resolve } from "node:path";
import { mermaidGraph, reachable } from "../emit/graph.js";
import { UsageError } from "../errors.js";
import type { Model } from "../ir/types.js";
import { writeTextFile } from "../output/file.js";
import type { Command } from "./command.js";
import { countErrors, printDiagnostics } from "./report.js";
import { INPUT_OPTIONS, inputSettings, nonEmpty } from "./settings.js";

/** `docs2ts graph`: a Mermaid class diagram of the models (all, or those reachable from one). */
export const graphCommand: Command = {
  options: {
    ...INPUT_OPTIONS,
    from: { type: "string" },
    out: { type: "string" },
  },
  async run(values, _positionals, io) {
    const { input, dialect, keys, policies } = inputSettings(values, io);
    const { loadIR } = await import("../api.js");
    const { ir } = loadIR(input, { dialect, keys, ...policies });
    printDiagnostics(ir.diagnostics.filter((d) => d.severity === "error"), io);
    let models = ir.models;
    if (typeof values.from === "string") models = reachable(models, findModel(models, values.from));
    const text = mermaidGraph(models);
    if (typeof values.out === "string") {
      const path = resolve(io.cwd, nonEmpty(values.out, "--out", false));
      try {
        writeTextFile(path, text);
      } catch (e) {
        const error = e as NodeJS.ErrnoException;
        const at = error.path !== undefined && error.path !== path && !error.path.endsWith(".tmp") ? ` at ${error.path}` : "";
        throw new UsageError(`${path}: cannot write the diagram (${error.code ?? error.message}${at})`);
      }
      io.err(`docs2ts: ${models.length} models -> ${values.out}\n`);
    } else io.out(text);
    return countErrors(ir.diagnostics).errors > 0 ? 1 : 0;
  },
};

/** A model by TypeScript name, by name ignoring case, or by doc path. */
function findModel(models: readonly Model[], wanted: string): Model {
  const exact = models.find((m) => m.name === wanted);
  if (exact) return exact;
  const folded = models.filter((m) => m.name.toLowerCase() === wanted.toLowerCase());
  if (folded.length === 1) return folded[0]!;
  const bySource = models.find((m) => m.source === wanted);
  if (bySource) return bySource;
  const near = models.filter((m) => m.name.toLowerCase().includes(wanted.toLowerCase())).map((m) => m.name).sort().slice(0, 5);
  throw new UsageError(`no model named '${wanted}'${near.length > 0 ? `; did you mean ${near.join(", ")}?` : ""}`);
}
