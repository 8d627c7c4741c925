import type { TypeRef } from "../ir/types.js";
import { CellError, type FlatCell, type Token, type TokenStream } from "./cell.js";
import type { Dialect, TypeContext, TypeResult } from "./dialect.js";
import { expectPunct as expect } from "./grammar.js";
import { embed, RUBY_EXTERNAL as EXTERNAL, RUBY_HASH_KEY, RUBY_MODEL_NAME, RUBY_SCALARS, RUBY_SWAPPED_DATES, readRubyCell, RubyLinkReader, type RubyParsed } from "./ruby.js";

/**
 * Ruby SDK docs with Sorbet types (Speakeasy, 2024):
 *   *::String*  *::Integer*  *::Float*  *T::Boolean*  *::Object*  *Date*  *DateTime*
 *   *T.nilable(X)*  T::Array<X>  T::Hash[Symbol, X]  T.any(X, Y)
 *   [::Vendor::Shared::Model](../../models/shared/model.md)   [Faraday::Response](https://…)
 *   [Date](https://ruby-doc.org/…/Date.html) (later docs: a date or a date-time, as in Crystalline)
 * `T.nilable` marks every optional field; nullability itself is not written (see README).
 *
 * A link may wrap a whole expression, `[T.nilable(Models::Shared::Type)](L)`: the type is the
 * linked doc, and the link's text is read as a type too, its model names found by name, and kept
 * as what the cell `describes` about that doc. Some generator versions write a union's doc as a
 * bare `# Title` and name its members only there, in Sorbet's own syntax:
 * `[T.nilable(T.any(::String, ::Float, Models::Shared::X, T::Array[::Object]))](L)` (so
 * `T::Array[X]` is read as well as the docs' usual `T::Array<X>`).
 */

const SCALARS: Record<string, TypeRef> = {
  ...RUBY_SCALARS,
  "T::Boolean": { kind: "boolean" },
  "T.untyped": { kind: "any" },
};

const MAX_DEPTH = 64;

class SorbetParser extends RubyLinkReader {
  constructor(
    private readonly cell: FlatCell,
    private readonly ctx: TypeContext | undefined,
  ) {
    super();
  }

  /** `inLink`: inside a link's text, where model names are found by name. */
  expr(ts: TokenStream, depth: number, inLink: boolean): RubyParsed {
    if (depth > MAX_DEPTH) throw new CellError(`type nested deeper than ${MAX_DEPTH} levels`, ts.offset);
    const first = ts.peek();
    if (!first) throw new CellError("the type ends too early", this.cell.text.length);
    const link = first.link >= 0 ? this.cell.links[first.link] : undefined;
    if (!inLink && link?.target !== undefined) return this.linked(ts, link.target, depth);
    const t = ts.next()!;
    if (t.kind !== "name") throw new CellError(`expected a type, found '${t.value}'`, t.start);
    switch (t.value) {
      case "T.nilable": {
        expect(ts, "(");
        const inner = this.expr(ts, depth + 1, inLink);
        expect(ts, ")");
        return { type: embed(inner), nil: true };
      }
      case "T::Array": {
        // `T::Array<X>` in the docs' own cells, Sorbet's `T::Array[X]` inside link text.
        const close = ts.eat("[") ? "]" : (expect(ts, "<"), ">");
        const items = embed(this.expr(ts, depth + 1, inLink));
        expect(ts, close);
        return { type: { kind: "array", items }, nil: false };
      }
      case "T::Hash": {
        expect(ts, "[");
        const key = ts.next();
        if (!key || key.kind !== "name" || !RUBY_HASH_KEY.test(key.value)) {
          throw new CellError("a T::Hash key must be Symbol or String", key?.start ?? this.cell.text.length);
        }
        expect(ts, ",");
        const values = embed(this.expr(ts, depth + 1, inLink));
        expect(ts, "]");
        return { type: { kind: "map", values }, nil: false };
      }
      case "T.any": {
        expect(ts, "(");
        const members = [embed(this.expr(ts, depth + 1, inLink))];
        while (ts.eat(",")) members.push(embed(this.expr(ts, depth + 1, inLink)));
        expect(ts, ")");
        return { type: { kind: "union", members }, nil: false };
      }
    }
    return { type: this.name(t, inLink), nil: false };
  }

  /** A name that is not a constructor: a scalar, an SDK class, or (inside link text) a model. */
  private name(t: Token, inLink: boolean): TypeRef {
    const link = t.link >= 0 ? this.cell.links[t.link] : undefined;
    // `[Date](https://ruby-doc.org/…)`: the linked labels of the Crystalline era, swapped (see there).
    const swapped = link && !link.target ? RUBY_SWAPPED_DATES[t.value] : undefined;
    if (swapped) return structuredClone(swapped);
    const scalar = SCALARS[t.value];
    if (scalar) return { ...scalar };
    if (EXTERNAL.test(t.value) || link?.target === undefined && link) return { kind: "external", name: t.value.replace(/^::/, "") };
    if (inLink && RUBY_MODEL_NAME.test(t.value)) {
      const doc = this.ctx?.byName(t.value);
      if (doc !== undefined) return { kind: "ref", target: doc };
      // The link says which doc this is; the name only describes it.
      this.unresolved = true;
      return { kind: "any" };
    }
    throw new CellError(`unknown type '${t.value}' (not a Sorbet type, and not a link to a doc)`, t.start);
  }

  protected linkText(ts: TokenStream, depth: number): RubyParsed {
    return this.expr(ts, depth, true);
  }
}

export function parseSorbetType(cell: FlatCell, ctx?: TypeContext): TypeResult {
  const parser = new SorbetParser(cell, ctx);
  return readRubyCell(cell, parser, (ts) => parser.expr(ts, 0, false));
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
