import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyHash } from "../../generator/code-cache.js";
import { tempTree } from "../helpers/cli.js";
import { repoRoot } from "../helpers/shared.js";

/**
 * What a run loads before it does any work: the CLI is CommonJS (no ES module loader), and
 * node:crypto only when something is hashed (a run with a cache). Each cost ~6-10 ms of every
 * run's start (bench/RESULTS.md, eighteenth session); a stray top-level import brings it back.
 */

/** The Node built-in modules a CLI run loaded (process.moduleLoadList at its exit), and its exit code. */
function loadedBy(args: string[], cwd: string): { code: number | null; modules: string[]; stderr: string } {
  const dir = tempTree({});
  const list = join(dir, "modules.txt");
  const preload = join(dir, "preload.cjs");
  writeFileSync(preload, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join("\\n")));\n`);
  const r = spawnSync(process.execPath, ["--require", preload, join(repoRoot, "bin/docs2ts.js"), ...args], { cwd, encoding: "utf8", env: { ...process.env, DOCS2TS_TIMINGS: "" } });
  return { code: r.status, modules: readFileSync(list, "utf8").split("\n"), stderr: r.stderr };
}

const ESM_LOADER = /^NativeModule internal\/modules\/esm\/(translators|module_job)$/;
const CRYPTO = "NativeModule crypto";

describe("what a CLI run loads", () => {
  it("--version and a --no-cache run: neither the ES module loader nor node:crypto", () => {
    const out = join(tempTree({}), "out");
    for (const args of [["--version"], ["generate", "--input", join(repoRoot, "specs"), "--out", out, "--no-cache"]]) {
      const run = loadedBy(args, repoRoot);
      expect(run.code, run.stderr).toBe(0);
      expect(run.modules.length, "the module list was written").toBeGreaterThan(20);
      expect(run.modules.filter((m) => ESM_LOADER.test(m)), args.join(" ")).toEqual([]);
      expect(run.modules, args.join(" ")).not.toContain(CRYPTO);
    }
  });

  it("a run with a cache loads node:crypto (it hashes docs and models): the check above can see it", () => {
    const root = tempTree({ "package.json": "{}\n" });
    const run = loadedBy(["generate", "--input", join(repoRoot, "specs"), "--out", join(root, "out")], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.modules).toContain(CRYPTO);
  });
});

describe("code cache file names (keyHash)", () => {
  it("are 32 hex digits, the same for the same key, and distinct across keys that differ in one field", () => {
    const key = (path: string, size: number, mtime: number, flags: string) => `${path}\0${size}\0${mtime}\0v20.20.2\0x64\0\0${flags}`;
    expect(keyHash(key("/a/cli.cjs", 1, 2, ""))).toMatch(/^[0-9a-f]{32}$/);
    expect(keyHash(key("/a/cli.cjs", 1, 2, ""))).toBe(keyHash(key("/a/cli.cjs", 1, 2, "")));
    const names = new Set<string>();
    let keys = 0;
    for (const path of ["/a/cli.cjs", "/a/fast.cjs", "/b/cli.cjs", "/a/emit.cjs"]) {
      for (let size = 1000; size < 1050; size++) {
        for (const mtime of [1764284400000.123, 1764284400000.124, 1764284401000]) {
          for (const flags of ["", " --no-turbo-inlining", " --no-turbo-inlining --interrupt-budget=270336"]) {
            names.add(keyHash(key(path, size, mtime, flags)));
            keys++;
          }
        }
      }
    }
    expect(names.size).toBe(keys);
    // Each of the four lanes tells keys one character apart (each mixes the whole key).
    const [a, b] = [keyHash(key("/a/cli.cjs", 1, 2, "")), keyHash(key("/a/cli.cjs", 1, 3, ""))];
    for (let lane = 0; lane < 4; lane++) expect(a.slice(lane * 8, lane * 8 + 8)).not.toBe(b.slice(lane * 8, lane * 8 + 8));
  });
});
