import type { TypeRef } from "../ir/types.js";
import { CellError, type FlatCell, TokenStream, tokenize } from "./cell.js";
import type { LinkedType, TypeResult } from "./dialect.js";
import { nullableOf } from "./grammar.js";

/**
 * What the two Ruby dialects (Sorbet, Crystalline) share: Ruby's core classes as scalars, the SDK
 * runtime classes that have no JSON shape, and the tokeniser settings for `::`-paths.
 */

/** Ruby core classes, with or without the leading `::`. */
export const RUBY_SCALARS: Readonly<Record<string, TypeRef>> = {
  "::String": { kind: "string" },
  String: { kind: "string" },
  "::Integer": { kind: "integer" },
  Integer: { kind: "integer" },
  "::Float": { kind: "number" },
  Float: { kind: "number" },
  "::Numeric": { kind: "number" },
  "::BigDecimal": { kind: "decimal" },
  BigDecimal: { kind: "decimal" },
  "::Object": { kind: "any" },
  Object: { kind: "any" },
  "::NilClass": { kind: "null" },
  NilClass: { kind: "null" },
  "::Date": { kind: "date" },
  Date: { kind: "date" },
  "::DateTime": { kind: "datetime" },
  DateTime: { kind: "datetime" },
  "::Time": { kind: "datetime" },
  Time: { kind: "datetime" },
};

/**
 * Date labels the generator swaps relative to the API spec (README, "Dates"): read as "a date or
 * a date-time", the label's own kind first. Every Crystalline date cell, and a Sorbet-style one
 * when it is linked to Ruby's class page (`[Date](https://ruby-doc.org/…/Date.html)`: docs of the
 * same generator era, between the two styles).
 */
export const RUBY_SWAPPED_DATES: Readonly<Record<string, TypeRef>> = {
  Date: { kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] },
  "::Date": { kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] },
  DateTime: { kind: "union", members: [{ kind: "datetime" }, { kind: "date" }] },
  "::DateTime": { kind: "union", members: [{ kind: "datetime" }, { kind: "date" }] },
};

/** SDK runtime classes that have no JSON shape (the HTTP response object, IO). */
export const RUBY_EXTERNAL = /^(::)?(Faraday|Net::HTTP|StringIO|IO|Tempfile|File)(::|$)/;

/** Tokeniser settings: names are `::`/`.` paths (`::Foo::Bar`, `T.nilable`, `Crystalline::Nilable.new`). */
export const RUBY_TOKENS = { nameStart: /[A-Za-z_:]/, nameChar: /[A-Za-z0-9_:.]/, punct: "()<>[]," };

/** A hash key type both Ruby dialects accept: JSON object keys. */
export const RUBY_HASH_KEY = /^(::)?(Symbol|String)$/;

/** A Ruby constant path that can name a model: `Models::Shared::X`, `::Vendor::Shared::X`. */
export const RUBY_MODEL_NAME = /^(::)?[A-Z]\w*(::[A-Z]\w*)*$/;

/** A parsed expression; `nil` when its outermost constructor is the dialect's nilable one. */
export interface RubyParsed {
  type: TypeRef;
  nil: boolean;
}

/** A nested expression: an inner nilable makes it accept null. */
export function embed(p: RubyParsed): TypeRef {
  return p.nil ? nullableOf(p.type) : p.type;
}

/**
 * What both Ruby grammars do with a link around an expression, `[Nilable(Union(A, B))](L)`: the
 * type is the doc at L; the link's text, read with its model names found by name, is kept as what
 * the cell `describes` about L, unless a name in it resolves to no doc (`unresolved`).
 */
export abstract class RubyLinkReader {
  readonly describes: LinkedType[] = [];
  /** Set when a model name inside link text resolves to no doc: the link's description is dropped. */
  protected unresolved = false;

  /** Read a link's text (its model names found by name). */
  protected abstract linkText(ts: TokenStream, depth: number): RubyParsed;

  protected linked(ts: TokenStream, target: string, depth: number): RubyParsed {
    const sub = ts.linkSpan();
    this.unresolved = false;
    const inner = this.linkText(sub, depth + 1);
    if (!sub.done) throw new CellError(`unexpected '${sub.peek()!.value}' in the link text`, sub.offset);
    if (!this.unresolved) this.describes.push({ target, type: inner.type });
    this.unresolved = false;
    return { type: { kind: "ref", target }, nil: inner.nil };
  }
}

/**
 * A Type cell read whole by one Ruby grammar (`top` reads an expression with `reader`): its outer
 * nilable (`T.nilable`, `Nilable`) is the cell's optional and null mark; inner ones made their part
 * nullable as they were read.
 */
export function readRubyCell(cell: FlatCell, reader: RubyLinkReader, top: (ts: TokenStream) => RubyParsed): TypeResult {
  const { tokens, badAt } = tokenize(cell, RUBY_TOKENS);
  if (badAt !== undefined) throw new CellError(`unexpected character '${cell.text[badAt]}'`, badAt);
  if (tokens.length === 0) throw new CellError("empty type", 0);
  const ts = new TokenStream(tokens);
  const parsed = top(ts);
  if (!ts.done) throw new CellError(`unexpected '${ts.peek()!.value}' after the type`, ts.offset);
  return {
    type: parsed.type,
    optionalMark: parsed.nil,
    nullMark: parsed.nil,
    ...(reader.describes.length > 0 ? { describes: reader.describes } : {}),
  };
}
