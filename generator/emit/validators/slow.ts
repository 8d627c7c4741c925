import type { Model } from "../../ir/types.js";
import { enumIsOpen, type FileContext } from "../context.js";
import { stringLiteral } from "../escape.js";
import { append } from "../../lists.js";
import { block, blockText, uses, usedIn, indent } from "./code.js";
import { fieldCheckStmts, unknownKeysCheck, fieldLookup } from "./fields.js";
import { INVALID_RUN, SLOW_FIRST_AFTER, resumable, FIELDS_PER_FUNCTION, adaptiveFlags, keyLists, perModel } from "./state.js";
import { ownCall, enumDescription, unionCheckStmts, openEnumDescription, enumExpr } from "./type-checks.js";

/**
 * The slow path of each model, `$check_X(v, p, e, d)`: every issue with its JSON Pointer path, in
 * the doc's field order; by name, or key-driven for adaptive models whose objects come in many
 * shapes; a wide model's fields in functions of their own.
 */

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
  // Built by appends, not an array literal with spreads (see `block`).
  const body = slowStart(model, ctx);
  append(body, g.filter((_, i) => usesValue[i]).map((x) => `let ${x}: unknown;`));
  append(body, bits.filter((b) => fields.some((_, i) => usesBit[i] && bits[i >> 5] === b)).map((b) => `let ${b} = 0;`));
  body.push(`let ${next} = 0;`, `for (const ${k} in v) {`, `    if (!${ownCall(ctx)}(v, ${k})) continue;`, `    let ${at} = -1;`, `    if (${k} === ${keys}[${next}]) ${at} = ${next};`, `    else {`);
  append(body, indent(indent(fieldLookup(fields, k, at))));
  body.push(`        if (${at} < 0) continue;`, `    }`, `    ${next} = ${at} + 1;`, `    switch (${at}) {`);
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
    blockText([`/** The key-driven slow path of {@link validate${model.name}} (see $check_${model.name}). */`, `function ${name}(v: unknown, p: string, e: ${ctx.rtType("ValidationIssue")}[], d: number): void {`], body),
  );
  return name;
}

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
    blockText([`/** Fields ${at + 1} to ${at + perField.length} of $check_${model.name} (a function of its own: see there). */`, `function ${name}(${params.join(", ")}): void {`], body),
  );
  return `${name}(v, p, e, d, ${plainDeclared ? plain : "false"});`;
}

export function slowBody(model: Model, ctx: FileContext): string[] {
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
      const from = (i: number, stmts: string[]) => (stmts.length === 0 ? [] : resumes ? block([`if (from <= ${i}) {`], stmts) : stmts);
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
