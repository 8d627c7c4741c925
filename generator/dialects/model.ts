import type { Diagnostic, Field, Model, TypeRef } from "../ir/types.js";
import { cleanDescription, richText } from "../markdown/text.js";
import type { Cell, DocFile, Place, Section } from "../markdown/types.js";
import { CellError, columnAt, type FlatCell, flattenCell, isAbsoluteUrl } from "./cell.js";
import type { Dialect, LinkedType, TypeContext, TypeResult } from "./dialect.js";
import { readExample } from "./examples.js";
import { clip, codePlace, columns, type Report, singleTable } from "./sections.js";
import { readValues } from "./values.js";

/** Maps a link's target path to the doc it means (the IR stage's link rules). */
export type ResolveLink = (target: string, hint?: string) => { target?: string; note?: string; fallback?: LinkFallback };

/** A link followed by a fallback rule: from the folder it named to the folder of the doc used. */
export interface LinkFallback {
  from: string;
  to: string;
}

/** Maps a model name written without a link to its doc (the IR stage's name rules). */
export type ResolveName = (name: string, fromDoc: string) => string | undefined;

export interface Resolvers {
  link: ResolveLink;
  name: ResolveName;
}

const identity: Resolvers = { link: (target) => ({ target }), name: () => undefined };

/** A model before naming: `name` is filled in by the IR stage's naming pass. */
export type DraftModel = Omit<Model, "name">;

/** A draft model's kind and the keys that come with it, in the IR's order (`readDoc`'s `draft`); undefined ones are left out. */
type KindKeys = Pick<DraftModel, "kind"> & { [K in "fields" | "additionalProperties" | "values" | "open" | "numericText" | "members"]?: DraftModel[K] | undefined };

export interface ModelResult {
  model?: DraftModel;
  diagnostics: Diagnostic[];
  /** What the doc's Type cells say about the docs they link to (`TypeResult.describes`), resolved. */
  describes?: LinkedType[];
  /** The `dead-link` warnings' notes, with the folders each fallback went between (for grouping). */
  fallbacks?: Record<string, LinkFallback>;
}

const DEPRECATION_NOTE = /^:\s*warning\s*:\s*\*\*\s*DEPRECATED\s*\*\*\s*:?\s*/i;

/** Read one doc into a model, with the given dialect parsing the Type cells. */
export function toModel(doc: DocFile, dialect: Dialect, resolvers: Resolvers = identity): ModelResult {
  let fallbacks: Record<string, LinkFallback> | undefined;
  const link: ResolveLink = (target, hint) => {
    const r = resolvers.link(target, hint);
    if (r.note && r.fallback) (fallbacks ??= {})[r.note] = r.fallback;
    return r;
  };
  const result = readDoc(doc, dialect, { link, name: resolvers.name });
  // Added, not spread into a copy (slow in V8's lower tiers): `result` is this call's own.
  if (fallbacks) result.fallbacks = fallbacks;
  return result;
}

