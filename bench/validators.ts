/**
 * One comparison, in its own process: every validator on one payload set, in one shape regime,
 * valid or invalid payloads. Prints one JSON line: median nanoseconds per validation, per
 * validator. Run by bench/run.ts; by hand:
 *   node dist-bench/bench/validators.js --set User --regime mixed --kind valid
 *
 * Timing: each validator is warmed up (400 ms), then timed in batches of at least 1 ms (hundreds to
 * thousands of validations, cycling through the set's whole payload pool, the same pool for every
 * validator); 101 rounds go over the validators in a seeded shuffled order (so that drift and GC
 * hit all alike), each timed batch right after an untimed lead-in of 3 ms of the same validator
 * (so that no validator pays for the garbage of the one before it; see the rounds). Batches during which the process was not running (wall-clock time more than 10% above
 * the process's CPU time: another process had the core) are left out when at least 15 remain;
 * the median of the rest is kept, with the 10th percentile and the spread (interquartile range
 * / median) to judge how steady the run was. Before timing, every validator must give the expected verdict on every
 * payload, or the comparison stops: a fast wrong answer is not a result.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as valibot from "valibot";
import type { IR } from "../generator/ir/types.js";
import { handOrganization, handOrganizations, handPhoneNumber } from "./handwritten.js";
import { openapiHints, PayloadBuilder, prng, type Regime } from "./payloads.js";
import { valibotSchemas, zodSchemas } from "./peers.js";
import { SETS } from "./sets.js";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;

const here = fileURLToPath(new URL(".", import.meta.url));
export const repo = resolve(here, "../..");

const { values: args } = parseArgs({
  options: {
    set: { type: "string" },
    regime: { type: "string", default: "mixed" },
    kind: { type: "string", default: "valid" },
    rounds: { type: "string", default: "101" },
    "batch-ms": { type: "string", default: "1" },
    "warmup-ms": { type: "string", default: "400" },
    /** Untimed run of the same validator right before each timed batch (see the rounds below). */
    "lead-in-ms": { type: "string", default: "3" },
    /** Order of the validators in each round: "shuffle" (seeded, the default) or "rotate" (the old order). */
    order: { type: "string", default: "shuffle" },
    /** Time only these validators (comma-separated names), e.g. to profile one of them. */
    validators: { type: "string" },
    /** Time every validator in one shared loop (a megamorphic call site), to compare with the default. */
    "shared-loop": { type: "boolean", default: false },
  },
});

const set = SETS.find((s) => s.name === args.set);
if (!set) throw new Error(`unknown set ${args.set}; sets: ${SETS.map((s) => s.name).join(", ")}`);
const regime = args.regime as Regime;
const kind = args.kind as "valid" | "invalid";
const ROUNDS = Number(args.rounds);
const BATCH_MS = Number(args["batch-ms"]);
const WARMUP_MS = Number(args["warmup-ms"]);
const LEAD_IN_MS = Number(args["lead-in-ms"]);

const ir = JSON.parse(readFileSync(join(repo, "dist-bench/ir.json"), "utf8")) as IR;
const shared = process.env.DOCS2TS_SHARED ?? resolve(repo, "../shared");
const hints = openapiHints(join(shared, "corpora/clerk-openapi/bapi/2024-10-01.yml"));
const gen = (await import(pathToFileURL(join(here, "generated/index.js")).href)) as Record<string, any>;

// Validators.
const X = set.model;
const isX = gen[`is${X}`] as (v: unknown) => boolean;
const validateX = gen[`validate${X}`] as (v: unknown) => { ok: boolean; errors?: unknown[] };
const ajvFirst = new Ajv2020({ strict: true, allowUnionTypes: true });
const ajvAll = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const schemaDir = join(here, "../../bench/generated/schemas");
for (const f of readdirSync(schemaDir)) {
  const s = JSON.parse(readFileSync(join(schemaDir, f), "utf8"));
  ajvFirst.addSchema(s);
  ajvAll.addSchema(structuredClone(s));
}
const listSchema = { $id: `${X}List.json`, type: "array", items: { $ref: `${X}.json` } };
const ajvOf = (ajv: any) => (set.list ? ajv.compile(listSchema) : ajv.getSchema(`${X}.json`));
const af = ajvOf(ajvFirst);
const aa = ajvOf(ajvAll);
// Payloads: seeded by the set's name, so every process builds the same ones.
const seed = [...`${set.name}/${regime}`].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);
const builder = new PayloadBuilder(ir, hints, prng(seed));
const model = builder.model(set.model);
const one = () => builder.value(model, { regime, lengths: set.lengths ?? {} });
const makeValid = () => (set.list ? Array.from({ length: set.list }, one) : one());
const payloads: unknown[] = [];
// An invalid payload is a valid one with one mutation; a mutation that happens to give a valid
// value (an empty object where any object is allowed) is drawn again.
const mutateOnce = (v: unknown): unknown => {
  for (let attempt = 0; attempt < 50; attempt++) {
    let out: unknown;
    if (set.list) {
      const arr = structuredClone(v) as unknown[];
      const at = Math.floor(builder["rand"]() * arr.length);
      arr[at] = builder.mutate(model, arr[at] as any);
      out = arr;
    } else out = builder.mutate(model, v as any);
    if (!aa(JSON.parse(JSON.stringify(out)))) return out;
  }
  throw new Error(`no invalid mutation found for ${set.name}`);
};
for (let i = 0; i < set.count; i++) {
  const v = makeValid();
  payloads.push(kind === "valid" ? v : mutateOnce(v));
}
// Through JSON, as API responses arrive: objects made by JSON.parse (their shapes and property
// storage are what validators meet in production).
for (let i = 0; i < payloads.length; i++) payloads[i] = JSON.parse(JSON.stringify(payloads[i]));

