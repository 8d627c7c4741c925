/**
 * fast-check arbitraries built from the IR, for differential tests: values that are valid for a
 * model (by construction from its fields, never by asking a validator), and near-misses: a valid
 * value with one (or a few) mutations at a random place inside it — a required key removed, a
 * value of the wrong kind, an enum value that is not listed, an undeclared key (when unknown
 * keys are rejected), a wrong item in a list. A mutation may happen to give a valid value (null
 * where null is allowed); the tests compare verdicts, so that is fine, and they check that most
 * near-misses are indeed invalid.
 *
 * Only JSON values are produced (no `undefined`, NaN or class instances): that is the domain on
 * which the JSON Schema and the validators must agree.
 */
import fc from "fast-check";
import type { EmitOptions } from "../../generator/emit/context.js";
import type { IR, Model, TypeRef } from "../../generator/api.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ArbitraryOptions {
  unknownKeys: EmitOptions["unknownKeys"];
  enums: EmitOptions["enums"];
  /** Depth after which optional fields are left out and lists are empty. */
  maxDepth?: number;
}

/** Set a key as an own data property (also `__proto__`). */
function put(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** A deep copy through JSON, which keeps own `__proto__` keys as own keys. */
export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

const ABSENT = Symbol("absent");

const isoDate = fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true });

export class IRArbitraries {
  private readonly bySource: Map<string, Model>;
  private readonly memo = new Map<string, fc.Arbitrary<Json>>();
  readonly maxDepth: number;

  constructor(
    readonly ir: IR,
    readonly options: ArbitraryOptions,
  ) {
    this.bySource = new Map(ir.models.map((m) => [m.source, m]));
    this.maxDepth = options.maxDepth ?? 3;
  }

  model(name: string): Model {
    const m = this.ir.models.find((x) => x.name === name);
    if (!m) throw new Error(`no model ${name}`);
    return m;
  }

  target(source: string): Model {
    const m = this.bySource.get(source);
    if (!m) throw new Error(`no model for ${source}`);
    return m;
  }

