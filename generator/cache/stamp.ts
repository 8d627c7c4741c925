import { existsSync, readFileSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import { listDocs, pathIn } from "../markdown/files.js";
import { writeTextFile } from "../output/file.js";
import { JOURNAL } from "../output/write.js";
import { sha256 } from "./fingerprint.js";

/**
 * The run stamp: what a successful `generate` saw, so that the next run can tell that nothing
 * changed from file metadata alone, without reading the cache file, the docs or the output.
 *
 * It lists every doc (path, size, mtime, ctime, inode and the hash of its bytes as read), every
 * file of the output (the same, after writing) and the run's report (diagnostics, counts,
 * dialect note), under a key of everything else the output depends on: docs2ts's own code, the
 * settings, the templates, the input and output folders. A run whose key, doc list and every
 * file's metadata match prints the recorded report and stops: that is the same output the
 * pipeline would give, since the pipeline is a function of exactly those inputs.
 *
 * Metadata can lie in one case: a file changed again within the timestamp granularity of the
 * moment it was recorded (same size, same mtime). As git does for its index, a file whose mtime
 * is that close to the time the stamp was written ("racy", `RACY_MS`) is checked by content hash
 * instead.
 * Any doubt (a missing or unreadable stamp, an interrupted write in the output folder, any
 * mismatch) means the stamp is not used and the full pipeline runs, which writes a new one.
 */

/** A file's identity as recorded: size, mtime, ctime, inode (mtime/ctime in ms) and content hash. */
export type FileStamp = [path: string, size: number, mtimeMs: number, ctimeMs: number, ino: number, hash: string];

export interface RunReport {
  docs: number;
  models: number;
  /** Output files, besides the manifest. */
  files: number;
  diagnostics: Diagnostic[];
  dialectNote?: string;
}

interface StampFile {
  stamp: 1;
  key: string;
  /** Date.now() before the docs were examined (read, or checked against an earlier stamp). */
  docsAt: number;
  /** Date.now() before the output files were examined. */
  outAt: number;
  docs: FileStamp[];
  outputs: FileStamp[];
  report: RunReport;
}

/**
 * Files modified this close (ms) to the stamp's time are compared by content, not metadata: the
 * filesystem's timestamp granularity, with a margin. Where every recorded mtime is a whole second
 * (FAT keeps 2 s, HFS+ and ext3 1 s) that is 3 s; where mtimes have fractions (ext4, APFS, NTFS:
 * their clock advances every few milliseconds at most) 50 ms.
 */
export const RACY_MS = { coarse: 3000, fine: 50 };

function racyWindow(data: StampFile): number {
  const fine = (s: FileStamp) => s[2] % 1000 !== 0;
  return data.docs.some(fine) || data.outputs.some(fine) ? RACY_MS.fine : RACY_MS.coarse;
}

export function stampFile(cacheFile: string): string {
  return cacheFile.replace(/\.json$/, "") + ".stamp";
}

/** A doc's stamp from the metadata taken before its bytes were read, and the hash of those bytes. */
export function fileStamp(path: string, stats: Stats, hash: string): FileStamp {
  return [path, stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino, hash];
}

/** The hash a stamp records for a file's bytes. */
export function contentHash(path: string, bytes: Uint8Array | string): string {
  return sha256(path, bytes);
}

/** A stamp read from its file, for the key of this run's settings. */
export class RunStamp {
  private readonly racy: number;

  private constructor(
    private readonly file: string,
    private readonly data: StampFile,
  ) {
    this.racy = racyWindow(data);
  }

  /** The stamp in `file` if it was written under `key`; undefined when missing, unreadable or for other settings. */
  static read(file: string, key: string): RunStamp | undefined {
    let data: StampFile;
    try {
      data = JSON.parse(readFileSync(file, "utf8")) as StampFile;
    } catch {
      return undefined;
    }
    if (data?.stamp !== 1 || data.key !== key || !Array.isArray(data.docs) || !Array.isArray(data.outputs)) return undefined;
    return new RunStamp(file, data);
  }

  /**
   * The recorded report when nothing changed since the stamp was written: same docs, same output
   * files. `undefined` on any difference or doubt. When racy files had to be compared by
   * content, the stamp is rewritten with the time of this check, so that the next run need not.
   */
  unchanged(input: string, out: string): RunReport | undefined {
    const checkedAt = Date.now();
    const { data } = this;
    let paths: string[];
    try {
      paths = listDocs(input);
    } catch {
      return undefined;
    }
    if (paths.length !== data.docs.length || paths.some((p, i) => p !== data.docs[i]![0])) return undefined;
    let byContent = 0;
    const same = (root: string, s: FileStamp, at: number) => {
      const verdict = holds(pathIn(root, s[0]), s, at - this.racy);
      if (verdict === "by content") byContent++;
      return verdict !== false;
    };
    if (!data.docs.every((s) => same(input, s, data.docsAt)) || !data.outputs.every((s) => same(out, s, data.outAt))) return undefined;
    if (byContent > 0) {
      try {
        writeTextFile(this.file, JSON.stringify({ ...data, docsAt: checkedAt, outAt: checkedAt } satisfies StampFile));
      } catch {
        // the next run compares them by content again
      }
    }
    return data.report;
  }

  /**
   * The output files that are still as the last run wrote them (path -> content hash): a run
   * keeps them without their text. Empty while an interrupted write is pending in the folder.
   */
  vouchedOutputs(out: string): Map<string, string> {
    const vouched = new Map<string, string>();
    this.vouched.clear();
    if (existsSync(join(out, JOURNAL))) return vouched;
    for (const s of this.data.outputs) {
      if (!holds(pathIn(out, s[0]), s, this.data.outAt - this.racy)) continue;
      vouched.set(s[0], s[5]);
      this.vouched.set(s[0], s);
    }
    return vouched;
  }

  /**
   * The records of the files `vouchedOutputs` vouched for: a file the run then kept as it was
   * is stamped again from its record, without another `stat` (a file changed meanwhile by
   * someone else no longer matches it, and the next run sees that).
   */
  readonly vouched = new Map<string, FileStamp>();

  /**
   * For the pipeline: a doc's content hash when its metadata (taken now) is what the stamp
   * recorded and it is not racy, so that its bytes need not be read while the cache knows them.
   */
  knownDocs(): (path: string, stats: Stats) => string | undefined {
    const byPath = new Map(this.data.docs.map((s) => [s[0], s] as const));
    const before = this.data.docsAt - this.racy;
    return (path, st) => {
      const s = byPath.get(path);
      return s && sameMetadata(st, s) && !racy(st, before) ? s[5] : undefined;
    };
  }
}

function sameMetadata(st: Stats, s: FileStamp): boolean {
  return st.size === s[1] && st.mtimeMs === s[2] && st.ctimeMs === s[3] && st.ino === s[4];
}

/** Modified (or its metadata changed) at or after `before`: its metadata cannot vouch for it. */
function racy(st: Stats, before: number): boolean {
  return st.mtimeMs >= before || st.ctimeMs >= before;
}

/**
 * Whether the file at `full` still is what `s` recorded: by its metadata, or by its content when
 * it is racy (modified at or after `before`).
 */
function holds(full: string, s: FileStamp, before: number): false | "by metadata" | "by content" {
  let st: Stats;
  try {
    st = statSync(full);
  } catch {
    return false;
  }
  if (!st.isFile() || !sameMetadata(st, s)) return false;
  if (!racy(st, before)) return "by metadata";
  try {
    return contentHash(s[0], readFileSync(full)) === s[5] ? "by content" : false;
  } catch {
    return false;
  }
}

/**
 * Write the stamp after a successful run. `docs` were stamped as they were read, after
 * `docsAt`; the output files are stamped now, from what was just written. Never throws: without
 * a stamp the next run only takes the longer way.
 */
export function writeStamp(
  file: string,
  key: string,
  docsAt: number,
  docs: FileStamp[],
  out: string,
  outputs: readonly ({ path: string; content: string } | { path: string; hash: string })[],
  report: RunReport,
  /** Records of output files the run kept as they were (`RunStamp.vouched`). */
  kept?: ReadonlyMap<string, FileStamp>,
): void {
  try {
    const outAt = Date.now();
    const outStamps = outputs.map((o) => {
      const known = "hash" in o ? kept?.get(o.path) : undefined;
      if (known && "hash" in o && known[5] === o.hash) return known;
      return fileStamp(o.path, statSync(join(out, o.path)), "hash" in o ? o.hash : contentHash(o.path, o.content));
    });
    const data: StampFile = { stamp: 1, key, docsAt, outAt, docs, outputs: outStamps, report };
    writeTextFile(file, JSON.stringify(data));
  } catch {
    // read-only cache folder, or the output changed under us: no stamp
  }
}
