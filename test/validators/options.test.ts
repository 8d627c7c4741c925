/**
 * The emit options, on generated code: `unknownKeys` accept (default) | reject and `enums`
 * closed (default) | open — behaviour on values, the types (`X | (string & {})`, checked by tsc),
 * and a differential run against ajv over every clerk object model with the non-default options.
 */
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IRArbitraries } from "../helpers/arbitraries.js";
import { tempTree } from "../helpers/cli.js";
import { agree, oracle } from "../helpers/differential.js";
import { generated } from "../helpers/generated.js";
import { corpusPath } from "../helpers/shared.js";
import { typecheckWith } from "../helpers/tsc.js";
import { zooDocs } from "../helpers/zoo.js";
import * as S from "./clerk-samples.js";

const RUNS = Number(process.env.DOCS2TS_DIFF_RUNS ?? 8);
const strict = generated(corpusPath("clerk-ruby-sorbet"), "clerk-reject-open", { unknownKeys: "reject", enums: "open" });
const loose = generated(corpusPath("clerk-ruby-sorbet"), "clerk-ruby-sorbet");
const S_ = await strict.load();
const L = await loose.load();
const zooDir = tempTree(zooDocs);
const zooOpen = generated(zooDir, "zoo-open", { enums: "open" });
const zooClosed = generated(zooDir, "zoo");
const ZO = await zooOpen.load();

const paths = (mod: Record<string, any>, model: string, v: unknown): string[] => {
  const r = mod[`validate${model}`](v);
  expect(mod[`is${model}`](v)).toBe(r.ok);
  return r.ok ? [] : r.errors.map((e: { path: string }) => e.path);
};

describe("unknownKeys", () => {
  it("accept (default): keys the model does not declare are ignored, at every level", () => {
    const o: Record<string, any> = { ...S.phoneNumber(), brand_new_field: { any: "thing" } };
    (o.linked_to as any[])[0].extra = 1;
    expect(paths(L, "PhoneNumber", o)).toEqual([]);
  });

  it("reject: each undeclared key is an issue at its own path, nested ones too", () => {
    const o: Record<string, any> = { ...S.phoneNumber(), brand_new_field: 1 };
    (o.linked_to as any[])[1].extra = 1;
    const r = S_.validatePhoneNumber(o);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      { path: "/linked_to/1/extra", message: "property is not declared by the model", received: "unknown property" },
      { path: "/brand_new_field", message: "property is not declared by the model", received: "unknown property" },
    ]);
    expect(S_.isPhoneNumber(o)).toBe(false);
  });

  it("reject: an own __proto__ key and keys with / or ~ are reported with escaped paths; inherited keys are not", () => {
    const o = JSON.parse(JSON.stringify(S.phoneNumber()).replace(/^\{/, '{"__proto__": 1, "a/b": 2, "~": 3,'));
    expect(paths(S_, "PhoneNumber", o)).toEqual(["/__proto__", "/a~1b", "/~0"]);
    const inherited = Object.assign(Object.create({ inherited_extra: 1 }), S.phoneNumber());
    expect(paths(S_, "PhoneNumber", inherited)).toEqual([]);
  });

  it("reject: the keys are listed on every model, so a Proxy whose ownKeys trap throws is rejected, nested too; accept reads its fields only", () => {
    const boom = () => {
      throw new Error("boom from ownKeys");
    };
    const top = new Proxy(S.phoneNumber(), { ownKeys: boom });
    const nested = S.phoneNumber();
    (nested.linked_to as object[])[0] = new Proxy((nested.linked_to as object[])[0]!, { ownKeys: boom });
    for (const v of [top, nested]) {
      expect(S_.isPhoneNumber(v)).toBe(false);
      expect(S_.validatePhoneNumber(v).ok).toBe(false);
      // PhoneNumber and IdentificationLink are read by name (not adaptive): with keys accepted,
      // the fields read fine and the value is valid.
      expect(L.isPhoneNumber(v)).toBe(true);
      expect(L.validatePhoneNumber(v).ok).toBe(true);
    }
  });

  it("reject: a valid value with only declared keys is accepted; free-form objects stay open", () => {
    expect(paths(S_, "PhoneNumber", S.phoneNumber())).toEqual([]);
    const org = S.organization();
    org.public_metadata = { anything: [1, 2], goes: true };
    expect(paths(S_, "Organization", org)).toEqual([]);
  });
});