function readDoc(doc: DocFile, dialect: Dialect, resolvers: Resolvers): ModelResult {
  const resolve = resolvers.link;
  const ctx: TypeContext = { doc: doc.path, byName: (name) => resolvers.name(name, doc.path) };
  const diagnostics: Diagnostic[] = [];
  const describes: LinkedType[] = [];
  const report = (severity: Diagnostic["severity"], code: string, message: string, at: { line: number; column: number }) =>
    diagnostics.push({ severity, file: doc.path, line: at.line, column: at.column, code, message });

  if (!doc.title) {
    report("error", "missing-title", "the doc has no '# Title' heading", { line: 1, column: 1 });
    return { diagnostics };
  }
  if (doc.titleCount > 1) {
    report("warning", "multiple-titles", `the doc has ${doc.titleCount} '#' headings; the first one names the model`, doc.title);
  }
  const title = doc.title.text.replace(/^~~(.*)~~$/, "$1").trim();
  if (title === "") {
    report("error", "missing-title", "the '#' heading is empty", doc.title);
    return { diagnostics };
  }
  const prose = leadingProse(doc);
  const description = [doc.description, ...prose.map(sectionProse)].filter((t) => t !== undefined && t !== "").join("\n\n");
  const deprecated = doc.deprecated || doc.title.nodes.some((n) => n.type === "delete");
  const titleLine = doc.title.line;
  /**
   * The model with the keys every kind has, then the kind's own (`keys`, in order), then the
   * examples: the IR's key order. Assigned one by one, not spread into literals, which V8's
   * lower tiers (where a run's per-doc code runs) make slow.
   */
  const draft = (keys: KindKeys): DraftModel => {
    const model: Partial<Record<keyof DraftModel, unknown>> = { source: doc.path, line: titleLine, title };
    if (description !== "") model.description = description;
    if (deprecated) model.deprecated = true;
    for (const key in keys) {
      const value = keys[key as keyof KindKeys];
      if (value !== undefined) model[key as keyof KindKeys] = value;
    }
    if (examples.length > 0) model.examples = examples;
    return model as DraftModel;
  };

  const page = sdkPage(doc);
  if (page) {
    report("warning", "not-a-model", page.message, page);
    return { diagnostics };
  }
  const known = doc.sections.filter((s) => s.depth === 2 && KNOWN_SECTIONS.has(s.title.toLowerCase()));
  for (const s of doc.sections) {
    if (unread(s) && !prose.includes(s)) {
      report("warning", "unknown-section", `section '## ${s.title}' is not a model section; ignored`, s);
    }
  }
  const kinds = known.filter((s) => s.title.toLowerCase() !== "example usage");
  if (kinds.length > 1) {
    report("error", "conflicting-sections", `the doc has both '## ${kinds[0]!.title}' and '## ${kinds[1]!.title}'`, kinds[1]!);
    return { diagnostics };
  }
  const examples = known
    .filter((s) => s.title.toLowerCase() === "example usage")
    .flatMap((s) => s.code.map((c) => c.value));
  const section = kinds[0];
  if (!section) {
    report("warning", "empty-doc", `${NO_MODEL_SECTION}${fieldsByAnotherName(doc)}${READ_AS_ANY}`, doc.title);
    return { model: draft({ kind: "union", members: [{ kind: "any" }] }), diagnostics };
  }
  switch (section.title.toLowerCase()) {
    case "fields": {
      const read = readFields(doc, section, dialect, ctx, resolve, report, describes);
      if (!read) return { diagnostics };
      const model = draft({ kind: "object", fields: read.fields, additionalProperties: read.additionalProperties });
      return describes.length > 0 ? { model, diagnostics, describes } : { model, diagnostics };
    }
    case "values": {
      const read = readValues(section, dialect, report);
      if (!read) return { diagnostics };
      const open = read.open || examples.some((code) => OPEN_ENUM_NOTE.test(code)) ? true : undefined;
      return { model: draft({ kind: "enum", values: read.values, open, numericText: read.numericText ? true : undefined }), diagnostics };
    }
    default: {
      const members = readMembers(doc, section, dialect, ctx, resolve, report);
      return members ? { model: draft({ kind: "union", members }), diagnostics } : { diagnostics };
    }
  }
}

/** The sections that make a doc a model, and those beside them that docs2ts reads. */
const MODEL_SECTIONS = new Set(["fields", "values", "supported types"]);
const KNOWN_SECTIONS = new Set([...MODEL_SECTIONS, "example usage"]);

/**
 * The sections before a doc's model section that are no model section: prose the generator
 * copied from the API's description, whose own headings (`## Overview`, `## Structure` in
 * Codat's docs; `### Description`, `### Usage Example` in Merge's) split it into sections. They
 * belong to the description, as the text above them does. A doc with no model section keeps its
 * `##` ones as unknown sections (it is likely no model).
 */
function leadingProse(doc: DocFile): Section[] {
  const first = doc.sections.find((s) => s.depth === 2 && MODEL_SECTIONS.has(s.title.toLowerCase()));
  if (!first) return [];
  return doc.sections.filter((s) => s.line < first.line && (s.depth > 2 || unread(s)));
}

/** A `##` section that is neither read nor knowingly ignored. */
function unread(s: Section): boolean {
  return s.depth === 2 && !KNOWN_SECTIONS.has(s.title.toLowerCase()) && !IGNORED_SECTIONS.has(s.title.toLowerCase());
}

/** A prose section as description text: its heading, its paragraphs, then its subsections'. */
function sectionProse(s: Section): string {
  const parts = [`${"#".repeat(s.depth)} ${s.title}`];
  if (s.text) parts.push(s.text);
  for (const sub of s.subsections) parts.push(sectionProse(sub));
  return parts.join("\n\n");
}

