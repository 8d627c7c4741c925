#!/usr/bin/env node
// The docs2ts command. The TypeScript sources in generator/ are compiled to dist/ and bundled
// into dist/bundle/ (CommonJS) by `npm run build` (run by `npm ci` / `npm install` through the
// prepare script). This file is CommonJS (bin/package.json): a main module that Node loads as
// ES module takes its ES module loader along (~10 ms more per run, measured), and nothing here
// needs one.
"use strict";

let codeCache;
try {
  codeCache = require("../dist/bundle/code-cache.cjs");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes("dist")) {
    process.stderr.write("docs2ts: error: dist/ is missing; run 'npm run build' first\n");
    process.exit(2);
  }
  throw e;
}

// A run of docs2ts goes once over thousands of docs through large functions with many branches
// (the emitter above all); V8's optimizing compiler, inlining callees into them, spent more
// processor time compiling than the run spent emitting (vercel-ts: 4 s of compiling on the
// second core against an emit of 1-2 s, which waited for the optimized code meanwhile). Without
// inlining it compiles a third of that, sooner. Set before any of our code runs (it applies to
// later compilations); DOCS2TS_V8_INLINING=1 keeps V8's default (the generation bench measures
// both). Only this process: the library and generated code never touch V8's flags.
if (process.env.DOCS2TS_V8_INLINING !== "1") codeCache.setV8Flags("--no-turbo-inlining");
// For the same reason, a run that parses up to a few thousand docs makes V8 wait four times
// longer than its default before it optimizes a function: see generator/v8-budget.ts (set here
// to V8's own, explicitly, for the code cache). DOCS2TS_V8_BUDGET=1 keeps V8's throughout.
require("../dist/bundle/v8-budget.cjs").startBudget();

// The bundle and its chunks are compiled with a V8 code cache (see generator/code-cache.ts).
const cli = codeCache.loadWithCodeCache(__filename, "../dist/bundle/cli.cjs");
// Exit as soon as the command is done. Left to end by itself, Node first runs the tasks V8 left
// queued, which at the end of a run is a garbage collection V8 had started (`--trace-gc`: a
// mark-compact "finalize incremental marking via task" after the last line was printed), and then
// waits for the writer thread to be torn down: 9-16 ms after the command's end in a clerk run of
// 450 ms, whose whole process took 0.964x the time with this exit (12 interleaved runs; vercel-ts
// 0.965x in 10). Only with nothing left to write on stdout or stderr: Node writes to a pipe
// asynchronously, so an `ir` read slowly through one would be cut short (test/pipeline/cli.test.ts);
// then the process ends by itself, as before. The 'exit' handlers (the code cache,
// DOCS2TS_TIMINGS) run either way.
cli.main(process.argv.slice(2)).then((code) => {
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  process.exitCode = code;
});
