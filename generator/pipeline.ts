/**
 * The CLI's pipeline: the same stages as `api.ts` (read -> dialect -> IR -> emit), run through
 * the incremental cache (`cache/store.ts`):
 *
 * - a doc whose bytes are in the cache is not parsed: its heading, dialect vote and model come
 *   from the cache, as long as the link and name questions its model asked get the same answers;
 * - a model file is not re-emitted when the settings, its model and every model its emitter
 *   read (refs, enums named in messages, union members) hash the same as when it was emitted;
 * - the whole-tree steps (detection tally, naming, ref checks) always run: they are cheap and
 *   depend on every doc; the folder's own files (index, README…) are kept as they are on disk,
 *   like model files, while the settings and the models' shapes hash the same.
 *
 * remark (micromark) is imported only when a doc must be parsed and is not plain enough for
 * `markdown/fast.ts`, and ts-morph only when a model must be emitted: a run where nothing
 * changed loads neither. Everything the cache stores goes through JSON first, so a run with a
 * cold cache or a warm one computes from the same data (a run without a cache skips the round
 * trips: its data never meets JSON; the tests compare the bytes of all three).
 */
import { statSync, type Stats } from "node:fs";
import type { Cache, DocEntry, EmitEntry, ModelEntry } from "./cache/store.js";
import { generatorFingerprint, sha256 } from "./cache/fingerprint.js";
import { contentHash, type FileStamp, fileStamp } from "./cache/stamp.js";
import { type Ballot, ballotOf, ballotsToComplete, getDialect, leadingDialect, tallyVotes, type Dialect } from "./dialects/index.js";
import type { Resolvers } from "./dialects/model.js";
import type { EmitOptions } from "./emit/context.js";
import type { PolicyOptions } from "./ir/policies.js";
import { emitsTypes, folderFiles, modelPath, type OutputFile, runtimeSource, sortFiles } from "./emit/folder.js";
import type { Templates } from "./emit/templates.js";
import { UsageError } from "./errors.js";
import { docResolvers, finishIR } from "./ir/build.js";
import { sortDiagnostics } from "./ir/diagnostics.js";
import type { KeyStyle } from "./ir/keys.js";
import { modelsRecordText } from "./ir/shape.js";
import type { Diagnostic, IR, Model } from "./ir/types.js";
import { decodeDoc, findDocs, pathIn, readDocFile, readError } from "./markdown/files.js";
import { guessTitle } from "./markdown/title.js";
import type { DocFile } from "./markdown/types.js";
import { Helper, MIN_ITEMS } from "./parallel/pool.js";
import { docFacts, emitModel, type EmittedModel, json, parseText, readModel } from "./steps.js";
import { timed, timedWait } from "./timings.js";
import { VERSION } from "./version.js";
import { append } from "./lists.js";

