import type { TypeRef } from "../ir/types.js";
import { CellError, type FlatCell, TokenStream, tokenize } from "./cell.js";
import type { Dialect, TypeContext, TypeResult } from "./dialect.js";
import { expectPunct as expect, nullableOf } from "./grammar.js";
import { RUBY_EXTERNAL as EXTERNAL, RUBY_HASH_KEY, RUBY_SCALARS, RUBY_SWAPPED_DATES, RUBY_TOKENS as TOKENS } from "./ruby.js";

/**
 * Ruby SDK docs with Sorbet types (Speakeasy, 2024):
 *   *::String*  *::Integer*  *::Float*  *T::Boolean*  *::Object*  *Date*  *DateTime*
 *   *T.nilable(X)*  T::Array<X>  T::Hash[Symbol, X]  T.any(X, Y)
 *   [::Vendor::Shared::Model](../../models/shared/model.md)   [Faraday::Response](https://…)
 *   [Date](https://ruby-doc.org/…/Date.html) (later docs: a date or a date-time, as in Crystalline)
 * `T.nilable` marks every optional field; nullability itself is not written (see README).
 */

const SCALARS: Record<string, TypeRef> = {
  ...RUBY_SCALARS,
  "T::Boolean": { kind: "boolean" },
  "T.untyped": { kind: "any" },
};

export function parseSorbetType(cell: FlatCell, _ctx?: TypeContext): TypeResult {
  const { tokens, badAt } = tokenize(cell, TOKENS);
  if (badAt !== undefined) throw new CellError(`unexpected character '${cell.text[badAt]}'`, badAt);
  if (tokens.length === 0) throw new CellError("empty type", 0);
  const ts = new TokenStream(tokens);
  let optionalMark = false;
  // An outer T.nilable is the optional marker; inner ones make the inner type nullable.
  let type: TypeRef;
  if (ts.peek()?.value === "T.nilable") {
    ts.next();
    optionalMark = true;
    expect(ts, "(");
    type = parseType(ts, cell, 0);
    expect(ts, ")");
  } else {
    type = parseType(ts, cell, 0);
  }
  if (!ts.done) throw new CellError(`unexpected '${ts.peek()!.value}' after the type`, ts.offset);
  return { type, optionalMark, nullMark: optionalMark };
}

const MAX_DEPTH = 64;

function parseType(ts: TokenStream, cell: FlatCell, depth: number): TypeRef {
  if (depth > MAX_DEPTH) throw new CellError(`type nested deeper than ${MAX_DEPTH} levels`, ts.offset);
  const t = ts.next();
  if (!t) throw new CellError("the type ends too early", cell.text.length);
  if (t.kind !== "name") throw new CellError(`expected a type, found '${t.value}'`, t.start);
  switch (t.value) {
    case "T.nilable": {
      expect(ts, "(");
      const inner = parseType(ts, cell, depth + 1);
      expect(ts, ")");
      return nullableOf(inner);
    }
    case "T::Array": {
      expect(ts, "<");
      const items = parseType(ts, cell, depth + 1);
      expect(ts, ">");
      return { kind: "array", items };
    }
    case "T::Hash": {
      expect(ts, "[");
      const key = ts.next();
      if (!key || key.kind !== "name" || !RUBY_HASH_KEY.test(key.value)) {
        throw new CellError("a T::Hash key must be Symbol or String", key?.start ?? cell.text.length);
      }
      expect(ts, ",");
      const values = parseType(ts, cell, depth + 1);
      expect(ts, "]");
      return { kind: "map", values };
    }
    case "T.any": {
      expect(ts, "(");
      const members = [parseType(ts, cell, depth + 1)];
      while (ts.eat(",")) members.push(parseType(ts, cell, depth + 1));
      expect(ts, ")");
      return { kind: "union", members };
    }
  }
  const scalar = SCALARS[t.value];
  const link = t.link >= 0 ? cell.links[t.link] : undefined;
  // `[Date](https://ruby-doc.org/…)`: the linked labels of the Crystalline era, swapped (see there).
  const swapped = link && !link.target ? RUBY_SWAPPED_DATES[t.value] : undefined;
  if (swapped) return structuredClone(swapped);
  if (scalar && !link?.target) return { ...scalar };
  if (link?.target) return { kind: "ref", target: link.target };
  if (EXTERNAL.test(t.value)) return { kind: "external", name: t.value.replace(/^::/, "") };
  if (link) return { kind: "external", name: t.value.replace(/^::/, "") };
  throw new CellError(`unknown type '${t.value}' (not a Sorbet type, and not a link to a doc)`, t.start);
}

export const rubySorbet: Dialect = {
  name: "ruby-sorbet",
  parseType: parseSorbetType,
  // The Ruby SDK makes every optional field nilable and the API sends null for them, so an
  // optional field accepts null; a required one only where its Type shows T.nilable.
  nullable: (required, result) => !required || result.nullMark,
  // Every optional field is T.nilable: the docs cannot say whether the API sends null.
  assumesNull: (required) => !required,
  looksLike: (text) => /(^|[^A-Za-z])T(\.nilable\(|::(Array<|Hash\[|Boolean))/.test(text) || /^\*?::[A-Z]/.test(text.trim()) && !/Crystalline::/.test(text),
};
