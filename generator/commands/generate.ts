import { relative } from "node:path";
import { generate } from "../api.js";
import { loadTemplates } from "../emit/templates.js";
import { planOutput, writeOutput } from "../output/write.js";
import type { Command } from "./command.js";
import { countErrors, printDiagnostics, seconds } from "./report.js";
import { generateSettings, INPUT_OPTIONS } from "./settings.js";

/** `docs2ts generate`: docs -> output folder; `--check` compares instead of writing. */
export const generateCommand: Command = {
  options: {
    ...INPUT_OPTIONS,
    out: { type: "string" },
    emit: { type: "string" },
    check: { type: "boolean" },
  },
  async run(values, _positionals, io) {
    const settings = generateSettings(values, io);
    const { input, out, dialect, options, config } = settings;
    const started = performance.now();
    const result = generate(input, { dialect, ...options, templates: loadTemplates(config.templates) });
    const { ir, files } = result;
    if (result.dialectNote) io.err(`docs2ts: ${result.dialectNote}\n`);
    printDiagnostics(ir.diagnostics, io);
    const { errors, warnings } = countErrors(ir.diagnostics);
    const where = relative(io.cwd, out) || ".";
    if (errors > 0) {
      io.err(`docs2ts: ${ir.models.length} models, ${errors} errors, ${warnings} warnings; ${where} left unchanged (${seconds(started)}s)\n`);
      return 1;
    }
    if (values.check) {
      const plan = planOutput(out, files);
      const stale = [...plan.changed.map((p) => `  ${p} (${plan.conflicts.includes(p) ? "not written by docs2ts" : "stale"})`), ...plan.removed.map((p) => `  ${p} (no longer generated)`)];
      if (stale.length > 0) {
        io.err(`docs2ts: ${where} is out of date:\n${stale.join("\n")}\nRun 'docs2ts generate' to update it.\n`);
        return 1;
      }
      io.err(`docs2ts: ${where} is up to date (${files.length} files, ${warnings} warnings, ${seconds(started)}s)\n`);
      return 0;
    }
    const plan = writeOutput(out, files);
    io.err(
      `docs2ts: ${ir.models.length} models -> ${where}: ${plan.changed.length} written, ${plan.unchanged.length} unchanged, ${plan.removed.length} removed; ${warnings} warnings, 0 errors (${seconds(started)}s)\n`,
    );
    return 0;
  },
};
