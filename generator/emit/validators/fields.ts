import type { Field, Model } from "../../ir/types.js";
import { fieldKey } from "../../ir/keys.js";
import type { FileContext } from "../context.js";
import { pointerSegment, stringLiteral } from "../escape.js";
import { append, pushTo } from "../../lists.js";
import { block, indent } from "./code.js";
import type { ShapeSignature } from "./state.js";
import { isExpr, isStmts, globalObject, ownCall, withNull, describe, checkStmts } from "./type-checks.js";

/**
 * Checks of one field of an object model: read by name in the fast path (`fieldIsStmts`), in the
 * key-driven fast path's `switch` (`fieldCaseStmts`), collecting issues in the slow paths
 * (`fieldCheckStmts`); undeclared keys (unknown keys rejected); a key's lookup among the fields.
 */

/** How a by-name check of one field ends when the field is not valid (see fastObjectByName). */
interface FieldFail {
  /** The verdict for a value that is surely the object's own: `$failAt(i)`, which records where (see resumeNames); in an adaptive model `$failShape(i, h)`, which also counts its shape. */
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
export function fieldIsStmts(f: Field, o: string, ctx: FileContext, fail: FieldFail, shape?: ShapeSignature): string[] {
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
      return e === "true" ? [`if (!(${key} in ${o}) || ${inherited()}) ${failStmt}`] : read.concat(`if (!(${e}) || ${inherited()}) ${failStmt}`);
    }
    const inner = isStmts(f.type, x, ctx, failStmt);
    return f.nullable
      ? block(read.concat(`if (${x} === undefined || ${inherited()}) ${failStmt}`, `if (${x} !== null) {`), inner)
      : read.concat(`if (${x} === undefined || ${inherited()}) ${failStmt}`, inner);
  }
  // Only after the value failed: is it the object's own?
  const failOwn = `return ${hasOwn}(${o}, ${key}) ? ${fail.own} : ${fail.inherited};`;
  if (e !== undefined) {
    return e === "true" ? [] : read.concat(`if (${x} !== undefined && !(${e})) ${failOwn}`);
  }
  const inner = isStmts(f.type, x, ctx, failOwn);
  const cond = f.nullable ? `${x} !== undefined && ${x} !== null` : `${x} !== undefined`;
  return block(read.concat(`if (${cond} && ${own()}) {`), inner);
}

/**
 * Key-driven checks of one field inside `for (k in v) switch (k)`: `x` holds the own value.
 * Returns the statements of its `case`; required fields count themselves in `n`.
 */
export function fieldCaseStmts(f: Field, x: string, n: string, ctx: FileContext): string[] {
  const base = isExpr(f.type, x, ctx);
  const out: string[] = [];
  if (base !== undefined) {
    if (base !== "true") {
      const ok = f.nullable ? `${x} === null || ${base}` : base;
      out.push(f.required ? `if (!(${ok})) return false;` : `if (${x} !== undefined && !(${ok})) return false;`);
    }
  } else {
    const inner = isStmts(f.type, x, ctx);
    const skip: string[] = [];
    if (!f.required) skip.push(`${x} !== undefined`);
    if (f.nullable) skip.push(`${x} !== null`);
    if (skip.length === 0) append(out, inner);
    else out.push(`if (${skip.join(" && ")}) {`, ...indent(inner), `}`);
  }
  if (f.required) out.push(`${n}++;`);
  return out;
}

/**
 * Collecting checks of one field. `plain` names a local that is true when the object's prototype
 * is Object.prototype or null: then a defined value read by name is own unless Object.prototype
 * has the key (folded away, see fieldIsStmts), and `hasOwnProperty` runs only for undefined
 * values (missing, or an own key holding undefined). With `gathered` (the key-driven slow path,
 * see checkByKeys) the value and whether it is an own key were collected by a for-in before.
 */
export function fieldCheckStmts(f: Field, o: string, plain: string, ctx: FileContext, gathered?: Gathered): string[] {
  const key = stringLiteral(fieldKey(f));
  const path = `p + ${stringLiteral("/" + pointerSegment(fieldKey(f)))}`;
  const x = ctx.local("x");
  const hasOwn = ctx.rt("hasOwn");
  const notOnProto = () => `${protoConst(ctx)}[${key}] === undefined`;
  const simple = isExpr(f.type, x, ctx) !== undefined && f.type.kind !== "ref" && f.type.kind !== "union";
  const t = f.nullable && simple ? withNull(f.type) : f.type;
  let inner = checkStmts(t, x, path, ctx);
  if (f.nullable && !simple) inner = block([`if (${x} !== null) {`], inner);
  const read = gathered ? `const ${x}: unknown = ${gathered.value};` : `const ${x}: unknown = ${o}[${key}];`;
  // Whether the key is own (gathered: the for-in met it); `valueOwn` may assume the value is defined.
  const isOwn = gathered ? gathered.present : `${hasOwn}(${o}, ${key})`;
  const valueOwn = () => (gathered ? gathered.present : `(${plain} && ${notOnProto()} || ${hasOwn}(${o}, ${key}))`);
  if (f.required) {
    const expected = describe(f.nullable ? withNull(f.type) : f.type, ctx);
    const missing = `e.push(${ctx.rt("missing")}(${path}, ${stringLiteral(expected)}));`;
    if (inner.length === 0) return [`if (!${isOwn}) ${missing}`];
    const own = gathered ? gathered.present : `(${plain} && ${notOnProto()} ? ${x} !== undefined || ${hasOwn}(${o}, ${key}) : ${hasOwn}(${o}, ${key}))`;
    return block([read, `if (!${own}) ${missing}`, `else {`], inner);
  }
  if (inner.length === 0) return [];
  if (simple) {
    // The value's own-ness matters only when it is invalid: check it last.
    const cond = isExpr(t, x, ctx)!;
    return [read, `if (${x} !== undefined && !(${cond}) && ${isOwn}) e.push(${ctx.rt("issue")}(${path}, ${stringLiteral(describe(t, ctx))}, ${x}));`];
  }
  return block([read, `if (${x} !== undefined && ${valueOwn()}) {`], inner);
}

/** A field's value and own-ness as gathered by the key-driven slow path (expressions). */
interface Gathered {
  value: string;
  present: string;
}

/** Fast path: undeclared own keys make the value invalid (unknown keys rejected). */
export function unknownKeysIs(model: Model, o: string, ctx: FileContext, fail: string): string[] {
  return unknownKeys(model, o, ctx, () => fail);
}

/** Slow path: an issue for every undeclared own key (unknown keys rejected). */
export function unknownKeysCheck(model: Model, o: string, ctx: FileContext): string[] {
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

/** Statements that set `at` to the index of the field named `k` (-1 when none): by length, then by comparison. */
export function fieldLookup(fields: readonly Field[], k: string, at: string): string[] {
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
