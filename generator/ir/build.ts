import type { LinkedType } from "../dialects/dialect.js";
import { toModel, type Dialect, type DraftModel } from "../dialects/index.js";
import { READ_AS_ANY, type LinkFallback, type ModelResult, type Resolvers } from "../dialects/model.js";
import type { DocFile } from "../markdown/types.js";
import { applyKeys, type KeyStyle } from "./keys.js";
import { linkResolver, nameResolver } from "./links.js";
import { planNames } from "./naming.js";
import { applyNullability, applyNumericEnums, type PolicyOptions } from "./policies.js";
import { compare, sortDiagnostics } from "./diagnostics.js";
import type { Diagnostic, IR, Model, TypeRef } from "./types.js";
import { append, pushTo } from "../lists.js";

export interface BuildOptions extends PolicyOptions {
  /** What the JSON keys are: the Field column as written (default), or converted (see keys.ts). */
  keys?: KeyStyle;
}

/** Docs of one dialect -> the IR: models read, keys named, links resolved, names planned, diagnostics sorted. */
export function buildIR(docs: readonly DocFile[], dialect: Dialect, earlier: readonly Diagnostic[] = [], options: BuildOptions = {}): IR {
  const resolvers = docResolvers(docs.map((d) => ({ path: d.path, ...(d.title ? { title: d.title.text } : {}) })));
  return finishIR(dialect.name, docs.map((doc) => toModel(doc, dialect, resolvers)), [...earlier], options);
}

/** The link and name rules over a doc tree (its paths and `#` headings). */
export function docResolvers(docs: readonly { path: string; title?: string }[]): Resolvers {
  return { link: linkResolver(docs.map((d) => d.path)), name: nameResolver(docs) };
}

/**
 * The whole-tree steps after each doc is read (cheap: no markdown, no dialect): dead-link
 * warnings grouped, heading-only docs given the type their links describe, JSON keys named (the
 * `keys` option: so a cached model read serves every key style), pages dropped, names planned,
 * refs checked, the nullability and numeric-enum policies applied, examples fitted (to the enum
 * values' kinds as the policy chose them), diagnostics sorted. `diagnostics` may be changed in place, and so
 * may the models of `results` (callers pass fresh or cloned ones).
 */
