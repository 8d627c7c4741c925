import type { TypeRef } from "../ir/types.js";
import { CellError, type FlatCell, readAt } from "./cell.js";
import type { Dialect, TypeContext, TypeResult } from "./dialect.js";
import { nullableOf, unionDocOfLink } from "./grammar.js";
import { MAX_DEPTH, type Syntax, arity, linkOf, parseSyntax, textOf } from "./typeexpr.js";

/**
 * PHP SDK docs (Speakeasy):
 *   *string*  *int*  *float*  *bool*  *mixed*   *?string* (a `?` marks optional fields)
 *   array<T> (a list)   array<string, T> (a map)
 *   [Components\X](../../Models/Components/X.md)   [?Components\X](…)
 *   [Components\A\|Components\B\|null](…/Union.md)  an inline union: the link goes to the union's
 *     doc, so each member is looked up by its name (`Components\A`), and `null` makes it nullable
 *   [string\|Components\A](…/Union.md)  scalars and at most one model: the union's doc as a whole
 *   [\DateTime](https://www.php.net/…)  for dates and date-times alike
 *   [\Psr\Http\Message\ResponseInterface](https://www.php-fig.org/…)
 * Union docs: `## Supported Types` with one `` ### `Components\X` `` per member (a member may be
 * itself an `A|B` union), and under it a php block whose docblock gives the member's full type,
 * `@var array<string, mixed>`, where the heading may say only `array`: the docblock is read.
 * Docblocks write model names fully qualified (`\Vendor\Models\Shared\X`): found by name.
 */

const SCALARS: Record<string, TypeRef> = {
  string: { kind: "string" },
  int: { kind: "integer" },
  float: { kind: "number" },
  bool: { kind: "boolean" },
  mixed: { kind: "any" },
  null: { kind: "null" },
  // \DateTime stands for both `format: date` and `format: date-time` in these docs.
  "\\DateTime": { kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] },
  "\\DateTimeInterface": { kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] },
  "\\DateTimeImmutable": { kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] },
  "\\Brick\\DateTime\\LocalDate": { kind: "date" },
  "\\Brick\\Math\\BigInteger": { kind: "bigint" },
  "\\Brick\\Math\\BigDecimal": { kind: "decimal" },
  "\\Psr\\Http\\Message\\StreamInterface": { kind: "binary" },
};

/** SDK runtime types with no JSON shape. */
const EXTERNAL = new Set(["\\Psr\\Http\\Message\\ResponseInterface", "\\Psr\\Http\\Message\\RequestInterface"]);

const SYNTAX = { nameStart: /[A-Za-z_\\]/, nameChar: /[A-Za-z0-9_\\]/, union: true, prefixNullable: true };

/** A model name: namespaced (`Components\X`) without the leading `\` that built-in classes have. */
const MODEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\\[A-Za-z_][A-Za-z0-9_]*)+$/;
/** A fully qualified class name (`\Vendor\Models\Shared\X`): a model when a doc has its name. */
const QUALIFIED = /^(\\[A-Za-z_][A-Za-z0-9_]*){2,}$/;

export function parsePhpType(cell: FlatCell, ctx?: TypeContext): TypeResult {
  let node = parseSyntax(cell, SYNTAX);
  let optionalMark = false;
  let nullMark = false;
  if (node.kind === "nullable") {
    optionalMark = true;
    nullMark = true;
    node = node.inner;
  }
  if (node.kind === "union") {
    const members = node.members.filter((m) => !(m.kind === "name" && m.name === "null" && !m.args));
    if (members.length < node.members.length) nullMark = true;
    if (members.length === 0) throw new CellError("a union of null alone", node.start);
    const type = members.length === 1 ? toType(members[0]!, cell, ctx, 1) : union(members, node, cell, ctx, 1);
    return { type, optionalMark, nullMark };
  }
  return { type: toType(node, cell, ctx, 0), optionalMark, nullMark };
}

function toType(node: Syntax, cell: FlatCell, ctx: TypeContext | undefined, depth: number): TypeRef {
  if (depth > MAX_DEPTH) throw new CellError(`type nested deeper than ${MAX_DEPTH} levels`, node.start);
  switch (node.kind) {
    case "array":
      return { kind: "array", items: toType(node.items, cell, ctx, depth + 1) };
    case "nullable":
      return { kind: "union", members: [toType(node.inner, cell, ctx, depth + 1), { kind: "null" }] };
    case "union":
      return union(node.members, node, cell, ctx, depth + 1);
    case "name":
      break;
  }
  const link = linkOf(cell, node.token);
  if (node.args) {
    if (node.name === "array" || node.name === "list") {
      if (node.args.length === 1) return { kind: "array", items: toType(node.args[0]!, cell, ctx, depth + 1) };
      const [key, values] = arity(node, 2, "an item type, or key and value types");
      const keyName = key!.kind === "name" && !key!.args ? key!.name : "";
      if (keyName === "string" && node.name === "array") return { kind: "map", values: toType(values!, cell, ctx, depth + 1) };
      if (keyName === "int") return { kind: "array", items: toType(values!, cell, ctx, depth + 1) };
      throw new CellError(`an array key must be string or int, found '${textOf(cell, key!)}'`, key!.start);
    }
    throw new CellError(`unknown generic type '${node.name}' (not array<…>)`, node.start);
  }
  // A link to a doc wins over the built-in names.
  if (link?.target) return { kind: "ref", target: link.target };
  const scalar = SCALARS[node.name];
  if (scalar) return structuredClone(scalar);
  if (EXTERNAL.has(node.name) || (link && node.name.startsWith("\\"))) return { kind: "external", name: node.name };
  if (MODEL_NAME.test(node.name)) return byName(node.name, node, ctx);
  const qualified = QUALIFIED.test(node.name) ? ctx?.byName(node.name.slice(1)) : undefined;
  if (qualified) return { kind: "ref", target: qualified };
  throw new CellError(`unknown type '${node.name}' (not a PHP type, ${QUALIFIED.test(node.name) ? "no doc has its name, " : ""}and not a link to a doc)`, node.start);
}

