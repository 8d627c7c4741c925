import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * A code cache folder's entries: each file's modification time and bytes. V8 rejects data it
 * cannot use and code-cache.ts then rewrites the entry, so entries equal before and after a run
 * were all accepted by it.
 */
export function cacheEntries(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, `${statSync(join(dir, f)).mtimeMs} ${readFileSync(join(dir, f), "latin1")}`]));
}
