import { describe, expect, it } from "vitest";
import type { FunctionDeclarationStructure, ImportDeclarationStructure, OptionalKind, ImportSpecifierStructure, StatementStructures } from "ts-morph";
import { loadIR } from "../../generator/api.js";
import { DEFAULT_OPTIONS, FileContext } from "../../generator/emit/context.js";
import { importLines, PRINT_OPTIONS } from "../../generator/emit/module.js";
import { bodyText, exportedFunction } from "../../generator/emit/print.js";
import { modelTypes } from "../../generator/emit/types.js";
import { fastBody } from "../../generator/emit/validators/fast.js";
import { slowBody } from "../../generator/emit/validators/slow.js";
import { StructureKind, tsMorph, VariableDeclarationKind } from "../../generator/emit/ts-morph.js";
import { stringLiteral } from "../../generator/emit/escape.js";
import { modelValidators, publicFunctions } from "../../generator/emit/validators/index.js";
import { INVALID_RUN, resumable, resumeNames, SLOW_FIRST_AFTER } from "../../generator/emit/validators/state.js";
import type { Model } from "../../generator/ir/types.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";
import { join } from "node:path";

/**
 * What is the same for every model but its names is written as its printed text, not as
 * structures that print.ts or ts-morph print, so print.test.ts does not see it: the imports
 * (module.ts), the validators' functions (`exportedFunction` for $is_X and $check_X, and
 * isX, validateX, assertX and XSchema). The reference here: the same declarations as ts-morph
 * structures, printed by ts-morph's printStructure with the emitter's options. The text must be
 * that, byte for byte, for every model of five inputs (both the resuming validateX of an object
 * model with fields and the plain one).
 */
const print = (statements: StatementStructures[]): string => tsMorph().printStructure({ kind: StructureKind.SourceFile, statements }, PRINT_OPTIONS);

/** The public functions as structures, a statement per line. */
function publicReference(model: Model, ctx: FileContext): string {
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
  return print(statements);
}

/** The import declarations of a file whose declarations were made with `ctx`, as structures. */
function importsReference(ctx: FileContext): string {
  const imports: ImportDeclarationStructure[] = [];
  const byName = [...ctx.refs.keys()].map((source) => ctx.models.get(source)!).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const target of byName) {
    const uses = ctx.refs.get(target.source)!;
    const named: OptionalKind<ImportSpecifierStructure>[] = [];
    if (uses.has("type")) named.push({ name: target.name, isTypeOnly: true });
    if (uses.has("is")) named.push({ name: `$is_${target.name}` });
    if (uses.has("check")) named.push({ name: `$check_${target.name}` });
    imports.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: `./${target.name}.js`, namedImports: named });
  }
  const runtime: OptionalKind<ImportSpecifierStructure>[] = [
    ...[...ctx.runtimeTypes].sort().map((n) => ({ name: n, alias: `$${n}`, isTypeOnly: true })),
    ...[...ctx.runtime].sort().map((n) => ({ name: n, alias: `$${n}` })),
  ];
  if (runtime.length > 0) imports.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: "../runtime.js", namedImports: runtime });
  return imports.length > 0 ? print(imports).trimEnd() : "";
}

/** A function with the signature `name(v: unknown, d: number): boolean` and `body`, as a structure. */
function functionReference(doc: string, name: string, body: string): string {
  const parameters = [
    { name: "v", type: "unknown" },
    { name: "d", type: "number" },
  ];
  return print([{ kind: StructureKind.Function, isExported: true, docs: [doc], name, parameters, returnType: "boolean", statements: body }]);
}

describe("blocks written as text are what ts-morph prints", () => {
  const inputs: [string, string][] = [
    ["specs", join(repoRoot, "specs")],
    ...["clerk-ruby-sorbet", "clerk-python", "vercel-ts", "authlete-go"].map((n): [string, string] => [n, corpusPath(n)]),
  ];
  for (const [name, input] of inputs) {
    it(`for every model of ${name}`, () => {
      const { ir } = loadIR(input);
      const models = new Map(ir.models.map((m) => [m.source, m] as const));
      let resuming = 0;
      let imports = 0;
      for (const model of ir.models) {
        const ours = publicFunctions(model, new FileContext(model, models, DEFAULT_OPTIONS));
        expect(ours + "\n", model.source).toBe(publicReference(model, new FileContext(model, models, DEFAULT_OPTIONS)));
        if (resumable(model)) resuming++;

        // Each validator body, printed as a function by exportedFunction and by ts-morph.
        const bodies = new FileContext(model, models, DEFAULT_OPTIONS);
        for (const lines of [fastBody(model, bodies), slowBody(model, bodies)]) {
          const doc = `@internal Checks {@link ${model.name}}.`;
          const ours = exportedFunction(doc, `f(v: unknown, d: number): boolean`, bodyText(lines));
          expect(ours + "\n", model.source).toBe(functionReference(doc, "f", lines.join("\n")));
        }

        // The file's imports, once its declarations have been made.
        const file = new FileContext(model, models, DEFAULT_OPTIONS);
        modelTypes(model, file);
        modelValidators(model, file);
        imports += file.refs.size;
        expect(importLines(file), model.source).toBe(importsReference(file));
      }
      // Both forms of validateX are compared.
      expect(resuming).toBeGreaterThan(0);
      expect(resuming).toBeLessThan(ir.models.length);
      expect(imports).toBeGreaterThan(0);
    });
  }

  it("indents a body with a blank line or a multi-line element as ts-morph does", () => {
    const bodies = [["a;", "", "b;"], ["if (x) {\n    y();\n}", "return 1;"], ["  spaced;", "   "], ["return 1;"], ["a;\n\nb;"]];
    for (const lines of bodies) {
      const ours = exportedFunction("d", "f(v: unknown, d: number): boolean", bodyText(lines));
      expect(ours + "\n", JSON.stringify(lines)).toBe(functionReference("d", "f", lines.join("\n")));
    }
    expect(bodyText(["a;", "", "b;"])).toBe("    a;\n\n    b;");
    expect(bodyText(["if (x) {\n    y();\n}"])).toBe("    if (x) {\n        y();\n    }");
  });

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
