import type { ScalarKind, TypeRef } from "../ir/types.js";
import { CellError, type FlatCell, type Token, TokenStream, tokenize } from "./cell.js";
import type { Dialect, TypeContext, TypeResult } from "./dialect.js";
import { expectPunct as expect, linkedOrDotted } from "./grammar.js";
import { append } from "../lists.js";

/**
 * TypeScript SDK docs (Speakeasy), the whole family:
 *   *string*  *number*  *boolean*  *any*  *unknown*  *bigint*  *Decimal*  *"const"*
 *   [models.X](../models/x.md)  [models.X](…)[]  *string*[]  *models.X*  *models.X*[]
 *   Record<string, *string*>  Record<string, [models.X](…)>  Record<string, Record<string, *any*>>
 *   [Date](https://developer.mozilla.org/…)  [RFCDate](../../types/rfcdate.md)  *ReadableStream<Uint8Array>*
 *   inline unions `*string* \| *number*`, and `## Supported Types` headings such as
 *   `` `models.X` ``, `` `string[]` ``, `` `{ [k: string]: models.X }` ``.
 * Models named without a link (the unions, `*models.X*`) are found by name through the context.
 * The Type column has no optional or nullable marker: Required is the only signal (see README).
 */

/** Built-in type names and the scalar each reads as (a new `{ kind }` per use: types are not shared). */
const SCALARS: Record<string, ScalarKind> = {
  string: "string",
  number: "number",
  boolean: "boolean",
  any: "any",
  unknown: "any",
  null: "null",
  bigint: "bigint",
  BigInt: "bigint",
  Decimal: "decimal",
  Date: "datetime",
  RFCDate: "date",
  Uint8Array: "binary",
  ArrayBuffer: "binary",
  Blob: "binary",
  File: "binary",
};

/** Generic binary containers: `ReadableStream<Uint8Array>`. */
const STREAMS = new Set(["ReadableStream"]);

const TOKENS = { nameStart: /[A-Za-z_$]/, nameChar: /[A-Za-z0-9_$.]/, punct: "<>[](){},:;|" };

const MAX_DEPTH = 64;

export function parseTypeScriptType(cell: FlatCell, ctx: TypeContext): TypeResult {
  const { tokens, badAt } = tokenize(cell, TOKENS);
  if (badAt !== undefined) throw new CellError(`unexpected character '${cell.text[badAt]}'`, badAt);
  if (tokens.length === 0) throw new CellError("empty type", 0);
  const ts = new TokenStream(tokens);
  const type = parseUnion(ts, cell, ctx, 0);
  if (!ts.done) throw new CellError(`unexpected '${ts.peek()!.value}' after the type`, ts.offset);
  const nullMark = type.kind === "null" || (type.kind === "union" && type.members.some((m) => m.kind === "null"));
  return { type, optionalMark: false, nullMark };
}

function parseUnion(ts: TokenStream, cell: FlatCell, ctx: TypeContext, depth: number): TypeRef {
  if (depth > MAX_DEPTH) throw new CellError(`type nested deeper than ${MAX_DEPTH} levels`, ts.offset);
  ts.eat("|"); // a leading `|` is allowed in TypeScript
  const members = [parsePostfix(ts, cell, ctx, depth)];
  while (ts.eat("|")) members.push(parsePostfix(ts, cell, ctx, depth));
  if (members.length === 1) return members[0]!;
  const flat: TypeRef[] = [];
  for (const m of members) append(flat, m.kind === "union" ? m.members : [m]);
  return { kind: "union", members: flat };
}

function parsePostfix(ts: TokenStream, cell: FlatCell, ctx: TypeContext, depth: number): TypeRef {
  let type = parsePrimary(ts, cell, ctx, depth);
  while (ts.peek()?.value === "[" && ts.peek(1)?.value === "]") {
    ts.next();
    ts.next();
    type = { kind: "array", items: type };
  }
  return type;
}

function parsePrimary(ts: TokenStream, cell: FlatCell, ctx: TypeContext, depth: number): TypeRef {
  const t = ts.next();
  if (!t) throw new CellError("the type ends too early", cell.text.length);
  if (t.kind === "string") return { kind: "literal", value: unescape(t.value) };
  if (t.kind === "number") return { kind: "literal", value: Number(t.value) };
  if (t.kind === "punct") {
    if (t.value === "(") {
      const inner = parseUnion(ts, cell, ctx, depth + 1);
      expect(ts, ")");
      return inner;
    }
    if (t.value === "{") return parseIndexSignature(ts, cell, ctx, depth);
    throw new CellError(`expected a type, found '${t.value}'`, t.start);
  }
  switch (t.value) {
    case "true":
      return { kind: "literal", value: true };
    case "false":
      return { kind: "literal", value: false };
    case "Record": {
      expect(ts, "<");
      const key = ts.next();
      if (!key || key.kind !== "name" || key.value !== "string") {
        throw new CellError("a Record key must be string", key?.start ?? cell.text.length);
      }
      expect(ts, ",");
      const values = parseUnion(ts, cell, ctx, depth + 1);
      expect(ts, ">");
      return { kind: "map", values };
    }
    case "Array": {
      if (ts.peek()?.value !== "<") break;
      ts.next();
      const items = parseUnion(ts, cell, ctx, depth + 1);
      expect(ts, ">");
      return { kind: "array", items };
    }
  }
  if (STREAMS.has(t.value) && ts.peek()?.value === "<") {
    ts.next();
    const inner = ts.next();
    if (!inner || inner.value !== "Uint8Array") throw new CellError(`expected 'Uint8Array' in ${t.value}<…>`, inner?.start ?? cell.text.length);
    expect(ts, ">");
    return { kind: "binary" };
  }
  return named(t, cell, ctx);
}

