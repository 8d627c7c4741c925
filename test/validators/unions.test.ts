/**
 * Unions, on a hand-written doc tree (test/helpers/zoo.ts; the clerk corpus has none): union
 * models (`## Supported Types`) and inline `T.any(...)` types accept any member; a discriminated
 * union (every member an object model with a required single-value enum field) reports the
 * issues of the member its tag names; other unions report one issue at their path. Checked by
 * hand-picked values and differentially against ajv on the emitted JSON Schema (dates, decimals,
 * maps, a self-referential model and keys that need JSON Pointer escapes come along).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IRArbitraries } from "../helpers/arbitraries.js";
import { tempTree } from "../helpers/cli.js";
import { agree, ajvPathSet, oracle, unseenByAjv } from "../helpers/differential.js";
import { generated } from "../helpers/generated.js";
import { zooDocs } from "../helpers/zoo.js";

const RUNS = Number(process.env.DOCS2TS_DIFF_RUNS ?? 8) * 25;
const zoo = generated(tempTree(zooDocs), "zoo");
const mod = await zoo.load();
const o = oracle(zoo.ir);

interface Issue {
  path: string;
  message: string;
}
const errors = (model: string, v: unknown): Issue[] => {
  const r = mod[`validate${model}`](v);
  expect(mod[`is${model}`](v)).toBe(r.ok);
  return r.ok ? [] : r.errors;
};
const paths = (model: string, v: unknown) => errors(model, v).map((e) => e.path);

const cat = () => ({ type: "cat", name: "Tom", lives: 9 });
const dog = () => ({ type: "dog", name: "Rex", good: true, colour: "red" });
const event = () => ({ id: "e1", day: "2024-02-29", pet: cat(), value: "x", note: null });

describe("unions: the zoo's IR has what these tests are about", () => {
  it("two union models and inline unions", () => {
    const kinds = Object.fromEntries(zoo.ir.models.map((m) => [m.name, m.kind]));
    expect(kinds).toMatchObject({ Pet: "union", Shape: "union", Event: "object", Cat: "object", CatType: "enum" });
    const ev = zoo.ir.models.find((m) => m.name === "Event")!;
    expect(ev.fields!.find((f) => f.name === "value")!.type.kind).toBe("union");
    expect(ev.fields!.find((f) => f.name === "friend")!.type.kind).toBe("union");
  });
});

describe("unions: any member is accepted", () => {
  it.each([
    ["Pet", cat()],
    ["Pet", dog()],
    ["Shape", "circle"],
    ["Shape", 3],
    ["Shape", { x: 1.5, y: -2 }],
  ])("%s accepts %j", (model, v) => {
    expect(errors(model, v)).toEqual([]);
  });

  it("inline unions in fields accept each member", () => {
    for (const value of ["s", 7]) expect(errors("Event", { ...event(), value })).toEqual([]);
    for (const friend of [cat(), dog(), null]) expect(errors("Event", { ...event(), friend })).toEqual([]);
    for (const shape of ["s", 2, { x: 0, y: 0 }, null]) expect(errors("Event", { ...event(), shape })).toEqual([]);
    expect(errors("Event", { ...event(), pet: dog() })).toEqual([]);
  });
});

describe("unions: discriminated by a single-value enum field", () => {
  it("reports the issues of the member the tag names, at their own paths", () => {
    expect(paths("Pet", { type: "dog", name: 1 })).toEqual(["/name", "/good"]);
    expect(paths("Pet", { type: "cat", name: "x", lives: "nine" })).toEqual(["/lives"]);
    expect(paths("Event", { ...event(), pet: { type: "dog", name: "Rex", good: "yes" } })).toEqual(["/pet/good"]);
    expect(paths("Event", { ...event(), friend: { type: "dog", name: "Rex", good: true, colour: "pink" } })).toEqual(["/friend/colour"]);
  });

  it("an unknown or missing tag is one issue at the tag's path, listing the tags", () => {
    const bad = errors("Pet", { type: "bird", name: "x" });
    expect(bad.map((e) => e.path)).toEqual(["/type"]);
    expect(bad[0]!.message).toBe('expected "cat" | "dog", received string');
    expect(paths("Pet", { name: "x" })).toEqual(["/type"]);
    expect(paths("Event", { ...event(), friend: { type: 4 } })).toEqual(["/friend/type"]);
  });

  it("a value that is not an object is one issue at the union's path", () => {
    for (const v of [null, "cat", [cat()], 3]) expect(paths("Pet", v)).toEqual([""]);
    expect(paths("Event", { ...event(), pet: [] })).toEqual(["/pet"]);
  });

  it("the member's issues are exactly what ajv finds for that member's schema", () => {
    const arbs = new IRArbitraries(zoo.ir, { unknownKeys: "accept", enums: "closed" });
    const pet = arbs.model("Pet");
    let checked = 0;
    fc.assert(
      fc.property(arbs.nearMiss(pet, fc.integer({ min: 1, max: 3 })), (v) => {
        const tag = v !== null && typeof v === "object" && !Array.isArray(v) ? v.type : undefined;
        const member = tag === "cat" ? "Cat" : tag === "dog" ? "Dog" : undefined;
        if (!member || mod.isPet(v)) return;
        checked++;
        const all = o.all(member);
        expect(all(v)).toBe(false);
        expect([...new Set(paths("Pet", v))].sort()).toEqual([...ajvPathSet(all.errors!)].sort());
      }),
      { numRuns: RUNS },
    );
    expect(checked).toBeGreaterThan(RUNS / 8);
  });
});

describe("unions: not discriminated", () => {
  it("one issue at the union's path naming every member", () => {
    const e = errors("Shape", { x: "1", y: 2 });
    expect(e.map((x) => x.path)).toEqual([""]);
    expect(e[0]!.message).toBe("expected string | integer | Point, received object");
    expect(paths("Event", { ...event(), value: true })).toEqual(["/value"]);
    expect(errors("Event", { ...event(), value: 1.5 })[0]!.message).toBe("expected string | integer, received number");
    expect(paths("Event", { ...event(), shape: false })).toEqual(["/shape"]);
  });
});

describe("keys that need care", () => {
  it("an own __proto__ key is validated as the field it is (ajv skips it: a documented difference)", () => {
    const bad = JSON.parse(JSON.stringify(event()).replace(/^\{/, '{"__proto__": true,'));
    expect(paths("Event", bad)).toEqual(["/__proto__"]);
    expect(o.first("Event")(bad)).toBe(true);
    const good = JSON.parse(JSON.stringify(event()).replace(/^\{/, '{"__proto__": "fine",'));
    expect(paths("Event", good)).toEqual([]);
  });

  it("the differential leaves that difference out, and only that (fast-check's JSON values found it)", () => {
    // Issues at /__proto__ are docs2ts's alone: with the required fields missing too, the
    // others must still match ajv's; with nothing else wrong, ajv's "valid" is agreement.
    const both = JSON.parse('{"__proto__": []}');
    expect(paths("Event", both)).toContain("/__proto__");
    expect(agree(mod, o, "Event", both, false, true)).toBe(false);
    const onlyProto = JSON.parse(JSON.stringify(event()).replace(/^\{/, '{"__proto__": true,'));
    expect(agree(mod, o, "Event", onlyProto, true, true)).toBe(false);
    // Only a declared __proto__ field's issues are left out: an undeclared key's are compared.
    expect(unseenByAjv({ path: "/__proto__", message: "", received: "array" })).toBe(true);
    expect(unseenByAjv({ path: "/__proto__/x", message: "", received: "unknown property" })).toBe(true);
    expect(unseenByAjv({ path: "/__proto__", message: "", received: "unknown property" })).toBe(false);
    expect(unseenByAjv({ path: "/a/__proto__", message: "", received: "unknown property" })).toBe(false);
    expect(unseenByAjv({ path: "/proto", message: "", received: "array" })).toBe(false);
    // A value ajv accepts while docs2ts reports an issue elsewhere is still a mismatch.
    const fakeMod = { ...mod, isEvent: () => false, validateEvent: () => ({ ok: false, errors: [{ path: "/id", message: "x" }] }) };
    expect(() => agree(fakeMod, o, "Event", event(), true, true)).toThrow(/verdict differs/);
  });

  it("a key with / and ~ is escaped in the JSON Pointer path", () => {
    expect(paths("Event", { ...event(), "a/b~c": "x" })).toEqual(["/a~1b~0c"]);
  });
});

/** A fixed seed per model name. */
function seedOf(name: string): number {
  let h = 20261126;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return h;
}

