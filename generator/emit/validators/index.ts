import type { FunctionDeclarationStructure, StatementStructures } from "ts-morph";
import type { CodeFunction } from "../print.js";
import { StructureKind, VariableDeclarationKind } from "../ts-morph.js";
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
