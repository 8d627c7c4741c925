import type { FunctionDeclarationStructure, StatementStructures } from "ts-morph";
import type { CodeFunction } from "./print.js";
import { StructureKind, VariableDeclarationKind } from "./ts-morph.js";
import type { Field, Model, TypeRef } from "../ir/types.js";
import { fieldKey } from "../ir/keys.js";
import { enumIsOpen, type FileContext } from "./context.js";
import { pointerSegment, stringLiteral, valueLiteral } from "./escape.js";
import { append, pushTo } from "../lists.js";

/**
 * Validator code for the IR. Every model gets two internal functions:
 *   $is_X(v, d): boolean                     the fast path: straight-line checks, no allocation
 *   $check_X(v, p, e, d): void               the slow path: pushes every issue with its JSON Pointer
 * and four public ones: isX, validateX, assertX and XSchema (Standard Schema v1).
 * `d` is the nesting depth (refs add one), bounded by MAX_DEPTH so that deep input gives an
 * issue, not a stack overflow. Code is assembled from fixed fragments; doc text enters only
 * through `stringLiteral` / `valueLiteral`, and locals are named by counter.
 */

/** Enums with more values than this are checked with a hoisted Set instead of `===` chains. */
const ENUM_SET_THRESHOLD = 8;

// ---------------------------------------------------------------------------------------------
// Fast path

