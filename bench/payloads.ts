/**
 * Deterministic benchmark payloads for clerk-ruby-sorbet models, built from the IR (field kinds,
 * Required, enums, refs) and from Clerk's OpenAPI document (which optional properties the API
 * sends as null, and the spec's own `example` values where their type fits). A seeded PRNG makes
 * every run build the same values.
 *
 * Two shape regimes:
 *   - "mixed": each optional field is present with probability 0.6, and null for 1 in 3 of the
 *     present ones where the OpenAPI schema says `nullable` (many object shapes per model);
 *   - "full": every field present, never null (one shape per model).
 * Invalid payloads: a valid one with a single mutation at a random place (a wrong kind of value,
 * a required key removed, an enum value that is not listed).
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { IR, Model, TypeRef } from "../generator/ir/types.js";

export type Regime = "mixed" | "full";
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface OpenAPIProperty {
  nullable?: boolean;
  example?: unknown;
}

/** Per model title: property name -> what the OpenAPI document says about it. */
export function openapiHints(specPath: string): Map<string, Map<string, OpenAPIProperty>> {
  const spec = parse(readFileSync(specPath, "utf8")) as { components: { schemas: Record<string, any> } };
  const out = new Map<string, Map<string, OpenAPIProperty>>();
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    const props = new Map<string, OpenAPIProperty>();
    const parts = [schema, ...((schema?.allOf as any[]) ?? [])];
    for (const part of parts) {
      for (const [k, p] of Object.entries((part?.properties as Record<string, any>) ?? {})) {
        props.set(k, { ...(p?.nullable ? { nullable: true } : {}), ...(p?.example !== undefined ? { example: p.example } : {}) });
      }
    }
    out.set(name.toLowerCase().replace(/[^a-z0-9]/g, ""), props);
  }
  return out;
}

export interface BuildOptions {
  regime: Regime;
  /** Array lengths for named fields of named models ("User.email_addresses": 50). */
  lengths?: Record<string, number>;
}

export class PayloadBuilder {
  private readonly bySource: Map<string, Model>;

  constructor(
    readonly ir: IR,
    readonly hints: Map<string, Map<string, OpenAPIProperty>>,
    readonly rand: () => number,
  ) {
    this.bySource = new Map(ir.models.map((m) => [m.source, m]));
  }

  model(name: string): Model {
    const m = this.ir.models.find((x) => x.name === name);
    if (!m) throw new Error(`no model ${name}`);
    return m;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }

  value(model: Model, o: BuildOptions, depth = 0): Json {
    switch (model.kind) {
      case "enum":
        return this.pick((model.values ?? []).map((v) => v.value));
      case "union":
        return this.type(this.pick(model.members ?? []), o, depth, model, "");
      case "object": {
        const out: Record<string, Json> = {};
        const fields = model.fields ?? [];
        if (fields.length === 0) return { plan: "pro", seats: Math.floor(this.rand() * 100), tags: ["a", "b"] };
        const props = this.hints.get(model.title.toLowerCase().replace(/[^a-z0-9]/g, ""));
        for (const f of fields) {
          const hint = props?.get(f.name);
          if (!f.required && o.regime === "mixed" && (depth > 3 || this.rand() < 0.4)) continue;
          if (!f.required && depth > 4) continue;
          if (o.regime === "mixed" && f.nullable && hint?.nullable && this.rand() < 1 / 3) {
            out[f.name] = null;
            continue;
          }
          out[f.name] = this.type(f.type, o, depth + 1, model, f.name, hint?.example);
        }
        return out;
      }
    }
  }

  private type(t: TypeRef, o: BuildOptions, depth: number, owner: Model, field: string, example?: unknown): Json {
    switch (t.kind) {
      case "string":
        return typeof example === "string" ? example : `${field}_${Math.floor(this.rand() * 2 ** 32).toString(36)}`;
      case "integer":
        return typeof example === "number" && Number.isInteger(example) ? example : 1_700_000_000_000 + Math.floor(this.rand() * 1e9);
      case "number":
        return Math.round(this.rand() * 1e6) / 100;
      case "boolean":
        return typeof example === "boolean" ? example : this.rand() < 0.5;
      case "null":
        return null;
      case "any":
      case "external":
        return { status: "verified", attempts: Math.floor(this.rand() * 5) };
      case "date":
        return "2024-02-29";
      case "datetime":
        return "2024-02-29T12:00:00Z";
      case "bigint":
        return "9007199254740993";
      case "decimal":
        return "12.50";
      case "binary":
        return "aGVsbG8=";
      case "literal":
        return t.value;
      case "array": {
        const fixed = o.lengths?.[`${owner.name}.${field}`];
        const n = fixed ?? (depth > 3 ? 0 : Math.floor(this.rand() * 3) + (o.regime === "full" ? 1 : 0));
        return Array.from({ length: n }, () => this.type(t.items, o, depth + 1, owner, field));
      }
      case "map":
        return { plan: "pro", seats: 3 };
      case "ref":
        return this.value(this.bySource.get(t.target)!, o, depth);
      case "union":
        return this.type(this.pick(t.members), o, depth, owner, field);
    }
  }

  /** One mutation of a valid value of `model`, at a random place (deep ones included). */
  mutate(model: Model, v: Json): Json {
    const sites: (() => void)[] = [];
    let root = structuredClone(v);
    const wrongs: Json[] = [null, 42, "text", true, [], {}, 1.5];
    const visitModel = (m: Model, x: Json, set: (y: Json) => void) => {
      if (m.kind === "enum") {
        sites.push(() => set("not_a_listed_value"));
        return;
      }
      if (m.kind !== "object" || x === null || typeof x !== "object" || Array.isArray(x)) return;
      for (const f of m.fields ?? []) {
        if (!(f.name in x)) continue;
        if (f.required) sites.push(() => delete x[f.name]);
        visitType(f.type, x[f.name]!, (y) => (x[f.name] = y));
      }
    };
    const visitType = (t: TypeRef, x: Json, set: (y: Json) => void) => {
      if (x === null) return;
      switch (t.kind) {
        case "any":
        case "external":
          return;
        case "ref":
          sites.push(() => set(this.pick(wrongs.filter((w) => typeof w !== "object" || w === null))));
          visitModel(this.bySource.get(t.target)!, x, set);
          return;
        case "array":
          if (Array.isArray(x)) x.forEach((item, i) => visitType(t.items, item, (y) => (x[i] = y)));
          sites.push(() => set("not an array"));
          return;
        case "string":
          sites.push(() => set(this.pick([42, true, {}])));
          return;
        case "integer":
          sites.push(() => set(this.pick([1.5, "12", false])));
          return;
        case "boolean":
          sites.push(() => set(this.pick(["true", 0, []])));
          return;
        default:
          sites.push(() => set(this.pick(wrongs)));
      }
    };
    visitModel(model, root, (y) => (root = y));
    if (sites.length === 0) throw new Error(`no mutation site in ${model.name}`);
    this.pick(sites)();
    return root;
  }
}
