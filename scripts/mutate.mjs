#!/usr/bin/env node
// Mutation probe: does any test notice when a line of a source file is subtly wrong?
//
//   node scripts/mutate.mjs FILE [--count N] [--seed S] [--timeout SECONDS] -- TEST_FILE_OR_FOLDER...
//
// Makes one small change at a time to FILE (`===` for `!==`, `&&` for `||`, `<` for `<=`,
// `true` for `false`, `+ 1` for `- 1`, one string dropped from a list, …), runs vitest on the
// given tests, and lists the changes no test failed on ("survived"). FILE is restored after each
// change and on exit, also on Ctrl-C or a kill. Only tests that import the source are affected: tests that
// run the built CLI (dist/) do not see the change, so give the tests that import FILE.
// A survivor is a question, not a verdict: some changes do not alter behaviour (a depth bound
// off by one, `?.` where the value is never undefined).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const args = process.argv.slice(2);
const dash = args.indexOf("--");
const own = dash < 0 ? args : args.slice(0, dash);
const tests = dash < 0 ? [] : args.slice(dash + 1);
const file = own.find((a, i) => !a.startsWith("--") && !own[i - 1]?.startsWith("--"));
const option = (name, fallback) => {
  const i = own.indexOf(name);
  return i >= 0 ? Number(own[i + 1]) : fallback;
};
if (!file || tests.length === 0) {
  process.stderr.write("usage: node scripts/mutate.mjs FILE [--count N] [--seed S] [--timeout SECONDS] -- TEST...\n");
  process.exit(2);
}
const count = option("--count", 20);
const timeout = option("--timeout", 300);
let seed = option("--seed", 1) >>> 0;
/** A small seeded generator (mulberry32), so that a run can be repeated. */
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const SWAPS = [
  ["===", "!=="], ["!==", "==="], [" && ", " || "], [" || ", " && "], ["true", "false"], ["false", "true"],
  [" < ", " <= "], [" <= ", " < "], [" > ", " >= "], [" >= ", " > "], ["+ 1", "- 1"], ["- 1", "+ 1"],
  ["return ", "return !"], ["length > 0", "length > 1"],
];
const SKIP = /^\s*(?:$|\/\/|\*|\/\*|import |export (?:type|interface) )/;

const original = readFileSync(file, "utf8");
const restore = () => writeFileSync(file, original);
let child;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stop();
    restore();
    process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
  });
}

/** Stop the test run and every process it started (its own process group). */
function stop() {
  if (child?.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/**
 * Run the tests (asynchronously, so that a signal is handled while they run): whether they
 * failed. A change can make a loop endless: past `--timeout` seconds the run is stopped and
 * counts as caught (the change did not go unnoticed).
 */
function testsFail() {
  return new Promise((resolve) => {
    child = spawn("npx", ["vitest", "run", ...tests], { stdio: "ignore", detached: true });
    const timer = setTimeout(() => {
      stop();
      resolve("timeout");
    }, timeout * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(code !== 0);
    });
  });
}

const lines = original.split("\n");
const changes = [];
lines.forEach((line, i) => {
  if (SKIP.test(line)) return;
  for (const [from, to] of SWAPS) {
    for (let at = line.indexOf(from); at >= 0; at = line.indexOf(from, at + 1)) changes.push({ i, at, from, to });
  }
  for (const m of line.matchAll(/"[^"\\]{1,30}",\s*/g)) changes.push({ i, at: m.index, from: m[0], to: "" });
});
for (let k = changes.length - 1; k > 0; k--) {
  const j = Math.floor(random() * (k + 1));
  [changes[k], changes[j]] = [changes[j], changes[k]];
}

const survived = [];
const tried = changes.slice(0, count);
try {
  for (const { i, at, from, to } of tried) {
    const before = lines[i];
    const after = before.slice(0, at) + to + before.slice(at + from.length);
    writeFileSync(file, [...lines.slice(0, i), after, ...lines.slice(i + 1)].join("\n"));
    const caught = await testsFail();
    const text = `${file}:${i + 1}: ${before.trim()}\n    -> ${after.trim()}`;
    process.stdout.write(`${caught === "timeout" ? "timeout " : caught ? "caught  " : "SURVIVED"} ${text}\n`);
    if (!caught) survived.push(text);
  }
} finally {
  restore();
}
process.stdout.write(`\n${survived.length} of ${tried.length} changes survived\n`);