const zBase = zodSchemas(ir)(X);
const vBase = valibotSchemas(ir)(X);
const { z } = await import("zod");
const zs = set.list ? z.array(zBase) : zBase;
const vs = set.list ? valibot.array(vBase) : vBase;

type Fn = (v: unknown) => boolean;
// The list of `isX` calls is written out (like validateList below), not built by a
// higher-order helper: a call through a closure variable was measured slower than validateX,
// which calls isX itself.
const isList = (v: unknown): boolean => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isX(v[i])) return false;
  return true;
};
const validateList = (v: unknown): boolean => {
  if (!Array.isArray(v)) return false;
  const errors: unknown[] = [];
  for (let i = 0; i < v.length; i++) {
    const r = validateX(v[i]);
    if (!r.ok) for (const e of r.errors!) errors.push(e);
  }
  return errors.length === 0;
};
// BENCH_ALT=path/to/index.js[,…]: other builds of the generated validators (emitter variants),
// timed in the same process as "alt1 isX", "alt1 validateX", … for A/B comparisons.
const alts: Record<string, any>[] = [];
for (const p of process.env.BENCH_ALT?.split(",") ?? []) alts.push((await import(pathToFileURL(resolve(p)).href)) as Record<string, any>);
const hand: Record<string, Fn> = { PhoneNumber: handPhoneNumber, Organization: handOrganization, Organizations: handOrganizations };

const validators: [string, Fn][] = [
  ["docs2ts isX", set.list ? isList : isX],
  ["docs2ts validateX", set.list ? validateList : (v) => validateX(v).ok],
  ["ajv", (v) => af(v) as boolean],
  ["ajv allErrors", (v) => aa(v) as boolean],
  ["zod 4", (v) => zs.safeParse(v).success],
  ["valibot 1", (v) => valibot.safeParse(vs, v).success],
];
alts.forEach((alt, n) => {
  const altIs = alt[`is${X}`] as (v: unknown) => boolean;
  const altValidate = alt[`validate${X}`] as (v: unknown) => { ok: boolean };
  const altIsList = (v: unknown): boolean => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!altIs(v[i])) return false;
    return true;
  };
  const altValidateList = (v: unknown): boolean => {
    if (!Array.isArray(v)) return false;
    let ok = true;
    for (let i = 0; i < v.length; i++) if (!altValidate(v[i]).ok) ok = false;
    return ok;
  };
  validators.push([`alt${n + 1} isX`, set.list ? altIsList : altIs], [`alt${n + 1} validateX`, set.list ? altValidateList : (v) => altValidate(v).ok]);
});
if (hand[X] && !set.list && !set.lengths) validators.push(["hand-written", hand[X]!]);
if (args.validators) {
  const keep = args.validators.split(",");
  for (let i = validators.length - 1; i >= 0; i--) if (!keep.includes(validators[i]![0])) validators.splice(i, 1);
}

// Every validator must agree with the expected verdict on every payload.
for (const [name, fn] of validators) {
  payloads.forEach((p, i) => {
    const got = fn(p);
    if (got !== (kind === "valid")) {
      throw new Error(`${name} says ${got ? "valid" : "invalid"} for ${kind} payload ${i} of ${set.name}: ${JSON.stringify(p).slice(0, 400)}`);
    }
  });
}

let sink = 0;
type Batch = (fn: Fn, n: number) => { wall: number; cpu: number };
/**
 * A timing loop for one validator: wall-clock and CPU time (ns) of `n` validations. Each validator
 * gets its own copy of the loop, compiled from source (`new Function`), so that the call `fn(...)`
 * in it sees one function only, as a call site in an application does: with one loop shared by
 * all validators, that call site is megamorphic, V8 inlines none of them, and every validation pays
 * for a generic call (a few ns, which flattens the ratios of the small payloads most).
 */
