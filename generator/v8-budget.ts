import { setV8Flags } from "./code-cache.js";

/**
 * How long V8 waits before it optimizes a function of docs2ts: its "interrupt budget", the
 * bytecode a function runs in the interpreter and baseline tiers before TurboFan compiles it
 * (on another thread). A run goes once over each doc through large, many-branched functions, so
 * in a run of a few thousand docs those compiles cost more processor time than the code they
 * make saves: a vercel-ts cold run (2,381 docs) compiled 304 functions in 1.9 s on the second
 * core of a 2-core machine, in a 2 s run, several of them two or three times after deoptimizing.
 * With four times V8's budget it compiles 102 in 0.74 s, and cold runs of a few hundred to a few
 * thousand docs take 0.8-0.9× the time. A long run gains from optimizing sooner: over 10,000
 * docs the larger budget took 1.16-1.21× the time in the benchmark, so a run that parses more
 * than LONG_RUN_DOCS docs goes back to V8's own (bench/RESULTS.md, seventeenth session).
 *
 * Only the CLI's process (`bin/docs2ts.js`): the library and the generated code never touch V8's
 * flags. DOCS2TS_V8_BUDGET=1 keeps V8's budget throughout (the generation bench times both).
 */

/** V8's own budget in Node 20 (V8 11.3's `--interrupt-budget` default, 66 KiB). */
export const V8_BUDGET = 66 * 1024;
/** The budget a run starts with. */
export const RAISED_BUDGET = 4 * V8_BUDGET;
/** A run that parses more docs than this goes back to V8's budget. */
export const LONG_RUN_DOCS = 4000;

let raised = false;

/** Start with the raised budget (bin/docs2ts.js, before loading the CLI), unless DOCS2TS_V8_BUDGET=1. */
export function raiseBudget(): void {
  if (process.env.DOCS2TS_V8_BUDGET === "1" || raised) return;
  setV8Flags(`--interrupt-budget=${RAISED_BUDGET}`);
  raised = true;
}

/** The budget a run that parses `docs` docs should have, given whether it was raised; undefined: leave it. */
export function budgetForRun(docs: number, isRaised: boolean): number | undefined {
  return isRaised && docs > LONG_RUN_DOCS ? V8_BUDGET : undefined;
}

/**
 * Before a run parses `docs` docs: a long one goes back to V8's budget (for the rest of the
 * process: in watch mode the first run is the whole tree, and later ones find the code compiled).
 */
export function fitBudgetToRun(docs: number): void {
  const budget = budgetForRun(docs, raised);
  if (budget === undefined) return;
  setV8Flags(`--interrupt-budget=${budget}`);
  raised = false;
}