  /** Valid values of a model. */
  valid(model: Model, depth = 0): fc.Arbitrary<Json> {
    if (depth > 12) throw new Error(`required fields nest deeper than 12 levels from ${model.name}: a required cycle?`);
    const key = `${model.source}\0${Math.min(depth, this.maxDepth + 1)}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    let arb: fc.Arbitrary<Json>;
    switch (model.kind) {
      case "enum": {
        const values = (model.values ?? []).map((v) => v.value);
        arb = this.options.enums === "open" ? fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 6 })) : fc.constantFrom(...values);
        break;
      }
      case "union":
        arb = fc.oneof(...(model.members ?? []).map((m) => this.type(m, depth)));
        break;
      case "object": {
        const fields = model.fields ?? [];
        const deep = depth >= this.maxDepth;
        const parts = fields.map((f) => {
          if (deep && !f.required) return fc.constant(ABSENT) as fc.Arbitrary<Json | typeof ABSENT>;
          const value = this.type(f.type, depth + 1);
          const withNull = f.nullable ? fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value;
          if (f.required) return withNull as fc.Arbitrary<Json | typeof ABSENT>;
          return fc.oneof({ weight: 1, arbitrary: fc.constant(ABSENT) }, { weight: 2, arbitrary: withNull }) as fc.Arbitrary<Json | typeof ABSENT>;
        });
        const names = new Set(fields.map((f) => f.name));
        const extra =
          this.options.unknownKeys === "accept" || fields.length === 0
            ? fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => !names.has(k)), fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>, { maxKeys: deep ? 0 : 2 })
            : fc.constant({} as Record<string, Json>);
        arb = fc.tuple(fc.tuple(...parts), extra).map(([values, more]) => {
          const o: Record<string, Json> = {};
          fields.forEach((f, i) => {
            const v = values[i];
            if (v !== ABSENT) put(o, f.name, v as Json);
          });
          for (const [k, v] of Object.entries(more)) if (!names.has(k)) put(o, k, v);
          return o;
        });
        break;
      }
    }
    this.memo.set(key, arb);
    return arb;
  }

  /** Valid values of a type. */
  type(t: TypeRef, depth: number): fc.Arbitrary<Json> {
    const deep = depth >= this.maxDepth;
    switch (t.kind) {
      case "string":
      case "binary":
        return fc.string({ maxLength: 8 });
      case "integer":
        return fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, 1e21));
      case "number":
        return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "any":
      case "external":
        return fc.jsonValue({ maxDepth: deep ? 0 : 2 }) as fc.Arbitrary<Json>;
      case "date":
        return isoDate.map((d) => d.toISOString().slice(0, 10));
      case "datetime":
        return fc.tuple(isoDate, fc.constantFrom("Z", "z", "+00:00", "-05:30", "+14:00")).map(([d, z]) => d.toISOString().slice(0, 19) + (z === "Z" ? ".123Z" : z));
      case "bigint":
        return fc.oneof(fc.integer(), fc.bigInt().map(String));
      case "decimal":
        return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom("0", "-1.5", "12.25e3", "1E-7"));
      case "literal":
        return fc.constant(t.value);
      case "array":
        return fc.array(this.type(t.items, depth + 1), { maxLength: deep ? 0 : 3 });
      case "map":
        return fc.dictionary(fc.string({ maxLength: 6 }), this.type(t.values, depth + 1), { maxKeys: deep ? 0 : 3 }) as fc.Arbitrary<Json>;
      case "ref":
        return this.valid(this.target(t.target), depth);
      case "union":
        return fc.oneof(...t.members.map((m) => this.type(m, depth)));
    }
  }

  /** A valid value with `count` mutations applied at random places. */
  nearMiss(model: Model, count: fc.Arbitrary<number> = fc.constant(1)): fc.Arbitrary<Json> {
    return fc
      .tuple(this.valid(model), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }), count)
      .map(([v, picks, n]) => {
        let out = clone(v);
        for (const [site, choice] of picks.slice(0, n)) out = this.mutate(model, out, site, choice);
        return out;
      });
  }

  /** Apply the `site`-th possible mutation of `v` (a value of `model`), choosing with `choice`. */
  mutate(model: Model, v: Json, site: number, choice: number): Json {
    const sites: Mutation[] = [];
    this.sitesOfModel(model, v, sites, { get: () => v, set: (x) => (v = x) });
    const m = sites[site % sites.length]!;
    m(choice);
    return v;
  }

  private sitesOfModel(model: Model, v: Json, out: Mutation[], at: Slot): void {
    out.push((c) => at.set(wrong(c)));
    if (model.kind === "enum") {
      out.push(() => at.set("not a listed value ~/"));
      return;
    }
    if (model.kind === "union") {
      for (const m of model.members ?? []) this.sitesOfType(m, v, out, at);
      return;
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) return;
    const o = v;
    for (const f of model.fields ?? []) {
      // ajv ignores a property named `__proto__` in `properties` (its allSchemaProperties filter),
      // so a fault there is invisible to the oracle; test/validators/unions.test.ts checks ours.
      if (f.name === "__proto__") continue;
      const has = Object.prototype.hasOwnProperty.call(o, f.name);
      if (f.required && has) out.push(() => delete o[f.name]);
      if (has && o[f.name] !== null) {
        this.sitesOfType(f.type, o[f.name]!, out, { get: () => o[f.name]!, set: (x) => put(o, f.name, x) });
      } else if (has) {
        out.push((c) => put(o, f.name, wrong(c)));
      }
    }
    if (this.options.unknownKeys === "reject" && (model.fields ?? []).length > 0) {
      out.push((c) => put(o, ["undeclared", "__proto__", "a/b~c", ""][c % 4]!, 1));
    }
  }

  private sitesOfType(t: TypeRef, v: Json, out: Mutation[], at: Slot): void {
    switch (t.kind) {
      case "ref":
        this.sitesOfModel(this.target(t.target), v, out, at);
        return;
      case "array":
        out.push((c) => at.set(wrong(c)));
        if (Array.isArray(v)) {
          v.forEach((item, i) => this.sitesOfType(t.items, item, out, { get: () => v[i]!, set: (x) => (v[i] = x) }));
        }
        return;
      case "map":
        out.push((c) => at.set(wrong(c)));
        if (v !== null && typeof v === "object" && !Array.isArray(v)) {
          for (const k of Object.keys(v)) this.sitesOfType(t.values, v[k]!, out, { get: () => v[k]!, set: (x) => put(v, k, x) });
        }
        return;
      case "union":
        out.push((c) => at.set(wrong(c)));
        return;
      case "any":
      case "external":
        return;
      case "date":
        out.push((c) => at.set(["2023-02-29", "2024-13-01", "20240101", "2024-01-01T00:00:00Z"][c % 4]!));
        return;
      case "datetime":
        out.push((c) => at.set(["2024-01-01", "2024-01-01T25:00:00Z", "2024-01-01T10:00:00", "2024-02-30T10:00:00Z"][c % 4]!));
        return;
      default:
        out.push((c) => at.set(wrong(c)));
    }
  }
}

type Mutation = (choice: number) => void;
interface Slot {
  get: () => Json;
  set: (v: Json) => void;
}

/**
 * Replacement values of every JSON kind (each is wrong for most types). The objects hold no
 * declared key, so that a replacement is one fault (or only missing keys), not several kinds.
 */
const WRONG: Json[] = [null, 0, 1.5, -7, "", "text", true, false, [], [1, "a"], {}, { unknown_key: 1 }, "2024-01-01", 1e300];
/** A fresh copy of one of them (later mutations must not change the shared ones). */
const wrong = (c: number): Json => clone(WRONG[c % WRONG.length]!);

/** ajv error -> JSON Pointer of the offending value (the mapping the differential tests use). */
export function ajvErrorPath(e: { instancePath: string; keyword: string; params: Record<string, unknown> }): string {
  const esc = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");
  if (e.keyword === "required") return `${e.instancePath}/${esc(String(e.params.missingProperty))}`;
  if (e.keyword === "additionalProperties" && typeof e.params.additionalProperty === "string") {
    return `${e.instancePath}/${esc(e.params.additionalProperty)}`;
  }
  return e.instancePath;
}
