import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { OutputFile } from "../emit/index.js";
import { timed } from "../timings.js";
import { makeFolder } from "./file.js";
import { MANIFEST, type Manifest, manifestFiles } from "./manifest.js";
import { WriterThread } from "./thread.js";

/**
 * The only stage that touches the output folder.
 * - A manifest (`.docs2ts-manifest.json`) lists the files docs2ts wrote; only those are ever
 *   replaced or removed, other files in the folder are never touched.
 * - Only files whose bytes change are written (the others keep their mtime).
 * - A run is atomic: new files are staged in `.docs2ts-staging/`, then a journal naming every
 *   rename and removal is written (the commit point), then applied. A run killed before the
 *   journal leaves the old output; one killed after it is completed by the next run.
 * - `OutputWriter` takes the files one by one as they are made (the CLI's) and writes each at
 *   once, so that no run holds every file's text until its end; `writeOutput` gives it every
 *   file at once.
 */

/**
 * A run that writes at least this many files has a helper thread write them (see OutputWriter
 * and thread.ts): all of them when it says so before its first (`OutputWriter.expectFiles`; the
 * CLI says it before parsing the docs, `expectDocs`, which starts the thread then), else the ones
 * after this many. Starting the thread costs ~0.1 s of processor time on the other
 * core, and the run's end waits for it: in interleaved cold runs on ext4 (2 cores), 60 and 120
 * synthetic docs were 3-4% slower with it from their first file (8-10% from their 33rd or 65th),
 * 200 and 300 the same, clerk's 418 files 5-8% faster (bench/RESULTS.md, eighteenth session).
 */
export const THREAD_FROM = 256;
const STAGING = ".docs2ts-staging";
export const JOURNAL = ".docs2ts-journal.json";

interface Journal {
  write: string[];
  remove: string[];
  manifest: Manifest;
}

export interface Plan {
  /** Files that are new or whose bytes differ. */
  changed: string[];
  unchanged: string[];
  /** Files docs2ts wrote before that it no longer generates. */
  removed: string[];
  /** Files in the way that docs2ts did not write. */
  conflicts: string[];
}

export class OutputError extends Error {}

export function readManifest(outDir: string): Set<string> {
  const path = join(outDir, MANIFEST);
  if (!existsSync(path)) return new Set();
  let files: string[] | undefined;
  try {
    files = manifestFiles(readFileSync(path, "utf8"));
  } catch (e) {
    throw new OutputError(`${path}: cannot read the manifest (${(e as Error).message}); remove it to start afresh`);
  }
  if (!files) throw new OutputError(`${path}: cannot read the manifest (not a docs2ts manifest); remove it to start afresh`);
  return new Set(files.filter(isSafeRelative));
}

/** A relative path that stays inside the folder. */
function isSafeRelative(path: string): boolean {
  return path !== "" && !path.startsWith("/") && !path.split(/[\\/]/).some((p) => p === ".." || p === "") && !/^[A-Za-z]:/.test(path);
}

/**
 * Compare the files with what is on disk. Never writes. `kept` are files the caller knows to be
 * on disk as they should be (the run stamp vouched for them, see cache/stamp.ts): unchanged
 * without being read.
 */
export function planOutput(outDir: string, files: readonly OutputFile[], kept: readonly string[] = []): Plan {
  recover(outDir, false);
  const owned = readManifest(outDir);
  const plan: Plan = { changed: [], unchanged: [...kept], removed: [], conflicts: [] };
  const next = new Set([...files.map((f) => f.path), ...kept]);
  for (const file of files) {
    const path = join(outDir, file.path);
    let current: string | undefined;
    try {
      current = readFileSync(path, "utf8");
    } catch {
      current = undefined;
    }
    if (current === file.content) plan.unchanged.push(file.path);
    else {
      plan.changed.push(file.path);
      if (current !== undefined && !owned.has(file.path)) plan.conflicts.push(file.path);
    }
  }
  for (const path of owned) if (!next.has(path)) plan.removed.push(path);
  plan.removed.sort();
  return plan;
}

/**
 * Bring the folder to exactly `files` and `kept` (see planOutput), for the paths docs2ts owns:
 * an `OutputWriter` given every file at once (the CLI's gives them as they are made).
 */
export function writeOutput(outDir: string, files: readonly OutputFile[], kept: readonly string[] = []): Plan {
  return new OutputWriter(outDir).finish(files, kept);
}

function manifestOf(paths: readonly string[]): Manifest {
  return { generator: "docs2ts", files: [...paths].sort() };
}

function manifestUnchanged(outDir: string, manifest: Manifest): boolean {
  const path = join(outDir, MANIFEST);
  return existsSync(path) && readFileSync(path, "utf8") === JSON.stringify(manifest, null, 2) + "\n";
}

