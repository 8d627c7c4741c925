import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import vm from "node:vm";
import { createHash } from "node:crypto";

/**
 * `require` a CommonJS package with a V8 code cache, the way Node 22's module compile cache does
 * (Node 20 has none built in). ts-morph is 12 MB of JavaScript (it bundles the TypeScript
 * compiler); compiling it is most of the cost of loading it, and V8 can instead deserialize
 * the code it compiled on an earlier run.
 *
 * Only the files compiled while this one `require` runs are cached (the package and what it
 * requires), and only for this call: `Module.prototype._compile` is replaced for its duration
 * and restored after it. The cache lives in `.cache/docs2ts-code-cache/` of the `node_modules`
 * folder that holds the package (as trusted as the package code beside it), one file per
 * source file, keyed by path, size, mtime, Node version and architecture; V8 itself rejects data
 * made for another source or V8 build, and a rejected or unreadable entry is rewritten. Nothing
 * is cached when that folder cannot be written, or with DOCS2TS_CODE_CACHE=0.
 */
export function requireWithCodeCache<T>(from: string | URL, id: string): T {
  const require = createRequire(from);
  if (process.env.DOCS2TS_CODE_CACHE === "0") return require(id) as T;
  let cacheDir: string | undefined;
  try {
    cacheDir = cacheDirFor(require.resolve(id));
  } catch {
    cacheDir = undefined;
  }
  if (!cacheDir) return require(id) as T;
  const proto = Module.prototype as unknown as { _compile(content: string, filename: string): unknown };
  const original = proto._compile;
  const dir = cacheDir;
  proto._compile = function (this: Module, content: string, filename: string): unknown {
    if (!filename.endsWith(".js") && !filename.endsWith(".cjs")) return original.call(this, content, filename);
    return compileCached(this, content, filename, dir);
  };
  try {
    return require(id) as T;
  } finally {
    proto._compile = original;
  }
}

/** `<dir>/node_modules/.cache/docs2ts-code-cache` for a file below `<dir>/node_modules/`. */
function cacheDirFor(file: string): string | undefined {
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return undefined;
  return join(file.slice(0, at + marker.length), ".cache", "docs2ts-code-cache");
}

/** What `Module.prototype._compile` does for CommonJS, with cached data in and out. */
function compileCached(module: Module, content: string, filename: string, dir: string): unknown {
  const stat = statSync(filename);
  const key = createHash("sha256").update(`${filename}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`).digest("hex").slice(0, 32);
  const file = join(dir, `${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(stripShebang(content)), {
    filename,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
  const require = createRequire(filename);
  const result = wrapper.call(module.exports, module.exports, require, module, filename, dirname(filename));
  if (!cachedData || script.cachedDataRejected) {
    if (pending.length === 0) process.once("exit", writePending);
    pending.push({ script, file, dir });
  }
  return result;
}

/** Scripts whose cache is to be written when the process exits. */
const pending: { script: vm.Script; file: string; dir: string }[] = [];

/**
 * Made at exit rather than after loading, so that the cache also holds the functions compiled
 * while the run used the package (for ts-morph: the printers), not only those run at load.
 */
function writePending(): void {
  for (const { script, file, dir } of pending.splice(0)) {
    try {
      mkdirSync(dir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, file);
    } catch {
      // A cache that cannot be written only makes the next run slower.
    }
  }
}

/** Node strips a `#!` line before compiling; so must we, or the wrapped source is a syntax error. */
function stripShebang(content: string): string {
  return content.startsWith("#!") ? "//" + content.slice(2) : content;
}
