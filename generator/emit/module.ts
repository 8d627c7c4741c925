import { type ImportDeclarationStructure, type OptionalKind, type ImportSpecifierStructure, printStructure, type StatementStructures, StructureKind } from "ts-morph";
import type { Model } from "../ir/types.js";
import type { EmitOptions } from "./context.js";
import { FileContext } from "./context.js";
import { modelTypes } from "./types.js";
import { modelValidators } from "./validators.js";

export const PRINT_OPTIONS = { indentNumberOfSpaces: 4, useTrailingCommas: true } as const;

/** The text of one model's file (`models/<Name>.ts`), without its banner. */
export function modelModule(model: Model, models: ReadonlyMap<string, Model>, options: EmitOptions): string {
  const ctx = new FileContext(model, models, options);
  const types = modelTypes(model, ctx);
  const validators = options.emit.validators ? modelValidators(model, ctx) : [];
  const imports: ImportDeclarationStructure[] = [];
  for (const source of [...ctx.refs.keys()].sort((a, b) => compareNames(models, a, b))) {
    const target = models.get(source)!;
    const uses = ctx.refs.get(source)!;
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
  if (runtime.length > 0) {
    imports.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: "../runtime.js", namedImports: runtime });
  }
  // Printed in blocks (imports, then each declaration) separated by one blank line.
  const blocks = [print(imports), ...[...types, ...ctx.hoisted, ...validators].map((s) => (typeof s === "string" ? s : print([s])))];
  return blocks.map((b) => b.trim()).filter(Boolean).join("\n\n") + "\n";
}

function print(statements: StatementStructures[]): string {
  return statements.length === 0 ? "" : printStructure({ kind: StructureKind.SourceFile, statements }, PRINT_OPTIONS);
}

function compareNames(models: ReadonlyMap<string, Model>, a: string, b: string): number {
  const x = models.get(a)!.name;
  const y = models.get(b)!.name;
  return x < y ? -1 : x > y ? 1 : 0;
}
