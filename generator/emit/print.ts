import type { InterfaceDeclarationStructure, JSDocStructure, OptionalKind, StatementStructures, TypeAliasDeclarationStructure, WriterFunction } from "ts-morph";
import { StructureKind } from "./ts-morph.js";

/**
 * The text ts-morph's `printStructure` gives (4-space indent, as `PRINT_OPTIONS` in module.ts)
 * for the structure shapes the emitters build (the types: interfaces and type aliases, where doc
 * text goes), without loading ts-morph: its 12 MB take longer to load than the printing of a
 * whole corpus takes here. `undefined` for anything outside those shapes (a multi-line type, a
 * line that leaves a string or comment open, a template literal, several statements…), which
 * module.ts then prints with ts-morph. What is the same for every model (imports, validators)
 * the emitters write as text: `exportedFunction` here, and module.ts.
 *
 * One block of statements at a time, as module.ts needs them. test/emit/print.test.ts compares
 * the two printers on every model of every corpus.
 */
export function printStatements(statements: readonly (StatementStructures | string)[]): string | undefined {
  if (statements.length !== 1) return statements.length === 0 ? "" : undefined;
  const s = statements[0]!;
  return typeof s === "string" ? s : statement(s);
}

/** What a file is printed from, a block at a time: statements as structures, or text as it is. */
export type Block = StatementStructures[] | string;

/** A block's text (from structures: without a newline at the end), or `undefined` when print.ts does not know one of its shapes. */
export function printBlock(block: Block): string | undefined {
  return typeof block === "string" ? block : printStatements(block);
}

const INDENT = "    ";

function statement(s: StatementStructures): string | undefined {
  switch (s.kind) {
    case StructureKind.Interface:
      return interfaceDeclaration(s);
    case StructureKind.TypeAlias:
      return typeAlias(s);
    default:
      return undefined;
  }
}

/** Text that prints as it is: one line, no string left open. */
function plain(text: string | WriterFunction | undefined): text is string {
  return typeof text === "string" && !text.includes("\r") && lineIsClosed(text);
}

function interfaceDeclaration(s: InterfaceDeclarationStructure): string | undefined {
  if (s.typeParameters?.length || s.extends || s.callSignatures?.length || s.constructSignatures?.length || s.methods?.length) return undefined;
  if (s.getAccessors?.length || s.setAccessors?.length || s.hasDeclareKeyword || s.isDefaultExport) return undefined;
  const members: string[] = [];
  for (const i of s.indexSignatures ?? []) {
    if (i.docs?.length || i.isReadonly || !plain(i.keyName ?? "key") || !plain(i.keyType ?? "string") || !plain(i.returnType)) return undefined;
    members.push(`[${i.keyName || "key"}: ${i.keyType || "string"}]: ${i.returnType};`);
  }
  for (const p of s.properties ?? []) {
    if (p.isReadonly || p.initializer !== undefined || !plain(p.name) || (p.type !== undefined && !plain(p.type))) return undefined;
    const docs = jsDocs(p.docs);
    if (docs === undefined) return undefined;
    members.push(docs + `${p.name}${p.hasQuestionToken ? "?" : ""}${p.type ? `: ${p.type}` : ""};`);
  }
  const docs = jsDocs(s.docs);
  if (docs === undefined || !plain(s.name)) return undefined;
  const body = members.length > 0 ? indent(members.join("\n")) + "\n" : "";
  return `${docs}${s.isExported ? "export " : ""}interface ${s.name} {\n${body}}`;
}

function typeAlias(s: TypeAliasDeclarationStructure): string | undefined {
  if (s.typeParameters?.length || s.hasDeclareKeyword || s.isDefaultExport || !plain(s.name) || !plain(s.type)) return undefined;
  const docs = jsDocs(s.docs);
  if (docs === undefined) return undefined;
  return `${docs}${s.isExported ? "export " : ""}type ${s.name} = ${s.type};`;
}

/**
 * An exported function as printStructure prints it, from its JSDoc (`doc`, printed by `jsDocs`:
 * no comment end), `signature` (the text between `function ` and ` {`) and a body the emitters
 * wrote whole (the validators' $is_X and $check_X), already one level in (`bodyText`). Each line
 * of the body must close every string it opens (ts-morph does not indent a line inside a
 * multi-line string or template), and the body may not be blank nor end in a newline (ts-morph
 * prints those otherwise): test/emit/text-blocks.test.ts compares the text with ts-morph's on
 * every model of five inputs.
 */
