/**
 * The CLI's pipeline: the same stages as `api.ts` (read -> dialect -> IR -> emit), run through
 * the incremental cache (`cache/store.ts`):
 *
 * - a doc whose bytes are in the cache is not parsed: its heading, dialect vote and model come
 *   from the cache, as long as the link and name questions its model asked get the same answers;
 * - a model file is not re-emitted when the settings, its model and every model its emitter
 *   read (refs, enums named in messages, union members) hash the same as when it was emitted;
 * - the whole-tree steps (detection tally, naming, ref checks) always run: they are cheap and
 *   depend on every doc; the folder's own files (index, README…) come from the cache while the
 *   settings and every model hash the same.
 *
 * remark (micromark) is imported only when a doc must be parsed and is not plain enough for
 * `markdown/fast.ts`, and ts-morph only when a model must be emitted: a run where nothing
 * changed loads neither. Everything the cache stores goes
 * through JSON first, so a run with a cold cache, a warm one or none computes from the same data.
 */
import { readFileSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import type { Cache, DocEntry, ModelEntry } from "./cache/store.js";
import { generatorFingerprint, sha256 } from "./cache/fingerprint.js";
import { contentHash, type FileStamp, fileStamp } from "./cache/stamp.js";
import { ballotOf, getDialect, tallyVotes, toModel, type Dialect } from "./dialects/index.js";
import type { Resolvers } from "./dialects/model.js";
import type { EmitOptions } from "./emit/context.js";
import type { NullabilityOptions } from "./ir/policies.js";
import { emitsTypes, folderFiles, modelPath, type OutputFile, runtimeSource, sortFiles } from "./emit/folder.js";
import type { Templates } from "./emit/templates.js";
import { UsageError } from "./errors.js";
import { docResolvers, finishIR, sortDiagnostics } from "./ir/build.js";
import type { KeyStyle } from "./ir/keys.js";
import type { Diagnostic, IR, Model } from "./ir/types.js";
import { parsePlainDoc } from "./markdown/fast.js";
import { decodeDoc, listDocs, readError } from "./markdown/files.js";
import type { DocFile } from "./markdown/types.js";
import { timed } from "./timings.js";
import { VERSION } from "./version.js";

export interface PipelineOptions {
  /** A dialect name, or "auto". */
  dialect: string;
  /** The nullability policy and per-field overrides, applied to the IR. */
  nullability?: NullabilityOptions;
  /** The JSON keys (default as-written). Applied after the cached model reads, and part of the emit cache key. */
  keys?: KeyStyle;
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
  /** Every doc read: its metadata, taken before its bytes were read, and their hash (for the run stamp). */
  sources: FileStamp[];
}

interface Doc {
  path: string;
  bytes: Uint8Array;
  /** The cache key of its bytes. */
  key: string;
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
    let doc = parsePlainDoc(text, path);
    if (!doc) {
      parseDoc ??= (await import("./markdown/parse.js")).parseDoc;
      doc = parseDoc(text, path);
    }
    parsed.set(path, doc);
    stats.parsed++;
    progress("parsing", stats.parsed, paths.length);
    return doc;
  };

  // 1. Read every doc's bytes; parse only those the cache does not know.
  const docs: Doc[] = [];
  const sources: FileStamp[] = [];
  for (const [i, path] of paths.entries()) {
    progress("reading", i, paths.length);
    let bytes: Uint8Array;
    let meta: Stats;
    try {
      [meta, bytes] = timed("read", () => [statSync(join(input, path)), readFileSync(join(input, path))] as const);
    } catch (e) {
      diagnostics.push(readError(path, e));
      continue;
    }
    const key = contentHash(path, bytes);
    sources.push(fileStamp(path, meta, key));
    let entry = o.cache.doc(key);
    // The detection ballot is read only when the dialect is to be detected; a doc known from a
    // run with a named dialect is parsed again for it.
    const needsBallot = (e: DocEntry) => o.dialect === "auto" && !e.error && e.ballot === undefined;
    if (!entry || needsBallot(entry)) {
      const decoded = decodeDoc(bytes, path);
      if ("diagnostic" in decoded) entry = { error: decoded.diagnostic };
      else {
        const doc = await parse(path, decoded.text);
        const ballot = o.dialect === "auto" ? { ballot: timed("ir", () => ballotOf(doc)) } : {};
        entry = { ...(doc.title ? { title: doc.title.text } : {}), ...ballot, models: entry?.models ?? {} };
      }
      entry = json(entry);
      o.cache.setDoc(key, entry);
    }
    if (entry.error) diagnostics.push({ ...entry.error });
    else docs.push({ path, bytes, key, entry });
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
    return { ir: { version: 1, dialect: "unknown", models: [], diagnostics: sortDiagnostics(diagnostics) }, files: [], stats, sources, ...note };
  }

  // 3. Models: from the cache while their link/name answers hold, else read from the parsed doc.
  const resolvers = docResolvers(docs.map((d) => ({ path: d.path, ...(d.entry.title !== undefined ? { title: d.entry.title } : {}) })));
  const results: ModelEntry[] = [];
  for (const d of docs) {
    let entry = d.entry.models?.[dialect.name];
    if (!entry || !stillHolds(entry, resolvers, d.path)) {
      const doc = parsed.get(d.path) ?? (await parse(d.path, (decodeDoc(d.bytes, d.path) as { text: string }).text));
      const chosen = dialect;
      entry = timed("ir", () => readModel(doc, chosen, resolvers));
      (d.entry.models ??= {})[dialect.name] = entry;
      o.cache.setDoc(d.key, d.entry); // changed in place: the file must be written
    }
    results.push(structuredClone(entry));
  }
  const dialectName = dialect.name;
  const keys = o.keys ?? "as-written";
  const ir = timed("ir", () => finishIR(dialectName, results, diagnostics, { keys, ...o.nullability }));
  if (ir.diagnostics.some((d) => d.severity === "error")) return { ir, files: [], stats, sources, ...note };

  // 4. Files: model files from the cache while their dependencies hash the same.
  const settings = { ...o.options, version: VERSION };
  const settingsKey = sha256(generatorFingerprint(), JSON.stringify(settings), keys, JSON.stringify(o.templates.sources()));
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
  // The folder's own files (index, README, runtime, shapes record) depend on the settings and
  // every model: from the cache while those hash the same, which spares a run that emits nothing
  // loading handlebars.
  const folderKey = sha256(settingsKey, "folder files", ir.dialect, hashAll(), settings.emit.validators ? runtimeSource() : "");
  const folder = o.cache.emit(folderKey);
  if (folder) files.push(...(JSON.parse(folder.content) as OutputFile[]));
  else {
    const made = folderFiles(ir, settings, o.templates);
    o.cache.setEmit(folderKey, { deps: [], content: JSON.stringify(made) });
    files.push(...made);
  }
  return { ir, files: sortFiles(files), stats, sources, ...note };
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

/**
 * The models map handed to the emitter, noting which models it reads. A view of the one map of
 * all models, not a copy: a copy per emitted model made a run quadratic in the number of models.
 */
class RecordingModels implements ReadonlyMap<string, Model> {
  readonly read = new Set<string>();
  all = false;

  constructor(private readonly models: ReadonlyMap<string, Model>) {}

  get(key: string): Model | undefined {
    this.read.add(key);
    return this.models.get(key);
  }
  has(key: string): boolean {
    this.read.add(key);
    return this.models.has(key);
  }
  get size(): number {
    this.all = true;
    return this.models.size;
  }
  forEach(fn: (value: Model, key: string, map: ReadonlyMap<string, Model>) => void, thisArg?: unknown): void {
    this.all = true;
    this.models.forEach((v, k) => fn.call(thisArg, v, k, this));
  }
  entries(): MapIterator<[string, Model]> {
    this.all = true;
    return this.models.entries();
  }
  keys(): MapIterator<string> {
    this.all = true;
    return this.models.keys();
  }
  values(): MapIterator<Model> {
    this.all = true;
    return this.models.values();
  }
  [Symbol.iterator](): MapIterator<[string, Model]> {
    this.all = true;
    return this.models[Symbol.iterator]();
  }
}
