import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { generatorFingerprint, sha256 } from "../cache/fingerprint.js";
import { type RunReport, RunStamp, stampFile, writeStamp } from "../cache/stamp.js";
import { Cache, defaultCacheDir } from "../cache/store.js";
import { loadTemplates, type Templates } from "../emit/templates.js";
import { UsageError } from "../errors.js";
import { diffModels } from "../ir/diff.js";
import { sdkNamesHint } from "../ir/keys.js";
import { MODELS_RECORD, parseModelsRecord, shapeOf } from "../ir/shape.js";
import type { IR } from "../ir/types.js";
import { MANIFEST } from "../output/manifest.js";
import { OutputWriter, planOutput } from "../output/write.js";
import type { PipelineResult } from "../pipeline.js";
import type { Command, Io } from "./command.js";
import { diffLines } from "./diff-format.js";
import { progress } from "./progress.js";
import { countErrors, plural, printDiagnostics, seconds } from "./report.js";
import { generateSettings, type GenerateSettings, INPUT_OPTIONS } from "./settings.js";
import { timed } from "../timings.js";
import { VERSION } from "../version.js";
import { endEmitBudget, fitBudgetToEmit, fitBudgetToRun } from "../v8-budget.js";

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
    const check = values.check === true;
    const started = performance.now();
    const cacheFile = noCache ? undefined : cacheFileFor(settings, io);
    const templates = loadTemplates(settings.config.templates);
    const stamp = cacheFile ? timed("stamp", () => RunStamp.read(stampFile(cacheFile), runKey(settings, templates))) : undefined;
    // Nothing changed since the last run (by the run stamp): its report, without reading the cache.
    const report = stamp && timed("stamp", () => stamp.unchanged(settings.input, settings.out));
    if (report) {
      if (report.dialectNote) io.err(`docs2ts: ${report.dialectNote}\n`);
      printDiagnostics(report.diagnostics, io);
      io.err(summaryLine(settings, io, check ? "up to date" : "written", { report, changed: 0, removed: 0, started, parsed: 0, emitted: 0, cached: true }) + "\n");
      return 0;
    }
    const run = await generateOnce(settings, openCache(settings, noCache, io), io, { check, prepared: { templates, stamp } });
    io.err(run.summary + "\n");
    return run.code;
  },
};

/** Where the cache file for these settings lives, or undefined when nothing is cached. */
function cacheFileFor(settings: GenerateSettings, io: Io): string | undefined {
  const dir = settings.config.cacheDir ?? defaultCacheDir(settings.configPath ? dirname(settings.configPath) : io.cwd);
  return dir ? Cache.fileFor(dir, settings.input, settings.out) : undefined;
}

/** Everything besides the docs that the output depends on, as one hash: the run stamp's key. */
function runKey(settings: GenerateSettings, templates: Templates): string {
  const { dialect, keys, keysGiven, policies, options, input, out } = settings;
  return sha256(generatorFingerprint(), VERSION, JSON.stringify({ dialect, keys, keysGiven, policies, options }), JSON.stringify(templates.sources()), input, out);
}

/**
 * The cache for these settings: on disk where the README says; with --no-cache or no cache
 * folder, none for one run, or one in memory for a run that goes on (`inMemory`: watch mode).
 */
