import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Ballot } from "../dialects/index.js";
import type { LinkFallback, ModelResult } from "../dialects/model.js";
import type { Diagnostic } from "../ir/types.js";
import { writeTextFile } from "../output/file.js";
import { timed } from "../timings.js";
import { generatorFingerprint, sha256 } from "./fingerprint.js";

/**
 * The incremental cache: what docs2ts learnt from each doc and each emitted model file, keyed
 * by content hashes, so that a run re-parses only the docs whose bytes changed and re-emits
 * only the model files whose inputs changed.
 *
 * Where: `node_modules/.cache/docs2ts/` of the project (the nearest folder at or above the
 * config file's folder, or the current folder, holding a package.json), or the config's
 * `cacheDir`; with neither, nothing is cached. One file per (input, output) pair.
 *
 * Safety: the file starts with a SHA-256 of the rest, and is ignored whole (and rewritten)
 * when that does not match, when it is not what this code wrote, or when it was written by
 * another build of docs2ts (`generatorFingerprint`). Every entry is looked up by a hash of all
 * it depends on, and entries whose recorded dependencies changed are recomputed, so a stale
 * entry is never used. Writes are atomic (temporary file, then rename).
 */

/** What one doc's bytes gave (key: hash of its path and bytes). */
export interface DocEntry {
  /** The doc is not text (empty, binary, not UTF-8). */
  error?: Diagnostic;
  /** Its `#` heading as read, for the name resolver. */
  title?: string;
  /** How each dialect reads its Type cells (auto detection; only read when detecting). */
  ballot?: Ballot;
  /** The model read by each dialect, with the link and name questions it asked. */
  models?: Partial<Record<string, ModelEntry>>;
}

export interface ModelEntry extends ModelResult {
  /** Link targets asked (with the hint, after a NUL) and their answers: the entry holds while the answers are the same. */
  links: [string, { target?: string; note?: string; fallback?: LinkFallback }][];
  /** Names asked and their answers. */
  names: [string, string | null][];
}

/**
 * One model file (key: hash of the settings and the model), or the folder's own files (index,
 * README, runtime, shapes record: key of the settings and the models' shapes).
 */
export interface EmitEntry {
  /** Every model the emitter read, with the hash of its IR then; "all" when it read them all. */
  deps: [string, string][] | { all: string };
  /** `contentHash` of the file's path and text (of the folder's files: of their paths and hashes). */
  hash: string;
  /** The folder's files: each one's path and `contentHash`. */
  files?: [path: string, hash: string][];
  /**
   * The text (of the folder's files: their JSON): kept in memory (watch mode), not in the cache
   * file, where it would be most of the bytes (vercel-ts: 2.4 MB of folder files beside 1 MB of
   * emit entries). A run from the cache file uses the output folder instead, for the files the
   * run stamp vouches for, and emits the others again.
   */
  content?: string;
}

/**
 * The file: a line `docs2ts-cache 5 <SHA-256 of the rest>`, then a line of JSON (the generator's
 * fingerprint and the emit entries), then one line per doc entry: its key, a tab, its JSON
 * (JSON.stringify never writes a newline). Loading splits the lines and parses a doc entry only
 * when the run asks for it.
 */
interface CacheHeader {
  fingerprint: string;
  emits: [string, EmitEntry][];
}

const NAME = "docs2ts-cache";
/** The file's format: another one is another build's, ignored as one with another fingerprint. */
const FORMAT = 5;
const MAGIC = `${NAME} ${FORMAT}`;

export class Cache {
  /**
   * Doc entries as JSON text (a line of the cache file each): each `doc()` parses a fresh copy,
   * which the run may change (the IR stage changes the models it is given) without touching the
   * cache, and an entry the run did not change is written back as the same text. Parsing the
   * whole cache file into objects, copying every model the run used and serializing them again
   * cost three times as much.
   */
  private readonly docs = new Map<string, string>();
  private readonly emits = new Map<string, EmitEntry>();
  private readonly usedDocs = new Set<string>();
  private readonly usedEmits = new Set<string>();
  /** Why the file on disk was not used, if it was not ("corrupt", "other version"…). */
  ignored?: string;
  /** Whether the entries differ from the file's (a run where nothing changed does not rewrite it). */
  private changed = true;

  /** `file` undefined: an in-memory cache (watch mode keeps one between runs; tests). */
  constructor(
    readonly file?: string,
    /** false: a cache that keeps nothing (`Cache.none()`), so a run need not compute keys. */
    readonly enabled = true,
  ) {
    if (file) timed("cache", () => this.load(file));
  }

  /** No cache at all: a one-shot run with --no-cache or without a cache folder. */
  static none(): Cache {
    return new Cache(undefined, false);
  }

