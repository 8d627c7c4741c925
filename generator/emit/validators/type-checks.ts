import type { Model, TypeRef } from "../../ir/types.js";
import { fieldKey } from "../../ir/keys.js";
import { enumIsOpen, type FileContext } from "../context.js";
import { pointerSegment, stringLiteral, valueLiteral } from "../escape.js";
import { block, blockText, uses, indent } from "./code.js";
import { perModel } from "./state.js";

/**
 * Checks of one type, shared by both paths: the fast path's boolean expressions and statements
 * (`isExpr`, `isStmts`, file-local helpers for union members), the slow path's statements that
 * push issues (`checkStmts`; unions pick a member by their discriminator), what a type is called
 * in messages (`describe`), and enums (`===` chains or a hoisted Set).
 */

/** Enums with more values than this are checked with a hoisted Set instead of `===` chains. */
const ENUM_SET_THRESHOLD = 8;

/** A boolean expression that is true when `v` is valid, for types that need no loop. */
export function isExpr(t: TypeRef, v: string, ctx: FileContext): string | undefined {
  switch (t.kind) {
    case "string":
      return `typeof ${v} === "string"`;
    case "integer":
      return `${ctx.rt("isInteger")}(${v})`;
    case "number":
      return `typeof ${v} === "number" && ${v} - ${v} === 0`;
    case "boolean":
      return `typeof ${v} === "boolean"`;
    case "null":
      return `${v} === null`;
    case "any":
    case "external":
      return "true";
    case "date":
    case "datetime":
      if (ctx.options.types?.[t.kind] === "Date") return `${ctx.rt("isValidDate")}(${v})`;
      return t.kind === "date" ? `${ctx.rt("isDateString")}(${v})` : `${ctx.rt("isDateTimeString")}(${v})`;
    case "bigint":
      return `${ctx.rt("isBigIntLike")}(${v})`;
    case "decimal":
      return `${ctx.rt("isDecimalLike")}(${v})`;
    case "binary":
      return `${ctx.rt("isBinary")}(${v})`;
    case "literal":
      return `${v} === ${valueLiteral(t.value)}`;
    case "ref": {
      // Small closed enums are checked in place (no call into the enum's module).
      const m = ctx.target(t.target);
      if (m.kind === "enum" && !enumIsOpen(m, ctx.options) && new Set((m.values ?? []).map((x) => x.value)).size <= ENUM_SET_THRESHOLD) {
        return enumExpr(m, v, ctx);
      }
      return `${ctx.fn(t.target, "is")}(${v}, d + 1)`;
    }
    case "union": {
      const parts: string[] = [];
      for (const m of t.members) {
        const e = isExpr(m, v, ctx) ?? `${helper(m, ctx)}(${v}, d)`;
        if (e === "true") return "true";
        parts.push(`(${e})`);
      }
      return parts.join(" || ");
    }
    case "array":
    case "map":
      return undefined;
  }
}

/** Statements that run `fail` (by default `return false;`) when `v` is not valid. */
export function isStmts(t: TypeRef, v: string, ctx: FileContext, fail = "return false;"): string[] {
  const e = isExpr(t, v, ctx);
  if (e !== undefined) return e === "true" ? [] : [`if (!(${e})) ${fail}`];
  if (t.kind === "array") {
    const i = ctx.local("i");
    const item = ctx.local("v");
    const inner = isStmts(t.items, item, ctx, fail);
    if (inner.length === 0) return [`if (!${ctx.rt("isArray")}(${v})) ${fail}`];
    return block([`if (!${ctx.rt("isArray")}(${v})) ${fail}`, `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`, `    const ${item}: unknown = ${v}[${i}];`], inner);
  }
  if (t.kind === "map") {
    const k = ctx.local("k");
    const item = ctx.local("v");
    const inner = isStmts(t.values, item, ctx, fail);
    if (inner.length === 0) return [`if (!${ctx.rt("isRecord")}(${v})) ${fail}`];
    return block([`if (!${ctx.rt("isRecord")}(${v})) ${fail}`, `for (const ${k} in ${v}) {`, `    if (!${ownCall(ctx)}(${v}, ${k})) continue;`, `    const ${item}: unknown = ${v}[${k}];`], inner);
  }
  throw new Error(`internal: no statements for ${t.kind}`);
}

