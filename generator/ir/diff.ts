import type { FieldShape, ModelShape } from "./shape.js";
import type { ScalarKind, TypeRef } from "./types.js";
import { append, pushTo } from "../lists.js";

/**
 * What changed between two versions of a doc tree, per model, for a consumer of the generated
 * TypeScript. Pure: shapes in, a report out (`docs2ts diff` prints it, `generate --check` lists it).
 *
 * Pairing. Models are matched by TypeScript name; the rest by doc path (the same doc got a new
 * name: `renamed`); the rest by heading and file name when exactly one model on each side has
 * them (the doc moved). Fields are matched by name (the JSON key): a renamed field is one
 * removed and one added.
 *
 * Direction. Whether a change breaks code depends on whether that code writes the model (builds
 * a request) or reads it (handles a response). A model named `…Request`/`…RequestBody` is an
 * *input*, one named `…Response`/`…ResponseBody` or in an `errors/` folder an *output*; other
 * models take the directions of the models that refer to them, and a model nothing classifies
 * is *both*. A change is breaking when it breaks code in any of the model's directions:
 *
 * | change | input (code writes it) | output (code reads it) |
 * | --- | --- | --- |
 * | model removed or renamed, kind changed | breaking | breaking |
 * | field removed | breaking | breaking |
 * | required field added | breaking | – |
 * | optional field added | – | – |
 * | field becomes required | breaking | – |
 * | field becomes optional | – | breaking |
 * | field becomes nullable | – | breaking |
 * | field no longer nullable | breaking | – |
 * | type widened (accepts more values) | – | breaking |
 * | type narrowed (accepts fewer values) | breaking | – |
 * | type changed otherwise | breaking | breaking |
 * | enum value added | – | breaking |
 * | enum value removed | breaking | breaking (its `as const` member is gone) |
 * | enum opened (the docs now say it may hold other values) | – | breaking |
 * | enum closed | breaking | – |
 * | model or field deprecated, model added | – | – |
 */

export type Direction = "input" | "output" | "both";

export type ChangeKind =
  | "model-added"
  | "model-removed"
  | "model-renamed"
  | "kind-changed"
  | "deprecated"
  | "field-added"
  | "field-removed"
  | "field-retyped"
  | "required-changed"
  | "nullable-changed"
  | "enum-value-added"
  | "enum-value-removed"
  | "enum-opened"
  | "enum-closed"
  | "members-changed";

export interface Change {
  kind: ChangeKind;
  /** The field concerned (field changes). */
  field?: string;
  /** The enum value concerned. */
  value?: string | number;
  /** Before and after, as short text (`string`, `optional`, `Tag[]`). */
  from?: string;
  to?: string;
  breaking: boolean;
  /** Why it is (or is not) breaking. */
  reason: string;
}

export interface ModelDiff {
  /** The model's TypeScript name (the new one; the old one for a removed model). */
  name: string;
  status: "added" | "removed" | "changed";
  /** Doc paths, old and new. */
  old?: string;
  new?: string;
  direction: Direction;
  breaking: boolean;
  changes: Change[];
}

export interface DiffReport {
  summary: { added: number; removed: number; changed: number; unchanged: number; breakingChanges: number; breakingModels: number };
  models: ModelDiff[];
}

type Side = "old" | "new";

interface Tree {
  bySource: Map<string, ModelShape>;
  directions: Map<string, Set<"input" | "output">>;
}

export function diffModels(oldModels: readonly ModelShape[], newModels: readonly ModelShape[]): DiffReport {
  const trees: Record<Side, Tree> = { old: tree(oldModels), new: tree(newModels) };
  const pairs = pairModels(oldModels, newModels);
  const toNew = new Map(pairs.map(([o, n]) => [o.source, n.source] as const));
  const types = new TypeComparer(trees, toNew);
  const matchedOld = new Set(pairs.map(([o]) => o.source));
  const matchedNew = new Set(pairs.map(([, n]) => n.source));

  const models: ModelDiff[] = [];
  for (const m of oldModels) {
    if (matchedOld.has(m.source)) continue;
    const direction = directionOf(trees.old.directions.get(m.source)!);
    models.push(entry(m.name, "removed", direction, [rule("model-removed", direction, BOTH, "code that uses it no longer compiles")], { old: m.source }));
  }
  for (const m of newModels) {
    if (matchedNew.has(m.source)) continue;
    const direction = directionOf(trees.new.directions.get(m.source)!);
    models.push(entry(m.name, "added", direction, [rule("model-added", direction, NONE, "new models break nothing")], { new: m.source }));
  }
  let unchanged = 0;
  for (const [o, n] of pairs) {
    const dirs = new Set([...trees.old.directions.get(o.source)!, ...trees.new.directions.get(n.source)!]);
    const direction = directionOf(dirs);
    const changes = compareModels(o, n, direction, types);
    if (changes.length === 0) unchanged++;
    else models.push(entry(n.name, "changed", direction, changes, { old: o.source, new: n.source }));
  }
  models.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : (a.old ?? a.new ?? "") < (b.old ?? b.new ?? "") ? -1 : 1));
  const count = (s: ModelDiff["status"]) => models.filter((m) => m.status === s).length;
  return {
    summary: {
      added: count("added"),
      removed: count("removed"),
      changed: count("changed"),
      unchanged,
      breakingChanges: models.reduce((n, m) => n + m.changes.filter((c) => c.breaking).length, 0),
      breakingModels: models.filter((m) => m.breaking).length,
    },
    models,
  };
}

