/**
 * Self-verification: the examples a doc tree carries, checked by the generated validators of
 * their models. Three sources:
 *   - `## Example Usage` TypeScript blocks (`let value: X = …;`), read by ts-literal.ts;
 *   - `## Example Usage` Go blocks of enums (`value := components.XMember`): that member's value;
 *   - the Example column, assembled per model into one object of the fields that have one.
 * `verify` runs every example through the generated code and gives each a verdict with its
 * cause, so that a test can list every rejection.
 */
import type { IR, OutputFile } from "../../generator/api.js";
import { fieldKey } from "../../generator/ir/keys.js";
import { exampleValue, LiteralError } from "./ts-literal.js";
import { type Issue, validateInChild } from "./validate-child.js";

export type ExampleKind = "object literal" | "other literal" | "enum member" | "example column";

export interface Example {
  source: string;
  /** The generated model name. */
  model: string;
  kind: ExampleKind;
  /** The value to validate; absent when the example could not be read (see `cause`). */
  value?: unknown;
  /** Why the example could not be read. */
  cause?: string;
  /** JSON Pointers whose "required property is missing" is not held against the example. */
  absent?: string[];
}

export interface Verdict {
  source: string;
  model: string;
  kind: ExampleKind;
  ok: boolean;
  /** Why it was rejected: the validator's issues, or why the example could not be read. */
  cause?: string;
}

/** `## Example Usage` blocks of TypeScript docs. Blocks that declare no value are not examples. */
export function typeScriptUsage(ir: IR): Example[] {
  const out: Example[] = [];
  for (const model of ir.models) {
    for (const code of model.examples ?? []) {
      const base = { source: model.source, model: model.name };
      try {
        const value = exampleValue(code);
        if (value === undefined) continue;
        const kind = typeof value === "object" && value !== null && !Array.isArray(value) ? "object literal" : "other literal";
        out.push({ ...base, kind, value });
      } catch (e) {
        if (!(e instanceof LiteralError)) throw e;
        // the statement shows what it was meant to be
        const kind = /=\s*\{/.test(code) ? "object literal" : "other literal";
        out.push({ ...base, kind, cause: `unreadable: ${e.message}` });
      }
    }
  }
  return out;
}

/** `## Example Usage` blocks of Go enum docs: `value := pkg.Member` names a member of the Values table. */
export function goEnumUsage(ir: IR): Example[] {
  const out: Example[] = [];
  for (const model of ir.models) {
    if (model.kind !== "enum") continue;
    for (const code of model.examples ?? []) {
      const base = { source: model.source, model: model.name, kind: "enum member" as const };
      const m = /^\s*value\s*:=\s*[A-Za-z_]\w*\.([A-Za-z_]\w*)\s*$/m.exec(code);
      if (!m) {
        out.push({ ...base, cause: "no `value := pkg.Member` line" });
        continue;
      }
      const member = model.values!.find((v) => v.name === m[1]);
      out.push(member ? { ...base, value: member.value } : { ...base, cause: `${m[1]} is not a member of the Values table` });
    }
  }
  return out;
}

/**
 * The Example column, assembled per model: one object holding, under each field's key, the
 * field's example. Required fields without an example are absent from it, so "required property
 * is missing" for exactly those is not held against the examples; every other issue is.
 */
export function exampleColumns(ir: IR): Example[] {
  const out: Example[] = [];
  for (const model of ir.models) {
    const fields = model.fields ?? [];
    const withExample = fields.filter((f) => f.example !== undefined);
    if (withExample.length === 0) continue;
    const value: Record<string, unknown> = {};
    for (const f of withExample) Object.defineProperty(value, fieldKey(f), { value: f.example, enumerable: true, writable: true, configurable: true });
    const absent = fields.filter((f) => f.example === undefined).map((f) => `/${fieldKey(f).replace(/~/g, "~0").replace(/\//g, "~1")}`);
    out.push({ source: model.source, model: model.name, kind: "example column", value, absent });
  }
  return out;
}

/** Validate every readable example with the generated code in `files`; a verdict per example. */
export function verify(examples: readonly Example[], files: readonly OutputFile[], name: string): Verdict[] {
  const readable = examples.filter((e) => e.cause === undefined);
  const results = validateInChild(files, name, readable.map((e) => ({ model: e.model, value: e.value })));
  const byExample = new Map(readable.map((e, i) => [e, results[i]!]));
  return examples.map((e) => {
    const base = { source: e.source, model: e.model, kind: e.kind };
    if (e.cause !== undefined) return { ...base, ok: false, cause: e.cause };
    const absent = new Set(e.absent ?? []);
    const issues = byExample.get(e)!.filter((i: Issue) => !(absent.has(i.path) && i.message.startsWith("required property is missing")));
    return issues.length === 0 ? { ...base, ok: true } : { ...base, ok: false, cause: issues.map((i) => `${i.path || "/"}: ${i.message}`).join("; ") };
  });
}

/** Counts per kind: checked, accepted. */
export function tally(verdicts: readonly Verdict[]): Record<string, { checked: number; accepted: number }> {
  const out: Record<string, { checked: number; accepted: number }> = {};
  for (const v of verdicts) {
    const t = (out[v.kind] ??= { checked: 0, accepted: 0 });
    t.checked++;
    if (v.ok) t.accepted++;
  }
  return out;
}
