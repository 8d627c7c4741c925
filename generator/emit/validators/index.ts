import { bodyText, exportedFunction } from "../print.js";
import type { Model } from "../../ir/types.js";
import type { FileContext } from "../context.js";
import { stringLiteral } from "../escape.js";
import { usedIn } from "./code.js";
import { fastBody } from "./fast.js";
import { slowBody } from "./slow.js";
import { resumeNames, INVALID_RUN, SLOW_FIRST_AFTER, resumable } from "./state.js";

/**
 * Validator code for the IR. Every model gets two internal functions:
 *   $is_X(v, d): boolean                     the fast path: straight-line checks, no allocation
 *   $check_X(v, p, e, d): void               the slow path: pushes every issue with its JSON Pointer
 * and four public ones: isX, validateX, assertX and XSchema (Standard Schema v1).
 * `d` is the nesting depth (refs add one), bounded by MAX_DEPTH so that deep input gives an
 * issue, not a stack overflow. Code is assembled from fixed fragments; doc text enters only
 * through `stringLiteral` / `valueLiteral`, and locals are named by counter.
 *
 * The parts: `type-checks.ts` checks one type (both paths), `fields.ts` one field of an object model,
 * `fast.ts` writes $is_X, `slow.ts` $check_X, `state.ts` holds the names of the module state the
 * emitted code keeps per file (shared by both paths), `code.ts` the text helpers; this module
 * assembles a model's functions.
 */

/**
 * All validator declarations of a model, as the text printStructure would print (see
 * `exportedFunction` and `publicFunctions`): $is_X and $check_X, then the public functions and
 * the schema object.
 */
export function modelValidators(model: Model, ctx: FileContext): string[] {
  const X = model.name;
  // Each body's text, made once (one level in, as printed) for the names looked for and the function.
  const fastText = bodyText(fastBody(model, ctx));
  const slowText = bodyText(slowBody(model, ctx));
  const issueType = ctx.rtType("ValidationIssue");
  const fastParams = `${usedIn(fastText, "v") ? "v" : "_v"}: unknown, ${usedIn(fastText, "d") ? "d" : "_d"}: number`;
  const slowParams =
    `${usedIn(slowText, "v") ? "v" : "_v"}: unknown, ${usedIn(slowText, "p") ? "p" : "_p"}: string, ` +
    `${usedIn(slowText, "e.push") || usedIn(slowText, ", e, ") ? "e" : "_e"}: ${issueType}[], ${usedIn(slowText, "d") ? "d" : "_d"}: number` +
    (resumable(model) ? ", from: number = 0" : "");
  return [
    exportedFunction(`@internal The fast path of {@link is${X}}.`, `$is_${X}(${fastParams}): boolean`, fastText),
    exportedFunction(`@internal Collects every issue of a value that is not a valid {@link ${X}}.`, `$check_${X}(${slowParams}): void`, slowText),
    publicFunctions(model, ctx),
  ];
}

/**
 * isX, validateX, assertX and XSchema: the same lines for every model but its names, so they are
 * written here as the printed text (4-space indent, a blank line after a statement that ends in
 * `}`, as ts-morph prints statements), not built as structures and printed.
 */
export function publicFunctions(model: Model, ctx: FileContext): string {
  const X = model.name;
  const issueType = ctx.rtType("ValidationIssue");
  const result = ctx.rtType("ValidationResult");
  const unreadable = ctx.rt("unreadable");
  const validationError = ctx.rt("ValidationError");
  const schemaType = ctx.rtType("StandardSchemaV1");
  const standardSchema = ctx.rt("standardSchema");
  const isX =
    `/** Whether \`value\` is a valid {@link ${X}}. Never throws; allocates nothing for plain objects (JSON values). */\n` +
    `export function is${X}(value: unknown): value is ${X} {\n` +
    `    try {\n` +
    `        return $is_${X}(value, 0);\n` +
    `    } catch {\n` +
    `        return false;\n` +
    `    }\n` +
    `}`;
  let validate = `/** Validates \`value\` as a {@link ${X}}, listing every issue with its JSON Pointer path. */\n` + `export function validate${X}(value: unknown): ${result}<${X}> {\n`;
  if (resumable(model)) {
    const failedAt = resumeNames(model, ctx).failedAt;
    const hasPlainPrototype = ctx.rt("hasPlainPrototype");
    validate +=
      `    let from = 0;\n` +
      `    if (${INVALID_RUN} < ${SLOW_FIRST_AFTER}) {\n` +
      `        try {\n` +
      `            ${failedAt} = 0;\n` +
      `            if ($is_${X}(value, 0)) return { ok: true, value: value as ${X} };\n` +
      // The fields before the fault were own only if the prototype is a plain one: the fast
      // path checks it once every field passed (see fastObjectByName).
      `            const at = ${failedAt};\n` +
      `            if (at === 0 || ${hasPlainPrototype}(value as object)) from = at;\n` +
      `        } catch {\n` +
      `            // Checked from the start below.\n` +
      `        }\n` +
      `\n` +
      `    }\n` +
      `\n` +
      `    const errors: ${issueType}[] = [];\n` +
      `    try {\n` +
      `        $check_${X}(value, "", errors, 0, from);\n` +
      `    } catch (e) {\n` +
      // The slow path ran first and could not read the value (a Proxy's trap threw): the fast
      // path, which may read less of it, has the last word (as isX).
      `        if (${INVALID_RUN} >= ${SLOW_FIRST_AFTER} && is${X}(value)) {\n` +
      `            ${INVALID_RUN} = 0;\n` +
      `            return { ok: true, value: value as ${X} };\n` +
      `        }\n` +
      `\n` +
      `        errors.push(${unreadable}(e));\n` +
      `    }\n` +
      `\n` +
      `    if (errors.length === 0) {\n` +
      // The slow path ran first: the fast path has the last word (as isX).
      `        if (${INVALID_RUN} >= ${SLOW_FIRST_AFTER}) {\n` +
      `            ${INVALID_RUN} = 0;\n` +
      `            if (is${X}(value)) return { ok: true, value: value as ${X} };\n` +
      `        }\n` +
      `\n` +
      `        errors.push(${unreadable}(undefined));\n` +
      `    } else if (${INVALID_RUN} < ${SLOW_FIRST_AFTER}) ${INVALID_RUN}++;\n`;
  } else {
    validate +=
      `    if (is${X}(value)) return { ok: true, value };\n` +
      `    const errors: ${issueType}[] = [];\n` +
      `    try {\n` +
      `        $check_${X}(value, "", errors, 0);\n` +
      `    } catch (e) {\n` +
      `        errors.push(${unreadable}(e));\n` +
      `    }\n` +
      `\n` +
      `    if (errors.length === 0) errors.push(${unreadable}(undefined));\n`;
  }
  validate += `    return { ok: false, errors };\n}`;
  const assert =
    `/** Throws a \`ValidationError\` listing every issue unless \`value\` is a valid {@link ${X}}. */\n` +
    `export function assert${X}(value: unknown): asserts value is ${X} {\n` +
    `    const r = validate${X}(value);\n` +
    `    if (!r.ok) throw new ${validationError}(${stringLiteral(X)}, r.errors);\n` +
    `}`;
  const schema =
    `/** A Standard Schema v1 object for {@link ${X}}. */\n` +
    `export const ${X}Schema: ${schemaType}<unknown, ${X}> = ${standardSchema}(validate${X});`;
  return `${isX}\n\n${validate}\n\n${assert}\n\n${schema}`;
}