export interface PipelineOptions {
  /** A dialect name, or "auto". */
  dialect: string;
  /** The IR's policies (nullability, numeric enums) and the config's overrides. */
  policies?: PolicyOptions;
  /** The JSON keys (default as-written). Applied after the cached model reads, and part of the emit cache key. */
  keys?: KeyStyle;
  options: EmitOptions;
  templates: Templates;
  /** `Cache.none()` for a run without a cache (no keys are computed then), `new Cache()` for one in memory. */
  cache: Cache;
  /**
   * Output files on disk known to be as a run wrote them (path -> `contentHash`; the run stamp
   * vouches for them): a cached model file whose hash matches is kept as it is, without its text.
   */
  vouched?: ReadonlyMap<string, string>;
  /** A doc's content hash from its metadata, when the run stamp knows it (its bytes are then read only if it must be parsed). */
  knownDoc?: (path: string, stats: Stats) => string | undefined;
  /** An output file's text as it is on disk, if any: a cached model file not vouched for is taken from there when its hash matches. */
  readOutput?: (path: string) => string | undefined;
  /** Share the per-doc and per-model steps with helper threads (`parallel/pool.ts`) when a run is large enough. */
  parallel?: boolean;
  /**
   * Called with each file as soon as it is made (model files as they are emitted, the folder's
   * own files when rendered; the result's `files` still lists them), so that it can be written
   * while the next ones are made. Files taken from the cache are not passed.
   */
  onFile?: (file: OutputFile) => void;
  /**
   * Called once, before the first doc is parsed, with how many the cache does not know (all of
   * them without a cache): the run's parsing, but for the few a detection or a changed link may
   * parse again later. The CLI fits V8's optimizing compiler to it (`v8-budget.ts`).
   */
  beforeParse?: (docs: number) => void;
  /**
   * Called before model files are emitted, with how many will be (the ones the cache does not
   * hold): the CLI's writer then knows whether the run writes enough files for its helper thread.
   */
  beforeEmit?: (files: number) => void;
  /**
   * False: in a run without a cache, the files handed to `onFile` are listed in the result by
   * their paths only (`handed`), their texts not kept, so that each can die as soon as it is
   * handed over (the CLI's writer has it then). A text kept to the run's end outlives the
   * collector's young-generation passes, each of which copies it, and is then promoted: 23 MB of
   * them in a vercel-ts run, whose cold runs took 0.89-0.94× the time once they were dropped. A
   * cached run keeps them (its cache holds them anyway).
   */
  keepHanded?: boolean;
  /** Called as work progresses, for the CLI's progress line. */
  progress?: (phase: "reading" | "parsing" | "emitting", done: number, total: number) => void;
}

export interface PipelineStats {
  /** Doc files found. */
  docs: number;
  /** Docs parsed as markdown (the others came from the cache). */
  parsed: number;
  /** Model files emitted (the others came from the cache or the output folder). */
  emitted: number;
}

export interface PipelineResult {
  ir: IR;
  /** The output files, or none when the docs have errors. */
  files: OutputFile[];
  dialectNote?: string;
  stats: PipelineStats;
  /** Every doc read: its metadata, taken before its bytes were read, and their hash (for the run stamp; none without a cache). */
  sources: FileStamp[];
  /** Output files that stay as they are on disk (from `vouched`): part of the output, not in `files`. */
  kept: { path: string; hash: string }[];
  /** The paths of the files handed to `onFile` and not kept (`keepHanded: false`), sorted: part of the output, not in `files`. */
  handed?: string[];
}

interface Doc {
  path: string;
  /** Its bytes (read when first needed, for a doc the stamp knows). */
  bytes: () => Uint8Array;
  /** The cache key of its bytes. */
  key: string;
  entry: DocEntry;
}

export async function runPipeline(input: string, o: PipelineOptions): Promise<PipelineResult> {
  let pool: Helper[] | undefined;
  const helpers = () => (pool ??= o.parallel ? Helper.start() : []);
  try {
    return await run(input, o, helpers);
  } finally {
    for (const h of pool ?? []) h.close();
  }
}

