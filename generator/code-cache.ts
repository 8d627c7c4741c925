import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join, resolve, sep } from "node:path";
import { setFlagsFromString } from "node:v8";
import vm from "node:vm";

/**
 * CommonJS loading with a V8 code cache, the way Node 22's module compile cache does (Node 20
 * has none built in): instead of parsing and compiling a file's JavaScript on every run, V8
 * deserializes the code it compiled on an earlier run, functions compiled while that run went on
 * included. Two users:
 * - `requireWithCodeCache(from, "ts-morph")`: a package and what it requires during that call
 *   (ts-morph is 12 MB of JavaScript; compiling it is most of the cost of loading it);
 * - `loadWithCodeCache(from, "../dist/bundle/cli.cjs")` (bin/docs2ts.js): docs2ts's own bundle,
 *   the chunks it requires later included (the markdown parser, the emitter): parsing and
 *   compiling them again is a tenth of a cold run over a few hundred docs.
 *
 * `Module.prototype._compile` is wrapped once; it compiles with the cache only the files of a
 * `requireWithCodeCache` call while it runs and those below a folder given to
 * `loadWithCodeCache`, every other file as Node does. The cache lives in
 * `.cache/docs2ts-code-cache/` of the `node_modules` folder that holds the package, or for a
 * package not installed in one (a checkout of docs2ts) of the `node_modules` its dependencies
 * come from: as trusted as the package code beside it. One file per source file, keyed by path,
 * size, mtime, Node version, architecture and V8 flags; V8 itself rejects data made for another
 * source or V8 build, and a rejected or unreadable entry is rewritten. Entries are written when
 * the process exits, so that they hold what the run compiled. DOCS2TS_CODE_CACHE_DIR=<folder>
 * puts the cache there instead (a read-only node_modules); nothing is cached when the folder
 * cannot be written, or with DOCS2TS_CODE_CACHE=0.
 */
export function requireWithCodeCache<T>(from: string | URL, id: string): T {
  const require = createRequire(from);
  const cacheDir = enabled() ? cacheDirOf(() => require.resolve(id)) : undefined;
  if (!cacheDir) return require(id) as T;
  hook();
  const outer = during;
  during = cacheDir;
  try {
    return require(id) as T;
  } finally {
    during = outer;
  }
}

/**
 * `require` module `id` (resolved from `from`) with a code cache, and every `.cjs`/`.js` file of
 * its folder (and below) that is required later in the process: a bundle's lazy chunks.
 */
export function loadWithCodeCache<T>(from: string | URL, id: string): T {
  const require = createRequire(from);
  if (enabled()) {
    const file = require.resolve(id);
    const cacheDir = cacheDirOf(() => file);
    if (cacheDir) {
      hook();
      folders.push({ prefix: dirname(file) + sep, cacheDir });
    }
  }
  return require(id) as T;
}

/**
 * Set V8 flags (`v8.setFlagsFromString`) before loading code: they are part of the cache key,
 * since V8 rejects code cached under other flags.
 */
export function setV8Flags(flags: string): void {
  setFlagsFromString(flags);
  for (const flag of flags.split(/\s+/)) if (flag !== "") flagList.set(flagName(flag), flag);
  v8Flags = [...flagList.values()].join(" ");
}

/**
 * The flags set so far, the last value of each (a flag set again keeps its first place): the
 * state they make is the same as all of them in order, and a watch session, which changes the
 * budget twice a run, does not grow the cache key of each script it loads later.
 */
const flagList = new Map<string, string>();
let v8Flags = "";

/** A V8 flag's name: `--no-x`, `--x=1` and `--x` are one flag; V8 reads `_` as `-`. */
function flagName(flag: string): string {
  return flag.replace(/=.*$/s, "").replace(/^--?(?:no-?)?/, "").replaceAll("_", "-");
}
/** The cache folder of the running `requireWithCodeCache` call, if any. */
let during: string | undefined;
/** Folders whose files are always compiled with a cache (see `loadWithCodeCache`). */
const folders: { prefix: string; cacheDir: string }[] = [];
let hooked = false;

function enabled(): boolean {
  return process.env.DOCS2TS_CODE_CACHE !== "0";
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  const proto = Module.prototype as unknown as { _compile(content: string, filename: string): unknown };
  const original = proto._compile;
  proto._compile = function (this: Module, content: string, filename: string): unknown {
    if (filename.endsWith(".js") || filename.endsWith(".cjs")) {
      const dir = during ?? folders.find((f) => filename.startsWith(f.prefix))?.cacheDir;
      if (dir) return compileCached(this, content, filename, dir);
    }
    return original.call(this, content, filename);
  };
}

function cacheDirOf(file: () => string): string | undefined {
  const chosen = process.env.DOCS2TS_CODE_CACHE_DIR;
  if (chosen) return resolve(chosen);
  try {
    return cacheDirFor(file());
  } catch {
    return undefined;
  }
}

/**
 * `<dir>/node_modules/.cache/docs2ts-code-cache` for a file below `<dir>/node_modules/`; for
 * another file, the same below the nearest folder above it that has a `node_modules` folder.
 */
function cacheDirFor(file: string): string | undefined {
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  if (at >= 0) return join(file.slice(0, at + marker.length), ".cache", "docs2ts-code-cache");
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules", ".cache", "docs2ts-code-cache");
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A cache file's name for its key: 128 bits as 32 hex digits, from four FNV-1a passes over the
 * key with different starting states, each mixed at the end. Not a cryptographic hash: it only
 * names files (V8 rejects data made for another source or flags), and node:crypto, which this
 * used before, cost ~6 ms to load at the start of every run.
 */
export function keyHash(key: string): string {
  let out = "";
  for (const seed of [0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35]) {
    let h = seed;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    out += ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

/** What `Module.prototype._compile` does for CommonJS, with cached data in and out. */
function compileCached(module: Module, content: string, filename: string, dir: string): unknown {
  const stat = statSync(filename);
  const key = keyHash(`${filename}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}\0${process.execArgv.join(" ")}\0${v8Flags}`);
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
    pending.push({ script, file, dir, flags: v8Flags });
  }
  return result;
}

/** Scripts whose cache is to be written when the process exits, with the V8 flags they were compiled under. */
const pending: { script: vm.Script; file: string; dir: string; flags: string }[] = [];

/**
 * Made at exit rather than after loading, so that the cache also holds the functions compiled
 * while the run used the code (for ts-morph: the printers), not only those run at load.
 *
 * V8 stamps the data with a hash of the flags in force when it is made, and rejects it under
 * others; a run may change a flag after loading some scripts (v8-budget.ts), so each script's
 * data is made under the flags it was loaded (and keyed) under. `v8Flags` lists the flags set
 * through `setV8Flags` (each with its last value), and a flag changed during a run is one first
 * set before any script was loaded (as the budget is): setting a script's list again restores its state.
 * Without this, the entry of a script loaded before the change was made under the new flags,
 * rejected by the next run and rewritten by every run after (test/pipeline/v8-budget.test.ts).
 */
function writePending(): void {
  let current = v8Flags;
  for (const { script, file, dir, flags } of pending.splice(0)) {
    if (flags !== current) {
      setFlagsFromString(flags);
      current = flags;
    }
    try {
      // Node's recursive mkdir, not output/file.ts's makeFolder: importing it would split this
      // start-up entry into two bundle chunks, and this folder is node_modules/.cache (or
      // DOCS2TS_CODE_CACHE_DIR), never the --out where a procfs-like path made Node's loop hang.
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
