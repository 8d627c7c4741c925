import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { cacheEntries } from "../helpers/code-cache.js";
import { repoRoot } from "../helpers/shared.js";

/**
 * What the speed work added that a user can see: the DOCS2TS_TIMINGS report, and the V8 code
 * cache of the CLI's bundle and of ts-morph, which must never change the output (times themselves are measured by
 * `npm run bench:generate`, never here). `--no-cache`: every run parses and emits.
 */
function generate(out: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(repoRoot, "bin/docs2ts.js"), "generate", "--input", join(repoRoot, "specs"), "--out", out, "--no-cache"], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, DOCS2TS_TIMINGS: "", DOCS2TS_CODE_CACHE: "", ...env },
  });
  return { code: r.status, stderr: r.stderr };
}

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[rel + e.name] = readFileSync(join(d, e.name), "utf8");
    }
  };
  walk(dir, "");
  return out;
}

const CODE_CACHE = join(repoRoot, "node_modules/.cache/docs2ts-code-cache");

describe("speed features", () => {
  it("the benchmark the README names exists and runs with plain Node", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts["bench:generate"]).toBe("node bench/generate.mjs");
    expect(readFileSync(join(repoRoot, "README.md"), "utf8")).toContain("npm run bench:generate");
    const check = spawnSync(process.execPath, ["--check", join(repoRoot, "bench/generate.mjs")], { encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
  });

  it("the lower-tiers benchmark the README names exists and runs with plain Node", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts["bench:tiers"]).toBe("node bench/lower-tiers.mjs");
    expect(readFileSync(join(repoRoot, "README.md"), "utf8")).toContain("npm run bench:tiers");
    const check = spawnSync(process.execPath, ["--check", join(repoRoot, "bench/lower-tiers.mjs")], { encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
  });

  it("DOCS2TS_TIMINGS=1 prints one line of time per stage, adding up to the total", () => {
    const r = generate(mkdtempSync(join(tmpdir(), "docs2ts-timings-")), { DOCS2TS_TIMINGS: "1" });
    expect(r.code).toBe(0);
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("docs2ts: timings:"));
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    // load-ts-morph only when a structure needs ts-morph's printer (emit/print.ts prints these).
    expect(line).toMatch(/^docs2ts: timings: read \d+ ms, parse \d+ ms, ir \d+ ms, emit \d+ ms, write \d+ ms, other \d+ ms, total \d+ ms, cpu \d+ ms; peak memory \d+ MiB$/);
    const ms = Object.fromEntries([...line.matchAll(/([a-z-]+) (\d+) ms/g)].map((m) => [m[1]!, Number(m[2])]));
    const staged = ms.read! + ms.parse! + ms.ir! + ms.emit! + ms.write! + ms.other!;
    expect(Math.abs(staged - ms.total!)).toBeLessThanOrEqual(7); // each figure is rounded
    expect(ms.total).toBeGreaterThan(0);
  });

  it("with a cache, the incremental machinery's own stages (stamp, cache, keys) are listed too, still adding up", () => {
    const root = mkdtempSync(join(tmpdir(), "docs2ts-timings-"));
    writeFileSync(join(root, "package.json"), "{}\n"); // the cache goes to its node_modules/.cache
    cpSync(join(repoRoot, "specs"), join(root, "docs"), { recursive: true });
    const run = () => {
      const r = spawnSync(process.execPath, [join(repoRoot, "bin/docs2ts.js"), "generate", "--input", "docs", "--out", "out"], { cwd: root, encoding: "utf8", env: { ...process.env, DOCS2TS_TIMINGS: "1", DOCS2TS_CODE_CACHE: "" } });
      expect(r.status, r.stderr).toBe(0);
      return r.stderr.split("\n").find((l) => l.startsWith("docs2ts: timings:"))!;
    };
    run();
    const doc = join(root, "docs", (readdirSync(join(root, "docs"), { recursive: true }) as string[]).filter((p) => p.endsWith(".md")).sort()[0]!);
    writeFileSync(doc, readFileSync(doc, "utf8") + "\n");
    const line = run(); // a one-doc edit
    // (no emit: a trailing newline leaves the model as it was, so its file comes from the cache)
    expect(line).toMatch(/^docs2ts: timings: read \d+ ms, parse \d+ ms, ir \d+ ms, write \d+ ms, stamp \d+ ms, cache \d+ ms, keys \d+ ms, other \d+ ms, total \d+ ms, cpu \d+ ms; peak memory \d+ MiB$/);
    const ms = [...line.matchAll(/([a-z-]+) (\d+) ms/g)].map((m) => [m[1]!, Number(m[2])] as const);
    const staged = ms.filter(([k]) => k !== "total" && k !== "cpu").reduce((a, [, v]) => a + v, 0);
    expect(Math.abs(staged - Object.fromEntries(ms).total!)).toBeLessThanOrEqual(ms.length); // each figure is rounded
  });

  it("prints no timings without the variable", () => {
    const r = generate(mkdtempSync(join(tmpdir(), "docs2ts-timings-")));
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("docs2ts: timings:");
  });

  it("the CLI's bundle runs the same without its code cache, with it, from it, and from a corrupt one", () => {
    const cacheDir = join(mkdtempSync(join(tmpdir(), "docs2ts-cc-")), "cache");
    const run = (env: Record<string, string>) => {
      const out = join(mkdtempSync(join(tmpdir(), "docs2ts-cc-out-")), "out");
      const r = generate(out, { DOCS2TS_CODE_CACHE_DIR: cacheDir, ...env });
      expect(r.code, r.stderr).toBe(0);
      return filesOf(out);
    };
    // Each entry's bytes and modification time: an entry V8 rejects is rewritten (a new file).
    const entries = () => cacheEntries(cacheDir);
    const plain = run({ DOCS2TS_CODE_CACHE: "0" });
    expect(existsSync(cacheDir)).toBe(false);
    expect(Object.keys(plain).length).toBeGreaterThan(5);
    expect(run({})).toEqual(plain); // writes the cache at exit
    const made = entries();
    // The entry module, the chunks a run loads (generate, steps, emit…): one entry each.
    expect(Object.keys(made).length).toBeGreaterThanOrEqual(4);
    expect(run({})).toEqual(plain); // from the cache: V8 took every entry (a rejected one is rewritten)
    expect(entries()).toEqual(made);
    for (const f of Object.keys(made)) writeFileSync(join(cacheDir, f), "not a code cache");
    expect(run({})).toEqual(plain);
    expect(Object.values(entries()).filter((entry) => entry.endsWith(" not a code cache"))).toEqual([]);
  });

  it("ts-morph loaded with the code cache, without it, and with a corrupt one prints the same", () => {
    // The CLI loads ts-morph only for a structure emit/print.ts does not print; this loads it
    // the same way (code-cache.ts) in a fresh process and prints with it.
    const script = join(mkdtempSync(join(tmpdir(), "docs2ts-cc-")), "print.mjs");
    const codeCache = pathToFileURL(join(repoRoot, "dist/code-cache.js")).href;
    writeFileSync(
      script,
      [
        `const { requireWithCodeCache } = await import(${JSON.stringify(codeCache)});`,
        `const t = requireWithCodeCache(${JSON.stringify(codeCache)}, "ts-morph");`,
        'process.stdout.write(t.printStructure({ kind: t.StructureKind.Interface, name: "A", isExported: true, docs: ["An A."], properties: [{ name: "b", type: "string", hasQuestionToken: true }] }));',
      ].join("\n"),
    );
    const print = (env: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [script], { encoding: "utf8", env: { ...process.env, DOCS2TS_CODE_CACHE: "", ...env } });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    // A folder of the test's own (DOCS2TS_CODE_CACHE_DIR), so that the garbage below never lands
    // in the checkout's cache, where the CLI's own entries are.
    const own = join(mkdtempSync(join(tmpdir(), "docs2ts-cc-")), "cache");
    const plain = print({ DOCS2TS_CODE_CACHE: "0" });
    expect(plain).toContain("export interface A {");
    expect(print({ DOCS2TS_CODE_CACHE_DIR: own })).toBe(plain);
    const entries = readdirSync(own).filter((f) => f.endsWith(".bin"));
    expect(entries.length).toBeGreaterThan(2); // ts-morph, its common package, TypeScript
    expect(print({ DOCS2TS_CODE_CACHE_DIR: own })).toBe(plain); // from the cache
    // By default the same entries (their names do not depend on the folder) go beside ts-morph.
    expect(print()).toBe(plain);
    for (const f of entries) expect(existsSync(join(CODE_CACHE, f)), f).toBe(true);
    // Garbage in every entry: V8 rejects it, the run compiles as without a cache, and rewrites it.
    for (const f of entries) writeFileSync(join(own, f), "not a code cache");
    expect(print({ DOCS2TS_CODE_CACHE_DIR: own })).toBe(plain);
    const rewritten = entries.filter((f) => readFileSync(join(own, f), "utf8") !== "not a code cache");
    expect(rewritten.length).toBeGreaterThan(2);
  });
});