/**
 * The note Speakeasy writes into an open enum's Example Usage code, as a comment line of the
 * SDK's language (`# Open enum: unrecognized values are captured as UnrecognizedStr`,
 * `// Open enum: use .of() to create instances from custom string values`, …): the same words
 * in every dialect that has Example Usage (sorbet and php docs have none, so their open enums
 * cannot be told). The comment must start its line.
 */
const OPEN_ENUM_NOTE = /^[ \t]*(?:#|\/\/)[ \t]*Open enum\b/im;

/** The start of the `empty-doc` warning. */
const NO_MODEL_SECTION = "the doc has no '## Fields', '## Values' or '## Supported Types' section";
/** The end of the `empty-doc` warning for a doc that is read (ir/build.ts ends it otherwise for a doc it skips). */
export const READ_AS_ANY = "; it is read as a value of any type";

/**
 * For a doc with no model section: a `##` section whose table has a Type column, named in the
 * warning, since it may hold the fields under another name (OpenAPI Generator's `## Properties`,
 * a misspelt `## Feilds`).
 */
function fieldsByAnotherName(doc: DocFile): string {
  const s = doc.sections.find((x) => x.depth === 2 && x.tables.some((t) => columns(t).has("type")));
  if (!s) return "";
  return ` (its '## ${clip(s.title)}' table has a Type column, but fields are read only from a '## Fields' table of Field | Type | Required | Description, as Speakeasy's SDK docs write them)`;
}

/** Sections generators write beside a model section that say nothing about the JSON shape (Go unions' switch snippet). */
const IGNORED_SECTIONS = new Set(["union discrimination"]);

/**
 * An SDK page written like a model doc (python's `utils/retryconfig.md`: `Name | Type |
 * Description | Example`): a Fields table with a Type column but no Required one. Model docs always
 * have Required, so such a doc is not an API model; it is skipped with a `not-a-model` warning
 * (a doc that links to it then gets `unusable-link`).
 */
function sdkPage(doc: DocFile): ({ message: string } & Place) | undefined {
  const fields = doc.sections.find((s) => s.depth === 2 && s.title.toLowerCase() === "fields");
  const table = fields?.tables[0];
  if (!table) return undefined;
  const cols = columns(table);
  if (!cols.has("type") || cols.has("required")) return undefined;
  const header = table.header.map((c) => c.text).join(" | ");
  return { message: `the Fields table (${header}) has no Required column: an SDK page, not a model doc; skipped`, line: table.line, column: table.column };
}

function readFields(
  doc: DocFile,
  section: Section,
  dialect: Dialect,
  ctx: TypeContext,
  resolve: ResolveLink,
  report: Report,
  describes: LinkedType[],
): { fields: Field[]; additionalProperties?: TypeRef } | undefined {
  const table = singleTable(section, report);
  if (!table) return undefined;
  const cols = columns(table);
  const nameCol = cols.get("field") ?? cols.get("name");
  const typeCol = cols.get("type");
  const reqCol = cols.get("required");
  const descCol = cols.get("description");
  const exampleCol = cols.get("example");
  const missing = [nameCol === undefined && "Field", typeCol === undefined && "Type", reqCol === undefined && "Required"].filter(Boolean);
  if (missing.length > 0) {
    report("error", "missing-column", `the Fields table has no ${missing.join(", ")} column`, table);
    return undefined;
  }
  const fields: Field[] = [];
  let additionalProperties: TypeRef | undefined;
  const seen = new Map<string, number>();
  let ok = true;
  for (const row of table.rows) {
    const at = row[0] ?? table;
    if (row.length !== table.header.length) {
      report("error", "ragged-row", `the row has ${row.length} cells where the header has ${table.header.length}`, at);
      ok = false;
      continue;
    }
    const nameCell = row[nameCol!]!;
    // Unwrapped from `~~…~~` and then `` `…` `` (a regex replace only where the text starts so: most names are bare).
    let name = nameCell.text;
    if (name.startsWith("~~")) name = name.replace(/^~~(.*)~~$/s, "$1");
    if (name.startsWith("`")) name = name.replace(/^`(.*)`$/s, "$1");
    if (name === "") {
      report("error", "empty-field-name", "the Field cell is empty", nameCell);
      ok = false;
      continue;
    }
    const previous = seen.get(name);
    if (previous !== undefined) {
      report("error", "duplicate-field", `field '${name}' is already declared on line ${previous}`, nameCell);
      ok = false;
      continue;
    }
    seen.set(name, nameCell.line);
    const required = readRequired(row[reqCol!]!, report);
    const typeCell = row[typeCol!]!;
    const parsed = parseTypeCell(doc, typeCell, dialect, ctx, resolve, report, describes);
    if (required === undefined || !parsed) {
      ok = false;
      continue;
    }
    if (dialect.extraKeysField?.(name)) {
      // Not a key: the type of the keys the model does not declare.
      additionalProperties = parsed.type.kind === "map" ? parsed.type.values : parsed.type;
      continue;
    }
    const nullable = dialect.nullable(required, parsed);
    // Built in steps rather than spread (spreading into a literal is slow in V8); the key order
    // is the IR's: name, type, required, nullable, nullableAssumed, line, then the rest.
    const field: Field = { name, type: parsed.type, required, nullable } as Field;
    if (nullable && dialect.assumesNull(required, parsed)) field.nullableAssumed = true;
    field.line = nameCell.line;
    let deprecated = nameCell.nodes.some((n) => n.type === "delete");
    if (descCol !== undefined) {
      let text = richText(row[descCol]!.nodes);
      if (text.startsWith(":") && DEPRECATION_NOTE.test(text)) {
        deprecated = true;
        text = text.replace(DEPRECATION_NOTE, "");
      }
      const description = cleanDescription(text);
      if (description !== undefined) field.description = description;
    }
    if (exampleCol !== undefined) {
      const example = readExample(row[exampleCol]!.text, parsed.type);
      if (example !== undefined) field.example = example;
    }
    if (deprecated) field.deprecated = true;
    fields.push(field);
  }
  if (!ok) return undefined;
  return additionalProperties ? { fields, additionalProperties } : { fields };
}

const YES = /^(:heavy_check_mark:|:white_check_mark:|:check:|✔️?|✅|yes|true|required)$/i;
const NO = /^(:heavy_minus_sign:|:x:|➖|-|no|false|optional)$/i;

function readRequired(cell: Cell, report: Report): boolean | undefined {
  if (YES.test(cell.text)) return true;
  if (NO.test(cell.text)) return false;
  report("error", "bad-required", `the Required cell '${clip(cell.text)}' is neither :heavy_check_mark: nor :heavy_minus_sign:`, cell);
  return undefined;
}

function parseTypeCell(
  doc: DocFile,
  cell: Cell,
  dialect: Dialect,
  ctx: TypeContext,
  resolve: ResolveLink,
  report: Report,
  describes: LinkedType[],
): TypeResult | undefined {
  const flat = flattenCell(cell.nodes, cell, doc.path);
  notDocLinks(flat, cell, report);
  try {
    const result = dialect.parseType(flat, warnAt(ctx, cell, report));
    // Only a cell that describes its links' targets needs to know where they were followed (most describe none).
    let followed: Map<string, string> | undefined;
    // A dead link whose file name several docs share is followed to the one its text names.
    let hints: Map<string, string> | undefined;
    if (result.describes !== undefined && result.describes.length > 0) {
      followed = new Map();
      hints = new Map();
      for (const d of result.describes) if (d.type.kind === "ref") hints.set(d.target, d.type.target);
    }
    const type = resolveRefs(result.type, resolve, cell, report, followed, hints);
    if (!type) return undefined;
    for (const d of result.describes ?? []) {
      // The link was followed (and any fallback reported) with the type; names are real docs.
      const target = followed?.get(d.target);
      const described = target !== undefined ? resolveRefs(d.type, resolve, cell, report) : undefined;
      if (target !== undefined && described) describes.push({ target, type: described });
    }
    result.type = type;
    return result;
  } catch (e) {
    if (!(e instanceof CellError)) throw e;
    const external = externalByText(flat);
    if (external !== undefined) {
      report("warning", "external-text", `the type '${clip(external)}' links out of the docs, and its text is no type the dialect reads (${e.message}): read as a type from outside the docs, any value`, cell);
      return { type: { kind: "external", name: external }, optionalMark: false, nullMark: false };
    }
    report("error", "unknown-type", `cannot read the type '${clip(flat.text.trim())}': ${e.message}`, {
      line: cell.line,
      column: columnAt(flat, e.offset),
    });
    return undefined;
  }
}

/**
 * The text of a cell that is one link out of the docs and nothing else, as the grammars read such
 * a link (a type from outside the docs, as `[Faraday::Response](https://…)`), for a text they
 * cannot read: old TypeScript docs write `[AxiosResponse>](https://axios-http.com/…)`.
 */
function externalByText(flat: FlatCell): string | undefined {
  const link = flat.links.length === 1 ? flat.links[0]! : undefined;
  if (!link || !isAbsoluteUrl(link.url)) return undefined;
  for (let i = 0; i < flat.text.length; i++) if (flat.linkOf[i] !== 0 && flat.text[i]!.trim() !== "") return undefined;
  const text = flat.text.trim();
  return text === "" ? undefined : text;
}

/**
 * Warn of relative links in a Type cell that point at no `.md` file (`[Pet](pet)`): the grammars
 * read a link that leads to no doc as a type from outside the docs (as `[Date](https://…)`), so
 * the field would silently accept any value. The docs' own links always end in `.md`.
 */
function notDocLinks(flat: FlatCell, cell: Cell, report: Report): void {
  for (const [k, link] of flat.links.entries()) {
    if (link.target !== undefined || isAbsoluteUrl(link.url)) continue;
    report("warning", "not-a-doc-link", `the link points to '${clip(link.url)}', which is no .md doc: the type it names is read as one from outside the docs`, {
      line: cell.line,
      column: columnAt(flat, Math.max(0, flat.linkOf.indexOf(k))),
    });
  }
}

function readMembers(doc: DocFile, section: Section, dialect: Dialect, ctx: TypeContext, resolve: ResolveLink, report: Report): TypeRef[] | undefined {
  const members: TypeRef[] = [];
  // Every member is read, so that each one that cannot be is reported (not only the first).
  let ok = true;
  for (const sub of section.subsections) {
    const code = sub.code[0];
    if (code && dialect.memberFromCode && (dialect.memberCodeWhen !== "no-heading" || sub.title.trim() === "")) {
      try {
        const type = resolveRefs(dialect.memberFromCode(code.value, code.lang, warnAt(ctx, code, report)), resolve, code, report);
        if (type) members.push(type);
        else ok = false;
      } catch (e) {
        if (!(e instanceof CellError)) throw e;
        report("error", "unknown-type", `cannot read the union member under '### ${clip(sub.title)}': ${e.message}`, codePlace(code, e.offset));
        ok = false;
      }
      continue;
    }
    const flat = flattenCell(sub.titleNodes, sub, doc.path);
    try {
      const at = warnAt(ctx, sub, report);
      const member = dialect.parseMember ? dialect.parseMember(flat, at) : dialect.parseType(flat, at).type;
      const type = resolveRefs(member, resolve, sub, report);
      if (type) members.push(type);
      else ok = false;
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      report("error", "unknown-type", `cannot read the union member '${clip(flat.text)}': ${e.message}`, sub);
      ok = false;
    }
  }
  if (!ok) return undefined;
  if (members.length === 0) {
    report("error", "empty-union", "'## Supported Types' lists no member types", section);
    return undefined;
  }
  return members;
}

/** The context with warnings reported at `place`. */
function warnAt(ctx: TypeContext, place: { line: number; column: number }, report: Report): TypeContext {
  return { doc: ctx.doc, byName: ctx.byName, warn: (code, message) => report("warning", code, message, place) };
}

/** Point every ref at an existing doc; `undefined` (with an error) when one has none. */
function resolveRefs(
  type: TypeRef,
  resolve: ResolveLink,
  at: { line: number; column: number },
  report: Report,
  followed?: Map<string, string>,
  hints?: ReadonlyMap<string, string>,
): TypeRef | undefined {
  // A type without links or parts (most cells: `*string*`) is its own result.
  if (type.kind !== "ref" && type.kind !== "array" && type.kind !== "map" && type.kind !== "union") return type;
  let ok = true;
  const walk = (t: TypeRef): TypeRef => {
    switch (t.kind) {
      case "ref": {
        const r = resolve(t.target, hints?.get(t.target));
        if (!r.target) {
          report("error", "broken-link", `the link points to ${t.target}, which is not a doc in the input folder`, at);
          ok = false;
          return t;
        }
        if (r.note) report("warning", "dead-link", r.note, at);
        followed?.set(t.target, r.target);
        return { kind: "ref", target: r.target };
      }
      case "array":
        return { kind: "array", items: walk(t.items) };
      case "map":
        return { kind: "map", values: walk(t.values) };
      case "union":
        return { kind: "union", members: t.members.map(walk) };
      default:
        return t;
    }
  };
  const out = walk(type);
  return ok ? out : undefined;
}