function entry(name: string, status: ModelDiff["status"], direction: Direction, changes: Change[], paths: { old?: string; new?: string }): ModelDiff {
  return { name, status, ...paths, direction, breaking: changes.some((c) => c.breaking), changes };
}

// ---------------------------------------------------------------------------------------------
// Pairing and directions

function pairModels(oldModels: readonly ModelShape[], newModels: readonly ModelShape[]): [ModelShape, ModelShape][] {
  const pairs: [ModelShape, ModelShape][] = [];
  const restOld = new Set(oldModels);
  const restNew = new Set(newModels);
  const match = (key: (m: ModelShape) => string) => {
    const index = (set: Set<ModelShape>) => {
      const map = new Map<string, ModelShape[]>();
      for (const m of set) pushTo(map, key(m), m);
      return map;
    };
    const olds = index(restOld);
    const news = index(restNew);
    for (const [k, os] of olds) {
      const ns = news.get(k);
      if (os.length !== 1 || ns?.length !== 1) continue;
      pairs.push([os[0]!, ns[0]!]);
      restOld.delete(os[0]!);
      restNew.delete(ns[0]!);
    }
  };
  match((m) => m.name);
  match((m) => m.source);
  match((m) => `${m.title.toLowerCase()}\u0000${m.source.slice(m.source.lastIndexOf("/") + 1).toLowerCase()}`);
  return pairs.sort((a, b) => (a[1].name < b[1].name ? -1 : 1));
}

const INPUT = /Request(Body)?\d*$/;
const OUTPUT = /Response(Body)?\d*$/;

function tree(models: readonly ModelShape[]): Tree {
  const bySource = new Map(models.map((m) => [m.source, m] as const));
  const directions = new Map<string, Set<"input" | "output">>();
  const children = new Map<string, Set<string>>();
  for (const m of models) {
    const own = new Set<"input" | "output">();
    if (INPUT.test(m.name)) own.add("input");
    else if (OUTPUT.test(m.name) || /(^|\/)errors\//i.test(m.source)) own.add("output");
    directions.set(m.source, own);
    const refs = new Set<string>();
    for (const f of m.fields ?? []) collectRefs(f.type, refs);
    for (const t of m.members ?? []) collectRefs(t, refs);
    children.set(m.source, refs);
  }
  // Directions flow from a model to the models it refers to, until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [source, refs] of children) {
      const from = directions.get(source)!;
      for (const r of refs) {
        const to = directions.get(r);
        if (!to) continue;
        for (const d of from) {
          if (!to.has(d)) {
            to.add(d);
            changed = true;
          }
        }
      }
    }
  }
  return { bySource, directions };
}

function collectRefs(t: TypeRef, into: Set<string>): void {
  if (t.kind === "ref") into.add(t.target);
  else if (t.kind === "array") collectRefs(t.items, into);
  else if (t.kind === "map") collectRefs(t.values, into);
  else if (t.kind === "union") t.members.forEach((m) => collectRefs(m, into));
}

function directionOf(set: ReadonlySet<"input" | "output">): Direction {
  return set.size === 1 ? [...set][0]! : "both";
}

// ---------------------------------------------------------------------------------------------
// Rules

/** Which directions a change breaks. */
interface Breaks {
  input: boolean;
  output: boolean;
}
const BOTH: Breaks = { input: true, output: true };
const NONE: Breaks = { input: false, output: false };
const INPUT_ONLY: Breaks = { input: true, output: false };
const OUTPUT_ONLY: Breaks = { input: false, output: true };

function rule(kind: ChangeKind, direction: Direction, breaks: Breaks, reason: string, extra: Partial<Change> = {}): Change {
  const breaking = (direction !== "output" && breaks.input) || (direction !== "input" && breaks.output);
  return { kind, ...extra, breaking, reason };
}

