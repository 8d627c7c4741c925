import { describe, expect, it } from "vitest";
import type { FunctionDeclarationStructure, StatementStructures } from "ts-morph";
import { loadIR } from "../../generator/api.js";
import { DEFAULT_OPTIONS, FileContext } from "../../generator/emit/context.js";
import { PRINT_OPTIONS } from "../../generator/emit/module.js";
import { StructureKind, tsMorph, VariableDeclarationKind } from "../../generator/emit/ts-morph.js";
import { stringLiteral } from "../../generator/emit/escape.js";
import { publicFunctions } from "../../generator/emit/validators/index.js";
import { INVALID_RUN, resumable, resumeNames, SLOW_FIRST_AFTER } from "../../generator/emit/validators/state.js";
import type { Model } from "../../generator/ir/types.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";
import { join } from "node:path";

/**
 * isX, validateX, assertX and XSchema are written as their printed text (validators/index.ts),
 * not as structures that print.ts or ts-morph print, so print.test.ts does not see them. The
 * reference here: the same declarations as ts-morph structures, a statement per line, printed by
 * ts-morph's printStructure with the emitter's options. The text must be that, byte for byte,
 * for every model (both the resuming validateX of an object model with fields and the plain one).
 */
function reference(model: Model, ctx: FileContext): string {
  const X = model.name;
  const issueType = ctx.rtType("ValidationIssue");
  const resumes = resumable(model);
  const failedAt = resumes ? resumeNames(model, ctx).failedAt : "";
  const fn = (name: string, doc: string, returnType: string, statements: string[]): FunctionDeclarationStructure => ({
    kind: StructureKind.Function,
    name,
    isExported: true,
    docs: [doc],
    parameters: [{ name: "value", type: "unknown" }],
    returnType,
    statements,
  });
  const statements: StatementStructures[] = [
    fn(`is${X}`, `Whether \`value\` is a valid {@link ${X}}. Never throws; allocates nothing for plain objects (JSON values).`, `value is ${X}`, [
      "try {",
      `    return $is_${X}(value, 0);`,
      "} catch {",
      "    return false;",
      "}",
    ]),
    fn(`validate${X}`, `Validates \`value\` as a {@link ${X}}, listing every issue with its JSON Pointer path.`, `${ctx.rtType("ValidationResult")}<${X}>`, [
      ...(resumes
        ? [
            "let from = 0;",
            `if (${INVALID_RUN} < ${SLOW_FIRST_AFTER}) {`,
            "    try {",
            `        ${failedAt} = 0;`,
            `        if ($is_${X}(value, 0)) return { ok: true, value: value as ${X} };`,
            `        const at = ${failedAt};`,
            `        if (at === 0 || ${ctx.rt("hasPlainPrototype")}(value as object)) from = at;`,
            "    } catch {",
            "        // Checked from the start below.",
            "    }",
            "}",
          ]
        : [`if (is${X}(value)) return { ok: true, value };`]),
      `const errors: ${issueType}[] = [];`,
      "try {",
      `    $check_${X}(value, "", errors, 0${resumes ? ", from" : ""});`,
      "} catch (e) {",
      ...(resumes
        ? [`    if (${INVALID_RUN} >= ${SLOW_FIRST_AFTER} && is${X}(value)) {`, `        ${INVALID_RUN} = 0;`, `        return { ok: true, value: value as ${X} };`, "    }"]
        : []),
      `    errors.push(${ctx.rt("unreadable")}(e));`,
      "}",
      ...(resumes
        ? [
            "if (errors.length === 0) {",
            `    if (${INVALID_RUN} >= ${SLOW_FIRST_AFTER}) {`,
            `        ${INVALID_RUN} = 0;`,
            `        if (is${X}(value)) return { ok: true, value: value as ${X} };`,
            "    }",
            `    errors.push(${ctx.rt("unreadable")}(undefined));`,
            `} else if (${INVALID_RUN} < ${SLOW_FIRST_AFTER}) ${INVALID_RUN}++;`,
          ]
        : [`if (errors.length === 0) errors.push(${ctx.rt("unreadable")}(undefined));`]),
      "return { ok: false, errors };",
    ]),
    fn(`assert${X}`, `Throws a \`ValidationError\` listing every issue unless \`value\` is a valid {@link ${X}}.`, `asserts value is ${X}`, [
      `const r = validate${X}(value);`,
      `if (!r.ok) throw new ${ctx.rt("ValidationError")}(${stringLiteral(X)}, r.errors);`,
    ]),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`A Standard Schema v1 object for {@link ${X}}.`],
      declarations: [{ name: `${X}Schema`, type: `${ctx.rtType("StandardSchemaV1")}<unknown, ${X}>`, initializer: `${ctx.rt("standardSchema")}(validate${X})` }],
    },
  ];
  return tsMorph().printStructure({ kind: StructureKind.SourceFile, statements }, PRINT_OPTIONS);
}

describe("the public validator functions, written as text, are what ts-morph prints", () => {
  const inputs: [string, string][] = [
    ["specs", join(repoRoot, "specs")],
    ...["clerk-ruby-sorbet", "clerk-python", "vercel-ts", "authlete-go"].map((n): [string, string] => [n, corpusPath(n)]),
  ];
  for (const [name, input] of inputs) {
    it(`for every model of ${name}`, () => {
      const { ir } = loadIR(input);
      const models = new Map(ir.models.map((m) => [m.source, m] as const));
      let resuming = 0;
      for (const model of ir.models) {
        const ours = publicFunctions(model, new FileContext(model, models, DEFAULT_OPTIONS));
        const expected = reference(model, new FileContext(model, models, DEFAULT_OPTIONS));
        expect(ours + "\n", model.source).toBe(expected);
        if (resumable(model)) resuming++;
      }
      // Both forms of validateX are compared.
      expect(resuming).toBeGreaterThan(0);
      expect(resuming).toBeLessThan(ir.models.length);
    });
  }

  it("registers the runtime names the text uses, so that the file imports them", () => {
    const { ir } = loadIR(join(repoRoot, "specs"));
    const models = new Map(ir.models.map((m) => [m.source, m] as const));
    const model = ir.models.find((m) => resumable(m))!;
    const ctx = new FileContext(model, models, DEFAULT_OPTIONS);
    const text = publicFunctions(model, ctx);
    for (const name of ["unreadable", "ValidationError", "standardSchema", "hasPlainPrototype"]) {
      expect(text).toContain(`$${name}(`);
      expect(ctx.runtime.has(name), name).toBe(true);
    }
    for (const name of ["ValidationIssue", "ValidationResult", "StandardSchemaV1"]) expect(ctx.runtimeTypes.has(name), name).toBe(true);
  });
});
