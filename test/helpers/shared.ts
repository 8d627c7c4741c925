import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A path inside `../shared` (the corpora and the design docs, beside this repo).
 * Throws, so that the calling test fails loudly, when the folder is missing: tests
 * that need the corpora must never pass by skipping.
 */
export function sharedPath(...parts: string[]): string {
  const root = process.env.DOCS2TS_SHARED ?? resolve(repoRoot, "../shared");
  const path = join(root, ...parts);
  if (!existsSync(path)) {
    throw new Error(
      `missing ${path}: the tests read the shared corpora from ../shared (or $DOCS2TS_SHARED)`,
    );
  }
  return path;
}

export function corpusPath(name: string): string {
  return sharedPath("corpora", name);
}
