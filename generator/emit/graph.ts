import type { Model, TypeRef } from "../ir/types.js";

/**
 * A Mermaid class diagram of the models and their references (`docs2ts graph`, and the
 * generated README for small trees). Pure: models in, text out.
 *
 * - one class per model: object fields as `+name type` (`name?` when optional), enum values
 *   (the first MAX_VALUES) under `<<enumeration>>`, union members that are not models under
 *   `<<union>>`;
 * - `A --> B : field` for every field whose type names model B (`"*"` when through an array or
 *   map), and `M ..|> U` for a model M that is a member of union U.
 *
 * Doc text never reaches the diagram as is: names, types and values pass through `mermaidText`,
 * which keeps letters, digits and a few safe signs and writes everything else as a Mermaid
 * entity code (`#58;` for `:`), so no doc can end a line, open a block or start a comment.
 */
export const MAX_VALUES = 12;

export function mermaidGraph(models: readonly Model[]): string {
  const bySource = new Map(models.map((m) => [m.source, m] as const));
  const ids = classIds(models);
  const lines = ["classDiagram"];
  const relations: string[] = [];
  for (const m of [...models].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const id = ids.get(m.source)!;
    const body: string[] = [];
    if (m.kind === "object") {
      for (const f of m.fields ?? []) {
        body.push(`+${mermaidText(f.name)}${f.required ? "" : "?"} ${typeText(f.type, bySource)}`);
        const seen = new Set<string>();
        for (const { target, many } of refsOf(f.type, false)) {
          const to = ids.get(target);
          const key = `${target}\0${many}`;
          if (!to || seen.has(key)) continue;
          seen.add(key);
          relations.push(`  ${id} --> ${many ? '"*" ' : ""}${to} : ${mermaidText(f.name)}`);
        }
      }
    } else if (m.kind === "enum") {
      body.push("<<enumeration>>");
      const values = m.values ?? [];
      for (const v of values.slice(0, MAX_VALUES)) body.push(mermaidText(v.value === "" ? '""' : String(v.value)));
      if (values.length > MAX_VALUES) body.push(`and ${values.length - MAX_VALUES} more`);
    } else {
      body.push("<<union>>");
      for (const t of m.members ?? []) {
        const to = t.kind === "ref" ? ids.get(t.target) : undefined;
        if (to) relations.push(`  ${to} ..|> ${id}`);
        else body.push(typeText(t, bySource));
      }
    }
    lines.push(body.length === 0 ? `  class ${id}` : `  class ${id} {\n${body.map((b) => `    ${b}`).join("\n")}\n  }`);
  }
  return [...lines, ...[...new Set(relations)]].join("\n") + "\n";
}

/** The models reachable from `start` (itself included) through field types and union members. */
export function reachable(models: readonly Model[], start: Model): Model[] {
  const bySource = new Map(models.map((m) => [m.source, m] as const));
  const seen = new Set<string>([start.source]);
  const queue = [start];
  for (let m = queue.shift(); m; m = queue.shift()) {
    const types = [...(m.fields ?? []).map((f) => f.type), ...(m.members ?? [])];
    for (const t of types) {
      for (const { target } of refsOf(t, false)) {
        const next = bySource.get(target);
        if (next && !seen.has(target)) {
          seen.add(target);
          queue.push(next);
        }
      }
    }
  }
  return models.filter((m) => seen.has(m.source));
}

function refsOf(t: TypeRef, many: boolean): { target: string; many: boolean }[] {
  switch (t.kind) {
    case "ref":
      return [{ target: t.target, many }];
    case "array":
      return refsOf(t.items, true);
    case "map":
      return refsOf(t.values, true);
    case "union":
      return t.members.flatMap((m) => refsOf(m, many));
    default:
      return [];
  }
}

function typeText(t: TypeRef, bySource: ReadonlyMap<string, Model>): string {
  switch (t.kind) {
    case "ref":
      return mermaidText(bySource.get(t.target)?.name ?? "unknown");
    case "array":
      // `(A | B)[]` would read as a method: parentheses are not used.
      return t.items.kind === "union" ? `Array~${typeText(t.items, bySource)}~` : `${typeText(t.items, bySource)}[]`;
    case "map":
      return `Map~${typeText(t.values, bySource)}~`;
    case "union":
      return t.members.map((m) => typeText(m, bySource)).join(" | ");
    case "literal":
      return mermaidText(JSON.stringify(t.value));
    case "external":
      return mermaidText(t.name);
    default:
      return t.kind;
  }
}

/** Mermaid words that may not name a class. */
const KEYWORDS = new Set(["class", "classdiagram", "note", "link", "click", "callback", "call", "style", "classdef", "cssclass", "direction", "namespace", "end", "href", "graph", "flowchart"]);

/** Class ids: the TypeScript name (letters and digits), unless it is a Mermaid word. */
function classIds(models: readonly Model[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const m of [...models].sort((a, b) => (a.source < b.source ? -1 : 1))) {
    let id = /^\p{L}[\p{L}\p{N}]*$/u.test(m.name) && !KEYWORDS.has(m.name.toLowerCase()) ? m.name : `Model_${m.name.replace(/[^\p{L}\p{N}]/gu, "_")}`;
    for (let n = 2; used.has(id); n++) id = `${id}_${n}`;
    used.add(id);
    ids.set(m.source, id);
  }
  return ids;
}

/** Text safe anywhere in a class body or relation label: other characters as `#code;`. */
export function mermaidText(text: string): string {
  let out = "";
  for (const ch of text) out += /[\p{L}\p{N}_ .\-]/u.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out.replace(/^ +| +$/g, (s) => "#32;".repeat(s.length));
}