async function run(input: string, o: PipelineOptions, helpers: () => Helper[]): Promise<PipelineResult> {
  const progress = o.progress ?? (() => {});
  const { paths, skipped } = findDocs(input);
  const stats: PipelineStats = { docs: paths.length, parsed: 0, emitted: 0 };
  const diagnostics: Diagnostic[] = [];
  const detect = o.dialect === "auto";
  for (const { path, code, message } of skipped) diagnostics.push({ severity: "warning", file: path, line: 1, column: 1, code, message });
  if (paths.length === 0 && !detect) {
    // Not an empty output written over the last one (a folder emptied by a failed checkout).
    diagnostics.push({ severity: "error", file: ".", line: 1, column: 1, code: "no-docs", message: "the input folder holds no docs (.md files): nothing to generate" });
  }
  // Every doc will be parsed: start the helpers now, so that they boot while the docs are read.
  if (paths.length >= MIN_ITEMS && o.cache.isEmpty()) helpers();
  /** Docs parsed in this run, on this thread. */
  const parsed = new Map<string, DocFile>();
  /** Docs parsed in this run on a helper thread: which one. */
  const parsedOn = new Map<string, Helper>();
  const parseHere = async (path: string, text: string, again = false): Promise<DocFile> => {
    const doc = await parseText(path, text);
    parsed.set(path, doc);
    if (again) return doc;
    stats.parsed++;
    progress("parsing", stats.parsed, paths.length);
    return doc;
  };
  const parseAgain = (d: Doc) => parsed.get(d.path) ?? parseHere(d.path, (decodeDoc(d.bytes(), d.path) as { text: string }).text, true);

  // 1. Read every doc's bytes; parse only those the cache does not know.
  const slots: Doc[] = [];
  const cached = o.cache.enabled;
  const sources: FileStamp[] = [];
  const toParse: { slot: number; path: string; text: string }[] = [];
  for (const [i, path] of paths.entries()) {
    progress("reading", i, paths.length);
    let key: string | undefined;
    let read: Uint8Array | undefined;
    try {
      if (o.cache.enabled) {
        const meta: Stats = timed("read", () => statSync(pathIn(input, path)));
        key = o.knownDoc?.(path, meta);
        if (key === undefined || !o.cache.knows(key)) {
          read = timed("read", () => readDocFile(pathIn(input, path)));
          key = contentHash(path, read);
        }
        sources.push(fileStamp(path, meta, key));
      } else {
        // Without a cache there is neither a key to look up nor a stamp to write.
        read = timed("read", () => readDocFile(pathIn(input, path)));
        key = path;
      }
    } catch (e) {
      diagnostics.push(readError(path, e));
      continue;
    }
    const full = pathIn(input, path);
    const bytes = () => (read ??= readDocFile(full));
    const entry = o.cache.doc(key);
    // The detection ballot is read only when the dialect is to be detected; a doc known from a
    // run with a named dialect is parsed again for it.
    if (entry && !(detect && !entry.error && entry.ballot === undefined)) {
      if (entry.error) diagnostics.push({ ...entry.error });
      else slots.push({ path, bytes, key, entry });
      continue;
    }
    const decoded = decodeDoc(bytes(), path);
    if ("diagnostic" in decoded) {
      o.cache.setDoc(key, { error: decoded.diagnostic });
      diagnostics.push({ ...decoded.diagnostic });
      continue;
    }
    toParse.push({ slot: slots.length, path, text: decoded.text });
    slots.push({ path, bytes, key, entry: { models: entry?.models ?? {} } });
  }
  const ahead = new ReadAhead(slots, toParse, detect ? undefined : getDialect(o.dialect), cached);
  o.beforeParse?.(toParse.length);
  const facts = await spread(toParse, helpers, {
    here: async (p) => {
      const doc = await parseHere(p.path, p.text);
      const facts = docFacts(doc, detect);
      if (ahead.read(doc, facts.ballot)) parsed.delete(p.path);
      return facts;
    },
    there: async (helper, chunk) => {
      const out = await helper.run("parse", { items: chunk.map(({ path, text }) => ({ path, text })), detect });
      for (const p of chunk) parsedOn.set(p.path, helper);
      stats.parsed += chunk.length;
      return out;
    },
  });
  toParse.forEach((p, i) => {
    const doc = slots[p.slot]!;
    // The facts (this run's own object) with the models added: not spread into a copy, slow in V8's lower tiers.
    const entry: DocEntry = facts[i]!;
    entry.models = doc.entry.models!;
    doc.entry = entry;
    if (o.cache.enabled) doc.entry = json(doc.entry);
    o.cache.setDoc(doc.key, doc.entry);
  });
  const docs = slots;

  // 2. The dialect.
  const tree = docTree(docs);
  const resolvers = ahead.resolversOf(tree) ?? timed("ir", () => docResolvers(tree));
  let dialect: Dialect | undefined;
  let dialectNote: string | undefined;
  if (detect) {
    const ballots = docs.map((d) => d.entry.ballot ?? { path: d.path, cells: [] });
    // Ballots hold only the readings that score; the rare comparisons need some whole.
    const wanted = new Set(ballotsToComplete(ballots, resolvers.name));
    for (const [i, d] of docs.entries()) {
      if (!wanted.has(d.path)) continue;
      const doc = await parseAgain(d);
      ballots[i] = timed("ir", () => ballotOf(doc, true));
    }
    const detection = tallyVotes(ballots, resolvers.name);
    append(diagnostics, detection.diagnostics);
    dialect = detection.dialect;
    if (dialect) dialectNote = detection.note;
  } else {
    dialect = getDialect(o.dialect);
    if (!dialect) throw new UsageError(`unknown dialect '${o.dialect}'`);
  }
  const note = dialectNote ? { dialectNote } : {};
  if (!dialect) {
    return { ir: { version: 1, dialect: "unknown", models: [], diagnostics: sortDiagnostics(diagnostics) }, files: [], stats, sources, kept: [], ...note };
  }

  // 3. Models: from the cache while their link/name answers hold, else read from the parsed doc
  // (on the thread that parsed it).
  const chosen = dialect;
  const entries: (ModelEntry | undefined)[] = timed("ir", () =>
    docs.map((d) => {
      const entry = d.entry.models?.[chosen.name];
      return entry && stillHolds(entry, resolvers, d.path) ? entry : undefined;
    }),
  );
  const toRead = docs.filter((_, i) => entries[i] === undefined);
  const remote = new Map<Helper, string[]>();
  for (const d of toRead) {
    const helper = parsedOn.get(d.path);
    if (!helper) continue;
    const share = remote.get(helper);
    if (share) share.push(d.path);
    else remote.set(helper, [d.path]);
  }
  const readThere = [...remote].map(([helper, share]) => helper.run("models", { dialect: chosen.name, tree, paths: share, cached }).then((r) => new Map(share.map((p, i) => [p, r[i]!] as const))));
  const read = new Map<string, ModelEntry>();
  const early = ahead.results(chosen);
  for (const d of toRead) {
    if (parsedOn.has(d.path)) continue;
    const entry = early?.(d.path, resolvers);
    read.set(d.path, entry ?? readModel(await parseAgain(d), chosen, resolvers, cached));
  }
  for (const m of readThere.length > 0 ? await timedWait("wait", Promise.all(readThere)) : []) for (const [p, e] of m) read.set(p, e);
  const results: ModelEntry[] = docs.map((d, i) => {
    let entry = entries[i];
    if (entry === undefined) {
      entry = read.get(d.path)!;
      if (!cached) return entry;
      (d.entry.models ??= {})[chosen.name] = entry;
      o.cache.setDoc(d.key, d.entry); // recorded as it is now: finishIR changes its input
    }
    // A cached entry is the run's own copy (`Cache.doc` parses one per call).
    return entry;
  });
  parsed.clear(); // every model is read: the trees are no longer needed
  const keys = o.keys ?? "as-written";
  const ir = timed("ir", () => finishIR(chosen.name, results, diagnostics, { keys, ...o.policies }));
  if (ir.diagnostics.some((d) => d.severity === "error")) return { ir, files: [], stats, sources, kept: [], ...note };
  const models = new Map(ir.models.map((m) => [m.source, m] as const));

  // 4. Files: model files from the cache while their dependencies hash the same.
  const settings = { ...o.options, version: VERSION };
  const prepared = new Set<Helper>();
  /** Emit `list`'s files, handing each to `onFile`; what of each the caller keeps is `keep`'s. */
  const emit = async <R>(list: readonly Model[], keep: (made: EmittedModel) => R, meanwhile?: () => void): Promise<R[]> =>
    spread(list, helpers, {
      ...(meanwhile ? { meanwhile } : {}),
      here: async (model) => {
        const made = await emitModel(model, models, settings, o.templates);
        o.onFile?.(made.file);
        stats.emitted++;
        progress("emitting", stats.emitted, list.length);
        return keep(made);
      },
      there: async (helper, chunk) => {
        if (!prepared.has(helper)) {
          prepared.add(helper);
          await helper.run("emitSetup", { models: ir.models, settings, templates: o.templates.sources() });
        }
        const out = await helper.run("emit", { sources: chunk.map((m) => m.source) });
        if (o.onFile) for (const made of out) o.onFile(made.file);
        stats.emitted += chunk.length;
        return out.map(keep);
      },
    });
  /** The folder's own files (index, README, runtime, shapes record), handed over as soon as made. */
  const renderFolder = (): OutputFile[] => {
    const made = timed("emit", () => folderFiles(ir, settings, o.templates));
    if (o.onFile) for (const f of made) o.onFile(f);
    return made;
  };
  const toEmit = emitsTypes(settings) ? ir.models : [];
  if (!cached) {
    let folder: OutputFile[] = [];
    const makeFolder = () => (folder = renderFolder());
    o.beforeEmit?.(toEmit.length);
    if (o.onFile && o.keepHanded === false) {
      const handed = await emit(toEmit, (made) => made.file.path, makeFolder);
      return { ir, files: [], handed: [...handed, ...folder.map((f) => f.path)].sort(), stats, sources, kept: [], ...note };
    }
    const files = await emit(toEmit, (made) => made.file, makeFolder);
    return { ir, files: sortFiles([...files, ...folder]), stats, sources, kept: [], ...note };
  }
  const settingsKey = timed("keys", () => sha256(generatorFingerprint(), JSON.stringify(settings), keys, JSON.stringify(o.templates.sources())));
  const hashes = new Map<string, string>();
  const hashOf = (source: string): string => {
    let h = hashes.get(source);
    if (h === undefined) {
      const m = models.get(source);
      h = m ? timed("keys", () => sha256(JSON.stringify(m))) : "missing";
      hashes.set(source, h);
    }
    return h;
  };
  let allHash: string | undefined;
  const hashAll = () => (allHash ??= sha256(...ir.models.map((m) => hashOf(m.source))));
  const files: OutputFile[] = [];
  const kept: { path: string; hash: string }[] = [];
  const misses: { model: Model; key: string }[] = [];
  for (const model of toEmit) {
    const key = sha256(settingsKey, hashOf(model.source));
    const hit = o.cache.emit(key);
    const holds = hit && (Array.isArray(hit.deps) ? hit.deps.every(([s, h]) => hashOf(s) === h) : hit.deps.all === hashAll());
    const path = modelPath(model);
    if (!hit || !holds) {
      misses.push({ model, key });
      continue;
    }
    if (hit.content !== undefined) {
      files.push({ path, content: hit.content });
      continue;
    }
    // The cache file holds no texts: the file on disk, if it is still what was emitted, else emit again.
    const onDisk = fromOutput(path, hit.hash, o);
    if (onDisk === "kept") kept.push({ path, hash: hit.hash });
    else if (onDisk) files.push(onDisk);
    else misses.push({ model, key });
  }
  // The folder's own files (index, README, runtime, shapes record) depend on the settings and
  // the models' shapes (names, kinds, fields and their types: what the shapes record holds; the
  // JSON Schemas on every model): kept while those hash the same (`cachedFolder`), which spares a run
  // that emits nothing, or only edits a description, loading handlebars. Made while the helpers
  // emit their share, if any.
  const folderInputs = settings.emit.jsonschema ? hashAll() : timed("keys", () => sha256(modelsRecordText(ir)));
  const folderKey = sha256(settingsKey, "folder files", ir.dialect, folderInputs, settings.emit.validators ? runtimeSource() : "");
  const folderHit = o.cache.emit(folderKey);
  let folder = folderHit ? cachedFolder(folderHit, o, kept) : undefined;
  const makeFolder = (): OutputFile[] => {
    if (folder) return folder;
    const made = renderFolder();
    const hashes = made.map((f): [string, string] => [f.path, contentHash(f.path, f.content)]);
    o.cache.setEmit(folderKey, { deps: [], hash: sha256(...hashes.flat()), files: hashes, content: JSON.stringify(made) });
    return (folder = made);
  };
  o.beforeEmit?.(misses.length);
  const emitted = await emit(
    misses.map((m) => m.model),
    (made) => made,
    makeFolder,
  );
  misses.forEach(({ key }, i) => {
    const { file, read: readModels, all } = emitted[i]!;
    const deps = all ? { all: hashAll() } : readModels.map((s): [string, string] => [s, hashOf(s)]);
    o.cache.setEmit(key, { deps, hash: contentHash(file.path, file.content), content: file.content });
    files.push(file);
  });
  append(files, makeFolder());
  return { ir, files: sortFiles(files), stats, sources, kept, ...note };
}