/**
 * A file-local function `(v, d) => boolean` for a type that needs statements (used inside unions):
 * one per type and file, shared by the fast and the slow path.
 */
function helper(t: TypeRef, ctx: FileContext): string {
  let known = helpers.get(ctx);
  if (!known) helpers.set(ctx, (known = new Map()));
  const key = JSON.stringify(t);
  const hit = known.get(key);
  if (hit !== undefined) return hit;
  const name = ctx.local("$t");
  const body = isStmts(t, "v", ctx);
  const d = uses(body, "d") ? "d" : "_d";
  ctx.hoisted.push(blockText([`function ${name}(v: unknown, ${d}: number): boolean {`], body, [`    return true;`, `}`]));
  known.set(key, name);
  return name;
}

const helpers = new WeakMap<FileContext, Map<string, string>>();

export function enumExpr(model: Model, v: string, ctx: FileContext): string {
  const values = [...new Set((model.values ?? []).map((x) => x.value))];
  if (enumIsOpen(model, ctx.options)) {
    const kinds = [...new Set(values.map((x) => typeof x))].sort();
    return kinds.map((k) => `typeof ${v} === ${stringLiteral(k)}`).join(" || ");
  }
  if (values.length <= ENUM_SET_THRESHOLD) return values.map((x) => `${v} === ${valueLiteral(x)}`).join(" || ");
  // One hoisted Set per enum and file, however many checks (fast and slow path) use it.
  const sets = perModel(valueSets, ctx);
  let set = sets.get(model);
  if (set === undefined) {
    set = ctx.local("$values");
    ctx.hoisted.push(`const ${set}: ReadonlySet<unknown> = ${ctx.rt("enumSet")}([${values.map(valueLiteral).join(", ")}]);`);
    sets.set(model, set);
  }
  return `${set}.has(${v})`;
}

const valueSets = new WeakMap<FileContext, Map<Model, string>>();

/** What an open enum accepts: the kinds of its values (`string`, or `number | string`…). */
export function openEnumDescription(model: Model): string {
  return [...new Set((model.values ?? []).map((x) => typeof x.value))].sort().join(" | ");
}

export function withNull(t: TypeRef): TypeRef {
  return { kind: "union", members: [t, { kind: "null" }] };
}

/** What a type is called in messages ("expected …"). */
export function describe(t: TypeRef, ctx: FileContext): string {
  switch (t.kind) {
    case "date":
    case "datetime":
      if (ctx.options.types?.[t.kind] === "Date") return "Date";
      return t.kind === "date" ? "date (YYYY-MM-DD)" : "date-time (RFC 3339)";
    case "bigint":
      return "integer or integer string";
    case "decimal":
      return "number or decimal string";
    case "binary":
      return "string or Uint8Array";
    case "any":
    case "external":
      return "any value";
    case "literal":
      return valueLiteral(t.value);
    case "array":
      return "array";
    case "map":
      return "object";
    case "ref": {
      const m = ctx.target(t.target);
      return m.kind === "enum" ? enumDescription(m) : m.name;
    }
    case "union":
      return t.members.map((m) => describe(m, ctx)).join(" | ");
    default:
      return t.kind;
  }
}

export function enumDescription(m: Model): string {
  const values = (m.values ?? []).map((v) => valueLiteral(v.value));
  return values.length <= 10 ? values.join(" | ") : `one of the ${values.length} values of ${m.name}`;
}