const makeBatch = (): Batch =>
  new Function(
    "payloads",
    "cpuUsage",
    "hrtime",
    `return function batch(fn, n) {
      let ok = 0;
      const len = payloads.length;
      const c0 = cpuUsage();
      const t0 = hrtime();
      for (let i = 0, j = 0; i < n; i++) {
        if (fn(payloads[j])) ok++;
        if (++j === len) j = 0;
      }
      const wall = Number(hrtime() - t0);
      const c = cpuUsage(c0);
      return { wall, cpu: (c.user + c.system) * 1000, ok };
    };`,
  )(payloads, process.cpuUsage, process.hrtime.bigint) as Batch;
const batches = new Map<string, Batch>(validators.map(([name]) => [name, makeBatch()]));
const sharedBatch = makeBatch();
/** `shared` times a validator in the loop all share (as before), for the --shared-loop comparison. */
function batch(fn: Fn, n: number, name: string): { wall: number; cpu: number } {
  const r = (args["shared-loop"] ? sharedBatch : batches.get(name)!)(fn, n) as { wall: number; cpu: number; ok: number };
  sink += r.ok;
  return r;
}

// Warm up (long enough for the optimising compiler to take over the slow paths too), then size
// the batches.
const sizes = new Map<string, number>();
for (const [name, fn] of validators) {
  const until = performance.now() + WARMUP_MS;
  while (performance.now() < until) batch(fn, payloads.length, name);
  let n = payloads.length;
  while (batch(fn, n, name).wall < BATCH_MS * 1e6) n *= 2;
  sizes.set(name, n);
}
// A batch is "undisturbed" when the process ran for (nearly) all of its wall-clock time: on a
// shared machine, batches during which the scheduler gave the core to another process are
// longer by the time spent waiting, which says nothing about the validator. The statistics are
// taken over undisturbed batches when there are enough of them (over all batches otherwise).
const UNDISTURBED = 1.1;
const samples = new Map<string, number[]>(validators.map(([n]) => [n, []]));
const all = new Map<string, number[]>(validators.map(([n]) => [n, []]));
// The order of each round is a seeded shuffle. Rotating one fixed order by one place each round
// (as before) kept every validator's predecessor the same in every round: "docs2ts isX" always
// ran right after valibot and zod, and paid for them. After a validator that allocates much
// (zod, valibot: megabytes per batch on the large sets), the next few milliseconds of any code
// walking the payloads run 2-5x slower (measured with a batch of 100 users after a burst of
// allocation or a forced GC, whatever the validator; the effect fades over 3-6 ms), so 100 users
// with every field present showed isX at 0.98x ajv and validateX, which runs the same fast path,
// at 1.53x. Hence also the lead-in: the validator runs untimed for LEAD_IN_MS right before each
// timed batch, so that each batch measures the validator after itself, not after its predecessor.
const orderRand = prng(seed ^ 0x5bd1e995);
const leadIns = new Map<string, number>();
for (const [name] of validators) leadIns.set(name, Math.max(1, Math.round((sizes.get(name)! * LEAD_IN_MS) / BATCH_MS)));
for (let r = 0; r < ROUNDS; r++) {
  const order = validators.map((_, j) => (j + r) % validators.length);
  if (args.order === "shuffle") {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(orderRand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  for (const j of order) {
    const [name, fn] = validators[j]!;
    const n = sizes.get(name)!;
    if (LEAD_IN_MS > 0) batch(fn, leadIns.get(name)!, name);
    const b = batch(fn, n, name);
    all.get(name)!.push(b.wall / n);
    if (b.wall <= b.cpu * UNDISTURBED) samples.get(name)!.push(b.wall / n);
  }
}
const MIN_UNDISTURBED = Math.min(15, ROUNDS);
const undisturbed = Object.fromEntries([...samples].map(([n, xs]) => [n, xs.length]));
for (const [name, xs] of samples) if (xs.length < MIN_UNDISTURBED) samples.set(name, all.get(name)!);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p10 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 10)]!;
const result = Object.fromEntries([...samples].map(([n, xs]) => [n, median(xs)]));
const low = Object.fromEntries([...samples].map(([n, xs]) => [n, p10(xs)]));
const q = (xs: number[], f: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * f)]!;
const spread = Object.fromEntries([...samples].map(([n, xs]) => [n, (q(xs, 0.75) - q(xs, 0.25)) / median(xs)]));
process.stdout.write(
  JSON.stringify({ set: set.name, regime, kind, payloads: payloads.length, rounds: ROUNDS, nsPerOp: result, p10: low, spread, undisturbed, sink: sink > 0 }) + "\n",
);
