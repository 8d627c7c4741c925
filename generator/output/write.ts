import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { OutputFile } from "../emit/index.js";
import { timed } from "../timings.js";

/**
 * The only stage that touches the output folder.
 * - A manifest (`.docs2ts-manifest.json`) lists the files docs2ts wrote; only those are ever
 *   replaced or removed, other files in the folder are never touched.
 * - Only files whose bytes change are written (the others keep their mtime).
 * - A run is atomic: new files are staged in `.docs2ts-staging/`, then a journal naming every
 *   rename and removal is written (the commit point), then applied. A run killed before the
 *   journal leaves the old output; one killed after it is completed by the next run.
 */

export const MANIFEST = ".docs2ts-manifest.json";
const STAGING = ".docs2ts-staging";
export const JOURNAL = ".docs2ts-journal.json";

interface Manifest {
  generator: "docs2ts";
  files: string[];
}

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
  try {
    const data = JSON.parse(readFileSync(path, "utf8")) as Partial<Manifest>;
    if (data.generator !== "docs2ts" || !Array.isArray(data.files)) throw new Error("not a docs2ts manifest");
    return new Set(data.files.filter((f): f is string => typeof f === "string" && isSafeRelative(f)));
  } catch (e) {
    throw new OutputError(`${path}: cannot read the manifest (${(e as Error).message}); remove it to start afresh`);
  }
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

/** Bring the folder to exactly `files` and `kept` (see planOutput) (for the paths docs2ts owns). */
export function writeOutput(outDir: string, files: readonly OutputFile[], kept: readonly string[] = []): Plan {
  return timed("write", () => writeFiles(outDir, files, kept));
}

function writeFiles(outDir: string, files: readonly OutputFile[], kept: readonly string[]): Plan {
  if (!existsSync(outDir) && kept.length === 0) return writeNewFolder(outDir, files);
  mkdirSync(outDir, { recursive: true });
  recover(outDir, true);
  const plan = planOutput(outDir, files, kept);
  if (plan.conflicts.length > 0) {
    throw new OutputError(
      `${join(outDir, plan.conflicts[0]!)} exists and was not written by docs2ts; move it away or choose another --out` +
        (plan.conflicts.length > 1 ? ` (${plan.conflicts.length - 1} more such files)` : ""),
    );
  }
  const manifest: Manifest = { generator: "docs2ts", files: [...files.map((f) => f.path), ...kept].sort() };
  const manifestText = JSON.stringify(manifest, null, 2) + "\n";
  const manifestUnchanged = existsSync(join(outDir, MANIFEST)) && readFileSync(join(outDir, MANIFEST), "utf8") === manifestText;
  if (plan.changed.length === 0 && plan.removed.length === 0 && manifestUnchanged) return plan;

  const staging = join(outDir, STAGING);
  rmSync(staging, { recursive: true, force: true });
  const byPath = new Map(files.map((f) => [f.path, f.content] as const));
  const mkdir = folderMaker();
  for (const path of plan.changed) {
    const target = join(staging, path);
    mkdir(dirname(target));
    writeFileSync(target, byPath.get(path)!);
  }
  const journal: Journal = { write: plan.changed, remove: plan.removed, manifest };
  const journalPath = join(outDir, JOURNAL);
  writeFileSync(journalPath + ".tmp", JSON.stringify(journal));
  renameSync(journalPath + ".tmp", journalPath); // the commit point
  apply(outDir, journal);
  return plan;
}

/**
 * A folder that does not exist yet is written whole beside it (`<out>.docs2ts-new-<pid>`) and
 * renamed into place: one rename is the commit point, instead of a staging folder, a journal and
 * a rename per file. A run killed before it leaves no output folder, as before the run, and a
 * work folder that the next run removes.
 */
function writeNewFolder(outDir: string, files: readonly OutputFile[]): Plan {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const prefix = `${basename(outDir)}.docs2ts-new-`;
  for (const e of readdirSync(parent)) if (e.startsWith(prefix)) rmSync(join(parent, e), { recursive: true, force: true });
  const work = join(parent, `${prefix}${process.pid}`);
  const mkdir = folderMaker();
  for (const file of files) {
    const target = join(work, file.path);
    mkdir(dirname(target));
    writeFileSync(target, file.content);
  }
  mkdir(work);
  const manifest: Manifest = { generator: "docs2ts", files: files.map((f) => f.path).sort() };
  writeFileSync(join(work, MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
  renameSync(work, outDir);
  return { changed: files.map((f) => f.path), unchanged: [], removed: [], conflicts: [] };
}

/** `mkdir -p`, once per folder. */
function folderMaker(): (dir: string) => void {
  const made = new Set<string>();
  return (dir) => {
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
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
