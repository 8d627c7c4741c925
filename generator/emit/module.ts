import type { StatementStructures } from "ts-morph";
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

/**
 * Printed blocks (the imports, then each declaration) separated by one blank line; empty ones
 * left out. Each block comes without whitespace at either end (print.ts, the emitters' text,
 * the ts-morph fallback trims its own): not trimmed here, since trimming a string built by
 * concatenation copies it whole first (3% of the emit stage's instructions on vercel-ts).
 */
export function joinBlocks(texts: readonly string[]): string {
  let out = "";
  for (const text of texts) if (text.length > 0) out += out.length > 0 ? "\n\n" + text : text;
  return out + "\n";
}

/** A model file's blocks: its imports, then each declaration (structures, or text as it is). */
export function moduleBlocks(model: Model, models: ReadonlyMap<string, Model>, options: EmitOptions): Block[] {
  const ctx = new FileContext(model, models, options);
  const types = modelTypes(model, ctx);
  const validators = options.emit.validators ? modelValidators(model, ctx) : [];
  return [importLines(ctx), ...[...types, ...ctx.hoisted].map((s) => (typeof s === "string" ? s : [s])), ...validators];
}

/**
 * The file's import declarations, one a line, as printStructure prints them: the models it
 * refers to (sorted by name), then the runtime's types and helpers (sorted, each as `$name`).
 * Every name is a model's (a TypeScript identifier) or the runtime's, so none needs escaping;
 * test/emit/text-blocks.test.ts compares the text with ts-morph's.
 */
export function importLines(ctx: FileContext): string {
  const lines: string[] = [];
  // Model names are unique (each is its file's name): sort them, then look up what is used.
  const bySource = new Map<string, string>();
  for (const source of ctx.refs.keys()) bySource.set(ctx.models.get(source)!.name, source);
  for (const name of [...bySource.keys()].sort()) {
    const uses = ctx.refs.get(bySource.get(name)!)!;
    const named: string[] = [];
    if (uses.has("type")) named.push(`type ${name}`);
    if (uses.has("is")) named.push(`$is_${name}`);
    if (uses.has("check")) named.push(`$check_${name}`);
    lines.push(`import { ${named.join(", ")} } from "./${name}.js";`);
  }
  const runtime = [...[...ctx.runtimeTypes].sort().map((n) => `type ${n} as $${n}`), ...[...ctx.runtime].sort().map((n) => `${n} as $${n}`)];
  if (runtime.length > 0) lines.push(`import { ${runtime.join(", ")} } from "../runtime.js";`);
  return lines.join("\n");
}

/**
 * Each block's text, without whitespace at either end: by `print.ts` when it knows every
 * structure of the file, else by ts-morph (`printStructure`), which `print.ts` matches byte for byte.
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
    else append(statements, block);
    statements.push(BLOCK_END);
  }
  const text = tsMorph().printStructure({ kind: StructureKind.SourceFile, statements }, PRINT_OPTIONS);
  const parts = text.split(BLOCK_END);
  if (parts.length !== blocks.length + 1) throw new Error("internal: printed blocks do not match the structures");
  return parts.slice(0, -1).map((part) => part.trim());
}