/** A boolean expression that is true when `v` is valid, for types that need no loop. */
function isExpr(t: TypeRef, v: string, ctx: FileContext): string | undefined {
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
function isStmts(t: TypeRef, v: string, ctx: FileContext, fail = "return false;"): string[] {
  const e = isExpr(t, v, ctx);
  if (e !== undefined) return e === "true" ? [] : [`if (!(${e})) ${fail}`];
  if (t.kind === "array") {
    const i = ctx.local("i");
    const item = ctx.local("v");
    const inner = isStmts(t.items, item, ctx, fail);
    if (inner.length === 0) return [`if (!${ctx.rt("isArray")}(${v})) ${fail}`];
    return [
      `if (!${ctx.rt("isArray")}(${v})) ${fail}`,
      `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`,
      `    const ${item}: unknown = ${v}[${i}];`,
      ...indent(inner),
      `}`,
    ];
  }
  if (t.kind === "map") {
    const k = ctx.local("k");
    const item = ctx.local("v");
    const inner = isStmts(t.values, item, ctx, fail);
    if (inner.length === 0) return [`if (!${ctx.rt("isRecord")}(${v})) ${fail}`];
    return [
      `if (!${ctx.rt("isRecord")}(${v})) ${fail}`,
      `for (const ${k} in ${v}) {`,
      `    if (!${ownCall(ctx)}(${v}, ${k})) continue;`,
      `    const ${item}: unknown = ${v}[${k}];`,
      ...indent(inner),
      `}`,
    ];
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
  ctx.hoisted.push([`function ${name}(v: unknown, ${d}: number): boolean {`, ...indent(body), `    return true;`, `}`].join("\n"));
  known.set(key, name);
  return name;
}

const helpers = new WeakMap<FileContext, Map<string, string>>();

/** How a by-name check of one field ends when the field is not valid (see fastObjectByName). */
interface FieldFail {
  /** The verdict for a value that is surely the object's own: `$failAt(i)`, which records where (see resumeNames). */
  own: string;
  /** The verdict of the slow path on the whole object, for a value that is not its own. */
  inherited: string;
}

/**
 * By-name checks of one field, in the fast path (see fastObjectByName), which reads by name
 * before it knows the object's prototype. A required field that is not valid fails whoever holds
 * its value: an inherited value means that the object has no such own key. An optional field
 * that is not valid fails only if the value is its own: a value held by the prototype means "no
 * such field" (a prototype other than Object.prototype goes to the slow path, which checks
 * own-ness key by key). Values Object.prototype itself holds are told apart by
 * `$proto[key] !== undefined` (see protoConst), a load from a constant object, so `hasOwn` runs
 * on valid values only for keys such as `constructor` or after someone added the key to
 * Object.prototype (the guards cost nothing measurable: an A/B run without them was no faster,
 * see bench/RESULTS.md).
 */
function fieldIsStmts(f: Field, o: string, ctx: FileContext, fail: FieldFail, shape?: ShapeSignature): string[] {
  const key = stringLiteral(fieldKey(f));
  const x = ctx.local("x");
  const read = [`const ${x}: unknown = ${o}[${key}];`];
  const failStmt = `return ${fail.own};`;
  // Adaptive models: an optional field that is present adds its bit to the shape signature.
  if (shape && !f.required && isExpr(f.type, x, ctx) !== "true") read.push(`if (${x} !== undefined) ${shape.h} ^= ${shape.bit()};`);
  const hasOwn = ctx.rt("hasOwn");
  const protoKey = () => `${protoConst(ctx)}[${key}]`;
  const inherited = () => `${protoKey()} !== undefined && !${hasOwn}(${o}, ${key})`;
  const own = () => `(${protoKey()} === undefined || ${hasOwn}(${o}, ${key}))`;
  const base = isExpr(f.type, x, ctx);
  const e = base === undefined || base === "true" || !f.nullable ? base : `${x} === null || ${base}`;
  if (f.required) {
    if (e !== undefined) {
      return e === "true" ? [`if (!(${key} in ${o}) || ${inherited()}) ${failStmt}`] : [...read, `if (!(${e}) || ${inherited()}) ${failStmt}`];
    }
    const inner = isStmts(f.type, x, ctx, failStmt);
    return f.nullable
      ? [...read, `if (${x} === undefined || ${inherited()}) ${failStmt}`, `if (${x} !== null) {`, ...indent(inner), `}`]
      : [...read, `if (${x} === undefined || ${inherited()}) ${failStmt}`, ...inner];
  }
  // Only after the value failed: is it the object's own?
  const failOwn = `return ${hasOwn}(${o}, ${key}) ? ${fail.own} : ${fail.inherited};`;
  if (e !== undefined) {
    return e === "true" ? [] : [...read, `if (${x} !== undefined && !(${e})) ${failOwn}`];
  }
  const inner = isStmts(f.type, x, ctx, failOwn);
  const cond = f.nullable ? `${x} !== undefined && ${x} !== null` : `${x} !== undefined`;
  return [...read, `if (${cond} && ${own()}) {`, ...indent(inner), `}`];
}

/**
 * The global `Object`, spelled `globalThis.Object` when a model named `Object` is in this file's
 * scope (its own name, or a model it refers to and so imports: its type or enum object would
 * shadow the global); plain `Object` otherwise, which V8 resolves at compile time. Only the
 * models this file refers to are read, so that the incremental cache does not tie every file to
 * every model.
 */
function globalObject(ctx: FileContext): string {
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
function ownCall(_ctx: FileContext): string {
  return `${globalObject(_ctx)}.prototype.hasOwnProperty.call`;
}

/**
 * The module constant that holds Object.prototype, read as a map of keys by the guards of
 * fields read by name (`$proto[key] !== undefined`: does Object.prototype carry the key?). One
 * short name per file instead of `(Object.prototype as ObjectIndex)` in every guard: the guards
 * and their `hasOwn` calls (runtime.ts) were a third of a small model's fast path in bytes, and
 * an A/B run of the benchmark found them as fast as the spelled-out form (V8 loads the constant
 * once and folds the missing keys; bench/RESULTS.md, 2026-11-26).
 */
function protoConst(ctx: FileContext): string {
  // One per file, so a fixed name (no runtime helper is called `proto`; locals have no `$`).
  if (!protoConsts.has(ctx)) {
    ctx.hoisted.push(`const $proto = ${globalObject(ctx)}.prototype as ${ctx.rtType("ObjectIndex")};`);
    protoConsts.add(ctx);
  }
  return "$proto";
}

const protoConsts = new WeakSet<FileContext>();

/**
 * Key-driven checks of one field inside `for (k in v) switch (k)`: `x` holds the own value.
 * Returns the statements of its `case`; required fields count themselves in `n`.
 */
function fieldCaseStmts(f: Field, x: string, n: string, ctx: FileContext): string[] {
  const base = isExpr(f.type, x, ctx);
  const out: string[] = [];
  if (base !== undefined) {
    if (base !== "true") {
      const ok = f.nullable ? `${x} === null || ${base}` : base;
      out.push(f.required ? `if (!(${ok})) return false;` : `if (${x} !== undefined && !(${ok})) return false;`);
    }
  } else {
    const inner = isStmts(f.type, x, ctx);
    const skip = [...(f.required ? [] : [`${x} !== undefined`]), ...(f.nullable ? [`${x} !== null`] : [])];
    if (skip.length === 0) append(out, inner);
    else out.push(`if (${skip.join(" && ")}) {`, ...indent(inner), `}`);
  }
  if (f.required) out.push(`${n}++;`);
  return out;
}

function withNull(t: TypeRef): TypeRef {
  return { kind: "union", members: [t, { kind: "null" }] };
}

// ---------------------------------------------------------------------------------------------
// Slow path

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

function enumDescription(m: Model): string {
  const values = (m.values ?? []).map((v) => valueLiteral(v.value));
  return values.length <= 10 ? values.join(" | ") : `one of the ${values.length} values of ${m.name}`;
}

/** Statements that push an issue for every problem in `v`; `p` is the path expression. */
function checkStmts(t: TypeRef, v: string, p: string, ctx: FileContext): string[] {
  const e = ctx.rt;
  if (t.kind === "ref") {
    return [`if (!${ctx.fn(t.target, "is")}(${v}, d + 1)) ${ctx.fn(t.target, "check")}(${v}, ${p}, e, d + 1);`];
  }
  if (t.kind === "array") {
    const i = ctx.local("i");
    const item = ctx.local("v");
    const inner = checkStmts(t.items, item, `${p.endsWith('"') ? p.slice(0, -1) + '/"' : p + ' + "/"'} + ${i}`, ctx);
    if (inner.length === 0) return [`if (!${e("isArray")}(${v})) e.push(${e("issue")}(${p}, "array", ${v}));`];
    return [
      `if (!${e("isArray")}(${v})) e.push(${e("issue")}(${p}, "array", ${v}));`,
      `else for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`,
      `    const ${item}: unknown = ${v}[${i}];`,
      ...indent(inner),
      `}`,
    ];
  }
  if (t.kind === "map") {
    const k = ctx.local("k");
    const item = ctx.local("v");
    const inner = checkStmts(t.values, item, `${p} + "/" + $pointerKey(${k})`, ctx);
    if (inner.length === 0) return [`if (!${e("isRecord")}(${v})) e.push(${e("issue")}(${p}, "object", ${v}));`];
    e("pointerKey");
    return [
      `if (!${e("isRecord")}(${v})) e.push(${e("issue")}(${p}, "object", ${v}));`,
      `else for (const ${k} in ${v}) {`,
      `    if (!${e("hasOwn")}(${v}, ${k})) continue;`,
      `    const ${item}: unknown = ${v}[${k}];`,
      ...indent(inner),
      `}`,
    ];
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
function unionCheckStmts(members: readonly TypeRef[], v: string, p: string, ctx: FileContext): string[] {
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
 * Collecting checks of one field. `plain` names a local that is true when the object's prototype
 * is Object.prototype or null: then a defined value read by name is own unless Object.prototype
 * has the key (folded away, see fieldIsStmts), and `hasOwnProperty` runs only for undefined
 * values (missing, or an own key holding undefined). With `gathered` (the key-driven slow path,
 * see checkByKeys) the value and whether it is an own key were collected by a for-in before.
 */
function fieldCheckStmts(f: Field, o: string, plain: string, ctx: FileContext, gathered?: Gathered): string[] {
  const key = stringLiteral(fieldKey(f));
  const path = `p + ${stringLiteral("/" + pointerSegment(fieldKey(f)))}`;
  const x = ctx.local("x");
  const hasOwn = ctx.rt("hasOwn");
  const notOnProto = () => `${protoConst(ctx)}[${key}] === undefined`;
  const simple = isExpr(f.type, x, ctx) !== undefined && f.type.kind !== "ref" && f.type.kind !== "union";
  const t = f.nullable && simple ? withNull(f.type) : f.type;
  let inner = checkStmts(t, x, path, ctx);
  if (f.nullable && !simple) inner = [`if (${x} !== null) {`, ...indent(inner), `}`];
  const read = gathered ? `const ${x}: unknown = ${gathered.value};` : `const ${x}: unknown = ${o}[${key}];`;
  // Whether the key is own (gathered: the for-in met it); `valueOwn` may assume the value is defined.
  const isOwn = gathered ? gathered.present : `${hasOwn}(${o}, ${key})`;
  const valueOwn = () => (gathered ? gathered.present : `(${plain} && ${notOnProto()} || ${hasOwn}(${o}, ${key}))`);
  if (f.required) {
    const expected = describe(f.nullable ? withNull(f.type) : f.type, ctx);
    const missing = `e.push(${ctx.rt("missing")}(${path}, ${stringLiteral(expected)}));`;
    if (inner.length === 0) return [`if (!${isOwn}) ${missing}`];
    const own = gathered ? gathered.present : `(${plain} && ${notOnProto()} ? ${x} !== undefined || ${hasOwn}(${o}, ${key}) : ${hasOwn}(${o}, ${key}))`;
    return [read, `if (!${own}) ${missing}`, `else {`, ...indent(inner), `}`];
  }
  if (inner.length === 0) return [];
  if (simple) {
    // The value's own-ness matters only when it is invalid: check it last.
    const cond = isExpr(t, x, ctx)!;
    return [read, `if (${x} !== undefined && !(${cond}) && ${isOwn}) e.push(${ctx.rt("issue")}(${path}, ${stringLiteral(describe(t, ctx))}, ${x}));`];
  }
  return [read, `if (${x} !== undefined && ${valueOwn()}) {`, ...indent(inner), `}`];
}

/** A field's value and own-ness as gathered by the key-driven slow path (expressions). */
interface Gathered {
  value: string;
  present: string;
}

// ---------------------------------------------------------------------------------------------
// Per model

/** Fast path: undeclared own keys make the value invalid (unknown keys rejected). */
function unknownKeysIs(model: Model, o: string, ctx: FileContext, fail: string): string[] {
  return unknownKeys(model, o, ctx, () => fail);
}

/** Slow path: an issue for every undeclared own key (unknown keys rejected). */
function unknownKeysCheck(model: Model, o: string, ctx: FileContext): string[] {
  return unknownKeys(model, o, ctx, (k) => `e.push(${ctx.rt("unknownKey")}(p + "/" + ${ctx.rt("pointerKey")}(${k})));`);
}

/** A for-in over the own keys with the statement `onUnknown(k)` for the undeclared ones. */
function unknownKeys(model: Model, o: string, ctx: FileContext, onUnknown: (k: string) => string): string[] {
  // A model whose doc declares its undeclared keys (additionalProperties) accepts them.
  if (ctx.options.unknownKeys !== "reject" || (model.fields ?? []).length === 0 || model.additionalProperties) return [];
  const k = ctx.local("k");
  const cases = (model.fields ?? []).map((f) => `        case ${stringLiteral(fieldKey(f))}:`);
  return [
    `for (const ${k} in ${o}) {`,
    `    if (!${ownCall(ctx)}(${o}, ${k})) continue;`,
    `    switch (${k}) {`,
    ...cases,
    `            break;`,
    `        default:`,
    `            ${onUnknown(k)}`,
    `    }`,
    `}`,
  ];
}

/**
 * How an object model's fast path reads the object:
 *   "names": reads each field by name (fastest when every object of the model has one shape);
 *   "adaptive": reads by name while objects keep one shape, and switches to one `for (k in v)`
 *   over the own keys with a `switch` when optional fields keep coming and going (many shapes:
 *   reading by name then goes through megamorphic lookups); see fastObjectAdaptive.
 * Measured in bench/ (see bench/RESULTS.md); chosen by the number of optional fields.
 */
export function objectStrategy(model: Model): "names" | "adaptive" {
  const optional = (model.fields ?? []).filter((f) => !f.required).length;
  return optional >= KEY_DRIVEN_MIN_OPTIONAL ? "adaptive" : "names";
}

/**
 * Object models with at least this many optional fields get adaptive fast paths. Measured in
 * bench/ (one process per set, JSON-parsed payloads): with the next-key prediction, key-driven
 * code is 8-11x ajv on lists of User (39 optional fields) and OrganizationMembership (11) when
 * objects come in many shapes, where reading by name falls to ~1x (megamorphic loads), but only
 * 1.3-1.5x ajv when every field is present, where reading by name is 2-2.2x; on models with a
 * few optional fields (PhoneNumber, EmailAddress, Organization, Session) key-driven code is no
 * faster with many shapes (a for-in step and a load by enumerated key cost 5-9 ns per key,
 * a megamorphic load that hits V8's cache about as much) and 2-3x slower with one shape.
 */
const KEY_DRIVEN_MIN_OPTIONAL = 8;

/**
 * Reading by name. The fields are checked first, and the object's prototype once they passed:
 * objects whose prototype is neither Object.prototype nor null (class instances,
 * `Object.create(proto)`, arrays) then get the slow path's verdict, which checks own-ness key by
 * key; on the others every read by name was an own property or one of Object.prototype's (see
 * fieldIsStmts). A value that fails needs no prototype: a required field fails either way, an
 * optional one asks `hasOwn` (and goes to the slow path when the value is not its own). Checking
 * the prototype first, as this did until the eleventh session, cost a call of
 * `Object.getPrototypeOf` on every invalid value; V8 folds that call to a constant only where it
 * knows the object's map, and invalid values come in many shapes (measured in bench/: a fifth
 * to a third of isPhoneNumber's time on invalid payloads; bench/RESULTS.md).
 *
 * Proxies are read through their traps, like any object: `get` for each field, then
 * `getPrototypeOf` if every field passed (and `getOwnPropertyDescriptor` where an own check is
 * needed). An adaptive model (`shape` given)
 * also has a key-driven path, which lists the object's keys; so that both paths give one verdict,
 * its by-name path ends with `for (… in v) break`, which makes a Proxy list its keys too (its
 * `ownKeys` and `getOwnPropertyDescriptor` traps run, and reject it if they throw). Models read
 * by name only do not: that call of V8's ForInEnumerate per object was a fifth of PhoneNumber's
 * time on valid payloads (bench/RESULTS.md), for a verdict on Proxies whose `ownKeys` throws
 * while every field reads fine. With unknown keys rejected, the for-in over the keys lists them
 * anyway, on every path.
 */
function fastObjectByName(model: Model, ctx: FileContext, shape?: ShapeSignature): string[] {
  const fields = model.fields ?? [];
  if (fields.length === 0) return [`return ${ctx.rt("isRecord")}(v) && d <= ${ctx.rt("MAX_DEPTH")};`];
  const { failAt } = resumeNames(model, ctx);
  const slow = slowVerdict(model, ctx);
  const body = [`if (typeof v !== "object" || v === null || d > ${ctx.rt("MAX_DEPTH")}) return false;`, `const o = v as ${ctx.rtType("ObjectIndex")};`];
  // A failure records the index of its field, for validateX to resume there (see resumeNames);
  // in an adaptive model it also counts the shape read so far (see fastObjectAdaptive).
  const fail = (i: number) => (shape ? `${shape.fail}(${i}, ${shape.h})` : `${failAt}(${i})`);
  fields.forEach((f, i) => append(body, fieldIsStmts(f, "o", ctx, { own: fail(i), inherited: `${slow}(v, d)` }, shape)));
  const unknown = unknownKeysIs(model, "o", ctx, `return ${fail(fields.length)};`);
  append(body, unknown);
  body.push(`if (!${ctx.rt("hasPlainPrototype")}(v)) return ${slow}(v, d);`);
  // The Proxy guard of an adaptive model (see above) runs once the fields passed: a value that
  // fails is rejected whatever its traps do, and the for-in that rejects unknown keys lists the
  // keys already.
  if (unknown.length === 0 && shape) body.push(`for (const _k in o) break;`);
  if (shape) {
    // Only valid objects count: a shape seen again lowers the score, a new one raises it by 4;
    // above 64 (shapes change in more than about one object in five) the key-driven path
    // takes over for good.
    body.push(
      `if (${shape.h} !== ${shape.last}) {`,
      `    ${shape.last} = ${shape.h};`,
      `    if ((${shape.score} += 4) > 64) ${shape.useKeys} = true;`,
      `} else if (${shape.score} > 0) ${shape.score}--;`,
    );
  }
  body.push("return true;");
  return body;
}

/**
 * The hoisted function that gives the slow path's verdict on an object the by-name fast path
 * cannot judge (a prototype other than Object.prototype or null, or a failing value that is not
 * the object's own): arrays are never object models; the others are checked key by key.
 */
function slowVerdict(model: Model, ctx: FileContext): string {
  let name = slowVerdicts.get(ctx);
  if (name === undefined) {
    name = ctx.local("$slowVerdict");
    const { failAt } = resumeNames(model, ctx);
    ctx.hoisted.push(
      [
        `/** The verdict on an object that {@link $is_${model.name}} cannot judge by name: the slow path's. */`,
        `function ${name}(v: object, d: number): boolean {`,
        `    if (${ctx.rt("isArray")}(v)) return false;`,
        `    const e: ${ctx.rtType("ValidationIssue")}[] = [];`,
        `    $check_${model.name}(v, "", e, d);`,
        // Records a failure too: the checks may have called $is_X on nested values.
        `    return e.length === 0 || ${failAt}(0);`,
        `}`,
      ].join("\n"),
    );
    slowVerdicts.set(ctx, name);
  }
  return name;
}

const slowVerdicts = new WeakMap<FileContext, string>();

/**
 * Resuming (object models with fields): when the by-name fast path fails at field i, it records
 * i in a module variable (`return $failAt(i)`); validateX then starts the slow path at field i,
 * since the fields before it were found valid. Without it, validateX on an invalid value walked
 * the fields before the fault twice. Nested calls of the same model (unions, recursion) record
 * their own failures first; the outer failure site records last, so the variable holds the
 * outer one when $is_X returns false. A throw leaves it stale: validateX then starts over.
 */
function resumeNames(model: Model, ctx: FileContext): { failedAt: string; failAt: string } {
  let names = resumes.get(ctx);
  if (!names) {
    names = { failedAt: ctx.local("$failedAt"), failAt: ctx.local("$failAt") };
    ctx.hoisted.push(
      [
        `/** The field at which $is_${model.name} last failed (its index; see validate${model.name}). */`,
        `let ${names.failedAt} = 0;`,
        `let ${INVALID_RUN} = 0;`,
        `function ${names.failAt}(i: number): false {`,
        `    ${names.failedAt} = i;`,
        `    return false;`,
        `}`,
      ].join("\n"),
    );
    resumes.set(ctx, names);
  }
  return names;
}

const resumes = new WeakMap<FileContext, { failedAt: string; failAt: string }>();

/**
 * validateX and a run of invalid values: the fast path's reads up to the fault, then the slow
 * path's from there, cost more than the slow path alone (it reads the object's fields again from
 * the fault, and its start repeats the fast path's: measured on invalid PhoneNumber, EmailAddress
 * and JWTTemplate payloads, 7-19% slower; bench/RESULTS.md). So validateX counts the invalid
 * values it meets (INVALID_RUN, a module variable of the model's file; one per file, hence a
 * fixed name) and after SLOW_FIRST_AFTER of them runs the slow path first; when that finds
 * nothing, the fast path decides (so the verdict is always isX's), and the count starts again
 * from zero: the next values go through the fast path first. Valid values then pay one
 * comparison, and a valid value after a run of invalid ones pays both paths once.
 */
const INVALID_RUN = "$invalidRun";
const SLOW_FIRST_AFTER = 8;

/** Whether a model's validateX resumes the slow path where the fast path failed (its fast path reads by name). */
function resumable(model: Model): boolean {
  return model.kind === "object" && (model.fields ?? []).length > 0 && !isWide(model);
}

/**
 * TypeScript gives up on a function whose control flow is too long ("too large for control
 * flow analysis", a compile error for users): straight-line code of a few hundred fields of
 * nested types reaches it (measured: 1,000 fields failed in both by-name paths; the key-driven
 * `switch` passed). So a model with more fields than this is checked in functions of at most
 * this many fields each, and its fast path is the key-driven one alone (no by-name path to
 * chunk; objects that wide are mostly sparse, which key-driven code suits).
 */
const FIELDS_PER_FUNCTION = 100;

function isWide(model: Model): boolean {
  return (model.fields ?? []).length > FIELDS_PER_FUNCTION;
}

/** The names an adaptive fast path uses for its shape signature and state. */
interface ShapeSignature {
  /** Local: the signature of this object (xor of the bits of its optional fields present). */
  h: string;
  /** Module state: the last signature, the score, whether the key-driven path took over. */
  last: string;
  score: string;
  useKeys: string;
  /** Hoisted: records a failure at field i, the signature so far h (see fastObjectAdaptive). */
  fail: string;
  /** The next field's bit, a fixed odd-looking constant (deterministic output). */
  bit: () => string;
}

/**
 * Adaptive (models with many optional fields): reading by name is fastest while the objects
 * come in one shape (or a few: V8's inline caches stay monomorphic or polymorphic), and
 * key-driven code is fastest when optional fields come and go (every object its own shape:
 * reads by name then go through V8's megamorphic lookup, and miss its cache). Neither can be
 * chosen when the code is generated, and JavaScript does not expose an object's shape; so the
 * fast path reads by name and keeps a cheap signature of which optional fields were present
 * (one xor per present field): while it stays the same from object to object, reading by name
 * goes on; when it keeps changing, the model switches to the key-driven path (emitted beside
 * it) for the rest of the process. Both paths give the same verdicts; only the speed differs.
 *
 * A value that fails leaves its signature incomplete: it covers the fields before the fault. Each
 * field keeps the signature of its last failure, and a failure counts as a new shape only when
 * that differs: invalid values of one shape (every field present) fail at many fields, but at
 * each with the fields before it the same, and keep reading by name, which is faster for them;
 * invalid values in many shapes switch. Until the twelfth session every failure counted as a new
 * shape, which made invalid users with every field present go key-driven (A/B in one process,
 * invalid payloads with every field present: isUser 990 -> 735 ns, isOrganizationMembership
 * 145 -> 107 ns, ajv 1123 / 194 ns; with mixed shapes unchanged, 667 / 675 and 207 / 200 ns).
 */
function fastObjectAdaptive(model: Model, ctx: FileContext): string[] {
  const keysBody = fastObjectByKeys(model, ctx);
  const byKeys = ctx.local(`$is_${model.name}_byKeys`);
  const { failedAt } = resumeNames(model, ctx);
  const failShapes = ctx.local("$failShapes");
  let bits = 0;
  const shape: ShapeSignature = {
    h: ctx.local("shape"),
    last: ctx.local("$lastShape"),
    score: ctx.local("$shapeScore"),
    useKeys: ctx.local("$byKeys"),
    fail: ctx.local("$failShape"),
    // Multiples of the golden ratio (2^32 / phi), as int32: well spread bits.
    bit: () => String(Math.imul(++bits, 0x9e3779b1)),
  };
  ctx.hoisted.push(
    [
      `/** The key-driven fast path of {@link is${model.name}}: it takes over when objects come in many shapes (see $is_${model.name}). */`,
      `function ${byKeys}(v: unknown, d: number): boolean {`,
      ...indent(keysBody),
      `}`,
    ].join("\n"),
    [
      `/** The shape statistics of $is_${model.name} (see there). */`,
      `let ${shape.last} = 0;`,
      `let ${shape.score} = 0;`,
      `let ${shape.useKeys} = false;`,
    ].join("\n"),
    [
      `/** Per field, the signature of the fields before it at the last failure there (see $is_${model.name}). */`,
      `const ${failShapes} = new Int32Array(${(model.fields ?? []).length + 1});`,
      `function ${shape.fail}(i: number, h: number): false {`,
      `    ${failedAt} = i;`,
      `    if (${failShapes}[i] === h) {`,
      `        if (${shape.score} > 0) ${shape.score}--;`,
      `    } else {`,
      `        ${failShapes}[i] = h;`,
      `        if ((${shape.score} += 4) > 64) ${shape.useKeys} = true;`,
      `    }`,
      `    return false;`,
      `}`,
    ].join("\n"),
  );
  perModel(adaptiveFlags, ctx).set(model, shape.useKeys);
  const byName = ctx.local(`$is_${model.name}_byName`);
  ctx.hoisted.push(
    [
      `/** The by-name fast path of {@link is${model.name}} (see $is_${model.name}). */`,
      `function ${byName}(v: unknown, d: number): boolean {`,
      `    let ${shape.h} = 0;`,
      ...indent(fastObjectByName(model, ctx, shape)),
      `}`,
    ].join("\n"),
  );
  return [`if (${shape.useKeys}) return ${byKeys}(v, d);`, `return ${byName}(v, d);`];
}

/**
 * Which slow path an adaptive model uses once its fast path went key-driven. Its fast path
 * switches when valid objects keep changing shape, or invalid ones keep failing with different
 * fields before the fault (see fastObjectAdaptive); validateX may then still meet invalid
 * values of a few shapes, where reading by name is faster (V8's megamorphic cache still holds
 * the few shapes; measured: validateUser on invalid users with every field present 4.0 us by
 * name, 5.0 us key-driven, and 8.9 vs 2.2 us with mixed optional fields). So the by-name slow
 * path, while the fast path is key-driven (or validateX runs the slow path first, see
 * INVALID_RUN), records the signature of each object it checks (which fields it found) in a
 * table of 32 slots: an object whose signature is not there adds 4 to a score, one found there
 * takes 1 off; above 64 (objects in more shapes than the table holds) the key-driven slow
 * path takes over for good.
 */
/**
 * Models with more fields keep the by-name slow path alone: the signature adds a branch per field
 * to it, and TypeScript gives up on a function whose control flow is that long ("too large for
 * control flow analysis": vercel-ts's 175-field Permissions models did).
 */
const MAX_SHAPE_TRACKED_FIELDS = 64;

function slowShapes(
  model: Model,
  ctx: FileContext,
  fastKeys: string,
): { keysFlag: string; decl: string[]; sig: (i: number) => string; update: string[] } {
  const n = (model.fields ?? []).length;
  const words = Array.from({ length: Math.ceil(n / 32) }, () => ctx.local("sig"));
  const table = ctx.local("$slowShapes");
  const score = ctx.local("$slowScore");
  const keysFlag = ctx.local("$slowByKeys");
  const h = ctx.local("h");
  const slot = ctx.local("slot");
  ctx.hoisted.push(
    [
      `/** The shapes met by the by-name slow path of ${model.name} (see $check_${model.name}). */`,
      `const ${table}: number[] = [${Array(32).fill("0").join(", ")}];`,
      `let ${score} = 0;`,
      `let ${keysFlag} = false;`,
    ].join("\n"),
  );
  // Words after the first are rotated (no global such as Math: a model may be named so).
  const hash = words.map((w, i) => (i === 0 ? w : `((${w} << ${(i * 13) % 32}) | (${w} >>> ${32 - ((i * 13) % 32)}))`)).join(" ^ ");
  return {
    keysFlag,
    decl: words.map((w) => `let ${w} = 0;`),
    sig: (i) => `${words[i >> 5]} |= ${(1 << (i & 31)) | 0};`,
    update: [
      // Also while validateX runs the slow path first (the fast path then meets no invalid values).
      `if (${fastKeys} || ${INVALID_RUN} >= ${SLOW_FIRST_AFTER}) {`,
      `    const ${h} = ${hash};`,
      `    const ${slot} = (${h} ^ (${h} >>> 15)) & 31;`,
      `    if (${table}[${slot}] === ${h}) {`,
      `        if (${score} > 0) ${score}--;`,
      `    } else {`,
      `        ${table}[${slot}] = ${h};`,
      `        if ((${score} += 4) > 64) ${keysFlag} = true;`,
      `    }`,
      `}`,
    ],
  };
}

/**
 * Per file and model (a file may hold several models): the module flag of an adaptive model,
 * true once its key-driven fast path took over, and its hoisted list of keys in the doc's order
 * (shared by both key-driven paths).
 */
const adaptiveFlags = new WeakMap<FileContext, Map<Model, string>>();
const keyLists = new WeakMap<FileContext, Map<Model, string>>();
function perModel(map: WeakMap<FileContext, Map<Model, string>>, ctx: FileContext): Map<Model, string> {
  let m = map.get(ctx);
  if (!m) map.set(ctx, (m = new Map()));
  return m;
}

/**
 * The key-driven slow path of an adaptive model, used once its fast path went key-driven
 * (objects in many shapes: reading by name would go through V8's megamorphic lookups, which
 * made validateUser on invalid mixed-shape users 6x slower than the key-driven isUser walk).
 * One `for (k in v)` over the own keys gathers each field's value into a local and marks it
 * present (the field is found as in fastObjectByKeys); then the same checks as the by-name slow
 * path run in the doc's field order, so the issues and their order are the same. Own keys that
 * are not enumerable are not seen, as on the key-driven fast path.
 */
function checkByKeys(model: Model, ctx: FileContext): string {
  const fields = model.fields ?? [];
  const name = ctx.local(`$check_${model.name}_byKeys`);
  const k = ctx.local("k");
  const at = ctx.local("at");
  const next = ctx.local("next");
  const keys = perModel(keyLists, ctx).get(model)!;
  const g = fields.map(() => ctx.local("g"));
  const bits = Array.from({ length: Math.ceil(fields.length / 32) }, () => ctx.local("seen"));
  const present = (i: number) => `((${bits[i >> 5]} & ${(1 << (i & 31)) | 0}) !== 0)`;
  const checks = fields.map((f, i) => fieldCheckStmts(f, "v", "", ctx, { value: g[i]!, present: present(i) }));
  // Only what the checks use is gathered (a field of any value that may be absent has none).
  const texts = checks.map((c) => c.join("\n"));
  const usesValue = texts.map((text, i) => usedIn(text, g[i]!));
  const usesBit = texts.map((text, i) => usedIn(text, `${bits[i >> 5]} & ${(1 << (i & 31)) | 0})`));
  const body = [
    ...slowStart(model, ctx),
    ...g.filter((_, i) => usesValue[i]).map((x) => `let ${x}: unknown;`),
    ...bits.filter((b) => fields.some((_, i) => usesBit[i] && bits[i >> 5] === b)).map((b) => `let ${b} = 0;`),
    `let ${next} = 0;`,
    `for (const ${k} in v) {`,
    `    if (!${ownCall(ctx)}(v, ${k})) continue;`,
    `    let ${at} = -1;`,
    `    if (${k} === ${keys}[${next}]) ${at} = ${next};`,
    `    else {`,
    ...indent(indent(fieldLookup(fields, k, at))),
    `        if (${at} < 0) continue;`,
    `    }`,
    `    ${next} = ${at} + 1;`,
    `    switch (${at}) {`,
  ];
  fields.forEach((_, i) => {
    if (!usesValue[i] && !usesBit[i]) return;
    body.push(`        case ${i}:`);
    if (usesValue[i]) body.push(`            ${g[i]} = v[${k}];`);
    if (usesBit[i]) body.push(`            ${bits[i >> 5]} |= ${(1 << (i & 31)) | 0};`);
    body.push(`            break;`);
  });
  body.push(`    }`, `}`);
  checks.forEach((stmts) => append(body, stmts));
  append(body, unknownKeysCheck(model, "v", ctx));
  ctx.hoisted.push(
    [
      `/** The key-driven slow path of {@link validate${model.name}} (see $check_${model.name}). */`,
      `function ${name}(v: unknown, p: string, e: ${ctx.rtType("ValidationIssue")}[], d: number): void {`,
      ...indent(body),
      `}`,
    ].join("\n"),
  );
  return name;
}

/** Statements that set `at` to the index of the field named `k` (-1 when none): by length, then by comparison. */
function fieldLookup(fields: readonly Field[], k: string, at: string): string[] {
  const byLength = new Map<number, { f: Field; i: number }[]>();
  fields.forEach((f, i) => pushTo(byLength, fieldKey(f).length, { f, i }));
  const out = [`switch (${k}.length) {`];
  for (const [len, group] of [...byLength].sort((a, b) => a[0] - b[0])) {
    out.push(`    case ${len}:`);
    group.forEach(({ f, i }, gi) => out.push(`        ${gi === 0 ? "if" : "else if"} (${k} === ${stringLiteral(fieldKey(f))}) ${at} = ${i};`));
    out.push(`        break;`);
  }
  out.push(`}`);
  return out;
}

/**
 * Key-driven: one `for (k in v)` over the own keys. Each key is first compared with the field
 * that follows the last one seen in the doc's order (JSON from one API comes in one order, so
 * this one pointer comparison usually hits, whichever optional fields are absent); otherwise it
 * is looked up by length, then by comparison. The field's checks are then a `switch` on its
 * index (a jump table). Required fields count themselves in `n`.
 */
function fastObjectByKeys(model: Model, ctx: FileContext): string[] {
  const fields = model.fields ?? [];
  const required = fields.filter((f) => f.required).length;
  const n = ctx.local("n");
  const k = ctx.local("k");
  const x = ctx.local("x");
  const at = ctx.local("at");
  const next = ctx.local("next");
  const keys = ctx.local("$keys");
  const reject = ctx.options.unknownKeys === "reject" && !model.additionalProperties;
  ctx.hoisted.push(`const ${keys}: readonly string[] = [${fields.map((f) => stringLiteral(fieldKey(f))).join(", ")}];`);
  perModel(keyLists, ctx).set(model, keys);
  const body = [`if (!${ctx.rt("isRecord")}(v) || d > ${ctx.rt("MAX_DEPTH")}) return false;`];
  if (required > 0) body.push(`let ${n} = 0;`);
  body.push(`let ${next} = 0;`);
  // The hasOwnProperty call on the for-in key is recognised by V8 and costs a map check.
  body.push(`for (const ${k} in v) {`, `    if (!${ownCall(ctx)}(v, ${k})) continue;`, `    let ${at} = -1;`);
  body.push(`    if (${k} === ${keys}[${next}]) ${at} = ${next};`, `    else {`);
  append(body, indent(indent(fieldLookup(fields, k, at))));
  body.push(`        if (${at} < 0) ${reject ? "return false;" : "continue;"}`, `    }`);
  body.push(`    ${next} = ${at} + 1;`, `    const ${x}: unknown = v[${k}];`, `    switch (${at}) {`);
  fields.forEach((f, i) => {
    const stmts = fieldCaseStmts(f, x, n, ctx);
    body.push(`        case ${i}:`, ...stmts.map((l) => `            ${l}`), `            break;`);
  });
  body.push(`    }`, `}`);
  body.push(required > 0 ? `return ${n} === ${required};` : "return true;");
  return body;
}

function fastBody(model: Model, ctx: FileContext): string[] {
  switch (model.kind) {
    case "object":
      if (isWide(model)) return fastObjectByKeys(model, ctx);
      if ((model.fields ?? []).length > 0 && objectStrategy(model) === "adaptive") return fastObjectAdaptive(model, ctx);
      return fastObjectByName(model, ctx);
    case "enum":
      return [`return ${enumExpr(model, "v", ctx)};`];
    case "union": {
      const members = model.members ?? [];
      const e = isExpr({ kind: "union", members }, "v", ctx)!;
      return [`if (d > ${ctx.rt("MAX_DEPTH")}) return false;`, `return ${e};`];
    }
  }
}

/** What an open enum accepts: the kinds of its values (`string`, or `number | string`…). */
function openEnumDescription(model: Model): string {
  return [...new Set((model.values ?? []).map((x) => typeof x.value))].sort().join(" | ");
}

function enumExpr(model: Model, v: string, ctx: FileContext): string {
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

/** How both slow paths of an object model begin: too deep, or not an object, is one issue. */
function slowStart(model: Model, ctx: FileContext): string[] {
  return [
    `if (d > ${ctx.rt("MAX_DEPTH")}) {`,
    `    e.push(${ctx.rt("tooDeep")}(p));`,
    `    return;`,
    `}`,
    `if (!${ctx.rt("isRecord")}(v)) {`,
    `    e.push(${ctx.rt("issue")}(p, ${stringLiteral(model.name)}, v));`,
    `    return;`,
    `}`,
  ];
}

/**
 * Hoists a function holding the checks of fields `at`… of a wide model's slow path (they read
 * the object, the path, the issues, the depth and whether the object is plain); returns its call.
 */
function slowChunk(model: Model, ctx: FileContext, perField: readonly string[][], at: number, plain: string, plainDeclared: boolean): string {
  const name = ctx.local(`$check_${model.name}_from${at}_`);
  const body = perField.flat();
  const text = body.join("\n");
  const param = (n: string, type: string) => `${usedIn(text, n) ? n : `_${n}`}: ${type}`;
  const params = [param("v", ctx.rtType("ObjectIndex")), param("p", "string"), param("e", `${ctx.rtType("ValidationIssue")}[]`), param("d", "number"), param(plain, "boolean")];
  ctx.hoisted.push(
    [
      `/** Fields ${at + 1} to ${at + perField.length} of $check_${model.name} (a function of its own: see there). */`,
      `function ${name}(${params.join(", ")}): void {`,
      ...indent(body),
      `}`,
    ].join("\n"),
  );
  return `${name}(v, p, e, d, ${plainDeclared ? plain : "false"});`;
}

function slowBody(model: Model, ctx: FileContext): string[] {
  switch (model.kind) {
    case "object": {
      const body = slowStart(model, ctx);
      const plain = ctx.local("plain");
      const perField = (model.fields ?? []).map((f) => fieldCheckStmts(f, "v", plain, ctx));
      const useKeys = perModel(adaptiveFlags, ctx).get(model);
      const shapes = useKeys && perField.length > 0 && perField.length <= MAX_SHAPE_TRACKED_FIELDS ? slowShapes(model, ctx, useKeys) : undefined;
      if (shapes) {
        body.unshift(`if (${shapes.keysFlag}) return ${checkByKeys(model, ctx)}(v, p, e, d);`);
        append(body, shapes.decl);
        // Each field read adds its bit to the signature when its value is there.
        perField.forEach((stmts, i) => {
          const read = /^const (\w+): unknown = v\[/.exec(stmts[0] ?? "");
          if (read) stmts.splice(1, 0, `if (${read[1]} !== undefined) ${shapes.sig(i)}`);
        });
      }
      const usesPlain = perField.some((stmts) => uses(stmts, plain));
      const protoLines = [
        ...(usesPlain
          ? [`const ${plain}: boolean = ${ctx.rt("hasPlainPrototype")}(v);`]
          : []),
        // An adaptive model's Proxy whose keys cannot be listed is reported as unreadable, as its
        // key-driven path would (see fastObjectByName).
        ...(useKeys ? [`for (const _k in v) break;`] : []),
      ];
      // Fields before `from` were found valid by the fast path (validateX resumes at the fault).
      const resumes = resumable(model);
      const from = (i: number, stmts: string[]) => (stmts.length === 0 ? [] : resumes ? [`if (from <= ${i}) {`, ...indent(stmts), `}`] : stmts);
      perField.slice(0, FIELDS_PER_FUNCTION).forEach((stmts, i) => {
        if (i > 0) append(body, from(i, stmts));
        // After the first read: where V8 knows the object's map, it then folds Object.getPrototypeOf.
        else if (stmts[0]?.startsWith("const ")) body.push(stmts[0], ...protoLines, ...from(0, stmts.slice(1)));
        else body.push(...protoLines, ...from(0, stmts));
      });
      // A wide model's other fields, a function per FIELDS_PER_FUNCTION (see there).
      for (let at = FIELDS_PER_FUNCTION; at < perField.length; at += FIELDS_PER_FUNCTION) {
        body.push(slowChunk(model, ctx, perField.slice(at, at + FIELDS_PER_FUNCTION), at, plain, usesPlain));
      }
      append(body, unknownKeysCheck(model, "v", ctx));
      if (shapes) append(body, shapes.update);
      return body;
    }
    case "enum":
      return [`if (!(${enumExpr(model, "v", ctx)})) e.push(${ctx.rt("issue")}(p, ${stringLiteral(enumIsOpen(model, ctx.options) ? openEnumDescription(model) : enumDescription(model))}, v));`];
    case "union":
      return [
        `if (d > ${ctx.rt("MAX_DEPTH")}) {`,
        `    e.push(${ctx.rt("tooDeep")}(p));`,
        `    return;`,
        `}`,
        ...unionCheckStmts(model.members ?? [], "v", "p", ctx),
      ];
  }
}

/** All validator declarations of a model: the functions as code this module wrote whole, then the schema object. */
export function modelValidators(model: Model, ctx: FileContext): (CodeFunction | StatementStructures)[] {
  const X = model.name;
  const fast = fastBody(model, ctx);
  const slow = slowBody(model, ctx);
  // Each body's text, made once for the several names looked for and the statements.
  const fastText = fast.join("\n");
  const slowText = slow.join("\n");
  const issueType = ctx.rtType("ValidationIssue");
  const fns: FunctionDeclarationStructure[] = [
    {
      kind: StructureKind.Function,
      name: `$is_${X}`,
      isExported: true,
      docs: ["@internal The fast path of {@link is" + X + "}."],
      parameters: [
        { name: usedIn(fastText, "v") ? "v" : "_v", type: "unknown" },
        { name: usedIn(fastText, "d") ? "d" : "_d", type: "number" },
      ],
      returnType: "boolean",
      statements: fastText,
    },
    {
      kind: StructureKind.Function,
      name: `$check_${X}`,
      isExported: true,
      docs: ["@internal Collects every issue of a value that is not a valid {@link " + X + "}."],
      parameters: [
        { name: usedIn(slowText, "v") ? "v" : "_v", type: "unknown" },
        { name: usedIn(slowText, "p") ? "p" : "_p", type: "string" },
        { name: usedIn(slowText, "e.push") || usedIn(slowText, ", e, ") ? "e" : "_e", type: `${issueType}[]` },
        { name: usedIn(slowText, "d") ? "d" : "_d", type: "number" },
        ...(resumable(model) ? [{ name: "from", type: "number", initializer: "0" }] : []),
      ],
      returnType: "void",
      statements: slowText,
    },
    {
      kind: StructureKind.Function,
      name: `is${X}`,
      isExported: true,
      docs: [`Whether \`value\` is a valid {@link ${X}}. Never throws; allocates nothing for plain objects (JSON values).`],
      parameters: [{ name: "value", type: "unknown" }],
      returnType: `value is ${X}`,
      statements: [`try {`, `    return $is_${X}(value, 0);`, `} catch {`, `    return false;`, `}`],
    },
    {
      kind: StructureKind.Function,
      name: `validate${X}`,
      isExported: true,
      docs: [`Validates \`value\` as a {@link ${X}}, listing every issue with its JSON Pointer path.`],
      parameters: [{ name: "value", type: "unknown" }],
      returnType: `${ctx.rtType("ValidationResult")}<${X}>`,
      statements: [
        ...(resumable(model)
          ? [
              `let from = 0;`,
              `if (${INVALID_RUN} < ${SLOW_FIRST_AFTER}) {`,
              `    try {`,
              `        ${resumeNames(model, ctx).failedAt} = 0;`,
              `        if ($is_${X}(value, 0)) return { ok: true, value: value as ${X} };`,
              // The fields before the fault were own only if the prototype is a plain one: the
              // fast path checks it once every field passed (see fastObjectByName).
              `        const at = ${resumeNames(model, ctx).failedAt};`,
              `        if (at === 0 || ${ctx.rt("hasPlainPrototype")}(value as object)) from = at;`,
              `    } catch {`,
              `        // Checked from the start below.`,
              `    }`,
              `}`,
            ]
          : [`if (is${X}(value)) return { ok: true, value };`]),
        `const errors: ${issueType}[] = [];`,
        `try {`,
        `    $check_${X}(value, "", errors, 0${resumable(model) ? ", from" : ""});`,
        `} catch (e) {`,
        ...(resumable(model)
          ? [
              // The slow path ran first and could not read the value (a Proxy's trap threw): the
              // fast path, which may read less of it, has the last word (as isX).
              `    if (${INVALID_RUN} >= ${SLOW_FIRST_AFTER} && is${X}(value)) {`,
              `        ${INVALID_RUN} = 0;`,
              `        return { ok: true, value: value as ${X} };`,
              `    }`,
            ]
          : []),
        `    errors.push(${ctx.rt("unreadable")}(e));`,
        `}`,
        ...(resumable(model)
          ? [
              `if (errors.length === 0) {`,
              // The slow path ran first: the fast path has the last word (as isX).
              `    if (${INVALID_RUN} >= ${SLOW_FIRST_AFTER}) {`,
              `        ${INVALID_RUN} = 0;`,
              `        if (is${X}(value)) return { ok: true, value: value as ${X} };`,
              `    }`,
              `    errors.push(${ctx.rt("unreadable")}(undefined));`,
              `} else if (${INVALID_RUN} < ${SLOW_FIRST_AFTER}) ${INVALID_RUN}++;`,
            ]
          : [`if (errors.length === 0) errors.push(${ctx.rt("unreadable")}(undefined));`]),
        `return { ok: false, errors };`,
      ],
    },
    {
      kind: StructureKind.Function,
      name: `assert${X}`,
      isExported: true,
      docs: [`Throws a \`ValidationError\` listing every issue unless \`value\` is a valid {@link ${X}}.`],
      parameters: [{ name: "value", type: "unknown" }],
      returnType: `asserts value is ${X}`,
      statements: [
        `const r = validate${X}(value);`,
        `if (!r.ok) throw new ${ctx.rt("ValidationError")}(${stringLiteral(X)}, r.errors);`,
      ],
    },
  ];
  const schema: StatementStructures = {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [`A Standard Schema v1 object for {@link ${X}}.`],
    declarations: [
      {
        name: `${X}Schema`,
        type: `${ctx.rtType("StandardSchemaV1")}<unknown, ${X}>`,
        initializer: `${ctx.rt("standardSchema")}(validate${X})`,
      },
    ],
  };
  return [...fns.map((code) => ({ code })), schema];
}

/**
 * Whether emitted lines use a name, or a piece of code (`usedIn`), string literals left out:
 * doc text enters the code only inside them, and an enum value "d" is not a use of the
 * parameter d (an unused parameter or local breaks users' strict compiler flags).
 */
function uses(lines: readonly string[], code: string): boolean {
  return usedIn(lines.join("\n"), code);
}

/**
 * Whether `code` occurs in `text` outside its string literals ("…", as escape.ts writes them:
 * never across lines), as a whole word at each end that is a word character (as `\b` would
 * ask). One `indexOf` walk: a regex built per name (one per field of a wide model) and a copy
 * of each matching line with its literals emptied took 7% of emitModel's time in a profiled
 * vercel-ts run (79 of 1,109 ms); emit 5% faster in 8 interleaved runs, same bytes on every corpus.
 */
function usedIn(text: string, code: string): boolean {
  const wordStart = isWordChar(code.charCodeAt(0));
  const wordEnd = isWordChar(code.charCodeAt(code.length - 1));
  for (let at = text.indexOf(code); at >= 0; at = text.indexOf(code, at + 1)) {
    if (wordStart && at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    const end = at + code.length;
    if (wordEnd && end < text.length && isWordChar(text.charCodeAt(end))) continue;
    if (!inStringLiteral(text, at)) return true;
  }
  return false;
}

/** [A-Za-z0-9_]: what `\w` matches. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Whether offset `at` is inside a string literal of its line: `"` up to the next unescaped `"`
 * on the line (a `"` with no closing one starts none).
 */
function inStringLiteral(text: string, at: number): boolean {
  let i = text.lastIndexOf("\n", at - 1) + 1;
  while (i < at) {
    if (text.charCodeAt(i) !== 34) {
      i++;
      continue;
    }
    const close = literalEnd(text, i);
    if (close < 0) {
      i++;
      continue;
    }
    if (at <= close) return true;
    i = close + 1;
  }
  return false;
}

/** The offset of the `"` closing the literal that opens at `open`, or -1 when the line ends first. */
function literalEnd(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) return j;
    if (c === 10) return -1;
    if (c === 92) {
      if (j + 1 >= text.length || text.charCodeAt(j + 1) === 10) return -1;
      j++;
    }
  }
  return -1;
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => `    ${l}`);
}