/** The doc tree the link and name rules work on: each doc's path and, once known, its title. */
function docTree(docs: readonly Doc[]): { path: string; title?: string }[] {
  return docs.map((d) => (d.entry.title !== undefined ? { path: d.path, title: d.entry.title } : { path: d.path }));
}

/**
 * Models read as their docs are parsed, so that each doc's tree dies young. A tree kept until every
 * doc is parsed outlives a few of the collector's young-generation passes, each of which copies
 * it, then is promoted: in a cold vercel-ts run the scavenges grew to 10-20 ms each while the docs
 * were parsed. Reading a model needs the run's dialect and every doc's title (the name rules),
 * known only once every doc is parsed, so the reads here use guesses: the named dialect, or the one
 * the ballots of the docs parsed so far lean to (`leadingDialect`, asked at 16, 32, 64… docs, so
 * that a tree of docs without Type cells costs a handful of tallies), and each doc's title as
 * its first line says (`guessTitle`; a cached doc's is known). Docs parsed before a dialect leads
 * are kept and read later, as every doc was before.
 *
 * A model read ahead is used only when the run's dialect is the one it was read with and its link
 * and name questions get the same answers in the real tree, which is certain when every guessed
 * title was right, and else checked as a cached model's are (`stillHolds`); a model that fails is
 * read again from its doc, parsed again. So the output never depends on the guesses, only the time
 * (test/pipeline/read-ahead.test.ts). Docs parsed on helper threads are read there afterwards.
 */
