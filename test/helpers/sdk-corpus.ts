/**
 * Shared pieces of the whole-corpus tests of the Java, C# and PHP dialects: an independent reader
 * of the raw doc tables (plain string operations on the lines; the generator itself reads mdast),
 * a compact notation for IR types, and the self-check that
 * assembles each model's Example column into a value and runs the model's generated validator.
 */
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { Model, TypeRef } from "../../generator/api.js";
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
  switch (t.kind) {
    case "array":
      return `array<${compact(t.items)}>`;
    case "map":
      return `map<${compact(t.values)}>`;
    case "ref":
      return `ref:${t.target}`;
    case "external":
      return `external:${t.name}`;
    case "union":
      return `union(${t.members.map(compact).join(",")})`;
    case "literal":
      return JSON.stringify(t.value);
    default:
      return t.kind;
  }
}

export interface ExampleCheck {
  /** Models whose Fields table has an Example column with at least one value. */
  checked: number;
  /** Checked models whose validator raised no issue about an example value. */
  accepted: number;
  /** `source: /path message` for every issue about an example value, per rejected model. */
  rejections: string[];
  /** Example cells read. */
  values: number;
  /** Required fields left out because their Example cell is empty (not counted as rejections). */
  missing: number;
}

/**
 * The Example column of every model, assembled into one object per model (each field with a
 * non-empty Example gets that value: as text for string, date and date-time fields, else as JSON
 * when it parses, else as text; `<br/>` is a line break) and run through the model's generated
 * `validate<Name>`. Most Example columns are sparse, so the only issues set aside are "required
 * property is missing" for the fields whose Example is empty; every other issue is a rejection.
 */
export function checkExamples(corpus: string, models: readonly Model[], generated: GeneratedModule): ExampleCheck {
  const result: ExampleCheck = { checked: 0, accepted: 0, rejections: [], values: 0, missing: 0 };
  for (const model of models) {
    if (model.kind !== "object") continue;
    const table = rawDoc(corpus, model.source).tables[0];
    const col = table?.header.indexOf("Example") ?? -1;
    if (!table || col < 0) continue;
    const value: Record<string, unknown> = {};
    const absent = new Set<string>();
    table.rows.forEach((row, i) => {
      const field = model.fields![i]!;
      if (row[0]!.replace(/~~|`/g, "") !== field.name) throw new Error(`${model.source}: row ${i} is not field ${field.name}`);
      const text = row[col]!.replace(/<br\s*\/?>/g, "\n").trim();
      if (text === "") {
        absent.add(`/${field.name.replace(/~/g, "~0").replace(/\//g, "~1")}`);
        return;
      }
      value[field.name] = exampleValue(text, field.type);
      result.values++;
    });
    if (Object.keys(value).length === 0) continue;
    result.checked++;
    const validate = generated[`validate${model.name}`] as (v: unknown) => { ok: boolean; errors?: { path: string; message: string }[] };
    if (typeof validate !== "function") throw new Error(`no validate${model.name} in the generated module`);
    const r = validate(value);
    const issues = (r.ok ? [] : r.errors!).filter((e) => {
      const skip = absent.has(e.path) && e.message.startsWith("required property is missing");
      if (skip) result.missing++;
      return !skip;
    });
    if (issues.length === 0) result.accepted++;
    else for (const e of issues) result.rejections.push(`${model.source}: ${e.path} ${e.message}`);
  }
  return result;
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
