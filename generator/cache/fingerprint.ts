import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PACKAGE_JSON } from "../version.js";

/**
 * What the cache calls "the generator version": a hash of docs2ts's own code (every .js/.ts
 * file of the folder it runs from: dist/ as installed, less dist/bundle/ which is made from it;
 * generator/ under the tests) and of its
 * package.json (version and pinned dependencies). A changed line of docs2ts, even without a
 * version bump, gives a new fingerprint and so an empty cache.
 */
let memo: string | undefined;

export function generatorFingerprint(): string {
  if (memo) return memo;
  const hash = crypto().createHash("sha256");
  const codeDir = dirname(dirname(fileURLToPath(import.meta.url)));
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      // dist/bundle/ is made from the rest of dist/ (and pinned packages): hashing it again only costs.
      if (e.isDirectory() && path === "bundle") continue;
      if (e.isDirectory()) walk(join(dir, e.name), path);
      else if (/\.(js|ts)$/.test(e.name)) hash.update(`${path}\0`).update(readFileSync(join(dir, e.name))).update("\0");
    }
  };
  walk(codeDir, "");
  hash.update(readFileSync(PACKAGE_JSON));
  memo = hash.digest("hex");
  return memo;
}

/** SHA-256 (hex) of the parts, each followed by a NUL byte (strings as UTF-8). */
export function sha256(...parts: (string | Uint8Array)[]): string {
  // One-shot hashing (Node >= 20.12) for strings: a run hashes every model, and a Hash object
  // per call cost three times as much there.
  const node = crypto();
  if (node.hash !== undefined && parts.length > 0 && parts.every((p) => typeof p === "string")) return node.hash("sha256", `${parts.join("\0")}\0`, "hex");
  const hash = node.createHash("sha256");
  for (const p of parts) hash.update(p).update("\0");
  return hash.digest("hex");
}

/** `hash` is typed as always there; Node before 20.12 has none (hence the check in `sha256`). */
type Crypto = typeof import("node:crypto");
let loaded: Crypto | undefined;
/**
 * node:crypto, loaded at the first hash: a run without a cache (`--no-cache`, `--version`, `ir`)
 * hashes nothing, and loading it cost ~6 ms of every such run's start.
 */
function crypto(): Crypto {
  return (loaded ??= createRequire(import.meta.url)("node:crypto") as Crypto);
}
