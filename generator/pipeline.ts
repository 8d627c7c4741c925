/**
 * The CLI's pipeline: the same stages as `api.ts` (read -> dialect -> IR -> emit), run through
 * the incremental cache (`cache/store.ts`):
 *
 * - a doc whose bytes are in the cache is not parsed: its heading, dialect vote and model come
 *   from the cache, as long as the link and name questions its model asked get the same answers;
 * - a model file is not re-emitted when the settings, its model and every model its emitter
 *   read (refs, enums named in messages, union members) hash the same as when it was emitted;
 * - the whole-tree steps (detection tally, naming, ref checks, index, README) always run: they
 *   are cheap and depend on every doc.
 *
 * The markdown parser and ts-morph are imported only when a doc must be parsed or a model
 * emitted, so a run where nothing changed loads neither. Everything the cache stores goes
 * through JSON first, so a run with a cold cache, a warm one or none computes from the same data.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Cache, DocEntry, ModelEntry } from "./cache/store.js";
import { generatorFingerprint, sha256 } from "./cache/fingerprint.js";
import { ballotOf, getDialect, tallyVotes, toModel, type Dialect } from "./dialects/index.js";
import type { Resolvers } from "./dialects/model.js";
import type { EmitOptions } from "./emit/context.js";
import { emitsTypes, folderFiles, modelPath, type OutputFile, sortFiles } from "./emit/folder.js";
import type { Templates } from "./emit/templates.js";
import { UsageError } from "./errors.js";
import { docResolvers, finishIR, sortDiagnostics } from "./ir/build.js";
import type { Diagnostic, IR, Model } from "./ir/types.js";
import { decodeDoc, listDocs, readError } from "./markdown/files.js";
import type { DocFile } from "./markdown/types.js";
import { VERSION } from "./version.js";

export interface PipelineOptions {
  /** A dialect name, or "auto". */
  dialect: string;
  options: EmitOptions;
  templates: Templates;
  /** `new Cache()` (in memory, empty) for a run without a cache. */
  cache: Cache;
  /** Called as work progresses, for the CLI's progress line. */
  progress?: (phase: "reading" | "parsing" | "emitting", done: number, total: number) => void;
}

export interface PipelineStats {
  /** Doc files found. */
  docs: number;
  /** Docs parsed as markdown (the others came from the cache). */
  parsed: number;
  /** Model files emitted with ts-morph (the others came from the cache). */
  emitted: number;
}

export interface PipelineResult {
  ir: IR;
  /** The output files, or none when the docs have errors. */
  files: OutputFile[];
  dialectNote?: string;
  stats: PipelineStats;
}

interface Doc {
  path: string;
  bytes: Uint8Array;
  entry: DocEntry;
}

