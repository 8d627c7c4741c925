#!/usr/bin/env node
// Mutation probe: does any test notice when a line of a source file is subtly wrong?
//
//   node scripts/mutate.mjs FILE [--count N] [--seed S] [--timeout SECONDS] [--runner CMD] -- TEST...
//
// Makes one small change at a time to FILE (`===` for `!==`, `&&` for `||`, `<` for `<=`,
// `true` for `false`, `+ 1` for `- 1`, one string dropped from a list, …), runs the tests
// (`npx vitest run TEST...`, or `--runner`'s words followed by TEST...), and lists the changes no
// test failed on ("survived"). The seed picks which changes, in a repeatable order. FILE is
// restored after each change and on exit, also on Ctrl-C or a kill. Only tests that import the
// source are affected: tests that run the built CLI (dist/) do not see the change, so give the
// tests that import FILE. (test/scripts/mutate.test.ts runs it on a small file of its own.)
// A survivor is a question, not a verdict: some changes do not alter behaviour (a depth bound
// off by one, `?.` where the value is never undefined).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { constants } from "node:os";

const args = process.argv.slice(2);
const dash = args.indexOf("--");
const own = dash < 0 ? args : args.slice(0, dash);
const tests = dash < 0 ? [] : args.slice(dash + 1);
const file = own.find((a, i) => !a.startsWith("--") && !own[i - 1]?.startsWith("--"));
const USAGE = "usage: node scripts/mutate.mjs FILE [--count N] [--seed S] [--timeout SECONDS] [--runner CMD] -- TEST...\n";
function usage() {
  process.stderr.write(USAGE);
  process.exit(2);
}
const given = (name) => {
  const i = own.indexOf(name);
  return i >= 0 ? own[i + 1] : undefined;
};
/** A whole number of at least 1, or the fallback when the option is absent. */
function wholeNumber(name, fallback) {
  const text = given(name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) usage();
  return n;
}
if (!file || tests.length === 0) usage();
const count = wholeNumber("--count", 20);
const timeout = wholeNumber("--timeout", 300);
const seed = given("--seed") ?? "1";
const [command, ...commandArgs] = (given("--runner") ?? "npx vitest run").split(/\s+/).filter(Boolean);
if (!command) usage();

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
    process.exit(128 + constants.signals[signal]);
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
    child = spawn(command, [...commandArgs, ...tests], { stdio: "ignore", detached: true });
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
// A repeatable order that differs per seed: by a hash of the seed and the change.
const rank = ({ i, at, from }) => createHash("sha256").update(`${seed}\0${i}\0${at}\0${from}`).digest("hex");
const ranked = changes.map((c) => ({ c, key: rank(c) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

const survived = [];
const tried = ranked.slice(0, count).map((r) => r.c);
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