/** The commit of a run into an existing folder whose changed files are staged: the journal, then its application. */
function commitStaged(outDir: string, plan: Plan, manifest: Manifest): void {
  const journal: Journal = { write: plan.changed, remove: plan.removed, manifest };
  const journalPath = join(outDir, JOURNAL);
  writeFileSync(journalPath + ".tmp", JSON.stringify(journal));
  renameSync(journalPath + ".tmp", journalPath); // the commit point
  apply(outDir, journal);
}

/**
 * Where a folder that does not exist yet is written whole, beside it (`<out>.docs2ts-new-<pid>`),
 * before one rename puts it in place: the rename is the commit point, instead of a staging
 * folder, a journal and a rename per file. A run killed before it leaves no output folder, as
 * before the run, and a work folder that the next run removes (here).
 */
function newWorkFolder(outDir: string): string {
  const parent = dirname(outDir);
  makeFolder(parent);
  const prefix = `${basename(outDir)}.docs2ts-new-`;
  for (const e of readdirSync(parent)) if (e.startsWith(prefix)) rmSync(join(parent, e), { recursive: true, force: true });
  return join(parent, `${prefix}${process.pid}`);
}

/** The commit of a new output folder written whole in `work`: its manifest, then one rename. */
function commitNewFolder(work: string, outDir: string, paths: readonly string[]): void {
  makeFolder(work);
  writeFileSync(join(work, MANIFEST), JSON.stringify(manifestOf(paths), null, 2) + "\n");
  renameSync(work, outDir);
}

/**
 * An output run that takes the files as they are made (`add`): each is written at once, so that
 * the caller's texts can be dropped as soon as they are made; `finish` commits exactly as
 * `writeOutput` does (same plan, same files, same commit point), `abort` drops what was
 * written. A new folder is written in its work folder beside it; an existing one gets each file
 * compared with the one on disk and, when it differs, staged.
 *
 * Writes are synchronous: on libuv's threads (`fs.writeFile`) they cost the main thread more
 * than the writes themselves (a queued request, a callback and the threads' wake-ups per file:
 * 170 µs against 110 µs per file on a 2-core machine, where those threads also compete with
 * V8's compiler and GC; the generation bench ran 5-9% slower). In a run that writes many files,
 * one helper thread writes them, sent in batches (thread.ts): one message per 16 files; from the
 * next file once the run says it makes THREAD_FROM more (`expectFiles`), else past `threadAfter`.
 */
export class OutputWriter {
  /** The helper thread, once a write went to it (see `write`). */
  private thread: WriterThread | undefined;
  private count = 0;

  /** Where files go as they are added: decided at the first one. */
  private target: { mode: "new"; work: string } | { mode: "existing"; staging: string; owned: Set<string> } | undefined;
  private readonly mkdir = folderMaker();
  private readonly added = new Set<string>();
  /** For an existing folder: the added files that differ from the ones on disk, and whether they were there. */
  private readonly changed = new Map<string, boolean>();
  private readonly unchanged: string[] = [];
  private failure: Error | undefined;
  private aborted = false;
  /** Gives back the lock on the folder, taken when the run first touches it (`takeLock`). */
  private unlock: (() => void) | undefined;

  /**
   * `threadAfter`: how many files are written here before a helper thread takes the writing
   * over, unless the run says sooner that it makes many (`expectFiles`); a small run never starts
   * one. DOCS2TS_WRITE_THREAD=0 keeps every write here.
   */
  constructor(
    private readonly outDir: string,
    private threadAfter = process.env.DOCS2TS_WRITE_THREAD === "0" ? Infinity : THREAD_FROM,
    /** How long to wait for another run writing the folder (see `takeLock`). */
    private readonly lockWaitMs = LOCK_WAIT_MS,
  ) {}

  /**
   * The run is about to make `files` more files (the CLI's pipeline says so before it emits): from
   * THREAD_FROM on, the helper thread writes them from the next one on (unless the writer never
   * uses one: DOCS2TS_WRITE_THREAD=0). Files that turn out unchanged are not written, and a thread
   * starts only at the first write.
   */
  expectFiles(files: number): void {
    if (files >= THREAD_FROM && this.threadAfter !== Infinity) this.threadAfter = Math.min(this.threadAfter, this.count);
  }

  /**
   * The run is about to parse `docs` docs, each of which may become a file (the CLI's pipeline
   * says so before it parses): from THREAD_FROM on, the helper thread is started now, so that
   * Node has booted it (~0.1 s of processor time, on the other core while the docs are parsed)
   * by the first write, instead of the writes queuing behind its start and the run's end waiting
   * for them. A run that then writes nothing does not wait for it.
   */
  expectDocs(docs: number): void {
    if (docs < THREAD_FROM || this.threadAfter === Infinity) return;
    this.expectFiles(docs);
    this.thread ??= new WriterThread();
  }

