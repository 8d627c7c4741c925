#!/usr/bin/env node
/**
 * What a spread costs in the code V8 has not optimized, against its plain equivalent: the ground
 * for building models, doc facts and the emitter's blocks by assignment and `push` (README,
 * "What makes a run faster"). A run goes once over each doc, so most of its per-doc code runs
 * in V8's interpreter and baseline tiers; `--no-opt` keeps it there. The same loops are also
 * timed with TurboFan, for comparison (it makes the array spread the faster form).
 *
 *   npm run bench:tiers
 *
 * Each case: median of 7 batches of 200,000 calls, in a process of its own per V8 setting.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const LINES = ["a();", "b();", "c();", "d();", "e();", "f();", "g();", "h();"];
const cases = {
  "array literal, spread after its first element": (x) => [x, "if (y) {", ...LINES, "}"],
  "the same lines by push(...)": (x) => {
    const out = [x, "if (y) {"];
    out.push(...LINES);
    out.push("}");
    return out;
  },
  "object spread into a literal": (x) => ({ ...{ source: x, line: 1, title: "T" }, kind: "object", ...(x ? { fields: LINES } : {}) }),
  "the same object by assignment": (x) => {
    const m = { source: x, line: 1, title: "T" };
    m.kind = "object";
    if (x) m.fields = LINES;
    return m;
  },
};

if (process.argv[2] === "--child") {
  const out = {};
  for (const [name, f] of Object.entries(cases)) {
    const times = [];
    let made = 0; // results used, so that no call is optimized away
    for (let b = 0; b < 7; b++) {
      const t0 = performance.now();
      for (let i = 0; i < 200_000; i++) if (f("x") !== undefined) made++;
      times.push(((performance.now() - t0) * 1e6) / 200_000);
    }
    if (made !== 7 * 200_000) throw new Error(`${name}: made ${made} results`);
    times.sort((a, b) => a - b);
    out[name] = times[3];
  }
  process.stdout.write(JSON.stringify(out));
} else {
  const self = fileURLToPath(import.meta.url);
  const names = Object.keys(cases);
  for (const [label, flags] of [["lower tiers only (--no-opt)", ["--no-opt"]], ["with TurboFan (V8's default)", []]]) {
    const r = spawnSync(process.execPath, [...flags, self, "--child"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    const ns = JSON.parse(r.stdout);
    console.log(`${label}:`);
    for (let i = 0; i < names.length; i += 2) {
      const [spread, plain] = [names[i], names[i + 1]];
      console.log(`  ${spread}: ${ns[spread].toFixed(0)} ns; ${plain}: ${ns[plain].toFixed(0)} ns; ${(ns[spread] / ns[plain]).toFixed(2)}x`);
    }
  }
}