class ReadAhead {
  private readonly tree: { path: string; title?: string }[];
  private reader?: { dialect: Dialect; resolvers: Resolvers };
  private readonly models = new Map<string, ModelEntry>();
  private readonly ballots: Ballot[] = [];
  private nextLean = 16;
  private resolvers?: Resolvers;
  /** Whether every guessed title was right (`resolversOf`). */
  private exact = false;

  constructor(
    docs: readonly Doc[],
    toParse: readonly { slot: number; text: string }[],
    dialect: Dialect | undefined,
    private readonly cached: boolean,
  ) {
    this.tree = docTree(docs);
    for (const p of toParse) {
      const title = guessTitle(p.text);
      const node = this.tree[p.slot]!;
      if (title === undefined) delete node.title;
      else node.title = title;
    }
    if (dialect) this.reader = { dialect, resolvers: this.guessedResolvers() };
  }

  private guessedResolvers(): Resolvers {
    return (this.resolvers ??= timed("ir", () => docResolvers(this.tree)));
  }

  /** Read `doc`'s model now if a dialect is known or leads (its ballot counts towards that); whether it was read. */
  read(doc: DocFile, ballot: Ballot | undefined): boolean {
    if (!this.reader && ballot) {
      this.ballots.push(ballot);
      if (this.ballots.length < this.nextLean) return false;
      this.nextLean *= 2;
      const resolvers = this.guessedResolvers();
      const lead = timed("ir", () => leadingDialect(this.ballots, resolvers.name));
      if (lead === undefined) return false;
      this.reader = { dialect: getDialect(lead)!, resolvers };
      this.ballots.length = 0;
    }
    if (!this.reader) return false;
    this.models.set(doc.path, readModel(doc, this.reader.dialect, this.reader.resolvers, this.cached));
    return true;
  }

