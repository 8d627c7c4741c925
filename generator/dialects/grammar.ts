import type { TypeRef } from "../ir/types.js";
import { CellError, type TokenStream } from "./cell.js";

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
