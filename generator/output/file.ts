import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Write one file atomically (a temporary file renamed over it): `docs2ts graph --out`, the cache file. */
export function writeTextFile(path: string, text: string | Uint8Array): void {
  makeFolder(dirname(path));
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * `mkdir -p`: the folder and the missing ones above it. Not Node's `mkdirSync(path, { recursive:
 * true })`, which (Node 20) loops forever where mkdir answers ENOENT under a folder that exists
 * (`--out /proc/x` hung at 100% CPU); here each level is tried once, and the error is the caller's.
 */
export function makeFolder(path: string): void {
  try {
    mkdirSync(path);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && statSync(path).isDirectory()) return;
    const parent = dirname(path);
    if (code !== "ENOENT" || parent === path) throw e;
    makeFolder(parent);
  }
  try {
    mkdirSync(path);
  } catch (e) {
    // Made meanwhile by another process: as good.
    if ((e as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(path).isDirectory()) throw e;
  }
}
