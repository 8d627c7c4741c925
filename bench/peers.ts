/**
 * The same models for the peers: zod 4 and valibot 1 schemas built programmatically from the IR
 * (benchmark-only code; docs2ts does not emit them). Semantics follow docs2ts's: unknown keys
 * accepted (looseObject), optional = may be absent, nullable = null allowed, integers are
 * integers, maps are records with string keys, enums are closed.
 */
import * as v from "valibot";
import { z } from "zod";
import type { IR, Model, TypeRef } from "../generator/ir/types.js";

export function zodSchemas(ir: IR): (name: string) => z.ZodType {
  const bySource = new Map(ir.models.map((m) => [m.source, m]));
  const building = new Set<string>();
  // A ref is built in place; z.lazy only closes a cycle (lazy schemas are much slower).
  const model = (m: Model): z.ZodType => (building.has(m.source) ? z.lazy(() => build(m)) : build(m));
  const built = new Map<string, z.ZodType>();
  const build = (m: Model): z.ZodType => {
    const hit = built.get(m.source);
    if (hit) return hit;
    building.add(m.source);
    let s: z.ZodType;
    if (m.kind === "enum") s = z.enum((m.values ?? []).map((x) => String(x.value)) as [string, ...string[]]);
    else if (m.kind === "union") s = z.union((m.members ?? []).map(type) as unknown as [z.ZodType, z.ZodType]);
    else if ((m.fields ?? []).length === 0) s = z.record(z.string(), z.unknown());
    else {
      const shape: Record<string, z.ZodType> = {};
      for (const f of m.fields ?? []) {
        let t = type(f.type);
        if (f.nullable) t = t.nullable();
        if (!f.required) t = t.optional();
        shape[f.name] = t;
      }
      s = z.looseObject(shape);
    }
    building.delete(m.source);
    built.set(m.source, s);
    return s;
  };
  const type = (t: TypeRef): z.ZodType => {
    switch (t.kind) {
      case "string":
      case "date":
      case "datetime":
      case "binary":
        return z.string();
      case "integer":
        return z.number().int();
      case "number":
        return z.number();
      case "boolean":
        return z.boolean();
      case "null":
        return z.null();
      case "any":
      case "external":
        return z.unknown();
      case "bigint":
      case "decimal":
        return z.union([z.number(), z.string()]);
      case "literal":
        return z.literal(t.value as string);
      case "array":
        return z.array(type(t.items));
      case "map":
        return z.record(z.string(), type(t.values));
      case "ref":
        return model(bySource.get(t.target)!);
      case "union":
        return z.union(t.members.map(type) as unknown as [z.ZodType, z.ZodType]);
    }
  };
  return (name) => {
    const m = ir.models.find((x) => x.name === name);
    if (!m) throw new Error(`no model ${name}`);
    return build(m);
  };
}

type VSchema = v.GenericSchema;

export function valibotSchemas(ir: IR): (name: string) => VSchema {
  const bySource = new Map(ir.models.map((m) => [m.source, m]));
  const built = new Map<string, VSchema>();
  const building = new Set<string>();
  const model = (m: Model): VSchema => (building.has(m.source) ? v.lazy(() => build(m)) : build(m));
  const build = (m: Model): VSchema => {
    const hit = built.get(m.source);
    if (hit) return hit;
    building.add(m.source);
    let s: VSchema;
    if (m.kind === "enum") s = v.picklist((m.values ?? []).map((x) => String(x.value)));
    else if (m.kind === "union") s = v.union((m.members ?? []).map(type));
    else if ((m.fields ?? []).length === 0) s = v.record(v.string(), v.unknown());
    else {
      const entries: Record<string, VSchema> = {};
      for (const f of m.fields ?? []) {
        let t = type(f.type);
        if (f.nullable) t = v.nullable(t);
        if (!f.required) t = v.optional(t);
        entries[f.name] = t;
      }
      s = v.looseObject(entries);
    }
    building.delete(m.source);
    built.set(m.source, s);
    return s;
  };
  const type = (t: TypeRef): VSchema => {
    switch (t.kind) {
      case "string":
      case "date":
      case "datetime":
      case "binary":
        return v.string();
      case "integer":
        return v.pipe(v.number(), v.integer());
      case "number":
        return v.number();
      case "boolean":
        return v.boolean();
      case "null":
        return v.null();
      case "any":
      case "external":
        return v.unknown();
      case "bigint":
      case "decimal":
        return v.union([v.number(), v.string()]);
      case "literal":
        return v.literal(t.value as string);
      case "array":
        return v.array(type(t.items));
      case "map":
        return v.record(v.string(), type(t.values));
      case "ref":
        return model(bySource.get(t.target)!);
      case "union":
        return v.union(t.members.map(type));
    }
  };
  return (name) => {
    const m = ir.models.find((x) => x.name === name);
    if (!m) throw new Error(`no model ${name}`);
    return build(m);
  };
}