function compareModels(o: ModelShape, n: ModelShape, direction: Direction, types: TypeComparer): Change[] {
  const changes: Change[] = [];
  if (o.name !== n.name) changes.push(rule("model-renamed", direction, BOTH, "code that uses the old name no longer compiles", { from: o.name, to: n.name }));
  if (o.kind !== n.kind) {
    changes.push(rule("kind-changed", direction, BOTH, "the type is a different kind of type", { from: o.kind, to: n.kind }));
    return changes;
  }
  if (!o.deprecated && n.deprecated) changes.push(rule("deprecated", direction, NONE, "a deprecation breaks nothing"));
  if (n.kind === "object") append(changes, compareFields(o.fields ?? [], n.fields ?? [], direction, types));
  if (n.kind === "enum") {
    const before = new Set(o.values ?? []);
    const after = new Set(n.values ?? []);
    for (const v of o.values ?? []) {
      if (!after.has(v)) changes.push(rule("enum-value-removed", direction, BOTH, "writers can no longer send it, and its constant is gone", { value: v }));
    }
    for (const v of n.values ?? []) {
      if (!before.has(v)) changes.push(rule("enum-value-added", direction, OUTPUT_ONLY, "readers may receive a value their code does not handle", { value: v }));
    }
    if (!o.open && n.open) changes.push(rule("enum-opened", direction, OUTPUT_ONLY, "readers may receive values it does not list", { from: "closed", to: "open" }));
    if (o.open && !n.open) changes.push(rule("enum-closed", direction, INPUT_ONLY, "writers can no longer send values it does not list", { from: "open", to: "closed" }));
  }
  if (n.kind === "union") {
    const from: TypeRef = { kind: "union", members: o.members ?? [] };
    const to: TypeRef = { kind: "union", members: n.members ?? [] };
    const c = types.retype(from, to, direction, "members-changed");
    if (c) changes.push(c);
  }
  return changes;
}

