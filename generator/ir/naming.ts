import type { Diagnostic } from "./types.js";
import { pushTo } from "../lists.js";

/**
 * The naming planner: every TypeScript name is chosen here, in one pass over all models,
 * before anything is emitted. Rules (also in the README):
 * 1. A model's name is its heading in PascalCase, keeping only ASCII letters and digits
 *    (`phone number` -> `PhoneNumber`, `Café` -> `Cafe`); a name that would start with a digit
 *    gets `Model` in front, an empty one is `Model`.
 * 2. Docs whose names are equal ignoring case (`operations/actor.md` and `shared/actor.md`)
 *    all get their folder names in front, nearest folder first, as many as it takes
 *    (`OperationsActor`, `SharedActor`) — when folders tell them apart at all; otherwise
 *    they keep the bare name and rule 3 numbers them.
 * 3. Anything still clashing — with another model, with the functions generated for one
 *    (`isX`, `validateX`, `assertX`, `XSchema`) or with what index.ts exports beside the models
 *    (`ValidationError`, `ValidationIssue`, `ValidationResult`, `StandardSchemaV1`) — gets the
 *    smallest free number, in order of doc path (`Actor2`), and a `name-collision` warning.
 * A name longer than `MAX_NAME_LENGTH` after rule 2 is cut to it, with a `long-name` warning: names
 * are file names (`X.ts`, `schemas/X.json`), which file systems hold to 255 bytes. Rule 3 then
 * numbers names that the cut made equal.
 */

/** The longest model name: its file names (`X.ts`, `X.json`, a collision number) stay under 255 bytes. */
export const MAX_NAME_LENGTH = 200;

export interface NameRequest {
  source: string;
  title: string;
  line: number;
}

export function pascalCase(text: string): string {
  // ASCII letters and digits only: names are also file names, and must be identifiers in
  // every tool that reads the output.
  const parts = text.normalize("NFKD").replace(/\p{M}/gu, "").split(/[^A-Za-z0-9]+/).filter(Boolean);
  let name = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join("");
  if (name === "") return "Model";
  if (/^[0-9]/.test(name)) name = "Model" + name;
  return name;
}

/** Names a model may not take: what `index.ts` exports beside the models. */
const RESERVED = ["ValidationError", "ValidationIssue", "ValidationResult", "StandardSchemaV1"];

/** The exported names generated for a model named `name`. */
export function derivedNames(name: string): string[] {
  return [name, `is${name}`, `validate${name}`, `assert${name}`, `${name}Schema`];
}

function whyTaken(wanted: string, claimed: Set<string>, claimedPrimary: Set<string>, primaries: Set<string>): string {
  if ((RESERVED as readonly string[]).includes(wanted)) return `the name ${wanted} is reserved (index.ts exports ${wanted})`;
  if (claimedPrimary.has(wanted.toLowerCase())) return `the name ${wanted} is taken by another doc`;
  const clash = derivedNames(wanted).find((d, i) => claimed.has(d) || (i > 0 && primaries.has(d)));
  return `the name ${wanted} would export ${clash ?? wanted}, which another doc's model uses`;
}

/**
 * Whether `name` (whose exports are `derived`) is free: no model has it (ignoring case) and none of
 * its exports is taken, nor one of them (but the name itself) another doc's primary name. Plain
 * loops: this runs once per model, and a callback per check cost a quarter of the planner's work.
 */
function isFree(name: string, derived: readonly string[], claimed: ReadonlySet<string>, claimedPrimary: ReadonlySet<string>, primaries: ReadonlySet<string>): boolean {
  if (claimedPrimary.has(name.toLowerCase())) return false;
  for (let i = 0; i < derived.length; i++) {
    if (claimed.has(derived[i]!) || (i > 0 && primaries.has(derived[i]!))) return false;
  }
  return true;
}

export function planNames(requests: readonly NameRequest[]): { names: Map<string, string>; diagnostics: Diagnostic[] } {
  const sorted = [...requests].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const base = new Map<string, string>();
  for (const r of sorted) base.set(r.source, pascalCase(r.title));

  // Rule 2: folder prefixes for names shared by several docs.
  const groups = new Map<string, NameRequest[]>();
  for (const r of sorted) {
    const key = base.get(r.source)!.toLowerCase();
    pushTo(groups, key, r);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const folders = group.map((r) => r.source.split("/").slice(0, -1).reverse().map(pascalCase));
    const maxDepth = folders.reduce((max, f) => Math.max(max, f.length), 0);
    for (let depth = 1; depth <= maxDepth; depth++) {
      const names = group.map((r, i) => folders[i]!.slice(0, depth).reverse().join("") + base.get(r.source)!);
      if (new Set(names.map((n) => n.toLowerCase())).size === names.length) {
        group.forEach((r, i) => base.set(r.source, names[i]!));
        break;
      }
    }
  }

  const diagnostics: Diagnostic[] = [];
  for (const r of sorted) {
    const long = base.get(r.source)!;
    if (long.length <= MAX_NAME_LENGTH) continue;
    base.set(r.source, long.slice(0, MAX_NAME_LENGTH));
    diagnostics.push({
      severity: "warning",
      file: r.source,
      line: r.line,
      column: 1,
      code: "long-name",
      message: `the model's name would be ${long.length} characters long; it is cut to its first ${MAX_NAME_LENGTH}, since it also names the model's files`,
    });
  }

  // Rule 3: claim names in path order; primary names first so they win over derived ones.
  const names = new Map<string, string>();
  const claimedPrimary = new Set<string>(RESERVED.map((n) => n.toLowerCase())); // lower-cased: names are also file names
  const claimed = new Set<string>(RESERVED);
  const primaries = new Set(base.values());
  for (const r of sorted) {
    const wanted = base.get(r.source)!;
    let name = wanted;
    let derived = derivedNames(name);
    for (let n = 2; !isFree(name, derived, claimed, claimedPrimary, primaries); n++) {
      name = `${wanted}${n}`;
      derived = derivedNames(name);
    }
    if (name !== wanted) {
      diagnostics.push({
        severity: "warning",
        file: r.source,
        line: r.line,
        column: 1,
        code: "name-collision",
        message: `${whyTaken(wanted, claimed, claimedPrimary, primaries)}; this model is named ${name}`,
      });
    }
    claimedPrimary.add(name.toLowerCase());
    for (const d of derived) claimed.add(d);
    names.set(r.source, name);
  }
  return { names, diagnostics };
}
