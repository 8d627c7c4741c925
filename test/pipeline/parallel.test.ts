import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MIN_ITEMS } from "../../generator/parallel/pool.js";
import { chunkSize } from "../../generator/pipeline.js";
import { readTree } from "../helpers/cli.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";

/**
 * Helper threads (generator/parallel/) share the per-doc and per-model steps of a large run.
 * The output must not depend on them: the same bytes with 0, 1 or 3 helpers, cold and through
 * a warm cache after edits (where a few docs are parsed and a few models emitted on whichever
 * thread), and the same diagnostics.
 */

const files = (dir: string) => readTree(dir);

/** The real CLI, run in `out`'s parent folder (where a package.json puts the cache, if any). */
function generate(input: string, out: string, workers: number, ...extra: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, "bin/docs2ts.js"), "generate", "--input", input, "--out", out, ...extra], {
    cwd: join(out, ".."),
    encoding: "utf8",
    env: { ...process.env, DOCS2TS_WORKERS: String(workers), DOCS2TS_TIMINGS: "1" },
  });
  expect(r.status, r.stderr).toBe(0);
  // The timings show a `wait` stage exactly when helpers took work: the run really was shared
  // (a helper that failed to start would leave the main thread alone, with the same bytes).
  const timings = r.stderr.split("\n").find((l) => l.startsWith("docs2ts: timings:"));
  expect(timings, r.stderr).toBeDefined();
  expect(/\bwait \d+ ms\b/.test(timings!), timings).toBe(workers > 0);
  const report = r.stderr.split("\n").filter((l) => l !== timings).join("\n");
  return report.replace(/\(\d+\.\d+s;/, "(Xs;").replace(/-> \S+:/, "-> OUT:");
}

describe("helper threads change nothing in the output", () => {
  it("clerk-ruby-sorbet with 0, 1 and 3 helpers, without a cache: same bytes, same report", () => {
    const root = mkdtempSync(join(tmpdir(), "docs2ts-parallel-"));
    const input = corpusPath("clerk-ruby-sorbet");
    const reports = [0, 1, 3].map((n) => generate(input, join(root, `out${n}`), n, "--no-cache"));
    expect(reports[1]).toBe(reports[0]);
    expect(reports[2]).toBe(reports[0]);
    const base = files(join(root, "out0"));
    expect(base.size).toBeGreaterThan(400);
    expect(files(join(root, "out1"))).toEqual(base);
    expect(files(join(root, "out3"))).toEqual(base);
  });

  it("through a warm cache after edits (a few docs parsed, a few models emitted), with and without helpers", () => {
    const root = mkdtempSync(join(tmpdir(), "docs2ts-parallel-"));
    writeFileSync(join(root, "package.json"), "{}\n");
    const docs = join(root, "docs");
    cpSync(corpusPath("clerk-ruby-sorbet"), docs, { recursive: true });
    // Cold with helpers, then edits: one doc's type, one doc's row removed, 70 docs touched so that the
    // second run has enough to parse to share it out.
    generate(docs, join(root, "out"), 1);
    const edit = (path: string, fn: (s: string) => string) => writeFileSync(join(docs, path), fn(readFileSync(join(docs, path), "utf8")));
    edit("models/shared/phonenumber.md", (s) => s.replace("*::String*", "*::Integer*"));
    edit("models/shared/identificationlink.md", (s) => s.split("\n").filter((l) => !l.startsWith("| `id`")).join("\n"));
    const shared = readdirSync(join(docs, "models/shared")).sort().slice(0, MIN_ITEMS + 6);
    for (const f of shared) edit(`models/shared/${f}`, (s) => `${s}\n`);
    const warm = generate(docs, join(root, "out"), 1);
    const edited = new Set([...shared, "phonenumber.md", "identificationlink.md"]).size;
    expect(edited).toBeGreaterThanOrEqual(MIN_ITEMS);
    expect(warm).toMatch(new RegExp(`\\b${edited} docs parsed, [1-9]\\d* models emitted`));
    const reference = generate(docs, join(root, "ref"), 0, "--no-cache");
    expect(files(join(root, "out"))).toEqual(files(join(root, "ref")));
    expect(warm.split("\n").slice(0, -2)).toEqual(reference.split("\n").slice(0, -2));
  });
});

describe("chunkSize", () => {
  it("gives about eight chunks per thread, between 4 and 64 items", () => {
    expect(chunkSize(415, 2)).toBe(26);
    expect(chunkSize(2382, 2)).toBe(64);
    expect(chunkSize(70, 2)).toBe(5);
    expect(chunkSize(10, 4)).toBe(4);
  });
});
