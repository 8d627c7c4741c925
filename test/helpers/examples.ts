/**
 * Self-verification helpers for the corpus tests: raw table reading with plain string operations
 * (an oracle independent of the markdown stage), and checks of the docs' own examples against
 * the generated validators.
 */
import type { Model } from "../../generator/api.js";
import type { GeneratedModule } from "./generated.js";

/** Every pipe table of a doc, read from its raw lines: header cells and body rows, trimmed. */
export function rawTables(text: string): { header: string[]; rows: string[][] }[] {
  const tables: { header: string[]; rows: string[][] }[] = [];
  let current: string[][] | undefined;
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) {
      current = undefined;
      continue;
    }
    const cells = line
      .trim()
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    if (cells.every((c) => /^-+$/.test(c))) continue;
    if (!current) {
      current = [cells];
      tables.push({ header: cells, rows: [] });
    } else {
      current.push(cells);
      tables[tables.length - 1]!.rows.push(cells);
    }
  }
  return tables;
}

export interface ExampleResult {
  model: string;
  field: string;
  example: unknown;
  /** The validator's issues at or below the field; empty when the example is accepted. */
  issues: string[];
}

/** A value of another JSON kind than `v` (the control: the same check must reject it). */
function otherKind(v: unknown): unknown {
  if (typeof v === "string") return 12345;
  if (typeof v === "number" || typeof v === "boolean") return "not a number or boolean";
  if (Array.isArray(v)) return 42;
  return "not an object";
}

/**
 * For every object model with Example cells, assemble one value of the fields that have an
 * example and run the model's generated validator over it. A field's example is accepted when the
 * validator reports nothing at or below that field (fields without an example are missing from
 * the value; their "required" issues are not the examples' fault).
 */
export function checkExamples(models: readonly Model[], mod: GeneratedModule, corrupt = false): ExampleResult[] {
  const results: ExampleResult[] = [];
  for (const m of models) {
    const withExample = (m.fields ?? []).filter((f) => f.example !== undefined);
    if (m.kind !== "object" || withExample.length === 0) continue;
    const value: Record<string, unknown> = {};
    for (const f of withExample) value[f.name] = corrupt ? otherKind(f.example) : f.example;
    const validate = mod[`validate${m.name}`] as (v: unknown) => { ok: boolean; errors?: { path: string; message: string }[] };
    const result = validate(value);
    for (const f of withExample) {
      const at = "/" + f.name.replace(/~/g, "~0").replace(/\//g, "~1");
      const issues = (result.errors ?? []).filter((e) => e.path === at || e.path.startsWith(at + "/")).map((e) => `${e.path}: ${e.message}`);
      results.push({ model: m.name, field: f.name, example: f.example, issues });
    }
  }
  return results;
}

/** Issues that only say a nested example object leaves out a property its model requires. */
export const INCOMPLETE = /: required property is missing \(/;

/**
 * Why the validators reject an example, in kinds a test can check: `incomplete` — the example is
 * a nested object (or a list of them) that leaves out properties its model requires, possibly
 * inside a union member, so that no member matches; `wrong-kind` — the value itself is of another
 * JSON kind than the field's type.
 */
export type RejectionKind = "incomplete" | "wrong-kind";

export function rejectionKind(r: ExampleResult): RejectionKind {
  const nested = r.issues.every((i) => INCOMPLETE.test(i) || (/: expected .+, received object$/.test(i) && typeof r.example === "object"));
  return nested ? "incomplete" : "wrong-kind";
}

/**
 * Enum docs' `## Example Usage` (`value = Action::INCREASE`, `value = Action.INCREASE`): the
 * member it names must be one of the enum's values, and the generated const object must hold it.
 * Returns one line per enum that fails.
 */
export function checkEnumUsage(models: readonly Model[], mod: GeneratedModule, pattern: RegExp): { checked: number; failures: string[] } {
  let checked = 0;
  const failures: string[] = [];
  for (const m of models) {
    if (m.kind !== "enum" || !m.examples) continue;
    const match = m.examples.map((e) => pattern.exec(e)).find(Boolean);
    if (!match) {
      failures.push(`${m.source}: no 'value = …' line in Example Usage`);
      continue;
    }
    checked++;
    const member = match[2]!;
    const value = m.values!.find((v) => v.name === member);
    const object = mod[m.name] as Record<string, unknown> | undefined;
    if (!value) failures.push(`${m.source}: Example Usage names ${member}, which is not a value`);
    else if (object?.[member] !== value.value) failures.push(`${m.source}: ${m.name}.${member} is ${JSON.stringify(object?.[member])}, not ${JSON.stringify(value.value)}`);
  }
  return { checked, failures };
}
