/**
 * Generate a docs folder once per test process into `.vitest-tmp/<name>/<hash>/` (git-ignored),
 * and import the generated `index.ts` from there (vitest transpiles the .ts on import).
 *
 * Safe when several test files (vitest runs each in its own process) ask for the same corpus at
 * the same time: the files go to a unique temporary folder that is then renamed into place, and
 * the final folder name is a hash of the generated content, so a folder that exists is complete
 * and holds exactly what this process would have written. A process that loses the rename race
 * uses the winner's folder. Within one process the result is cached: nothing is generated twice.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generate, type GenerateOptions, type IR, type OutputFile } from "../../generator/api.js";
import { repoRoot } from "./shared.js";

/** The root of every generated test output; listed in .gitignore. */
export const tmpRoot = join(repoRoot, ".vitest-tmp");

/** The generated module: `isX`, `validateX`, `assertX`, `XSchema`, enum objects. */
export type GeneratedModule = Record<string, any>;

export interface Generated {
  /** The folder holding models/, runtime.ts, index.ts, README.md. */
  dir: string;
  indexPath: string;
  ir: IR;
  files: OutputFile[];
  /** Import the generated index.ts (cached by the module loader after the first call). */
  load: () => Promise<GeneratedModule>;
}

const cache = new Map<string, Generated>();

/**
 * Generate `inputDir` (once per process) under `.vitest-tmp/<name>/`, with the given options (the
 * defaults when none); throws when the docs have errors, so that a test never passes on an empty output.
 */
export function generated(inputDir: string, name: string, options: Omit<GenerateOptions, "templates"> = {}): Generated {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`bad generated-output name '${name}'`);
  const key = `${name}\0${inputDir}\0${JSON.stringify(options)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  for (const other of cache.keys()) {
    if (other.startsWith(`${name}\0`)) throw new Error(`generated(): name '${name}' already used for another input or options`);
  }

  const { ir, files } = generate(inputDir, options);
  const errors = ir.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || files.length === 0) {
    throw new Error(
      `docs2ts produced no files for ${inputDir}: ${errors.map((d) => `${d.file}:${d.line}: ${d.message}`).join("; ")}`,
    );
  }
  if (!files.some((f) => f.path === "index.ts")) throw new Error(`no index.ts generated for ${inputDir}`);

  ensurePackageJson();
  const hash = createHash("sha256");
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(f.path).update("\0").update(f.content).update("\0");
  }
  const digest = hash.digest("hex").slice(0, 16);
  const parent = join(tmpRoot, name);
  const dir = join(parent, digest);
  mkdirSync(parent, { recursive: true });

  if (!existsSync(join(dir, "index.ts"))) {
    const tmp = join(parent, `.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
    for (const f of files) {
      const path = join(tmp, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another process renamed the same content into place first: use its folder.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(join(dir, "index.ts"))) throw e;
    }
  }
  pruneStale(parent, digest);

  const indexPath = join(dir, "index.ts");
  const result: Generated = {
    dir,
    indexPath,
    ir,
    files,
    load: () => import(/* @vite-ignore */ indexPath) as Promise<GeneratedModule>,
  };
  cache.set(key, result);
  return result;
}

/** `.vitest-tmp/package.json`: the generated .ts files are ES modules. Written atomically. */
function ensurePackageJson(): void {
  const path = join(tmpRoot, "package.json");
  if (existsSync(path)) return;
  mkdirSync(tmpRoot, { recursive: true });
  const tmp = `${path}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(tmp, JSON.stringify({ type: "module", private: true }, null, 2) + "\n");
  renameSync(tmp, path);
}

/** Remove outputs of earlier runs (other hashes, abandoned temp folders) older than ten minutes. */
function pruneStale(parent: string, keep: string): void {
  const cutoff = Date.now() - 10 * 60 * 1000;
  for (const entry of readdirSync(parent)) {
    if (entry === keep) continue;
    const path = join(parent, entry);
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