  /** Once every doc is parsed, with the real tree: the resolvers the reads used if every guessed title was right. */
  resolversOf(tree: readonly { path: string; title?: string }[]): Resolvers | undefined {
    this.exact = tree.length === this.tree.length && tree.every((t, i) => t.path === this.tree[i]!.path && t.title === this.tree[i]!.title);
    return this.exact ? this.resolvers : undefined;
  }

  /**
   * Once the run's dialect is known (after `resolversOf`): a lookup of the models read ahead that
   * hold (undefined for a doc whose model must be read again), or undefined when none can.
   */
  results(dialect: Dialect): ((path: string, resolvers: Resolvers) => ModelEntry | undefined) | undefined {
    if (this.reader?.dialect !== dialect || this.models.size === 0) return undefined;
    const { exact, models } = this;
    return (path, resolvers) => {
      const entry = models.get(path);
      return entry && (exact || stillHolds(entry, resolvers, path)) ? entry : undefined;
    };
  }
}

/**
 * A file the cache knows by its hash only, from the output folder: "kept" as it is when the run
 * stamp vouches for it, else its text read back when it still has that hash; undefined when it
 * is missing or changed (it is made again).
 */
function fromOutput(path: string, hash: string, o: PipelineOptions): "kept" | OutputFile | undefined {
  if (o.vouched?.get(path) === hash) return "kept";
  const onDisk = o.readOutput?.(path);
  return onDisk !== undefined && contentHash(path, onDisk) === hash ? { path, content: onDisk } : undefined;
}

