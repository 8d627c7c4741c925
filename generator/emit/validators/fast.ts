import type { Model } from "../../ir/types.js";
import { fieldKey } from "../../ir/keys.js";
import type { FileContext } from "../context.js";
import { stringLiteral } from "../escape.js";
import { append } from "../../lists.js";
import { blockText, indent } from "./code.js";
import { fieldIsStmts, fieldCaseStmts, unknownKeysIs, fieldLookup } from "./fields.js";
import { resumeNames, isWide, type ShapeSignature, adaptiveFlags, keyLists, perModel } from "./state.js";
import { isExpr, ownCall, enumExpr } from "./type-checks.js";

/**
 * The fast path of each model, `$is_X(v, d)`: straight-line checks that allocate nothing, reading
 * an object's fields by name, by its own keys (key-driven), or both (adaptive: switching once its
 * objects come in many shapes).
 */

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
    blockText([`/** The key-driven fast path of {@link is${model.name}}: it takes over when objects come in many shapes (see $is_${model.name}). */`, `function ${byKeys}(v: unknown, d: number): boolean {`], keysBody),
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
    blockText([`/** The by-name fast path of {@link is${model.name}} (see $is_${model.name}). */`, `function ${byName}(v: unknown, d: number): boolean {`, `    let ${shape.h} = 0;`], fastObjectByName(model, ctx, shape)),
  );
  return [`if (${shape.useKeys}) return ${byKeys}(v, d);`, `return ${byName}(v, d);`];
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

export function fastBody(model: Model, ctx: FileContext): string[] {
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