  /** The cache file of an (input, output) pair in `dir`. */
  static fileFor(dir: string, input: string, out: string): string {
    return join(dir, `${sha256(resolve(input), resolve(out)).slice(0, 24)}.json`);
  }

  /** Whether it knows nothing (no cache, or an empty or ignored file): every doc will be parsed. */
  isEmpty(): boolean {
    return this.docs.size === 0;
  }

  /** Whether it has an entry for this doc key (without marking it used). */
  knows(key: string): boolean {
    return this.docs.has(key);
  }

  /** The entry of a doc key: a copy of its own, as it went through JSON. */
  doc(key: string): DocEntry | undefined {
    const text = this.docs.get(key);
    if (text === undefined) return undefined;
    this.usedDocs.add(key);
    return timed("cache", () => JSON.parse(text) as DocEntry);
  }

  /** Record a doc's entry as it is now (later changes to `entry` need another `setDoc`). */
  setDoc(key: string, entry: DocEntry): void {
    if (!this.enabled) return;
    this.docs.set(key, JSON.stringify(entry));
    this.usedDocs.add(key);
    this.changed = true;
  }

  emit(key: string): EmitEntry | undefined {
    const e = this.emits.get(key);
    if (e) this.usedEmits.add(key);
    return e;
  }

  setEmit(key: string, entry: EmitEntry): void {
    if (!this.enabled) return;
    this.emits.set(key, entry);
    this.usedEmits.add(key);
    this.changed = true;
  }

  /**
   * End of a successful run: forget entries this run did not use, and write the file.
   * Never throws: a cache that cannot be written only makes the next run slower.
   */
  commit(): void {
    for (const k of [...this.docs.keys()]) if (!this.usedDocs.has(k) && this.docs.delete(k)) this.changed = true;
    for (const k of [...this.emits.keys()]) if (!this.usedEmits.has(k) && this.emits.delete(k)) this.changed = true;
    this.usedDocs.clear();
    this.usedEmits.clear();
    const file = this.file;
    if (!file || !this.changed) return;
    timed("cache", () => {
      try {
        // Every entry but its text (see EmitEntry.content).
        const emits = [...this.emits].map(([k, { content, ...entry }]): [string, EmitEntry] => [k, entry]);
        const lines = [JSON.stringify({ fingerprint: generatorFingerprint(), emits } satisfies CacheHeader)];
        for (const [key, text] of this.docs) lines.push(`${key}\t${text}`);
        // The sum of the body's UTF-8 bytes, which `sha256` of the string hashes (no Buffer copies of the file).
        const body = lines.join("\n");
        writeTextFile(file, `${MAGIC} ${sha256(body)}\n${body}`);
        this.changed = false;
      } catch {
        // read-only or full disk: run without a cache
      }
    });
  }

  /** After a failed run: keep what is known for the next one, drop nothing. */
  release(): void {
    this.usedDocs.clear();
    this.usedEmits.clear();
  }

  private load(file: string): void {
    if (!existsSync(file)) return;
    try {
      // The checksum is over the bytes: decoding them is needed anyway, encoding again is not.
      const raw = readFileSync(file);
      const newline = raw.indexOf(0x0a);
      if (newline < 0) throw new Error("corrupt");
      const [name, format, sum] = raw.subarray(0, newline).toString("utf8").split(" ");
      if (name !== NAME || !/^\d+$/.test(format ?? "")) throw new Error("corrupt");
      if (Number(format) !== FORMAT) {
        // Another format, written by another build of docs2ts: not corrupt, only not ours.
        this.ignored = "written by another build of docs2ts";
        return;
      }
      const bytes = raw.subarray(newline + 1);
      if (sum !== sha256(bytes)) throw new Error("corrupt");
      const body = bytes.toString("utf8");
      const lines = body.split("\n");
      const header = JSON.parse(lines[0]!) as CacheHeader;
      if (header.fingerprint !== generatorFingerprint()) {
        this.ignored = "written by another build of docs2ts";
        return;
      }
      if (!Array.isArray(header.emits)) throw new Error("corrupt");
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i]!;
        const tab = line.indexOf("\t");
        if (tab < 0) throw new Error("corrupt");
        this.docs.set(line.slice(0, tab), line.slice(tab + 1));
      }
      for (const [k, v] of header.emits) this.emits.set(k, v);
      this.changed = false;
    } catch {
      this.docs.clear();
      this.emits.clear();
      this.ignored = "unreadable or corrupt";
    }
  }
}

/** `node_modules/.cache/docs2ts` of the nearest folder at or above `start` with a package.json. */
export function defaultCacheDir(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "node_modules", ".cache", "docs2ts");
    if (dirname(dir) === dir) return undefined;
  }
}
