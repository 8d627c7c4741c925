/**
 * Differential test: for every object model of the clerk-ruby-sorbet corpus, values generated
 * from the IR (valid ones, near-misses with one fault, and values with several faults) are judged
 * by the generated validators and by ajv on the emitted JSON Schema; they must agree on the
 * verdict and on where the problems are (see test/helpers/differential.ts for the exact rules).
 *
 * Runs per model and kind of value: DOCS2TS_DIFF_RUNS (default 8 in `npm test`; use e.g. 2000 for
 * a long run: `DOCS2TS_DIFF_RUNS=2000 npx vitest run test/validators/differential.test.ts`).
 * DOCS2TS_DIFF_SEED fixes fast-check's seed (printed on failure, for replay).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Model } from "../../generator/api.js";
import { IRArbitraries } from "../helpers/arbitraries.js";
import { agree, type Oracle, oracle } from "../helpers/differential.js";
import { generated, type GeneratedModule } from "../helpers/generated.js";
import { corpusPath } from "../helpers/shared.js";

const RUNS = Number(process.env.DOCS2TS_DIFF_RUNS ?? 8);
const SEED = process.env.DOCS2TS_DIFF_SEED ? Number(process.env.DOCS2TS_DIFF_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) });

function differential(name: string, mod: GeneratedModule, o: Oracle, arbs: IRArbitraries, models: readonly Model[]): void {
  it(`${name}: valid values are accepted by both`, () => {
    for (const m of models) {
      fc.assert(
        fc.property(arbs.valid(m), (v) => {
          if (!agree(mod, o, m.name, v, true)) throw new Error(`${m.name}: a valid value was rejected by both: ${JSON.stringify(v)}`);
        }),
        params(RUNS),
      );
    }
  });

  it(`${name}: near-misses with one fault get the same verdict and the same first path`, () => {
    let invalid = 0;
    let total = 0;
    for (const m of models) {
      fc.assert(
        fc.property(arbs.nearMiss(m), (v) => {
          total++;
          if (!agree(mod, o, m.name, v, true)) invalid++;
        }),
        params(RUNS * 2),
      );
    }
    // Most single mutations break the value (some give null where null is allowed, or a valid
    // value by chance); a generator that produced valid values only would make this test empty.
    expect(invalid / total).toBeGreaterThan(0.75);
  });

  it(`${name}: values with several faults get the same verdict and the same set of paths`, () => {
    for (const m of models) {
      fc.assert(
        fc.property(arbs.nearMiss(m, fc.integer({ min: 2, max: 3 })), (v) => {
          agree(mod, o, m.name, v, false);
        }),
        params(RUNS),
      );
    }
  });

  it(`${name}: arbitrary JSON values get the same verdict`, () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    for (const m of models) {
      fc.assert(
        fc.property(json, (v) => {
          agree(mod, o, m.name, v, false);
        }),
        params(Math.max(4, RUNS / 2)),
      );
    }
  });
}

const corpus = generated(corpusPath("clerk-ruby-sorbet"), "clerk-ruby-sorbet");
const mod = await corpus.load();

describe("differential: clerk-ruby-sorbet, default options", () => {
  const o = oracle(corpus.ir);
  const arbs = new IRArbitraries(corpus.ir, { unknownKeys: "accept", enums: "closed" });
  const objects = corpus.ir.models.filter((m) => m.kind === "object");

  it("covers every object model of the corpus", () => {
    expect(objects.length).toBeGreaterThan(300);
    for (const m of objects) expect(typeof mod[`is${m.name}`]).toBe("function");
  });

  differential("every object model", mod, o, arbs, objects);
});

describe("differential: the comparison finds planted disagreements", () => {
  const arbs = new IRArbitraries(corpus.ir, { unknownKeys: "accept", enums: "closed" });
  const phone = corpus.ir.models.find((m) => m.name === "PhoneNumber")!;
  const tampered = (edit: (schema: any) => void): Oracle => oracle(corpus.ir, {}, (name, schema) => (name === "PhoneNumber" ? edit(schema) : undefined));

  it("a schema that wants an integer where the docs say string fails the valid-value property", () => {
    const o = tampered((s) => (s.properties.phone_number = { type: "integer" }));
    const r = fc.check(fc.property(arbs.valid(phone), (v) => void agree(mod, o, "PhoneNumber", v, true)), { numRuns: 50 });
    expect(r.failed).toBe(true);
    expect(String(r.errorInstance)).toMatch(/verdict differs/);
  });

  it("a schema that no longer requires a key fails the near-miss property", () => {
    const o = tampered((s) => (s.required = s.required.filter((k: string) => k !== "reserved")));
    const r = fc.check(fc.property(arbs.nearMiss(phone), (v) => void agree(mod, o, "PhoneNumber", v, true)), { numRuns: 500 });
    expect(r.failed).toBe(true);
  });

  it("a schema that accepts null for an array item fails on paths or verdicts", () => {
    const o = tampered((s) => (s.properties.backup_codes.items = { type: ["string", "null"] }));
    // Only a near-miss that puts null in a non-empty backup_codes shows it: over seeds 1-40 the
    // search took 25-1,555 runs (about 500 on average), so 2,000 missed it about once in 50 test
    // runs (a red CI run). It stops at the first disagreement; 20,000 is the bound.
    const r = fc.check(fc.property(arbs.nearMiss(phone), (v) => void agree(mod, o, "PhoneNumber", v, true)), { numRuns: 20_000 });
    expect(r.failed).toBe(true);
  });
});
