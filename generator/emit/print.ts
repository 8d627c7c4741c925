import type {
  FunctionDeclarationStructure,
  ImportDeclarationStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  OptionalKind,
  StatementStructures,
  TypeAliasDeclarationStructure,
  VariableStatementStructure,
  WriterFunction,
} from "ts-morph";
import { StructureKind } from "./ts-morph.js";

/**
 * The text ts-morph's `printStructure` gives (4-space indent, as `PRINT_OPTIONS` in module.ts)
 * for the few structure shapes the emitters build, without loading ts-morph: its 12 MB take
 * longer to load than the printing of a whole corpus takes here. `undefined` for anything
 * outside those shapes (a multi-line type, a statement line that leaves a string or comment
 * open, a template literal…), which module.ts then prints with ts-morph.
 *
 * One block of statements at a time, as module.ts needs them. test/emit/print.test.ts compares
 * the two printers on every model of every corpus.
 */
export function printStatements(statements: readonly (StatementStructures | string)[]): string | undefined {
  // Several statements in one block are imports, one a line.
  if (statements.length > 1 && statements.some((s) => typeof s === "string" || s.kind !== StructureKind.ImportDeclaration)) return undefined;
  const out: string[] = [];
  for (const s of statements) {
    const text = typeof s === "string" ? s : statement(s);
    if (text === undefined) return undefined;
    out.push(text);
  }
  return out.join("\n") + (out.length > 0 ? "\n" : "");
}

/**
 * What a file is printed from, a block at a time: statements as structures, text as it is, or a
 * function the emitters wrote whole (`printCodeFunction`).
 */
export type Block = StatementStructures[] | string | CodeFunction;

/** A function whose every line the emitters wrote (the validators): see `printCodeFunction`. */
export interface CodeFunction {
  readonly code: FunctionDeclarationStructure;
}

/** A block's text, or `undefined` when print.ts does not know one of its shapes. */
export function printBlock(block: Block): string | undefined {
  if (typeof block === "string") return block;
  if ("code" in block) return printCodeFunction(block.code);
  return printStatements(block);
}

const INDENT = "    ";

function statement(s: StatementStructures): string | undefined {
  switch (s.kind) {
    case StructureKind.ImportDeclaration:
      return importDeclaration(s);
    case StructureKind.Interface:
      return interfaceDeclaration(s);
    case StructureKind.TypeAlias:
      return typeAlias(s);
    case StructureKind.Function:
      return functionDeclaration(s);
    case StructureKind.VariableStatement:
      return variableStatement(s);
    default:
      return undefined;
  }
}

/** Text that prints as it is: one line, no string left open. */
function plain(text: string | WriterFunction | undefined): text is string {
  return typeof text === "string" && !text.includes("\r") && lineIsClosed(text);
}

