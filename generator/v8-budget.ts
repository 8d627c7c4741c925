import { setV8Flags } from "./code-cache.js";

/**
 * How long V8 waits before it optimizes a function of docs2ts: its "interrupt budget", the
 * bytecode a function runs in the interpreter and baseline tiers before TurboFan compiles it
 * (on another thread). A run goes once over each doc through large, many-branched functions, so
 * in a run of a few thousand docs those compiles cost more processor time than the code they
 * make saves: a vercel-ts cold run (2,381 docs) compiled 304 functions in 1.9 s on the second
 * core of a 2-core machine, in a 2 s run, several of them two or three times after deoptimizing.
 * With four times V8's budget it compiles 102 in 0.74 s; vercel-ts cold runs took 0.77-0.94× the
 * time, 1,000 synthetic docs 0.93× (clerk's 415 docs: within their spread). A long run gains
 * from optimizing sooner: over 10,000 docs the larger budget took 1.16-1.21× the time in the
 * benchmark (and raising it at start only to lower it before the parse still cost 1.16×), so the
 * budget stays V8's until the run knows how many docs it will parse, and is raised then if they
 * are at most LONG_RUN_DOCS (bench/RESULTS.md, seventeenth session).
 *
 * Only the CLI's process (`bin/docs2ts.js`): the library and the generated code never touch V8's
 * flags. DOCS2TS_V8_BUDGET=1 keeps V8's budget throughout (the generation bench times both).
 */

/** V8's own budget in Node 20 (V8 11.3's `--interrupt-budget` default, 66 KiB). */
export const V8_BUDGET = 66 * 1024;
/** The budget of a run that parses at most LONG_RUN_DOCS docs. */
export const RAISED_BUDGET = 4 * V8_BUDGET;
/** A run that parses more docs than this keeps V8's budget. */
export const LONG_RUN_DOCS = 4000;

/**
 * The budget while a short run emits its model files. The emitter's builders run once per model
 * with new shapes of text each time, and in a run of a few thousand models the functions TurboFan
 * compiles there, on the second core, pay back less than they take from it: the writer thread
 * and V8's collector share that core. With 16 times V8's budget for the emit (4 times before and
 * after), vercel-ts cold runs took 0.973× the time and 0.932× the processor time (20 interleaved
 * rounds); 64 times gave 0.987× of 16 times, and 4 times V8's during the parse stays best
 * (8 times: 0.995×, within the spread). Lowering it for the emit instead (V8's own, or half)
 * made the emit stage 40-60% slower. Clerk's 414 models: 1.001× (most functions never reach
 * either budget). bench/RESULTS.md, twenty-first session.
 */
export const EMIT_BUDGET = 16 * V8_BUDGET;

/** What this process did with the budget: nothing yet, set V8's explicitly, raised it, or raised it for an emit. */
export type BudgetState = "untouched" | "default" | "raised" | "emitting";

let state: BudgetState = "untouched";

/**
 * At start (bin/docs2ts.js, before loading the CLI): V8's budget, set explicitly so that the
 * flags each script was loaded under can be set again (code-cache.ts). DOCS2TS_V8_BUDGET=1 leaves
 * V8's flags alone, and the budget is then never raised.
 */
export function startBudget(): void {
  if (process.env.DOCS2TS_V8_BUDGET === "1" || state !== "untouched") return;
  setV8Flags(`--interrupt-budget=${V8_BUDGET}`);
  state = "default";
}

/** The budget to set before a run parses `docs` docs, or undefined to leave it as it is. */
export function budgetForRun(docs: number, current: BudgetState): number | undefined {
  return current === "default" && docs <= LONG_RUN_DOCS ? RAISED_BUDGET : undefined;
}

/**
 * Before a run parses `docs` docs: a short run raises the budget (for the rest of the process: in
 * watch mode later runs are short, and a long first run leaves it at V8's, the code compiled).
 */
export function fitBudgetToRun(docs: number): void {
  const budget = budgetForRun(docs, state);
  if (budget === undefined) return;
  setV8Flags(`--interrupt-budget=${budget}`);
  state = "raised";
}

/** The budget to set before a run emits its model files, or undefined to leave it as it is: only a short run's raised budget is raised further. */
export function budgetForEmit(current: BudgetState): number | undefined {
  return current === "raised" ? EMIT_BUDGET : undefined;
}

/** Before a run emits its model files (see EMIT_BUDGET). */
export function fitBudgetToEmit(): void {
  const budget = budgetForEmit(state);
  if (budget === undefined) return;
  setV8Flags(`--interrupt-budget=${budget}`);
  state = "emitting";
}

/** After a run's emit: the run's budget again, for the next run in watch mode. */
export function endEmitBudget(): void {
  if (state !== "emitting") return;
  setV8Flags(`--interrupt-budget=${RAISED_BUDGET}`);
  state = "raised";
}