/** Statements that push an issue for every problem in `v`; `p` is the path expression. */
export function checkStmts(t: TypeRef, v: string, p: string, ctx: FileContext): string[] {
  const e = ctx.rt;
  if (t.kind === "ref") {
    return [`if (!${ctx.fn(t.target, "is")}(${v}, d + 1)) ${ctx.fn(t.target, "check")}(${v}, ${p}, e, d + 1);`];
  }
  if (t.kind === "array") {
    const i = ctx.local("i");
    const item = ctx.local("v");
    const inner = checkStmts(t.items, item, `${p.endsWith('"') ? p.slice(0, -1) + '/"' : p + ' + "/"'} + ${i}`, ctx);
    if (inner.length === 0) return [`if (!${e("isArray")}(${v})) e.push(${e("issue")}(${p}, "array", ${v}));`];
    return block([`if (!${e("isArray")}(${v})) e.push(${e("issue")}(${p}, "array", ${v}));`, `else for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`, `    const ${item}: unknown = ${v}[${i}];`], inner);
  }
  if (t.kind === "map") {
    const k = ctx.local("k");
    const item = ctx.local("v");
    const inner = checkStmts(t.values, item, `${p} + "/" + $pointerKey(${k})`, ctx);
    if (inner.length === 0) return [`if (!${e("isRecord")}(${v})) e.push(${e("issue")}(${p}, "object", ${v}));`];
    e("pointerKey");
    return block([`if (!${e("isRecord")}(${v})) e.push(${e("issue")}(${p}, "object", ${v}));`, `else for (const ${k} in ${v}) {`, `    if (!${e("hasOwn")}(${v}, ${k})) continue;`, `    const ${item}: unknown = ${v}[${k}];`], inner);
  }
  if (t.kind === "union") return unionCheckStmts(t.members, v, p, ctx);
  const cond = isExpr(t, v, ctx)!;
  if (cond === "true") return [];
  return [`if (!(${cond})) e.push(${e("issue")}(${p}, ${stringLiteral(describe(t, ctx))}, ${v}));`];
}

/**
 * A union: valid when any member is. When it is not, and every member is an object model with
 * a required field whose literal (or single-valued enum) tells them apart, the member named by
 * that field reports its own issues; otherwise one issue lists what was expected.
 */
export function unionCheckStmts(members: readonly TypeRef[], v: string, p: string, ctx: FileContext): string[] {
  const cond = isExpr({ kind: "union", members: [...members] }, v, ctx)!;
  if (cond === "true") return [];
  const nonNull = members.filter((m) => m.kind !== "null");
  const disc = discriminator(nonNull, ctx);
  const fallback = `e.push(${ctx.rt("issue")}(${p}, ${stringLiteral(describe({ kind: "union", members: [...members] }, ctx))}, ${v}));`;
  if (!disc) return [`if (!(${cond})) ${fallback}`];
  const tag = ctx.local("tag");
  const lines = [`if (!(${cond})) {`];
  if (nonNull.length !== members.length) lines.push(`    if (${v} === null) ${fallback}`, `    else`);
  lines.push(`    if (!${ctx.rt("isRecord")}(${v})) ${fallback}`, `    else {`, `        const ${tag}: unknown = ${v}[${stringLiteral(disc.key)}];`);
  disc.cases.forEach((c, idx) => {
    const test = c.values.map((x) => `${tag} === ${valueLiteral(x)}`).join(" || ");
    lines.push(`        ${idx === 0 ? "if" : "else if"} (${test}) ${ctx.fn(c.model.source, "check")}(${v}, ${p}, e, d + 1);`);
  });
  const allValues = disc.cases.flatMap((c) => c.values.map((x) => valueLiteral(x))).join(" | ");
  // With open enums a tag that is not listed may still be valid for some member: one issue.
  if (disc.open) lines.push(`        else ${fallback}`);
  else lines.push(`        else e.push(${ctx.rt("issue")}(${p} + ${stringLiteral("/" + pointerSegment(disc.key))}, ${stringLiteral(allValues)}, ${tag}));`);
  lines.push(`    }`, `}`);
  return lines;
}

