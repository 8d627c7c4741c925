import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { budgetForRun, LONG_RUN_DOCS, RAISED_BUDGET, V8_BUDGET } from "../../generator/v8-budget.js";
import { repoRoot } from "../helpers/shared.js";

/**
 * The CLI's V8 interrupt budget (generator/v8-budget.ts): raised at start, V8's own again for a
 * run that parses more than LONG_RUN_DOCS docs. Its effect on time is the generation bench's to
 * show; here, the policy, and that changing a flag mid-run leaves the code cache valid.
 */
describe("V8's interrupt budget", () => {
  it("a long run goes back to V8's budget; a short one, or one that never raised it, is left as it is", () => {
    expect(RAISED_BUDGET).toBe(4 * V8_BUDGET);
    expect(budgetForRun(LONG_RUN_DOCS + 1, true)).toBe(V8_BUDGET);
    expect(budgetForRun(LONG_RUN_DOCS, true)).toBeUndefined();
    expect(budgetForRun(0, true)).toBeUndefined();
    expect(budgetForRun(LONG_RUN_DOCS * 10, false)).toBeUndefined();
  });

  it("scripts loaded before and after the budget changes keep code cache entries V8 accepts", () => {
    // Two modules, one loaded before a long run lowers the budget and one after; three processes
    // with one cache folder. Entries are made at exit, after the change, and V8 rejects data made
    // under other flags (a rejected entry is rewritten): entries that stay byte-identical, with the
    // same modification time, were accepted. Without code-cache.ts setting each script's flags
    // back before making its data, the early module's entry is rewritten on every run.
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
        `budget.raiseBudget();`,
        `const early = cc.loadWithCodeCache(import.meta.url, "./early.cjs");`,
        `budget.fitBudgetToRun(budget.LONG_RUN_DOCS + 1);`,
        `const late = cc.loadWithCodeCache(import.meta.url, "./late.cjs");`,
        `process.stdout.write(String(late(early(1))));`,
      ].join("\n"),
    );
    const run = () => {
      const r = spawnSync(process.execPath, [script], { encoding: "utf8", env: { ...process.env, DOCS2TS_CODE_CACHE: "", DOCS2TS_V8_BUDGET: "", DOCS2TS_CODE_CACHE_DIR: cacheDir } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe("4");
    };
    const entries = () => Object.fromEntries(readdirSync(cacheDir).map((f) => [f, `${statSync(join(cacheDir, f)).mtimeMs} ${readFileSync(join(cacheDir, f), "latin1")}`]));
    run();
    const made = entries();
    expect(Object.keys(made)).toHaveLength(2);
    run();
    expect(entries()).toEqual(made);
    run();
    expect(entries()).toEqual(made);
  });
});
