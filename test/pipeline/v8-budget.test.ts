import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { budgetForEmit, budgetForRun, EMIT_BUDGET, LONG_RUN_DOCS, RAISED_BUDGET, V8_BUDGET } from "../../generator/v8-budget.js";
import { cacheEntries } from "../helpers/code-cache.js";
import { repoRoot } from "../helpers/shared.js";

/**
 * The CLI's V8 interrupt budget (generator/v8-budget.ts): V8's own at start, raised before the
 * first parse of a run that parses at most LONG_RUN_DOCS docs. Its effect on time is the
 * generation bench's to show; here, the policy, and that changing a flag mid-run leaves the code
 * cache valid.
 */
describe("V8's interrupt budget", () => {
  it("a short run raises the budget once; a long one, or one with V8's flags left alone, keeps V8's", () => {
    expect(RAISED_BUDGET).toBe(4 * V8_BUDGET);
    expect(budgetForRun(LONG_RUN_DOCS, "default")).toBe(RAISED_BUDGET);
    expect(budgetForRun(0, "default")).toBe(RAISED_BUDGET);
    expect(budgetForRun(LONG_RUN_DOCS + 1, "default")).toBeUndefined();
    expect(budgetForRun(1, "raised")).toBeUndefined();
    expect(budgetForRun(1, "untouched")).toBeUndefined(); // DOCS2TS_V8_BUDGET=1, or main() run in-process
  });

  it("a short run's emit raises it further; a long run's emit, or one with V8's flags left alone, keeps what it has", () => {
    expect(EMIT_BUDGET).toBe(16 * V8_BUDGET);
    expect(budgetForEmit("raised")).toBe(EMIT_BUDGET);
    expect(budgetForEmit("default")).toBeUndefined(); // a long run: V8's budget throughout
    expect(budgetForEmit("emitting")).toBeUndefined();
    expect(budgetForEmit("untouched")).toBeUndefined();
  });

  // Two modules, one loaded before a flag changes and one after; three processes with one cache
  // folder. Entries are made at exit, after the change, and V8 rejects data made under other
  // flags (a rejected entry is rewritten): entries that stay byte-identical, with the same
  // modification time, were accepted. The run's own order (V8's budget, then the raised one), and
  // the other way round, where without code-cache.ts setting each script's flags back before
  // making its data, the early module's entry is rewritten on every run.
  it.each([
    ["the CLI's order: V8's budget at start, raised before the parse", "budget.startBudget(); const change = () => budget.fitBudgetToRun(1);"],
    ["the CLI's order with an emit: V8's at start, raised before the parse, raised again for the emit, back after", "budget.startBudget(); const change = () => { budget.fitBudgetToRun(1); budget.fitBudgetToEmit(); }; process.on('exit', () => budget.endEmitBudget());"],
    ["the other way round", "cc.setV8Flags(`--interrupt-budget=${budget.RAISED_BUDGET}`); const change = () => cc.setV8Flags(`--interrupt-budget=${budget.V8_BUDGET}`);"],
  ])("scripts loaded before and after the budget changes keep code cache entries V8 accepts: %s", (_, flags) => {
    const dir = mkdtempSync(join(tmpdir(), "docs2ts-budget-"));
    const cacheDir = join(dir, "cache");
    writeFileSync(join(dir, "early.cjs"), "module.exports = (n) => n + 1;\n");
    writeFileSync(join(dir, "late.cjs"), "module.exports = (n) => n * 2;\n");
    const url = (f: string) => JSON.stringify(pathToFileURL(join(repoRoot, "dist", f)).href);
    const script = join(dir, "run.mjs");
    writeFileSync(
      script,
      [
        `const cc = await import(${url("code-cache.js")});`,
        `const budget = await import(${url("v8-budget.js")});`,
        flags,
        `const early = cc.loadWithCodeCache(import.meta.url, "./early.cjs");`,
        `change();`,
        `const late = cc.loadWithCodeCache(import.meta.url, "./late.cjs");`,
        `process.stdout.write(String(late(early(1))));`,
      ].join("\n"),
    );
    const run = () => {
      const r = spawnSync(process.execPath, [script], { encoding: "utf8", env: { ...process.env, DOCS2TS_CODE_CACHE: "", DOCS2TS_V8_BUDGET: "", DOCS2TS_CODE_CACHE_DIR: cacheDir } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe("4");
    };
    const entries = () => cacheEntries(cacheDir);
    run();
    const made = entries();
    expect(Object.keys(made)).toHaveLength(2);
    run();
    expect(entries()).toEqual(made);
    run();
    expect(entries()).toEqual(made);
  });

  // Watch mode changes the budget twice a run (the emit's, then the run's again): a script
  // loaded after one run or after three must find the same entry, or each session of `--watch`
  // would key its late scripts anew and leave an entry per count of runs behind.
  it("a script loaded after more budget changes keeps the same code cache entry", () => {
    const dir = mkdtempSync(join(tmpdir(), "docs2ts-budget-"));
    const cacheDir = join(dir, "cache");
    writeFileSync(join(dir, "late.cjs"), "module.exports = (n) => n * 2;\n");
    const url = (f: string) => JSON.stringify(pathToFileURL(join(repoRoot, "dist", f)).href);
    const script = join(dir, "run.mjs");
    writeFileSync(
      script,
      [
        `const cc = await import(${url("code-cache.js")});`,
        `const budget = await import(${url("v8-budget.js")});`,
        `budget.startBudget();`,
        `budget.fitBudgetToRun(1);`,
        `for (let i = 0; i < Number(process.argv[2]); i++) { budget.fitBudgetToEmit(); budget.endEmitBudget(); }`,
        `const late = cc.loadWithCodeCache(import.meta.url, "./late.cjs");`,
        `process.stdout.write(String(late(2)));`,
      ].join("\n"),
    );
    const run = (runs: number) => {
      const r = spawnSync(process.execPath, [script, String(runs)], { encoding: "utf8", env: { ...process.env, DOCS2TS_CODE_CACHE: "", DOCS2TS_V8_BUDGET: "", DOCS2TS_CODE_CACHE_DIR: cacheDir } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe("4");
    };
    run(1);
    const made = cacheEntries(cacheDir);
    expect(Object.keys(made)).toHaveLength(1);
    run(3);
    expect(cacheEntries(cacheDir)).toEqual(made);
  });
});