export function exportedFunction(doc: string, signature: string, body: string): string {
  const docs = jsDocs([doc]);
  if (docs === undefined || lastNonSpace(body) < 0 || body.endsWith("\n")) throw new Error("internal: a function that ts-morph prints otherwise");
  return `${docs}export function ${signature} {\n${body}\n}`;
}

/**
 * Lines of a function body, joined and one level in, as ts-morph indents them (each non-empty
 * line). When every element is one non-empty line (the validators' are) the indent goes into the
 * join, which the count of newlines then confirms: 1.3% fewer of the emit stage's instructions
 * on vercel-ts than a regex over the joined text; a check of each element for a newline instead
 * saved nothing (most are concatenations, which V8 copies flat to search).
 */
export function bodyText(lines: readonly string[]): string {
  if (lines.length === 0) return "";
  let simple = true;
  for (let i = 0; i < lines.length && simple; i++) simple = lines[i]!.length > 0;
  if (simple) {
    const text = INDENT + lines.join(INDENT_AFTER_NEWLINE);
    let newlines = 0;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) newlines++;
    if (newlines === lines.length - 1) return text;
  }
  return indent(lines.join("\n"));
}

/** The index of the last character that is not whitespace (as `\s` means it), or -1. */
function lastNonSpace(s: string): number {
  let i = s.length - 1;
  while (i >= 0 && isSpace(s.charCodeAt(i))) i--;
  return i;
}

/** `\s` for one UTF-16 code unit, by code for ASCII: a string per character cost 6 MB of a vercel-ts run's allocation. */
function isSpace(c: number): boolean {
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : /\s/.test(String.fromCharCode(c));
}

/** JSDoc blocks, each followed by a newline; only docs given as strings. */
function jsDocs(docs: readonly (OptionalKind<JSDocStructure> | string)[] | undefined): string | undefined {
  let out = "";
  for (const doc of docs ?? []) {
    if (typeof doc !== "string" || doc.includes("*/") || doc.includes("\r")) return undefined;
    if (!doc.includes("\n")) {
      out += `/** ${doc}${doc.endsWith(" ") ? "" : " "}*/\n`;
      continue;
    }
    const lines = doc.split("\n");
    const from = lines[0]!.length === 0 ? 1 : 0;
    out += "/**\n" + lines.slice(from).map((l) => (l.length > 0 ? ` * ${l}` : " *")).join("\n") + "\n */\n";
  }
  return out;
}

/** Each non-empty line one level in. */
function indent(text: string): string {
  // One line (most statements): no regex run.
  if (!text.includes("\n")) return text.length > 0 ? INDENT + text : text;
  const body = text.replace(NON_EMPTY_LINE_START, INDENT_AFTER_NEWLINE);
  return text.length > 0 && text[0] !== "\n" ? INDENT + body : body;
}

/** A newline followed by a non-empty line. */
const NON_EMPTY_LINE_START = /\n(?!\n|$)/g;
const INDENT_AFTER_NEWLINE = "\n" + INDENT;

/**
 * Whether a line of code leaves no string, template or block comment open at its end (and has
 * no template literal at all, whose `${…}` ts-morph's writer tracks): then its writer indents the
 * next line as usual. Outside quotes: no backtick, no `/*`, and `//` ends the check (a comment);
 * inside `"…"` or `'…'` a backslash escapes the next character.
 */
export function lineIsClosed(line: string): boolean {
  // Without a quote, a backtick, a slash or a newline a line opens nothing: no need to read it.
  return !OPENS_OR_BREAKS.test(line) || CLOSED_LINE.test(line);
}

/** What can open a string, template or comment, or break a line. */
const OPENS_OR_BREAKS = /["'`/\n]/;

const LINE = String.raw`(?:[^"'${"`"}/\n]|"(?:[^"\\\n]|\\[^\n])*"|'(?:[^'\\\n]|\\[^\n])*'|/(?![/*]))*(?://[^\n]*)?`;
const CLOSED_LINE = new RegExp(`^${LINE}$`);
