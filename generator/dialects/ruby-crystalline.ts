import type { TypeRef } from "../ir/types.js";
import { CellError, type FlatCell, type Token, type TokenStream } from "./cell.js";
import type { Dialect, TypeContext, TypeResult } from "./dialect.js";
import { expectPunct as expect } from "./grammar.js";
import { embed, RUBY_EXTERNAL, RUBY_HASH_KEY, RUBY_MODEL_NAME, RUBY_SCALARS, RUBY_SWAPPED_DATES, readRubyCell, RubyLinkReader, type RubyParsed } from "./ruby.js";

/**
 * Ruby SDK docs with Crystalline types (Speakeasy, 2025 on):
 *   *::String*  *::Integer*  *::Float*  *Crystalline::Boolean.new*  *::Object*
 *   *Crystalline::Nilable.new(X)*  Crystalline::Array<X>  Crystalline::Hash[Symbol, X]
 *   Crystalline::Union.new(A, B, …)  [Models::Components::X](../../models/shared/x.md)
 *   [Faraday::Response](https://…)  [Date](https://…)  [DateTime](https://…)
 *
 * A link wraps a whole expression (`[Crystalline::Nilable.new(Models::Components::X)](L)`) or sits
 * inside one (`Crystalline::Array<[Models::Components::X](L)>`). The type is the linked doc; the
 * link's text is read as a type too, its model names resolved by name, and kept as what the cell
 * `describes` about that doc: for unions the linked doc is only a `# Title` and the members are
 * named only here (`[Crystalline::Union.new(A, B)](L)`).
 *
 * `Nilable` means "may be nil": it marks optional cells and required-nullable ones alike.
 * `[Date]` / `[DateTime]` labels are swapped relative to the API spec (README), so either reads as
 * "a date or a date-time".
 */

const SCALARS: Record<string, TypeRef> = { ...RUBY_SCALARS, "Crystalline::Boolean.new": { kind: "boolean" } };

/** Date labels the docs swap: read as "date or date-time", the label's own kind first. */
const DATES = RUBY_SWAPPED_DATES;

const NILABLE = "Crystalline::Nilable.new";
const UNION = "Crystalline::Union.new";
const MAX_DEPTH = 64;

/** How model names are read: by their link (outside link text), or by name (inside it). */
interface Mode {
  /** Inside a link's text: names are resolved by name. */
  inLink: boolean;
  /** A union member: a name that resolves to no doc is an error, not a guess. */
  member: boolean;
}

class CrystallineParser extends RubyLinkReader {
  constructor(
    private readonly cell: FlatCell,
    private readonly ctx: TypeContext,
  ) {
    super();
  }

  expr(ts: TokenStream, depth: number, mode: Mode): RubyParsed {
    if (depth > MAX_DEPTH) throw new CellError(`type nested deeper than ${MAX_DEPTH} levels`, ts.offset);
    const first = ts.peek();
    if (!first) throw new CellError("the type ends too early", this.cell.text.length);
    const link = first.link >= 0 ? this.cell.links[first.link] : undefined;
    if (!mode.inLink && link?.target !== undefined) return this.linked(ts, link.target, depth);
    const t = ts.next()!;
    if (t.kind !== "name") throw new CellError(`expected a type, found '${t.value}'`, t.start);
    switch (t.value) {
      case NILABLE: {
        expect(ts, "(");
        const inner = this.expr(ts, depth + 1, mode);
        expect(ts, ")");
        return { type: embed(inner), nil: true };
      }
      case "Crystalline::Array": {
        expect(ts, "<");
        const items = embed(this.expr(ts, depth + 1, { ...mode, member: false }));
        expect(ts, ">");
        return { type: { kind: "array", items }, nil: false };
      }
      case "Crystalline::Hash": {
        expect(ts, "[");
        const key = ts.next();
        if (!key || key.kind !== "name" || !RUBY_HASH_KEY.test(key.value)) {
          throw new CellError("a Crystalline::Hash key must be Symbol or String", key?.start ?? this.cell.text.length);
        }
        expect(ts, ",");
        const values = embed(this.expr(ts, depth + 1, { ...mode, member: false }));
        expect(ts, "]");
        return { type: { kind: "map", values }, nil: false };
      }
      case UNION: {
        expect(ts, "(");
        const members = [embed(this.expr(ts, depth + 1, { ...mode, member: true }))];
        while (ts.eat(",")) members.push(embed(this.expr(ts, depth + 1, { ...mode, member: true })));
        expect(ts, ")");
        return { type: { kind: "union", members }, nil: false };
      }
    }
    return { type: this.name(t, mode), nil: false };
  }

  /** A name that is not a constructor: a scalar, an SDK class, or a model. */
  private name(t: Token, mode: Mode): TypeRef {
    const link = t.link >= 0 ? this.cell.links[t.link] : undefined;
    const date = DATES[t.value];
    if (date) return structuredClone(date);
    const scalar = SCALARS[t.value];
    if (scalar) return { ...scalar };
    if (RUBY_EXTERNAL.test(t.value)) return { kind: "external", name: t.value.replace(/^::/, "") };
    // Linked to a page that is not a doc (an absolute URL): an SDK class with no JSON shape.
    if (link && link.target === undefined && !mode.inLink) return { kind: "external", name: t.value.replace(/^::/, "") };
    if (!RUBY_MODEL_NAME.test(t.value)) {
      throw new CellError(`unknown type '${t.value}' (not a Crystalline type, and not a model name)`, t.start);
    }
    const doc = this.ctx.byName(t.value);
    if (doc !== undefined) return { kind: "ref", target: doc };
    if (mode.inLink && !mode.member) {
      // The link says which doc this is; the name only describes it.
      this.unresolved = true;
      return { kind: "any" };
    }
    throw new CellError(`unknown type '${t.value}' (no doc has that name${mode.inLink ? "; union members are found by name" : ", and it has no link"})`, t.start);
  }

  protected linkText(ts: TokenStream, depth: number): RubyParsed {
    return this.expr(ts, depth, { inLink: true, member: false });
  }
}

export function parseCrystallineType(cell: FlatCell, ctx: TypeContext): TypeResult {
  const parser = new CrystallineParser(cell, ctx);
  return readRubyCell(cell, parser, (ts) => parser.expr(ts, 0, { inLink: false, member: false }));
}

export const rubyCrystalline: Dialect = {
  name: "ruby-crystalline",
  parseType: parseCrystallineType,
  // Nilable is written on optional cells and on required-nullable ones alike, and never on
  // arrays, hashes or dates: so an optional field accepts null (as in Sorbet), and a required one
  // only where its Type shows Nilable.
  nullable: (required, result) => !required || result.nullMark,
  assumesNull: (required) => !required,
  // Crystalline's own vocabulary, plus the plain Ruby scalars it shares with Sorbet: a doc of
  // only `*::String*` cells ties between the two and does not vote.
  looksLike: (text) => /Crystalline::|(^|[^\w:])Models::[A-Z]\w*::[A-Z]/.test(text) || /^\*?::[A-Z]/.test(text.trim()),
};