describe("enums", () => {
  it("closed (default): a value that is not listed is rejected, naming the listed ones", () => {
    const r = L.validatePhoneNumber({ ...S.phoneNumber(), object: "phone_number_v2" });
    expect(r.errors).toEqual([{ path: "/object", message: 'expected "phone_number", received string', expected: '"phone_number"', received: "string" }]);
  });

  it("open: any string is accepted, anything else is not", () => {
    expect(paths(S_, "PhoneNumber", { ...S.phoneNumber(), object: "phone_number_v2" })).toEqual([]);
    const r = S_.validatePhoneNumber({ ...S.phoneNumber(), object: 7 });
    expect(r.errors).toEqual([{ path: "/object", message: "expected string, received integer", expected: "string", received: "integer" }]);
    expect(S_.PhoneNumberObject).toEqual({ PHONE_NUMBER: "phone_number" });
  });

  it("open: the type is the listed values | (string & {}), so both compile; closed rejects other strings", () => {
    const colour = zooOpen.files.find((f) => f.path === "models/Colour.ts")!.content;
    expect(colour).toContain('export type Colour = "red" | "green" | "blue" | (string & {});');
    const closed = zooClosed.files.find((f) => f.path === "models/Colour.ts")!.content;
    expect(closed).toContain('export type Colour = "red" | "green" | "blue";');
    const usage = [
      'import type { Colour } from "./index.js";',
      'export const listed: Colour = "red";',
      'export const other: Colour = "purple";',
      "// @ts-expect-error a number is not a Colour",
      "export const bad: Colour = 7;",
      "",
    ].join("\n");
    const run = (dir: string) => typecheckWith(dir, "usage.ts", usage);
    expect(run(zooOpen.dir)).toEqual([]);
    const errors = run(zooClosed.dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/usage\.ts:3: Type '"purple"' is not assignable to type 'Colour'/);
  });

  it("open: a discriminated union still reports the member its (listed) tag names; an unlisted tag gives one issue", () => {
    expect(paths(ZO, "Pet", { type: "dog", name: 1 })).toEqual(["/name", "/good"]);
    expect(paths(ZO, "Pet", { type: "bird", name: "x" })).toEqual([]);
    expect(paths(ZO, "Pet", { type: "bird", name: 1 })).toEqual([""]);
  });
});

describe("differential against ajv with unknownKeys: reject, enums: open", () => {
  const o = oracle(strict.ir, { unknownKeys: "reject", enums: "open" });
  const arbs = new IRArbitraries(strict.ir, { unknownKeys: "reject", enums: "open" });
  const objects = strict.ir.models.filter((m) => m.kind === "object");

  it("an undeclared __proto__ key is compared like any other: both report it (fast-check found the case)", () => {
    const v = JSON.parse('{"is_satellite": "", "proxy_url": "", "__proto__": 1}');
    expect(paths(S_, "AddDomainRequestBody", v)).toEqual(["/name", "/__proto__"]);
    expect(agree(S_, o, "AddDomainRequestBody", v, false)).toBe(false);
  });

  it("valid values and near-misses (undeclared keys among the faults) agree, over every object model", () => {
    let invalid = 0;
    let total = 0;
    for (const m of objects) {
      fc.assert(fc.property(arbs.valid(m), (v) => void expect(agree(S_, o, m.name, v, true)).toBe(true)), { numRuns: RUNS });
      fc.assert(
        fc.property(arbs.nearMiss(m), (v) => {
          total++;
          if (!agree(S_, o, m.name, v, true)) invalid++;
        }),
        { numRuns: RUNS * 2 },
      );
      fc.assert(fc.property(arbs.nearMiss(m, fc.integer({ min: 2, max: 3 })), (v) => void agree(S_, o, m.name, v, false)), { numRuns: RUNS });
    }
    expect(invalid / total).toBeGreaterThan(0.6);
  });
});