export function finishIR(dialect: string, results: readonly ModelResult[], diagnostics: Diagnostic[], options: BuildOptions = {}): IR {
  const drafts: DraftModel[] = [];
  const described: LinkedType[] = [];
  const fallbacks = new Map<string, LinkFallback>();
  for (const r of results) {
    append(diagnostics, r.diagnostics);
    if (r.model) drafts.push(r.model);
    if (r.describes) append(described, r.describes);
    for (const [note, f] of Object.entries(r.fallbacks ?? {})) fallbacks.set(note, f);
  }
  groupFallbacks(diagnostics, fallbacks);
  applyDescriptions(drafts, described, diagnostics);
  append(diagnostics, applyKeys(drafts, options.keys ?? "as-written"));
  dropPages(drafts, diagnostics);
  if (drafts.length === 0 && results.length > 0 && !diagnostics.some((d) => d.severity === "error")) {
    // Docs, and none of them a model: not an empty output to write over the last one.
    const n = results.length;
    diagnostics.push({
      severity: "error",
      file: ".",
      line: 1,
      column: 1,
      code: "no-models",
      message: `none of the ${n === 1 ? "doc" : `${n} docs`} read is a model doc ('# Title' with a '## Fields', '## Values' or '## Supported Types' section; see the warnings): nothing to generate`,
    });
  }
  const { names, diagnostics: naming } = planNames(drafts);
  append(diagnostics, naming);
  const models: Model[] = drafts
    .map((d) => canonical(d, names.get(d.source)!))
    .sort((a, b) => compare(a.source, b.source));
  append(diagnostics, checkRefs(models));
  const policed = applyNullability(models, options);
  append(diagnostics, policed.diagnostics);
  const enums = applyNumericEnums(policed.models, options);
  append(diagnostics, enums.diagnostics);
  fitExamples(enums.models);
  return { version: 1, dialect, models: [...enums.models], diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Links that only reach their doc by a fallback rule (a renamed folder: every crystalline link into
 * `models/shared/` finds its doc in `models/components/`) are one fact about the doc tree, not one
 * per link: the first `dead-link` warning from each missing folder to each found one is kept, with
 * the count of the others, which are followed the same way and dropped. Identical warnings (a
 * cell read twice) are kept once.
 */
function groupFallbacks(diagnostics: Diagnostic[], fallbacks: ReadonlyMap<string, LinkFallback>): void {
  const groups = new Map<string, { first: Diagnostic; from: string; to: string; links: number; docs: Set<string> }>();
  const seen = new Set<string>();
  const keep: Diagnostic[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    if (d.code !== "dead-link") {
      keep.push(d);
      continue;
    }
    const id = `${d.file}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const f = fallbacks.get(d.message);
    if (!f) {
      keep.push(d);
      continue;
    }
    const key = `${f.from}\0${f.to}`;
    const group = groups.get(key);
    if (!group) {
      const first = { ...d };
      groups.set(key, { first, ...f, links: 1, docs: new Set([d.file]) });
      keep.push(first);
      continue;
    }
    group.links++;
    group.docs.add(d.file);
  }
  for (const g of groups.values()) {
    if (g.links === 1) continue;
    const others = g.links - 1;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    g.first.message +=
      ` (and ${plural(others, "more link")} into ${g.from || "the root"}/ from ${plural(g.docs.size, "doc")},` +
      ` each followed to the doc of its file name in ${g.to || "the root"}/)`;
  }
  diagnostics.length = 0;
  append(diagnostics, keep);
}

/**
 * Give a heading-only doc (read as "any") the type that the links to it spell out: Crystalline
 * names a union's members only in the link text (`[Crystalline::Union.new(A, B)](L)`), or names
 * the one model a wrapper doc stands for. A description that is the doc itself, or a doc with its
 * own model section, is ignored; links that disagree leave the doc as "any", and its `empty-doc`
 * warning says so.
 */
function applyDescriptions(drafts: DraftModel[], described: readonly LinkedType[], diagnostics: Diagnostic[]): void {
  const byTarget = new Map<string, TypeRef[]>();
  for (const d of described) {
    if (d.type.kind === "ref" && d.type.target === d.target) continue;
    pushTo(byTarget, d.target, d.type);
  }
  for (const draft of drafts) {
    const types = byTarget.get(draft.source);
    if (!types || !isHeadingOnly(draft)) continue;
    const warning = diagnostics.findIndex((x) => x.code === "empty-doc" && x.file === draft.source);
    const distinct = [...new Set(types.map((t) => JSON.stringify(t)))];
    if (distinct.length > 1) {
      if (warning >= 0) diagnostics[warning]!.message += `; the ${types.length} links to it describe ${distinct.length} different types`;
      continue;
    }
    const type = types[0]!;
    draft.members = type.kind === "union" ? type.members : [type];
    if (warning >= 0) diagnostics.splice(warning, 1);
  }
}

function isHeadingOnly(d: DraftModel): boolean {
  return d.kind === "union" && d.members?.length === 1 && d.members[0]!.kind === "any" && !d.fields;
}

/**
 * A doc with no model section that no other doc links to is a page, not a model (a SOURCE.md,
 * an SDK's operations page `sdks/users/README.md`): it is left out, and its `empty-doc` warning
 * says so; the warnings about its sections and headings go, since nothing of it is read (an
 * operations page has a `##` section per operation). One that is linked to stays, as a value of
 * any type (union docs whose members the dialect does not write).
 */
function dropPages(drafts: DraftModel[], diagnostics: Diagnostic[]): void {
  const linked = new Set<string>();
  const visit = (t: TypeRef) => {
    if (t.kind === "ref") linked.add(t.target);
    else if (t.kind === "array") visit(t.items);
    else if (t.kind === "map") visit(t.values);
    else if (t.kind === "union") t.members.forEach(visit);
  };
  for (const d of drafts) {
    d.fields?.forEach((f) => visit(f.type));
    d.members?.forEach(visit);
  }
  const skipped = new Set<string>();
  for (let i = drafts.length - 1; i >= 0; i--) {
    const d = drafts[i]!;
    if (linked.has(d.source) || !isHeadingOnly(d)) continue;
    const warning = diagnostics.find((x) => x.code === "empty-doc" && x.file === d.source);
    if (!warning) continue;
    warning.code = "not-a-model";
    warning.message = warning.message.replace(READ_AS_ANY, " and no doc links to it; it is not a model, and is skipped");
    drafts.splice(i, 1);
    skipped.add(d.source);
  }
  if (skipped.size === 0) return;
  const kept = diagnostics.filter((x) => !(skipped.has(x.file) && PAGE_NOISE.has(x.code)));
  diagnostics.length = 0;
  append(diagnostics, kept);
}

/** Warnings about a doc's sections and headings, which say nothing once the doc is skipped. */
const PAGE_NOISE = new Set(["unknown-section", "multiple-titles"]);

/**
 * Example cells are unquoted, so the reader took `true` or `1` as JSON; a field whose type is a
 * string enum (only known once links are followed) means the string, `"true"`, `"1"`.
 */
function fitExamples(models: readonly Model[]): void {
  const stringEnums = new Set(models.filter((d) => d.kind === "enum" && d.values?.every((v) => typeof v.value === "string")).map((d) => d.source));
  const fit = (t: TypeRef, x: unknown): unknown => {
    if (t.kind === "ref" && stringEnums.has(t.target) && (typeof x === "number" || typeof x === "boolean")) return String(x);
    if (t.kind === "array" && Array.isArray(x)) return x.map((item) => fit(t.items, item));
    return x;
  };
  for (const d of models) {
    for (const f of d.fields ?? []) if (f.example !== undefined) f.example = fit(f.type, f.example);
  }
}

/** The model with its keys in the order DESIGN.md lists them, so that IR JSON reads the same everywhere. */
function canonical(d: DraftModel, name: string): Model {
  const m: Model = { source: d.source, line: d.line, title: d.title, name, kind: d.kind };
  if (d.description !== undefined) m.description = d.description;
  if (d.deprecated) m.deprecated = true;
  if (d.fields) m.fields = d.fields;
  if (d.values) m.values = d.values;
  if (d.open) m.open = true;
  if (d.numericText) m.numericText = true;
  if (d.members) m.members = d.members;
  if (d.additionalProperties) m.additionalProperties = d.additionalProperties;
  if (d.examples) m.examples = d.examples;
  return m;
}

/** Refs to docs that exist but failed to read leave nothing to import: report them once. */
function checkRefs(models: readonly Model[]): Diagnostic[] {
  const known = new Set(models.map((m) => m.source));
  const out: Diagnostic[] = [];
  const visit = (t: TypeRef, m: Model, line: number) => {
    switch (t.kind) {
      case "ref":
        if (!known.has(t.target)) {
          out.push({ severity: "error", file: m.source, line, column: 1, code: "unusable-link", message: `the linked doc ${t.target} has errors, so this type cannot be used` });
        }
        break;
      case "array":
        visit(t.items, m, line);
        break;
      case "map":
        visit(t.values, m, line);
        break;
      case "union":
        for (const x of t.members) visit(x, m, line);
        break;
    }
  };
  for (const m of models) {
    for (const f of m.fields ?? []) visit(f.type, m, f.line);
    for (const t of m.members ?? []) visit(t, m, m.line);
  }
  return out;
}