interface Discriminator {
  key: string;
  /** Some tag is an open enum (`enums: "open"`): other strings are allowed too. */
  open: boolean;
  cases: { model: Model; values: (string | number | boolean | null)[] }[];
}

function discriminator(members: readonly TypeRef[], ctx: FileContext): Discriminator | undefined {
  if (members.length < 2) return undefined;
  const objects: Model[] = [];
  for (const m of members) {
    if (m.kind !== "ref") return undefined;
    const model = ctx.target(m.target);
    if (model.kind !== "object") return undefined;
    objects.push(model);
  }
  const candidates = (objects[0]!.fields ?? []).filter((f) => f.required && !f.nullable).map((f) => fieldKey(f));
  for (const key of candidates) {
    const cases: Discriminator["cases"] = [];
    const seen = new Set<string>();
    let ok = true;
    for (const model of objects) {
      const field = model.fields?.find((f) => fieldKey(f) === key && f.required && !f.nullable);
      const values = field ? constValues(field.type, ctx) : undefined;
      if (!values || values.some((x) => seen.has(JSON.stringify(x)))) {
        ok = false;
        break;
      }
      values.forEach((x) => seen.add(JSON.stringify(x)));
      cases.push({ model, values });
    }
    if (ok) return { key, cases, open: objects.some((m) => isOpenEnumField(m, key, ctx)) };
  }
  return undefined;
}

/** The values a tag field may take: a literal, or an enum's listed values (open enums too). */
function constValues(t: TypeRef, ctx: FileContext): (string | number | boolean | null)[] | undefined {
  if (t.kind === "literal") return [t.value];
  if (t.kind === "ref") {
    const m = ctx.target(t.target);
    if (m.kind === "enum") return (m.values ?? []).map((v) => v.value);
  }
  return undefined;
}

function isOpenEnumField(model: Model, key: string, ctx: FileContext): boolean {
  const t = model.fields?.find((f) => fieldKey(f) === key)?.type;
  return t?.kind === "ref" && enumIsOpen(ctx.target(t.target), ctx.options);
}

/**
 * The global `Object`, spelled `globalThis.Object` when a model named `Object` is in this file's
 * scope (its own name, or a model it refers to and so imports: its type or enum object would
 * shadow the global); plain `Object` otherwise, which V8 resolves at compile time. Only the
 * models this file refers to are read, so that the incremental cache does not tie every file to
 * every model.
 */
export function globalObject(ctx: FileContext): string {
  let shadowed = objectShadowed.get(ctx);
  if (shadowed === undefined) {
    const { model } = ctx;
    const targets = new Set<string>();
    const walk = (t: TypeRef): void => {
      if (t.kind === "ref") targets.add(t.target);
      else if (t.kind === "array") walk(t.items);
      else if (t.kind === "map") walk(t.values);
      else if (t.kind === "union") t.members.forEach(walk);
    };
    for (const f of model.fields ?? []) walk(f.type);
    for (const m of model.members ?? []) walk(m);
    if (model.additionalProperties) walk(model.additionalProperties);
    shadowed = model.name === "Object" || [...targets].some((source) => ctx.target(source).name === "Object");
    objectShadowed.set(ctx, shadowed);
  }
  return shadowed ? "globalThis.Object" : "Object";
}

const objectShadowed = new WeakMap<FileContext, boolean>();

/**
 * `Object.prototype.hasOwnProperty.call`, spelled with the global so that V8 knows the function
 * when it compiles: inside `for (k in o)` the call on the loop's key then costs a map check
 * (measured in bench/: a wrapper function or a module-level alias is several times slower
 * there). Used on for-in keys only; elsewhere the checks call the runtime's `hasOwn`.
 */
export function ownCall(_ctx: FileContext): string {
  return `${globalObject(_ctx)}.prototype.hasOwnProperty.call`;
}
