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
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