describe("unions: differential against ajv over every zoo model", () => {
  const arbs = new IRArbitraries(zoo.ir, { unknownKeys: "accept", enums: "closed" });
  const hasUnion = (name: string) => ["Pet", "Shape", "Event"].includes(name);

  it.each(zoo.ir.models.map((m) => m.name))("%s: valid values, near-misses and JSON values agree", (name) => {
    const m = arbs.model(name);
    const subset = hasUnion(name);
    fc.assert(fc.property(arbs.valid(m), (v) => {
      expect(agree(mod, o, name, v, true, subset)).toBe(true);
    }), { numRuns: RUNS });
    // Seeded: the share of near-misses that are invalid is a count, and a union's near-miss may
    // be another member's valid value (Shape's share is near one half), so an unseeded run could
    // land on either side of the bound.
    let invalid = 0;
    fc.assert(
      fc.property(arbs.nearMiss(m), (v) => {
        if (!agree(mod, o, name, v, true, subset)) invalid++;
      }),
      { numRuns: RUNS, seed: seedOf(name) },
    );
    expect(invalid).toBeGreaterThan(RUNS / 3);
    fc.assert(fc.property(arbs.nearMiss(m, fc.integer({ min: 2, max: 3 })), (v) => void agree(mod, o, name, v, false, subset)), { numRuns: RUNS });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 2 }), (v) => void agree(mod, o, name, v, false, subset)), { numRuns: RUNS / 4 });
  });
});