export function openCache(settings: GenerateSettings, noCache: boolean, io: Io, inMemory = false): Cache {
  const without = () => (inMemory ? new Cache() : Cache.none());
  if (noCache) return without();
  const file = cacheFileFor(settings, io);
  if (!file) return without();
  const cache = new Cache(file);
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
export async function generateOnce(
  settings: GenerateSettings,
  cache: Cache,
  io: Io,
  mode: { check: boolean; quiet?: boolean; /** Already read by the caller (else read here). */ prepared?: { templates: Templates; stamp: RunStamp | undefined } },
): Promise<RunOutcome> {
  const { input, out, dialect, keys, policies, options, config } = settings;
  const started = performance.now();
  const startedAt = Date.now();
  const bar = progress(io, started);
  const templates = mode.prepared?.templates ?? loadTemplates(config.templates);
  // What the last run's stamp vouches for: docs whose bytes need not be read (the cache knows
  // them by their hash), output files that need not be held in the cache file.
  const cacheFile = cache.file;
  const stamp = mode.prepared ? mode.prepared.stamp : cacheFile ? timed("stamp", () => RunStamp.read(stampFile(cacheFile), runKey(settings, templates))) : undefined;
  const vouched = stamp && timed("stamp", () => stamp.vouchedOutputs(out));
  // Model files are written as they are emitted; the run commits them at its end, or drops them.
  const writer = mode.check ? undefined : new OutputWriter(out);
  // Before the docs are parsed: V8's compiler fitted to the run's length, the writer's thread booted for a large one.
  const beforeParse = (docs: number) => {
    fitBudgetToRun(docs);
    writer?.expectDocs(docs);
  };
  // Before the model files are emitted: the compiler fitted to the emit, the writer told how many come.
  const beforeEmit = (files: number) => {
    fitBudgetToEmit();
    writer?.expectFiles(files);
  };
  let result: PipelineResult;
  try {
    // Loaded here, not with the command: a run the stamp vouches for needs none of its stages.
    const { runPipeline } = await import("../pipeline.js");
    result = await runPipeline(input, { dialect, keys, policies, options, templates, cache, ...(vouched ? { vouched } : {}), ...(stamp ? { knownDoc: stamp.knownDocs() } : {}), readOutput: (path) => readOutputFile(out, path), ...(writer ? { onFile: (file) => writer.add(file), keepHanded: false } : {}), parallel: true, beforeParse, beforeEmit, progress: bar.update });
  } catch (e) {
    writer?.abort();
    throw e;
  } finally {
    endEmitBudget();
    bar.clear();
  }
  const { ir, files, stats } = result;
  const kept = result.kept.map((k) => k.path);
  // The dialect detected, and a key style to consider when none was given (kept in the run stamp).
  const note = [result.dialectNote, settings.keysGiven ? undefined : sdkNamesHint(ir)].filter((n) => n !== undefined).join("; ");
  if (note && !mode.quiet) io.err(`docs2ts: ${note}\n`);
  printDiagnostics(ir.diagnostics, io);
  const report: RunReport = { docs: stats.docs, models: ir.models.length, files: files.length + kept.length + (result.handed?.length ?? 0), diagnostics: ir.diagnostics, ...(note ? { dialectNote: note } : {}) };
  const line = (state: Parameters<typeof summaryLine>[2], changed = 0, removed = 0) =>
    summaryLine(settings, io, state, { report, changed, removed, started, parsed: stats.parsed, emitted: stats.emitted, cached: cache.file !== undefined });
  if (countErrors(ir.diagnostics).errors > 0) {
    writer?.abort();
    cache.release();
    return { code: 1, summary: line("failed"), result };
  }
  if (!writer) {
    // --check: compared, not written.
    const plan = planOutput(out, files, kept);
    cache.commit();
    const stale = [...plan.changed.map((p) => `  ${p} (${plan.conflicts.includes(p) ? "not written by docs2ts" : "stale"})`), ...plan.removed.map((p) => `  ${p} (no longer generated)`)];
    if (stale.length > 0) {
      io.err(`docs2ts: ${relative(io.cwd, out) || "."} is out of date:\n${stale.join("\n")}\n${whatChanged(out, ir)}`);
      return { code: 1, summary: line("stale", plan.changed.length, plan.removed.length), result };
    }
    return { code: 0, summary: line("up to date"), result };
  }
  const plan = writer.finish(files, kept);
  cache.commit();
  if (cacheFile) {
    timed("stamp", () => {
      const written = [...files, ...result.kept, { path: MANIFEST, content: readFileSync(join(out, MANIFEST), "utf8") }];
      writeStamp(stampFile(cacheFile), runKey(settings, templates), startedAt, result.sources, out, written, report, stamp?.vouched);
    });
  }
  return { code: 0, summary: line("written", plan.changed.length, plan.removed.length), result };
}

interface SummaryFacts {
  report: RunReport;
  /** Files written (or stale, with --check) and removed (or to remove). */
  changed: number;
  removed: number;
  started: number;
  parsed: number;
  emitted: number;
  /** Whether the run has a cache file. */
  cached: boolean;
}

/** The run's one summary line. */
function summaryLine(settings: GenerateSettings, io: Io, state: "failed" | "stale" | "up to date" | "written", f: SummaryFacts): string {
  const where = relative(io.cwd, settings.out) || ".";
  const { errors, warnings } = countErrors(f.report.diagnostics);
  const read = `${plural(f.report.docs, "doc")} read, ${plural(f.report.models, "model")}`;
  const work = `${seconds(f.started)}s; ${plural(f.parsed, "doc")} parsed, ${plural(f.emitted, "model")} emitted${f.cached ? "" : ", no cache"}`;
  const unchanged = f.report.files - f.changed;
  switch (state) {
    case "failed":
      return `docs2ts: ${read}, ${plural(errors, "error")}, ${plural(warnings, "warning")}; ${where} left unchanged (${work})`;
    case "stale":
      return `docs2ts: ${read}: ${f.changed} files stale, ${f.removed} to remove, ${unchanged} up to date; ${plural(warnings, "warning")}, 0 errors (${work}). Run 'docs2ts generate' to update ${where}.`;
    case "up to date":
      return `docs2ts: ${where} is up to date: ${read}, ${f.report.files} files unchanged; ${plural(warnings, "warning")}, 0 errors (${work})`;
    case "written":
      return `docs2ts: ${read} -> ${where}: ${f.changed} written, ${unchanged} unchanged, ${f.removed} removed; ${plural(warnings, "warning")}, 0 errors (${work})`;
  }
}

/** An output file's text, or undefined when it cannot be read. */
function readOutputFile(out: string, path: string): string | undefined {
  try {
    return readFileSync(join(out, path), "utf8");
  } catch {
    return undefined;
  }
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