export async function runPipeline(input: string, o: PipelineOptions): Promise<PipelineResult> {
  const progress = o.progress ?? (() => {});
  const paths = listDocs(input);
  const stats: PipelineStats = { docs: paths.length, parsed: 0, emitted: 0 };
  const diagnostics: Diagnostic[] = [];
  const parsed = new Map<string, DocFile>();
  let parseDoc: ((text: string, path: string) => DocFile) | undefined;
  const parse = async (path: string, text: string): Promise<DocFile> => {
    parseDoc ??= (await import("./markdown/parse.js")).parseDoc;
    const doc = parseDoc(text, path);
    parsed.set(path, doc);
    stats.parsed++;
    progress("parsing", stats.parsed, paths.length);
    return doc;
  };

  // 1. Read every doc's bytes; parse only those the cache does not know.
  const docs: Doc[] = [];
  for (const [i, path] of paths.entries()) {
    progress("reading", i, paths.length);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(input, path));
    } catch (e) {
      diagnostics.push(readError(path, e));
      continue;
    }
    const key = sha256(path, bytes);
    let entry = o.cache.doc(key);
    if (!entry) {
      const decoded = decodeDoc(bytes, path);
      if ("diagnostic" in decoded) entry = { error: decoded.diagnostic };
      else {
        const doc = await parse(path, decoded.text);
        entry = { ...(doc.title ? { title: doc.title.text } : {}), ballot: ballotOf(doc), models: {} };
      }
      entry = json(entry);
      o.cache.setDoc(key, entry);
    }
    if (entry.error) diagnostics.push({ ...entry.error });
    else docs.push({ path, bytes, entry });
  }

  // 2. The dialect.
  let dialect: Dialect | undefined;
  let dialectNote: string | undefined;
  if (o.dialect === "auto") {
    const names = docResolvers(docs.map((d) => ({ path: d.path, ...(d.entry.title !== undefined ? { title: d.entry.title } : {}) }))).name;
    const detection = tallyVotes(
      docs.map((d) => d.entry.ballot ?? { path: d.path, cells: [] }),
      names,
    );
    diagnostics.push(...detection.diagnostics);
    dialect = detection.dialect;
    if (dialect) dialectNote = detection.note;
  } else {
    dialect = getDialect(o.dialect);
    if (!dialect) throw new UsageError(`unknown dialect '${o.dialect}'`);
  }
  const note = dialectNote ? { dialectNote } : {};
  if (!dialect) {
    return { ir: { version: 1, dialect: "unknown", models: [], diagnostics: sortDiagnostics(diagnostics) }, files: [], stats, ...note };
  }

  // 3. Models: from the cache while their link/name answers hold, else read from the parsed doc.
  const resolvers = docResolvers(docs.map((d) => ({ path: d.path, ...(d.entry.title !== undefined ? { title: d.entry.title } : {}) })));
  const results: ModelEntry[] = [];
  for (const d of docs) {
    let entry = d.entry.models?.[dialect.name];
    if (!entry || !stillHolds(entry, resolvers, d.path)) {
      const doc = parsed.get(d.path) ?? (await parse(d.path, (decodeDoc(d.bytes, d.path) as { text: string }).text));
      entry = readModel(doc, dialect, resolvers);
      (d.entry.models ??= {})[dialect.name] = entry;
    }
    results.push(structuredClone(entry));
  }
  const ir = finishIR(dialect.name, results, diagnostics);
  if (ir.diagnostics.some((d) => d.severity === "error")) return { ir, files: [], stats, ...note };

  // 4. Files: model files from the cache while their dependencies hash the same.
  const settings = { ...o.options, version: VERSION };
  const settingsKey = sha256(generatorFingerprint(), JSON.stringify(settings), JSON.stringify(o.templates.sources()));
  const models = new Map(ir.models.map((m) => [m.source, m] as const));
  const hashes = new Map<string, string>();
  const hashOf = (source: string): string => {
    let h = hashes.get(source);
    if (h === undefined) {
      const m = models.get(source);
      h = m ? sha256(JSON.stringify(m)) : "missing";
      hashes.set(source, h);
    }
    return h;
  };
  let allHash: string | undefined;
  const hashAll = () => (allHash ??= sha256(...ir.models.map((m) => hashOf(m.source))));
  let modelFile: typeof import("./emit/index.js").modelFile | undefined;
  const files: OutputFile[] = [];
  for (const model of emitsTypes(settings) ? ir.models : []) {
    const key = sha256(settingsKey, hashOf(model.source));
    const hit = o.cache.emit(key);
    const holds = hit && (Array.isArray(hit.deps) ? hit.deps.every(([s, h]) => hashOf(s) === h) : hit.deps.all === hashAll());
    if (hit && holds) {
      files.push({ path: modelPath(model), content: hit.content });
      continue;
    }
    modelFile ??= (await import("./emit/index.js")).modelFile;
    const recording = new RecordingModels(models);
    const file = modelFile(model, recording, settings, o.templates);
    const deps = recording.all ? { all: hashAll() } : [...recording.read].sort().map((s): [string, string] => [s, hashOf(s)]);
    o.cache.setEmit(key, { deps, content: file.content });
    files.push(file);
    stats.emitted++;
    progress("emitting", stats.emitted, ir.models.length);
  }
  files.push(...folderFiles(ir, settings, o.templates));
  return { ir, files: sortFiles(files), stats, ...note };
}

/** Read one doc's model, recording every link and name question asked. */
function readModel(doc: DocFile, dialect: Dialect, resolvers: Resolvers): ModelEntry {
  const links = new Map<string, ReturnType<Resolvers["link"]>>();
  const names = new Map<string, string | null>();
  const recording: Resolvers = {
    link: (target, hint) => {
      const r = resolvers.link(target, hint);
      links.set(hint === undefined ? target : `${target}\0${hint}`, r);
      return r;
    },
    name: (name, from) => {
      const r = resolvers.name(name, from);
      names.set(name, r ?? null);
      return r;
    },
  };
  const result = toModel(doc, dialect, recording);
  return json({ ...result, links: [...links], names: [...names] });
}

/** Whether a cached model's link and name questions get the same answers in this tree. */
function stillHolds(entry: ModelEntry, resolvers: Resolvers, path: string): boolean {
  return (
    entry.links.every(([key, answer]) => {
      const [target, hint] = key.split("\0");
      return JSON.stringify(resolvers.link(target!, hint)) === JSON.stringify(answer);
    }) &&
    entry.names.every(([name, answer]) => (resolvers.name(name, path) ?? null) === answer)
  );
}

/** Through JSON: what the cache stores is exactly what a run computes from. */
function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The models map handed to the emitter, noting which models it reads. */
class RecordingModels extends Map<string, Model> {
  readonly read = new Set<string>();
  all = false;

  override get(key: string): Model | undefined {
    this.read.add(key);
    return super.get(key);
  }
  override has(key: string): boolean {
    this.read.add(key);
    return super.has(key);
  }
  override get size(): number {
    this.all = true;
    return super.size;
  }
  override forEach(fn: (value: Model, key: string, map: Map<string, Model>) => void, thisArg?: unknown): void {
    this.all = true;
    super.forEach(fn, thisArg);
  }
  override entries(): MapIterator<[string, Model]> {
    this.all = true;
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.all = true;
    return super.keys();
  }
  override values(): MapIterator<Model> {
    this.all = true;
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[string, Model]> {
    this.all = true;
    return super[Symbol.iterator]();
  }
}