function importDeclaration(s: ImportDeclarationStructure): string | undefined {
  const named = s.namedImports;
  if (s.isTypeOnly || s.defaultImport || s.namespaceImport || s.attributes || !Array.isArray(named) || named.length === 0) return undefined;
  if (/["\\\n]/.test(s.moduleSpecifier)) return undefined;
  const specifiers: string[] = [];
  for (const n of named) {
    if (typeof n !== "object" || !plain(n.name) || (n.alias !== undefined && !plain(n.alias))) return undefined;
    specifiers.push(`${n.isTypeOnly ? "type " : ""}${n.name}${n.alias && n.alias.trim() !== "" ? ` as ${n.alias}` : ""}`);
  }
  return `import { ${specifiers.join(", ")} } from "${s.moduleSpecifier}";`;
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
 * A function, or `undefined` for a shape print.ts does not know. `code`: the emitters wrote it
 * whole (the validators, `printCodeFunction`), so its names, types and lines are not checked for
 * doc text that would print differently (the closed-lines check above all: a tenth of the emit
 * stage on vercel-ts); the text is the same either way (test/emit/print.test.ts compares it with
 * ts-morph on every corpus).
 */
function functionDeclaration(s: FunctionDeclarationStructure, code = false): string | undefined {
  if (s.typeParameters?.length || s.overloads?.length || s.hasDeclareKeyword || s.isDefaultExport || s.isAsync || s.isGenerator) return undefined;
  if (!code && (!plain(s.name) || (s.returnType !== undefined && !plain(s.returnType)))) return undefined;
  for (const p of s.parameters ?? []) {
    if (p.decorators?.length || p.scope || p.isReadonly || p.isRestParameter || p.hasQuestionToken) return undefined;
    if (!code && (!plain(p.name) || (p.type !== undefined && !plain(p.type)) || (p.initializer !== undefined && !plain(p.initializer)))) return undefined;
  }
  return functionText(s, !code);
}

/** A function the emitters wrote whole (the validators): see `functionDeclaration`. */
export function printCodeFunction(s: FunctionDeclarationStructure): string | undefined {
  return functionDeclaration(s, true);
}

/** A function's text; `checkLines`: whether each body line must be checked to close its strings. */
function functionText(s: FunctionDeclarationStructure, checkLines: boolean): string | undefined {
  const params: string[] = [];
  for (const p of s.parameters ?? []) {
    params.push(`${p.name}${p.type ? `: ${p.type}` : ""}${p.initializer !== undefined ? ` = ${p.initializer}` : ""}`);
  }
  const body = functionBody(s.statements, checkLines);
  const docs = jsDocs(s.docs);
  if (body === undefined || docs === undefined) return undefined;
  return `${docs}${s.isExported ? "export " : ""}function ${s.name}(${params.join(", ")})${s.returnType ? `: ${s.returnType}` : ""} {\n${body}}`;
}

/**
 * A function body of statement text, one level in. Each line closes every string it opens
 * (ts-morph does not indent the lines inside a multi-line string): checked unless the emitters
 * wrote every line (`printCodeFunction`); an array puts a blank line after a statement that ends
 * in `}`, as ts-morph does.
 */
function functionBody(statements: FunctionDeclarationStructure["statements"], checkLines: boolean): string | undefined {
  if (statements === undefined) return "";
  const list = typeof statements === "string" ? [statements] : Array.isArray(statements) ? statements : undefined;
  if (!list) return undefined;
  let text = "";
  let endsInBrace = false;
  for (const st of list) {
    if (typeof st !== "string" || (checkLines && !linesAreClosed(st))) return undefined;
    if (endsInBrace) text += "\n";
    const last = lastNonSpace(st);
    if (last < 0) return undefined;
    endsInBrace = st.charCodeAt(last) === 125; // }
    text += indent(st) + "\n";
  }
  return text;
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

function variableStatement(s: VariableStatementStructure): string | undefined {
  if (s.hasDeclareKeyword || s.isDefaultExport || s.declarations.length !== 1) return undefined;
  const [d] = s.declarations;
  if (!d || d.hasExclamationToken || !plain(d.name) || (d.type !== undefined && !plain(d.type)) || (d.initializer !== undefined && !plain(d.initializer))) return undefined;
  const docs = jsDocs(s.docs);
  if (docs === undefined) return undefined;
  const declaration = `${d.name}${d.type ? `: ${d.type}` : ""}${d.initializer !== undefined ? ` = ${d.initializer}` : ""}`;
  return `${docs}${s.isExported ? "export " : ""}${s.declarationKind ?? "let"} ${declaration};`;
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

/** `lineIsClosed` for every line of `text` (one regex run over the whole text). */
export function linesAreClosed(text: string): boolean {
  return !OPENS.test(text) || CLOSED_LINES.test(text);
}

/** What can open a string, template or comment; and that or a newline. */
const OPENS = /["'`/]/;
const OPENS_OR_BREAKS = /["'`/\n]/;

const LINE = String.raw`(?:[^"'${"`"}/\n]|"(?:[^"\\\n]|\\[^\n])*"|'(?:[^'\\\n]|\\[^\n])*'|/(?![/*]))*(?://[^\n]*)?`;
const CLOSED_LINE = new RegExp(`^${LINE}$`);
const CLOSED_LINES = new RegExp(`^${LINE}(?:\\n${LINE})*$`);
