import { fieldKey } from "./keys.js";
import type { IR, Model, ModelKind, TypeRef } from "./types.js";

/**
 * A model's shape: what a consumer of the generated TypeScript depends on (names, fields,
 * types, Required, nullability, enum values, union members), without prose or line numbers.
 * `docs2ts diff` and `generate --check` compare shapes; the output folder keeps the shapes it
 * was generated from in `.docs2ts-models.json` so that `--check` can say what changed.
 */
export interface ModelShape {
  source: string;
  name: string;
  title: string;
  kind: ModelKind;
  deprecated?: boolean;
  fields?: FieldShape[];
  values?: (string | number)[];
  /** An enum the docs mark open (its type accepts other values too). */
  open?: boolean;
  members?: TypeRef[];
}

export interface FieldShape {
  /** The JSON key (the generated property: `wireName` when the `keys` option converted it). */
  name: string;
  type: TypeRef;
  required: boolean;
  nullable: boolean;
  deprecated?: boolean;
}

export interface ModelsRecord {
  version: 1;
  dialect: string;
  models: ModelShape[];
}

/** The file in the output folder that records the shapes it was generated from. */
export const MODELS_RECORD = ".docs2ts-models.json";

export function shapeOf(m: Model): ModelShape {
  const s: ModelShape = { source: m.source, name: m.name, title: m.title, kind: m.kind };
  if (m.deprecated) s.deprecated = true;
  if (m.fields) {
    s.fields = m.fields.map((f) => ({
      name: fieldKey(f),
      type: f.type,
      required: f.required,
      nullable: f.nullable,
      ...(f.deprecated ? { deprecated: true } : {}),
    }));
  }
  if (m.values) s.values = m.values.map((v) => v.value);
  if (m.open) s.open = true;
  if (m.members) s.members = m.members;
  return s;
}

/** The record's text: one model per line (by name), so that version control shows changes per model. */
export function modelsRecordText(ir: IR): string {
  const models = ir.models.map(shapeOf).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines = models.map((m) => JSON.stringify(m));
  return `{"version":1,"dialect":${JSON.stringify(ir.dialect)},"models":[\n${lines.join(",\n")}\n]}\n`;
}

/** Read a record; `undefined` when the text is not one (a record is a hint, never trusted blindly). */
export function parseModelsRecord(text: string): ModelsRecord | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const r = data as Partial<ModelsRecord>;
  if (r.version !== 1 || typeof r.dialect !== "string" || !Array.isArray(r.models)) return undefined;
  const ok = r.models.every(
    (m) =>
      typeof m === "object" && m !== null && typeof m.source === "string" && typeof m.name === "string" &&
      typeof m.title === "string" && ["object", "enum", "union"].includes(m.kind) &&
      (m.fields === undefined || (Array.isArray(m.fields) && m.fields.every((f) => typeof f?.name === "string" && isTypeRef(f.type) && typeof f.required === "boolean" && typeof f.nullable === "boolean"))) &&
      (m.values === undefined || (Array.isArray(m.values) && m.values.every((v) => typeof v === "string" || typeof v === "number"))) &&
      (m.open === undefined || m.open === true) &&
      (m.members === undefined || (Array.isArray(m.members) && m.members.every(isTypeRef))),
  );
  return ok ? (r as ModelsRecord) : undefined;
}

const SCALARS = new Set(["string", "integer", "number", "boolean", "any", "null", "date", "datetime", "bigint", "decimal", "binary"]);

function isTypeRef(t: unknown): t is TypeRef {
  if (typeof t !== "object" || t === null) return false;
  const x = t as Record<string, unknown>;
  switch (x.kind) {
    case "literal":
      return ["string", "number", "boolean"].includes(typeof x.value) || x.value === null;
    case "array":
      return isTypeRef(x.items);
    case "map":
      return isTypeRef(x.values);
    case "ref":
      return typeof x.target === "string";
    case "union":
      return Array.isArray(x.members) && x.members.every(isTypeRef);
    case "external":
      return typeof x.name === "string";
    default:
      return typeof x.kind === "string" && SCALARS.has(x.kind);
  }
}