function compareFields(before: readonly FieldShape[], after: readonly FieldShape[], direction: Direction, types: TypeComparer): Change[] {
  const changes: Change[] = [];
  const oldByName = new Map(before.map((f) => [f.name, f] as const));
  const newNames = new Set(after.map((f) => f.name));
  for (const f of before) {
    if (!newNames.has(f.name)) changes.push(rule("field-removed", direction, BOTH, "code that reads or sets it no longer compiles", { field: f.name }));
  }
  for (const f of after) {
    const o = oldByName.get(f.name);
    const field = { field: f.name };
    if (!o) {
      const detail = { ...field, to: `${f.required ? "required" : "optional"} ${types.text(f.type, "new")}${f.nullable ? " | null" : ""}` };
      changes.push(
        f.required
          ? rule("field-added", direction, INPUT_ONLY, "writers must now set it", detail)
          : rule("field-added", direction, NONE, "an optional field breaks nothing", detail),
      );
      continue;
    }
    const retyped = types.retype(o.type, f.type, direction, "field-retyped");
    if (retyped) {
      const { kind, ...rest } = retyped;
      changes.push({ kind, field: f.name, ...rest });
    }
    if (o.required !== f.required) {
      const detail = { ...field, from: o.required ? "required" : "optional", to: f.required ? "required" : "optional" };
      changes.push(
        f.required
          ? rule("required-changed", direction, INPUT_ONLY, "writers must now set it", detail)
          : rule("required-changed", direction, OUTPUT_ONLY, "readers must now handle its absence", detail),
      );
    }
    if (o.nullable !== f.nullable) {
      const detail = { ...field, from: o.nullable ? "nullable" : "not nullable", to: f.nullable ? "nullable" : "not nullable" };
      changes.push(
        f.nullable
          ? rule("nullable-changed", direction, OUTPUT_ONLY, "readers must now handle null", detail)
          : rule("nullable-changed", direction, INPUT_ONLY, "writers can no longer send null", detail),
      );
    }
    if (!o.deprecated && f.deprecated) changes.push(rule("deprecated", direction, NONE, "a deprecation breaks nothing", field));
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Types

/** Every value of the scalar kind on the right is a value of the one on the left. */
const SCALAR_SUPERSETS: Partial<Record<ScalarKind, ScalarKind[]>> = {
  number: ["integer"],
  bigint: ["integer"],
  decimal: ["integer", "number"],
  string: ["date", "datetime"],
  binary: ["string", "date", "datetime"],
};

interface Typed {
  t: TypeRef;
  side: Side;
}

class TypeComparer {
  constructor(
    private readonly trees: Record<Side, Tree>,
    private readonly toNew: ReadonlyMap<string, string>,
  ) {}

  /** A `field-retyped` / `members-changed` change, or none when the types mean the same values. */
  retype(from: TypeRef, to: TypeRef, direction: Direction, kind: "field-retyped" | "members-changed"): Change | undefined {
    const o: Typed = { t: from, side: "old" };
    const n: Typed = { t: to, side: "new" };
    const wider = this.subsumes(n, o);
    const narrower = this.subsumes(o, n);
    if (wider && narrower) return undefined;
    const detail = { from: this.text(from, "old"), to: this.text(to, "new") };
    if (wider) return rule(kind, direction, OUTPUT_ONLY, "widened: readers may receive values they did not expect", detail);
    if (narrower) return rule(kind, direction, INPUT_ONLY, "narrowed: writers may send values that are no longer accepted", detail);
    return rule(kind, direction, BOTH, "changed: neither type contains the other", detail);
  }

  /** Every value of `sub` is a value of `sup`. */
  subsumes(sup: Typed, sub: Typed): boolean {
    const a = sup.t;
    const b = sub.t;
    if (b.kind === "union") return b.members.every((m) => this.subsumes(sup, { t: m, side: sub.side }));
    if (a.kind === "any" || a.kind === "external") return true;
    if (a.kind === "union") return a.members.some((m) => this.subsumes({ t: m, side: sup.side }, sub));
    if (a.kind === "ref" && b.kind === "ref") {
      if (this.same(sup, a.target, sub, b.target)) return true;
      const values = this.enumValues(sub.side, b.target);
      return values !== undefined && values.every((v) => this.acceptsValue(sup, v));
    }
    if (b.kind === "ref") {
      const values = this.enumValues(sub.side, b.target);
      return values !== undefined && values.every((v) => this.acceptsValue(sup, v));
    }
    if (b.kind === "literal") return this.acceptsValue(sup, b.value);
    if (a.kind === "array") return b.kind === "array" && this.subsumes({ t: a.items, side: sup.side }, { t: b.items, side: sub.side });
    if (a.kind === "map") return b.kind === "map" && this.subsumes({ t: a.values, side: sup.side }, { t: b.values, side: sub.side });
    if (a.kind === "literal" || a.kind === "ref" || b.kind === "array" || b.kind === "map" || b.kind === "any" || b.kind === "external") return false;
    return a.kind === b.kind || (SCALAR_SUPERSETS[a.kind] ?? []).includes(b.kind);
  }

  private same(x: Typed, xTarget: string, y: Typed, yTarget: string): boolean {
    if (x.side === y.side) return xTarget === yTarget;
    const [oldTarget, newTarget] = x.side === "old" ? [xTarget, yTarget] : [yTarget, xTarget];
    return this.toNew.get(oldTarget) === newTarget;
  }

  private enumValues(side: Side, source: string): (string | number)[] | undefined {
    const m = this.trees[side].bySource.get(source);
    return m?.kind === "enum" ? (m.values ?? []) : undefined;
  }

  private acceptsValue(sup: Typed, v: string | number | boolean | null): boolean {
    const a = sup.t;
    switch (a.kind) {
      case "any":
      case "external":
        return true;
      case "union":
        return a.members.some((m) => this.acceptsValue({ t: m, side: sup.side }, v));
      case "literal":
        return a.value === v;
      case "ref":
        return (this.enumValues(sup.side, a.target) ?? []).includes(v as string | number);
      case "string":
      case "binary":
        return typeof v === "string";
      case "number":
      case "decimal":
        return typeof v === "number";
      case "integer":
      case "bigint":
        return typeof v === "number" && Number.isInteger(v);
      case "boolean":
        return typeof v === "boolean";
      case "null":
        return v === null;
      default:
        return false;
    }
  }

  /** A short TypeScript-like text for a type: `string`, `Tag[]`, `Record<string, integer>`. */
  text(t: TypeRef, side: Side): string {
    switch (t.kind) {
      case "literal":
        return JSON.stringify(t.value);
      case "array": {
        const inner = this.text(t.items, side);
        return t.items.kind === "union" ? `(${inner})[]` : `${inner}[]`;
      }
      case "map":
        return `Record<string, ${this.text(t.values, side)}>`;
      case "ref":
        return this.trees[side].bySource.get(t.target)?.name ?? t.target;
      case "union":
        return t.members.map((m) => this.text(m, side)).join(" | ");
      case "external":
        return t.name;
      default:
        return t.kind;
    }
  }
}