  add(file: OutputFile): void {
    if (this.aborted || this.failure || this.added.has(file.path)) return;
    this.added.add(file.path);
    const target = (this.target ??= fsStep(this.outDir, () => this.open()));
    timed("write", () => {
      if (target.mode === "new") {
        this.write(join(target.work, file.path), file.content);
        return;
      }
      let current: string | undefined;
      try {
        current = readFileSync(join(this.outDir, file.path), "utf8");
      } catch {
        current = undefined;
      }
      if (current === file.content) {
        this.unchanged.push(file.path);
        return;
      }
      this.changed.set(file.path, current !== undefined);
      this.write(join(target.staging, file.path), file.content);
    });
  }

  /** Write the files not added yet and commit the run (see `writeOutput`). */
  finish(files: readonly OutputFile[], kept: readonly string[] = []): Plan {
    if (this.aborted) throw new Error("internal: finish after abort");
    this.expectFiles(files.reduce((n, f) => (this.added.has(f.path) ? n : n + 1), 0));
    for (const file of files) this.add(file);
    try {
      return fsStep(this.outDir, () => this.commit(kept));
    } finally {
      this.release();
    }
  }

  /** The end of `finish`: wait for the writes, then commit (or drop) the run. */
  private commit(kept: readonly string[]): Plan {
    return timed("write", () => {
      this.endThread();
      if (this.failure) {
        this.abort();
        throw this.failure;
      }
      const target = (this.target ??= this.open());
      const paths = [...this.added];
      if (target.mode === "new") {
        if (kept.length > 0) {
          this.abort();
          throw new OutputError(`${this.outDir} disappeared while docs2ts ran; run it again`);
        }
        commitNewFolder(target.work, this.outDir, paths);
        return { changed: paths.sort(), unchanged: [], removed: [], conflicts: [] };
      }
      const next = new Set([...paths, ...kept]);
      const changed = [...this.changed.keys()].sort();
      const plan: Plan = {
        changed,
        unchanged: [...this.unchanged, ...kept].sort(),
        removed: [...target.owned].filter((p) => !next.has(p)).sort(),
        conflicts: changed.filter((p) => this.changed.get(p) && !target.owned.has(p)),
      };
      if (plan.conflicts.length > 0) {
        this.abort();
        throw conflictError(this.outDir, plan.conflicts);
      }
      const manifest = manifestOf([...next]);
      if (plan.changed.length === 0 && plan.removed.length === 0 && manifestUnchanged(this.outDir, manifest)) {
        rmSync(target.staging, { recursive: true, force: true });
        return plan;
      }
      commitStaged(this.outDir, plan, manifest);
      return plan;
    });
  }

  /** Drop what this run wrote (its work folder or staging): the output stays as it was. */
  abort(): void {
    this.aborted = true;
    this.endThread(); // nothing lands in the folder after it is removed
    const target = this.target;
    try {
      if (target) rmSync(target.mode === "new" ? target.work : target.staging, { recursive: true, force: true });
    } finally {
      this.release();
    }
  }

  private open(): NonNullable<OutputWriter["target"]> {
    return timed("write", () => {
      this.unlock = takeLock(this.outDir, this.lockWaitMs);
      try {
        if (!existsSync(this.outDir)) return { mode: "new" as const, work: newWorkFolder(this.outDir) };
        recover(this.outDir, true);
        const owned = readManifest(this.outDir);
        const staging = join(this.outDir, STAGING);
        rmSync(staging, { recursive: true, force: true });
        return { mode: "existing" as const, staging, owned };
      } catch (e) {
        this.release();
        throw e;
      }
    });
  }

  /** Give the folder's lock back (once). */
  private release(): void {
    const unlock = this.unlock;
    this.unlock = undefined;
    unlock?.();
  }

  /**
   * Write a file; the first failure is kept for `finish` (and stops the writing). Folders are
   * made here, also for the files the helper thread writes.
   */
  private write(path: string, content: string): void {
    try {
      this.mkdir(dirname(path));
      if (this.thread || ++this.count > this.threadAfter) {
        (this.thread ??= new WriterThread()).write(path, content);
        return;
      }
      writeFileSync(path, content);
    } catch (e) {
      this.failure = cannotWrite(e as NodeJS.ErrnoException, path);
    }
  }

  /** Wait for the helper thread's writes, if any; its first failure becomes the run's. */
  private endThread(): void {
    const failure = this.thread?.end();
    if (failure && !this.failure) this.failure = new OutputError(`${failure.path || this.outDir}: cannot write (${failure.code})`);
  }
}