/** `{ [k: string]: T }`: a map. The opening brace is already read. */
function parseIndexSignature(ts: TokenStream, cell: FlatCell, ctx: TypeContext, depth: number): TypeRef {
  expect(ts, "[");
  const key = ts.next();
  if (!key || key.kind !== "name") throw new CellError("expected an index signature `[k: string]`", key?.start ?? cell.text.length);
  expect(ts, ":");
  const keyType = ts.next();
  if (!keyType || keyType.value !== "string") throw new CellError("an index signature key must be string", keyType?.start ?? cell.text.length);
  expect(ts, "]");
  expect(ts, ":");
  const values = parseUnion(ts, cell, ctx, depth + 1);
  ts.eat(";");
  expect(ts, "}");
  return { kind: "map", values };
}

/** The page Speakeasy's TypeScript docs link for their date-only type (`RFCDate`). */
const RFCDATE_PAGE = /(?:^|\/)rfcdate\.md(?:[#?].*)?$/i;

/** A type name: a built-in, a linked model, an SDK runtime type, or a model named without a link. */
function named(t: Token, cell: FlatCell, ctx: TypeContext): TypeRef {
  const link = t.link >= 0 ? cell.links[t.link] : undefined;
  // The SDK's date-only type, documented on `types/rfcdate.md`: newer docs label that link
  // `Date`, which would otherwise read as a date-time (the example cells show `2024-01-15`).
  if (link && RFCDATE_PAGE.test(link.url)) return { kind: "date" };
  // Built-in names win over their links: `[Date](MDN)`, `[RFCDate](../../types/rfcdate.md)`.
  const scalar = SCALARS[t.value];
  if (scalar) return { kind: scalar };
  return linkedOrDotted(t, link, ctx, "TypeScript");
}


/** The text of a string literal's content, with `\"`, `\\`, `\n` … decoded. */
function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" } as Record<string, string>)[c] ?? c;
  });
}

/**
 * The values of a ```` ```typescript ```` `## Values` block: a union of string or number
 * literals, `"a" | "b"`, `301 | 302`, or one literal. Anything else is a CellError.
 */
export function typeScriptEnumValues(code: string, lang: string | undefined): { values: (string | number)[]; open: boolean } {
  if (lang !== undefined && !/^(typescript|ts)$/i.test(lang)) throw new CellError(`a '${lang}' code block is not a TypeScript literal union`, 0);
  const values: (string | number)[] = [];
  let open = false;
  let i = 0;
  const skip = () => {
    for (;;) {
      while (i < code.length && /\s/.test(code[i]!)) i++;
      if (code.startsWith("//", i)) {
        while (i < code.length && code[i] !== "\n") i++;
      } else if (code.startsWith("/*", i)) {
        const end = code.indexOf("*/", i + 2);
        if (end < 0) throw new CellError("unclosed comment", i);
        i = end + 2;
      } else return;
    }
  };
  skip();
  if (code[i] === "|") i++;
  for (;;) {
    skip();
    const c = code[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < code.length && code[j] !== c && code[j] !== "\n") j += code[j] === "\\" ? 2 : 1;
      if (code[j] !== c) throw new CellError("unterminated string literal", i);
      values.push(unescape(code.slice(i + 1, j)));
      i = j + 1;
    } else if (UNRECOGNIZED.test(code.slice(i, i + 30))) {
      // The open enum's branded type for values the SDK does not list.
      open = true;
      i += UNRECOGNIZED.exec(code.slice(i, i + 30))![0].length;
    } else {
      const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?(?![\w.])/.exec(code.slice(i));
      if (!m) throw new CellError(i < code.length ? `expected a string or number literal, found '${code.slice(i, i + 20).split("\n")[0]}'` : "expected a literal", i);
      values.push(Number(m[0]));
      i += m[0].length;
    }
    skip();
    if (i >= code.length) break;
    if (code[i] !== "|") throw new CellError(`expected '|' between literals, found '${code[i]}'`, i);
    i++;
  }
  if (values.length === 0) throw new CellError("the code block lists no values", 0);
  return { values, open };
}

/** `Unrecognized<string>` (or `<number>`): how newer TypeScript docs end an open enum's union. */
const UNRECOGNIZED = /^Unrecognized\s*<\s*(?:string|number)\s*>/;

const TS_LOOK =
  /^(?:(?:string|number|boolean|any|unknown|bigint|Decimal|(?:models|shared|operations|components|errors)\.[A-Za-z_$][\w$]*)(?:\[\])*|Record<.*|Array<.*|ReadableStream<.*|.*\S\[\])$/;

export const typescript: Dialect = {
  name: "typescript",
  parseType: parseTypeScriptType,
  enumValuesFromCode: typeScriptEnumValues,
  // TypeScript docs show no nullability (DIALECTS.md 2.7); the SDKs send and accept null for
  // optional fields, so an optional field accepts null, a required one only when its cell says
  // `| null` (README, "Required vs nullable").
  nullable: (required, result) => !required || result.nullMark,
  assumesNull: (required, result) => !required && !result.nullMark,
  // Every word TypeScript docs write, shared ones too (`string`, `models.X`): a cell that reads
  // equally well in several dialects abstains, and only `number`, a `[]` suffix or `Record<` decide.
  looksLike: (text) => TS_LOOK.test(text.trim()),
};
