/**
 * Shared pieces of the whole-corpus tests of the Java, C# and PHP dialects: an independent reader
 * of the raw doc tables (plain string operations on the lines; the generator itself reads mdast),
 * a compact notation for IR types, and the self-check that
 * assembles each model's Example column into a value and runs the model's generated validator.
 */
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { Field, Model, TypeRef } from "../../generator/api.js";
import type { GeneratedModule } from "./generated.js";

export interface RawTable {
  header: string[];
  rows: string[][];
}

export interface RawDoc {
  title: string;
  /** `##` headings in order. */
  sections: string[];
  /** `###` headings in order (union members). */
  members: string[];
  tables: RawTable[];
}

/** Split a table line on the pipes that are not escaped with a backslash; cells trimmed. */
export function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  const body = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\\" && body[i + 1] === "|") {
      cell += "\\|";
      i++;
    } else if (c === "|") {
      cells.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/** Read a doc's title, headings and tables from its raw lines (code blocks skipped). */
export function rawDoc(corpus: string, path: string): RawDoc {
  const lines = readFileSync(join(corpus, path), "utf8").split("\n");
  const doc: RawDoc = { title: "", sections: [], members: [], tables: [] };
  let inCode = false;
  let table: RawTable | undefined;
  for (const line of lines) {
    if (line.startsWith("```")) inCode = !inCode;
    if (inCode) continue;
    if (line.startsWith("|")) {
      const cells = splitRow(line);
      if (!table) {
        table = { header: cells, rows: [] };
        doc.tables.push(table);
      } else if (!cells.every((c) => /^-+$/.test(c))) table.rows.push(cells);
      continue;
    }
    table = undefined;
    if (line.startsWith("# ") && !doc.title) doc.title = line.slice(2).trim();
    else if (line.startsWith("## ")) doc.sections.push(line.slice(3).trim());
    else if (line.startsWith("### ")) doc.members.push(line.slice(4).trim());
  }
  return doc;
}

/** The doc a relative link in `fromDoc` points to. */
export function linkTarget(fromDoc: string, url: string): string {
  return posix.normalize(posix.join(posix.dirname(fromDoc), url));
}

/** A compact, readable form of an IR type: `array<ref:models/x.md>`, `union(a,b)`. */
export function compact(t: TypeRef): string {
  return compactWith(t, (members) => `union(${members.join(",")})`);
}

/** `compact` with unions written by `union` from their members' forms (e.g. `a|b`). */
export function compactWith(t: TypeRef, union: (members: string[]) => string): string {
  const inner = (x: TypeRef) => compactWith(x, union);
  switch (t.kind) {
    case "array":
      return `array<${inner(t.items)}>`;
    case "map":
      return `map<${inner(t.values)}>`;
    case "ref":
      return `ref:${t.target}`;
    case "external":
      return `external:${t.name}`;
    case "union":
      return union(t.members.map(inner));
    case "literal":
      return JSON.stringify(t.value);
    default:
      return t.kind;
  }
}

export interface ExampleCheck {
  /** Models whose Fields table has an Example column with at least one value. */
  models: number;
  /** Example cells read (one value each). */
  values: number;
  /** Values with no validator issue at or below their field's path. */
  accepted: number;
  /** `source: /path message (example …)` for every issue that rejects an example value. */
  rejections: string[];
  /** Issues set aside because a key the example leaves out is required (see `checkExamples`). */
  absent: number;
}

interface Issue {
  path: string;
  message: string;
}
type Validate = (v: unknown) => { ok: boolean; errors?: Issue[] };

/**
 * The Example column of every model, assembled into one object per model and run through the
 * model's generated `validate<Name>`. Each field with a non-empty Example gets that value: as
 * text for string, date and date-time fields, else as JSON when it parses, else as text (`<br/>`
 * is a line break).
 *
 * Examples are sparse: most Example cells are empty, and a JSON example of a nested object often
 * gives a few of its keys only. So a key an example leaves out is no verdict on it: the issue
 * "required property is missing" is set aside (counted in `absent`), and a union member is
 * accepted when one member's validator has no other issue with it. Every other issue at or below
 * a value's path rejects that value.
 *
 * JSON examples of nested objects are written with the API's wire keys (`expire_at`) while the
 * generated types use the SDK's names (`ExpireAt`, `expireAt`): each key of a nested object is
 * renamed to the field of the linked model whose name equals it ignoring case and underscores
 * (keys of maps and of `any` values are left alone), as the SDK's own (de)serialiser does.
 */
export function checkExamples(corpus: string, models: readonly Model[], generated: GeneratedModule): ExampleCheck {
  const result: ExampleCheck = { models: 0, values: 0, accepted: 0, rejections: [], absent: 0 };
  const bySource = new Map(models.map((m) => [m.source, m]));
  const validator = (m: Model): Validate => {
    const v = generated[`validate${m.name}`] as Validate;
    if (typeof v !== "function") throw new Error(`no validate${m.name} in the generated module`);
    return v;
  };
  /** The issues left once absent keys are set aside and union members are tried one by one. */
  const remaining = (value: unknown, model: Model, depth: number): Issue[] => {
    const r = validator(model)(value);
    if (r.ok) return [];
    return r.errors!.filter((e) => {
      if (e.message.startsWith("required property is missing")) {
        result.absent++;
        return false;
      }
      const members = depth < 8 ? unionModels(typeAt({ kind: "ref", target: model.source }, e.path, bySource), bySource) : [];
      const at = valueAt(value, e.path);
      return !members.some((m) => remaining(at, m, depth + 1).length === 0);
    });
  };
  for (const model of models) {
    if (model.kind !== "object") continue;
    const table = rawDoc(corpus, model.source).tables[0];
    const col = table?.header.indexOf("Example") ?? -1;
    if (!table || col < 0) continue;
    const value: Record<string, unknown> = {};
    table.rows.forEach((row, i) => {
      const field = model.fields![i]!;
      if (row[0]!.replace(/~~|`/g, "") !== field.name) throw new Error(`${model.source}: row ${i} is not field ${field.name}`);
      const text = row[col]!.replace(/<br\s*\/?>/g, "\n").trim();
      if (text !== "") value[field.name] = sdkKeys(exampleValue(text, field.type), field.type, bySource);
    });
    const names = Object.keys(value);
    if (names.length === 0) continue;
    result.models++;
    result.values += names.length;
    const issues = remaining(value, model, 0);
    for (const name of names) {
      const at = pointer([name]);
      const mine = issues.filter((e) => e.path === at || e.path.startsWith(`${at}/`));
      if (mine.length === 0) result.accepted++;
      for (const e of mine) result.rejections.push(`${model.source}: ${e.path} ${e.message} (example ${JSON.stringify(value[name])})`);
    }
  }
  return result;
}

function pointer(segments: readonly string[]): string {
  return segments.map((s) => `/${s.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function segmentsOf(path: string): string[] {
  return path === "" ? [] : path.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function valueAt(value: unknown, path: string): unknown {
  let v = value;
  for (const s of segmentsOf(path)) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

/** The IR type at a JSON Pointer below a value of type `type` (through objects, arrays and maps). */
function typeAt(type: TypeRef, path: string, bySource: ReadonlyMap<string, Model>): TypeRef | undefined {
  let t: TypeRef | undefined = type;
  for (const s of segmentsOf(path)) {
    if (!t) return undefined;
    if (t.kind === "array") t = t.items;
    else if (t.kind === "map") t = t.values;
    else if (t.kind === "ref") t = bySource.get(t.target)?.fields?.find((f) => f.name === s)?.type;
    else return undefined;
  }
  return t;
}

/** The object models a union type (inline, or a union model) accepts. */
function unionModels(type: TypeRef | undefined, bySource: ReadonlyMap<string, Model>): Model[] {
  if (!type) return [];
  const members = type.kind === "union" ? type.members : type.kind === "ref" && bySource.get(type.target)?.kind === "union" ? bySource.get(type.target)!.members! : [];
  return members.flatMap((m) => {
    const model = m.kind === "ref" ? bySource.get(m.target) : undefined;
    if (model?.kind === "object") return [model];
    return model?.kind === "union" ? unionModels(m, bySource) : [];
  });
}

/** Rename the wire keys of nested objects to the SDK field names of the model the type links to. */
function sdkKeys(value: unknown, type: TypeRef, bySource: ReadonlyMap<string, Model>, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return type.kind === "array" ? value.map((v) => sdkKeys(v, type.items, bySource, depth + 1)) : value;
  const fields = objectFields(type, bySource);
  if (!fields) return value;
  const fold = (s: string) => s.replace(/_/g, "").toLowerCase();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const field = fields.find((f) => f.name === k) ?? fields.find((f) => fold(f.name) === fold(k));
    out[field?.name ?? k] = field ? sdkKeys(v, field.type, bySource, depth + 1) : v;
  }
  return out;
}

/** The fields of the object model(s) a type links to: for a union, those of every object member. */
function objectFields(type: TypeRef, bySource: ReadonlyMap<string, Model>, depth = 0): Field[] | undefined {
  if (depth > 8) return undefined;
  if (type.kind === "union") {
    const all = type.members.flatMap((m) => objectFields(m, bySource, depth + 1) ?? []);
    return all.length > 0 ? all : undefined;
  }
  if (type.kind !== "ref") return undefined;
  const model = bySource.get(type.target);
  if (model?.kind === "object") return model.fields;
  if (model?.kind === "union") return objectFields({ kind: "union", members: model.members ?? [] }, bySource, depth + 1);
  return undefined;
}

function exampleValue(text: string, type: TypeRef): unknown {
  const kinds = type.kind === "union" ? type.members.map((m) => m.kind) : [type.kind];
  if (kinds.every((k) => k === "string" || k === "date" || k === "datetime")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