/**
 * The folder's own files from their cache entry: the texts kept in memory (watch mode), else
 * each one from the output folder (`fromOutput`; the kept ones are added to `kept`). Undefined
 * when any is missing or changed: they are rendered again.
 */
function cachedFolder(hit: EmitEntry, o: PipelineOptions, kept: { path: string; hash: string }[]): OutputFile[] | undefined {
  if (hit.content !== undefined) return JSON.parse(hit.content) as OutputFile[];
  if (!hit.files) return undefined;
  const files: OutputFile[] = [];
  const keep: { path: string; hash: string }[] = [];
  for (const [path, hash] of hit.files) {
    const onDisk = fromOutput(path, hash, o);
    if (!onDisk) return undefined;
    if (onDisk === "kept") keep.push({ path, hash });
    else files.push(onDisk);
  }
  append(kept, keep);
  return files;
}

/**
 * Run a step over `items`: on this thread alone when they are few, else shared with the helpers
 * in chunks taken from one queue, so that a helper that starts late or runs slower (each thread
 * compiles its own code) simply takes fewer; results in item order whoever made them.
 */
async function spread<T, R>(
  items: readonly T[],
  helpers: () => Helper[],
  run: { here: (item: T) => Promise<R>; there: (helper: Helper, chunk: T[]) => Promise<R[]>; meanwhile?: () => void },
): Promise<R[]> {
  const pool = items.length >= MIN_ITEMS ? helpers() : [];
  const results = new Array<R>(items.length);
  const size = chunkSize(items.length, pool.length + 1);
  let next = 0;
  const take = (): [number, number] | undefined => {
    if (next >= items.length) return undefined;
    const from = next;
    next = Math.min(items.length, next + size);
    return [from, next];
  };
  const feed = async (helper: Helper) => {
    for (let r = take(); r; r = take()) {
      const [from, to] = r;
      (await run.there(helper, items.slice(from, to))).forEach((x, i) => (results[from + i] = x));
    }
  };
  // the helpers' loops: each asks for its next chunk when its last one is back
  const away = pool.map((helper) => feed(helper));
  for (let r = take(); r; r = take()) {
    for (let i = r[0]; i < r[1]; i++) results[i] = await run.here(items[i]!);
    // Let the helpers' replies in (they arrive as events), so that they get their next chunks.
    if (pool.length > 0) await new Promise((resolve) => setImmediate(resolve));
  }
  // Work of this thread's own that the helpers' results do not wait for.
  run.meanwhile?.();
  if (pool.length > 0) await timedWait("wait", Promise.all(away));
  return results;
}

/** Items per chunk: about eight chunks per thread, at least 4 and at most 64 items. */
export function chunkSize(items: number, threads: number): number {
  return Math.max(4, Math.min(64, Math.ceil(items / threads / 8)));
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

