import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { generate } from "../api.js";
import { loadTemplates } from "../emit/templates.js";
import { planOutput, writeOutput } from "../output/write.js";
import { diffModels } from "../ir/diff.js";
import { MODELS_RECORD, parseModelsRecord, shapeOf } from "../ir/shape.js";
import type { IR } from "../ir/types.js";
import type { Command } from "./command.js";
import { diffLines } from "./diff-format.js";
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
        io.err(`docs2ts: ${where} is out of date:\n${stale.join("\n")}\n${whatChanged(out, ir)}Run 'docs2ts generate' to update it.\n`);
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

/** For `--check`: what changed per model since the output was generated (from its shapes record). */
function whatChanged(out: string, ir: IR): string {
  let text: string | undefined;
  try {
    text = readFileSync(join(out, MODELS_RECORD), "utf8");
  } catch {
    text = undefined;
  }
  const record = text === undefined ? undefined : parseModelsRecord(text);
  if (!record) return `(${MODELS_RECORD} is missing or unreadable in the output folder, so the changes per model are unknown.)\n`;
  const lines = diffLines(diffModels(record.models, ir.models.map(shapeOf)));
  return lines.length === 0 ? "No model changed shape (only text such as descriptions or banners).\n" : `What changed, per model:\n${lines.join("\n")}\n`;
}
