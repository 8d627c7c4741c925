import type { TypeRef } from "../ir/types.js";
import { type CellLink, CellError, type Token, type TokenStream } from "./cell.js";
import type { TypeContext } from "./dialect.js";

/** Small helpers every recursive-descent Type-cell grammar needs. */

/** `t` or null. */
export function nullableOf(t: TypeRef): TypeRef {
  if (t.kind === "union") {
    return t.members.some((m) => m.kind === "null") ? t : { kind: "union", members: [...t.members, { kind: "null" }] };
  }
  return { kind: "union", members: [t, { kind: "null" }] };
}

/** Consume the punctuation mark `p`, or fail at the token that stands in its place. */
export function expectPunct(ts: TokenStream, p: string): void {
  if (!ts.eat(p)) {
    const t = ts.peek();
    throw new CellError(t ? `expected '${p}', found '${t.value}'` : `expected '${p}' before the end`, ts.offset);
  }
}

/**
 * A type name that is no built-in, in the grammars whose docs name models with a package prefix
 * (Go's `shared.Pet`, TypeScript's `components.Pet`): the doc its link points to; a link out of
 * the docs makes an external type; an unlinked dotted name is the one doc of that name.
 */
export function linkedOrDotted(t: Token, link: CellLink | undefined, ctx: TypeContext, language: string): TypeRef {
  if (link?.target) return { kind: "ref", target: link.target };
  if (link) return { kind: "external", name: t.value };
  if (t.value.includes(".")) {
    const target = ctx.byName(t.value);
    if (target) return { kind: "ref", target };
    throw new CellError(`'${t.value}' is not linked, and no doc (or more than one) has that name`, t.start);
  }
  throw new CellError(`unknown type '${t.value}' (not a ${language} type, and not a link to a doc)`, t.start);
}

/**
 * The doc a union written whole in a link's text stands for, in the grammars whose docs put its
 * members there (Python's `[Optional[Union[Any, shared.Data]]](…/field.md)`, PHP's
 * `[string\|Components\Customer](…/SubscriptionCustomer.md)`): the link's target, the union's own
 * doc, when the text names at most one model and the doc's file is not named after it (a link
 * named after its one model, `[Optional[shared.Card]](…/card.md)`, is that model's). Several
 * models are read by name, as the union's doc would list them, so that the union needs no doc.
 */
export function unionDocOfLink(target: string | undefined, models: readonly string[]): string | undefined {
  if (target === undefined || models.length > 1) return undefined;
  const file = target.slice(target.lastIndexOf("/") + 1).replace(/\.md$/i, "").toLowerCase();
  return models.some((m) => m.split(/\.|::|\\/).pop()!.toLowerCase() === file) ? undefined : target;
}