/**
 * `A|B|…`. When the members share one link (`[Components\A\|Components\B](…/Union.md)`), that
 * link goes to the union's own doc, not to a member: each member is found by its name.
 */
function union(members: readonly Syntax[], node: Syntax, cell: FlatCell, ctx: TypeContext | undefined, depth: number): TypeRef {
  // A member's model name, when a link covers it (`?Components\A` too: the `?` makes it nullable).
  const linkedName = (m: Syntax): string | undefined => {
    if (m.kind === "nullable") return linkedName(m.inner);
    return m.kind === "name" && !m.args && linkOf(cell, m.token) !== undefined && MODEL_NAME.test(m.name) ? m.name : undefined;
  };
  const names = members.map(linkedName).filter((n) => n !== undefined);
  const viaName = names.length >= 2;
  // With fewer model names, one link covering every member may be the union's own doc.
  const whole = viaName ? undefined : unionDocOfLink(sharedLink(members, cell), names);
  if (whole !== undefined) return { kind: "ref", target: whole };
  const types = members.map((m): TypeRef => {
    // Beside a linked model, a scalar under the same link is that scalar, not the model.
    if (names.length > 0 && m.kind === "name" && !m.args && SCALARS[m.name]) return structuredClone(SCALARS[m.name]!);
    const name = viaName ? linkedName(m) : undefined;
    if (name === undefined) return toType(m, cell, ctx, depth + 1);
    const ref = byName(name, m, ctx);
    return m.kind === "nullable" ? { kind: "union", members: [ref, { kind: "null" }] } : ref;
  });
  if (types.length < 2) throw new CellError("a union needs two members", node.start);
  return { kind: "union", members: types };
}

/** The doc of the one link that covers every member's name, if there is one. */
function sharedLink(members: readonly Syntax[], cell: FlatCell): string | undefined {
  let link: number | undefined;
  for (const m of members) {
    const named = m.kind === "nullable" ? m.inner : m;
    if (named.kind !== "name" || named.args || named.token.link < 0 || (link !== undefined && named.token.link !== link)) return undefined;
    link = named.token.link;
  }
  return link === undefined ? undefined : cell.links[link]?.target;
}

function byName(name: string, node: Syntax, ctx: TypeContext | undefined): TypeRef {
  const target = ctx?.byName(name);
  if (!target) throw new CellError(`no doc is named '${name.slice(name.lastIndexOf("\\") + 1)}' (or several are) for the member '${name}'`, node.start);
  return { kind: "ref", target };
}

/**
 * A union member's type from the php block under its heading: the docblock's `@var` type (the
 * heading may be only `array`), else the declared type. A `?` or `|null` makes it nullable.
 */
export function phpMemberFromCode(code: string, lang: string | undefined, ctx: TypeContext): TypeRef {
  if (lang !== undefined && lang !== "php") throw new CellError(`a '${lang}' code block is not PHP`, 0);
  // The docblock's type, else (docs without a docblock) the declaration's: `Components\X $value = …`.
  const m = /@var[ \t]+([^\s*][^\n]*?)[ \t]*(?:\*\/)?[ \t]*$/m.exec(code) ?? /^[ \t]*([^\s$][^$\n]*?)[ \t]+\$\w+[ \t]*=/m.exec(code);
  if (!m) throw new CellError("expected `@var <type>` or `<type> $value = …`", 0);
  const start = m.index + m[0].indexOf(m[1]!);
  const r = readAt(m[1]!, start, (cell) => parsePhpType(cell, ctx));
  return r.nullMark ? nullableOf(r.type) : r.type;
}

const VOCABULARY = /^(?:\??(?:string|int|float|bool|mixed)$|(?:array|list)<|\??\\[A-Z]|\??[A-Za-z_]\w*\\\w)/;

export const php: Dialect = {
  name: "php",
  parseType: parsePhpType,
  memberFromCode: phpMemberFromCode,
  // `?` is written on optional fields (the SDK property is nullable); required nullable fields
  // show nothing. So an optional field may be null, a required one only with `|null` or `?`.
  nullable: (required, r) => !required || r.nullMark,
  // `?` comes with optionality; only `|null` on an optional field says null on purpose.
  assumesNull: (required, r) => !required && (r.optionalMark || !r.nullMark),
  looksLike: (text) => VOCABULARY.test(text.trim()),
};