/**
 * Run a step that touches the folder: a file-system failure in it (a folder that cannot be made,
 * a rename refused, a full disk) is the run's `OutputError`, `<path>: cannot write (<code>)`, not an
 * internal error.
 */
function fsStep<T>(outDir: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    if (e instanceof OutputError || typeof error?.code !== "string" || typeof error.syscall !== "string") throw e;
    throw cannotWrite(error, outDir);
  }
}

/** A file-system failure as the run's error: `<path>: cannot write (<code>)`. */
function cannotWrite(error: NodeJS.ErrnoException, path: string): OutputError {
  return new OutputError(`${error.path ?? path}: cannot write (${error.code ?? error.message})`);
}

/** The lock file of a folder that exists (inside it), and of one that does not yet (beside it). */
const LOCK = ".docs2ts-lock";
/** How long a run waits for another run writing the same folder before it gives up. */
export const LOCK_WAIT_MS = 10_000;

/**
 * One run at a time writes a folder (a `--watch` session and a manual run, say): each would
 * otherwise clear the other's staging and commit a journal naming files that are gone. The lock
 * is a file holding the run's process id, created only if absent; one left by a run that no
 * longer exists (killed) is taken over, and a live holder is waited for up to LOCK_WAIT_MS.
 * Gives the function that removes it.
 */
function takeLock(outDir: string, waitMs: number): () => void {
  const exists = existsSync(outDir);
  const path = exists ? join(outDir, LOCK) : `${outDir}${LOCK}`;
  if (!exists) makeFolder(dirname(outDir));
  const until = Date.now() + waitMs;
  for (let tries = 0; ; tries++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: "wx" });
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let holder: number | undefined;
    try {
      holder = Number(readFileSync(path, "utf8").trim());
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Removed meanwhile: try again. Anything else (a folder of that name) is not ours to remove.
      if (code !== "ENOENT") throw new OutputError(`${path}: cannot read docs2ts's lock file (${code}); remove it`);
    }
    const running = holder !== undefined && isRunning(holder);
    if (running && Date.now() >= until) {
      throw new OutputError(`${outDir}: another docs2ts run (process ${holder}) is writing it; run again when it has ended, or remove ${path} if no such run is left`);
    }
    // Runs that keep taking the lock from under this one (never seen; a bound, not a wait).
    if (tries >= 10_000) throw new OutputError(`${path}: cannot take docs2ts's lock file; remove it`);
    if (running) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    else if (holder !== undefined) rmSync(path, { force: true }); // left by a run that no longer exists
  }
}

/** Whether a process of that id runs (one that is not ours to signal runs too). */
function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function conflictError(outDir: string, conflicts: readonly string[]): OutputError {
  return new OutputError(
    `${join(outDir, conflicts[0]!)} exists and was not written by docs2ts; move it away or choose another --out` +
      (conflicts.length > 1 ? ` (${conflicts.length - 1} more such files)` : ""),
  );
}

/** `mkdir -p`, once per folder. */
function folderMaker(): (dir: string) => void {
  const made = new Set<string>();
  return (dir) => {
    if (made.has(dir)) return;
    makeFolder(dir);
    made.add(dir);
  };
}

/** Finish (roll forward) a committed run, or drop the staging of an uncommitted one. */
function recover(outDir: string, write: boolean): void {
  const journalPath = join(outDir, JOURNAL);
  if (existsSync(journalPath)) {
    if (!write) return;
    let journal: Journal;
    try {
      journal = JSON.parse(readFileSync(journalPath, "utf8")) as Journal;
    } catch {
      rmSync(journalPath, { force: true });
      rmSync(join(outDir, STAGING), { recursive: true, force: true });
      return;
    }
    apply(outDir, journal);
    return;
  }
  if (write) {
    rmSync(join(outDir, STAGING), { recursive: true, force: true });
    rmSync(journalPath + ".tmp", { force: true });
  }
}

function apply(outDir: string, journal: Journal): void {
  const staging = join(outDir, STAGING);
  const mkdir = folderMaker();
  for (const path of journal.write.filter(isSafeRelative)) {
    const from = join(staging, path);
    if (!existsSync(from)) continue; // already moved by an interrupted run
    mkdir(dirname(join(outDir, path)));
    renameSync(from, join(outDir, path));
  }
  for (const path of journal.remove.filter(isSafeRelative)) rmSync(join(outDir, path), { force: true });
  const manifestPath = join(outDir, MANIFEST);
  writeFileSync(manifestPath + ".tmp", JSON.stringify(journal.manifest, null, 2) + "\n");
  renameSync(manifestPath + ".tmp", manifestPath);
  rmSync(join(outDir, JOURNAL), { force: true });
  rmSync(staging, { recursive: true, force: true });
}
