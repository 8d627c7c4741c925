import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { Cache, defaultCacheDir } from "../cache/store.js";
import { loadTemplates } from "../emit/templates.js";
import { UsageError } from "../errors.js";
import { diffModels } from "../ir/diff.js";
import { MODELS_RECORD, parseModelsRecord, shapeOf } from "../ir/shape.js";
import type { IR } from "../ir/types.js";
import { planOutput, writeOutput } from "../output/write.js";
import { runPipeline, type PipelineResult } from "../pipeline.js";
import type { Command, Io } from "./command.js";
import { diffLines } from "./diff-format.js";
import { progress } from "./progress.js";
import { countErrors, plural, printDiagnostics, seconds } from "./report.js";
import { generateSettings, type GenerateSettings, INPUT_OPTIONS } from "./settings.js";

/** `docs2ts generate`: docs -> output folder; `--check` compares instead of writing; `--watch` keeps going. */
export const generateCommand: Command = {
  options: {
    ...INPUT_OPTIONS,
    out: { type: "string" },
    emit: { type: "string" },
    "unknown-keys": { type: "string" },
    enums: { type: "string" },
    check: { type: "boolean" },
    watch: { type: "boolean" },
    "no-cache": { type: "boolean" },
  },
  async run(values, _positionals, io) {
    if (values.watch && values.check) throw new UsageError("--watch and --check cannot be used together");
    const settings = generateSettings(values, io);
    const noCache = values["no-cache"] === true;
    if (values.watch) {
      const { watch } = await import("./watch.js");
      return watch(values, io, noCache);
    }
    const run = await generateOnce(settings, openCache(settings, noCache, io), io, { check: values.check === true });
    io.err(run.summary + "\n");
    return run.code;
  },
};

/** The cache for these settings: on disk where the README says, or in memory only with --no-cache. */
export function openCache(settings: GenerateSettings, noCache: boolean, io: Io): Cache {
  if (noCache) return new Cache();
  const dir = settings.config.cacheDir ?? defaultCacheDir(settings.configPath ? dirname(settings.configPath) : io.cwd);
  if (!dir) return new Cache();
  const cache = Cache.at(dir, settings.input, settings.out);
  if (cache.ignored === "unreadable or corrupt") io.err(`docs2ts: the cache file ${cache.file} is unreadable or corrupt; it is ignored and rewritten\n`);
  return cache;
}

export interface RunOutcome {
  code: number;
  /** The run's one summary line (not printed: the caller prints it). */
  summary: string;
  result?: PipelineResult;
}

/** One generation (or check): diagnostics printed, the summary line returned. */
export async function generateOnce(settings: GenerateSettings, cache: Cache, io: Io, mode: { check: boolean; quiet?: boolean }): Promise<RunOutcome> {
  const { input, out, dialect, keys, nullability, options, config } = settings;
  const started = performance.now();
  const bar = progress(io, started);
  let result: PipelineResult;
  try {
    result = await runPipeline(input, { dialect, keys, nullability, options, templates: loadTemplates(config.templates), cache, progress: bar.update });
  } finally {
    bar.clear();
  }
  const { ir, files, stats } = result;
  if (result.dialectNote && !mode.quiet) io.err(`docs2ts: ${result.dialectNote}\n`);
  printDiagnostics(ir.diagnostics, io);
  const { errors, warnings } = countErrors(ir.diagnostics);
  const where = relative(io.cwd, out) || ".";
  const read = `${plural(stats.docs, "doc")} read, ${plural(ir.models.length, "model")}`;
  const work = () => `${seconds(started)}s; ${plural(stats.parsed, "doc")} parsed, ${plural(stats.emitted, "model")} emitted${cache.file ? "" : ", no cache"}`;
  if (errors > 0) {
    cache.release();
    return { code: 1, summary: `docs2ts: ${read}, ${plural(errors, "error")}, ${plural(warnings, "warning")}; ${where} left unchanged (${work()})`, result };
  }
  if (mode.check) {
    const plan = planOutput(out, files);
    cache.commit();
    const stale = [...plan.changed.map((p) => `  ${p} (${plan.conflicts.includes(p) ? "not written by docs2ts" : "stale"})`), ...plan.removed.map((p) => `  ${p} (no longer generated)`)];
    if (stale.length > 0) {
      io.err(`docs2ts: ${where} is out of date:\n${stale.join("\n")}\n${whatChanged(out, ir)}`);
      return {
        code: 1,
        summary: `docs2ts: ${read}: ${plan.changed.length} files stale, ${plan.removed.length} to remove, ${plan.unchanged.length} up to date; ${plural(warnings, "warning")}, 0 errors (${work()}). Run 'docs2ts generate' to update ${where}.`,
        result,
      };
    }
    return { code: 0, summary: `docs2ts: ${where} is up to date: ${read}, ${files.length} files unchanged; ${plural(warnings, "warning")}, 0 errors (${work()})`, result };
  }
  const plan = writeOutput(out, files);
  cache.commit();
  return {
    code: 0,
    summary: `docs2ts: ${read} -> ${where}: ${plan.changed.length} written, ${plan.unchanged.length} unchanged, ${plan.removed.length} removed; ${plural(warnings, "warning")}, 0 errors (${work()})`,
    result,
  };
}

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
