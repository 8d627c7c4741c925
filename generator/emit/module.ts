import type { ImportDeclarationStructure, OptionalKind, ImportSpecifierStructure, StatementStructures } from "ts-morph";
import { type Block, printBlock } from "./print.js";
import { StructureKind, tsMorph } from "./ts-morph.js";
import type { Model } from "../ir/types.js";
import { timed } from "../timings.js";
import type { EmitOptions } from "./context.js";
import { FileContext } from "./context.js";
import { modelTypes } from "./types.js";
import { modelValidators } from "./validators/index.js";
import { append } from "../lists.js";

export const PRINT_OPTIONS = { indentNumberOfSpaces: 4, useTrailingCommas: true } as const;

/** The text of one model's file (`models/<Name>.ts`), without its banner. */
export function modelModule(model: Model, models: ReadonlyMap<string, Model>, options: EmitOptions): string {
  return timed("emit", () => moduleText(model, models, options));
}

function moduleText(model: Model, models: ReadonlyMap<string, Model>, options: EmitOptions): string {
  return joinBlocks(printBlocks(moduleBlocks(model, models, options)));
}

/** Printed blocks (the imports, then each declaration) separated by one blank line. */
export function joinBlocks(texts: readonly string[]): string {
  return texts.map((b) => b.trim()).filter(Boolean).join("\n\n") + "\n";
}

/** A model file's blocks: its imports, then each declaration (structures, or text as it is). */
export function moduleBlocks(model: Model, models: ReadonlyMap<string, Model>, options: EmitOptions): Block[] {
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
  return [imports, ...[...types, ...ctx.hoisted].map((s) => (typeof s === "string" ? s : [s])), ...validators];
}

/**
 * Each block's text: by `print.ts` when it knows every structure of the file, else by ts-morph
 * (`printStructure`), which `print.ts` matches byte for byte.
 */
export function printBlocks(blocks: readonly Block[]): string[] {
  const texts: string[] = [];
  for (const block of blocks) {
    const text = printBlock(block);
    if (text === undefined) return printBlocksWithTsMorph(blocks);
    texts.push(text);
  }
  return texts;
}

/**
 * A line between blocks while they are printed together. It holds NUL, which no doc can (a doc
 * with a NUL byte is refused), so it cannot occur in the printed code.
 */
const BLOCK_END = "//\0docs2ts-block-end\0";

/**
 * Each block's text, as if printed on its own, from one `printStructure` call per file: each
 * call builds a printer and a writer, which costs more than printing a small declaration.
 */
export function printBlocksWithTsMorph(blocks: readonly Block[]): string[] {
  const statements: (StatementStructures | string)[] = [];
  for (const block of blocks) {
    if (typeof block === "string") statements.push(block);
    else if ("code" in block) statements.push(block.code);
    else append(statements, block);
    statements.push(BLOCK_END);
  }
  const text = tsMorph().printStructure({ kind: StructureKind.SourceFile, statements }, PRINT_OPTIONS);
  const parts = text.split(BLOCK_END);
  if (parts.length !== blocks.length + 1) throw new Error("internal: printed blocks do not match the structures");
  return parts.slice(0, -1);
}

function compareNames(models: ReadonlyMap<string, Model>, a: string, b: string): number {
  const x = models.get(a)!.name;
  const y = models.get(b)!.name;
  return x < y ? -1 : x > y ? 1 : 0;
}
