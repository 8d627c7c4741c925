import type { TypeRef } from "../ir/types.js";
import { CellError, type FlatCell } from "./cell.js";
import type { Dialect, TypeContext, TypeResult } from "./dialect.js";
import { MAX_DEPTH, type Syntax, arity, linkOf, parseSyntax, textOf } from "./typeexpr.js";

/**
 * C# SDK docs (Speakeasy):
 *   *string*  *long*  *int*  *bool*  *double*  *float*  *object*  *byte[]*
 *   List<T>  Dictionary<String, T>
 *   [X](../../Models/Components/X.md)  [Models.Components.X](…X.md)
 *   [DateTime](https://learn.microsoft.com/…)  [LocalDate](https://nodatime.org/…)
 *   *HttpRequestMessage*  [HttpResponseMessage](https://learn.microsoft.com/…)
 * The docs write no optional or nullable marker at all: Required is the only signal, and a
 * required nullable field looks like a required one. (A `T?` suffix, should a generator write
 * one, is read as nullable.) Unions: `## Supported Types` with one `### MemberName` per member,
 * a bare C# class name that is resolved by name (see `parseMember`).
 */

const SCALARS: Record<string, TypeRef> = {
  string: { kind: "string" },
  int: { kind: "integer" },
  long: { kind: "integer" },
  short: { kind: "integer" },
  byte: { kind: "integer" },
  BigInteger: { kind: "bigint" },
  double: { kind: "number" },
  float: { kind: "number" },
  decimal: { kind: "decimal" },
  bool: { kind: "boolean" },
  object: { kind: "any" },
  DateTime: { kind: "datetime" },
  DateTimeOffset: { kind: "datetime" },
  LocalDate: { kind: "date" },
  DateOnly: { kind: "date" },
  Stream: { kind: "binary" },
};

const LISTS = new Set(["List", "IList", "IEnumerable", "ICollection", "IReadOnlyList", "HashSet"]);
const MAPS = new Set(["Dictionary", "IDictionary", "IReadOnlyDictionary"]);
/** SDK runtime types with no JSON shape. */
const EXTERNAL = new Set(["HttpRequestMessage", "HttpResponseMessage"]);

const SYNTAX = { nameStart: /[A-Za-z_]/, nameChar: /[A-Za-z0-9_.]/, postfixNullable: true };

/** `System.Net.Http.HttpResponseMessage` -> `HttpResponseMessage`. */
function bare(name: string): string {
  return name.replace(/^(System\.(Collections\.Generic\.|Numerics\.|IO\.|Net\.Http\.)?|NodaTime\.)/, "");
}

export function parseCSharpType(cell: FlatCell, ctx?: TypeContext): TypeResult {
  const node = parseSyntax(cell, SYNTAX);
  if (node.kind === "nullable") return { type: toType(node.inner, cell, ctx, false, 1), optionalMark: false, nullMark: true };
  return { type: toType(node, cell, ctx, false, 0), optionalMark: false, nullMark: false };
}

/**
 * A `### MemberName` heading under `## Supported Types`: a C# type, where an unlinked class name
 * is looked up by name (heading, then file name). C# names a member after the schema, which is not
 * always the name of the member's doc (`VerificationGoogleOneTap` for `GoogleOneTap.md`): then the
 * doc named by the longest tail of its words is used, with an `unresolved-member` warning; with no
 * such doc the member accepts any value, with the same warning.
 */
export function parseCSharpMember(cell: FlatCell, ctx: TypeContext): TypeRef {
  const node = parseSyntax(cell, SYNTAX);
  return toType(node, cell, ctx, true, 0);
}

function toType(node: Syntax, cell: FlatCell, ctx: TypeContext | undefined, byName: boolean, depth: number): TypeRef {
  if (depth > MAX_DEPTH) throw new CellError(`type nested deeper than ${MAX_DEPTH} levels`, node.start);
  switch (node.kind) {
    case "array":
      if (node.items.kind === "name" && !node.items.args && bare(node.items.name) === "byte") return { kind: "binary" };
      return { kind: "array", items: toType(node.items, cell, ctx, byName, depth + 1) };
    case "nullable":
      return { kind: "union", members: [toType(node.inner, cell, ctx, byName, depth + 1), { kind: "null" }] };
    case "union":
      throw new CellError("not a C# type", node.start);
    case "name":
      break;
  }
  const name = bare(node.name);
  const link = linkOf(cell, node.token);
  if (node.args) {
    if (name === "Nullable") {
      const [inner] = arity(node, 1, "the value type");
      return { kind: "union", members: [toType(inner!, cell, ctx, byName, depth + 1), { kind: "null" }] };
    }
    if (LISTS.has(name)) {
      const [items] = arity(node, 1, "the item type");
      return { kind: "array", items: toType(items!, cell, ctx, byName, depth + 1) };
    }
    if (MAPS.has(name)) {
      const [key, values] = arity(node, 2, "key and value types");
      if (key!.kind !== "name" || key!.args || !/^(string|String)$/.test(bare(key!.name))) {
        throw new CellError(`a ${name} key must be string, found '${textOf(cell, key!)}'`, key!.start);
      }
      return { kind: "map", values: toType(values!, cell, ctx, byName, depth + 1) };
    }
    if (link && !link.target) return { kind: "external", name: textOf(cell, node) };
    throw new CellError(`unknown generic type '${node.name}' (not List, Dictionary or Nullable)`, node.start);
  }
  // A link to a doc wins over the built-in names: a model may be called `Object`.
  if (link?.target) return { kind: "ref", target: link.target };
  if (byName && ctx && /^[A-Z]/.test(name)) {
    const target = ctx.byName(node.name);
    if (target) return { kind: "ref", target };
  }
  const scalar = SCALARS[name];
  if (scalar) return { ...scalar };
  if (EXTERNAL.has(name) || link) return { kind: "external", name: node.name };
  if (byName && ctx && /^[A-Z]/.test(name)) return byTail(name, ctx);
  throw new CellError(`unknown type '${node.name}' (not a C# type, and not a link to a doc)`, node.start);
}

/** The names the C# SDK gives union members of built-in types (`Latitude.CreateStr(…)`). */
const MEMBER_KINDS: Record<string, TypeRef> = {
  Str: { kind: "string" },
  Number: { kind: "number" },
  Integer: { kind: "integer" },
  Boolean: { kind: "boolean" },
  Any: { kind: "any" },
};

/**
 * A union member named after a built-in type, `Str`, `Number`, `Integer`, `Boolean`, `Any`, or a
 * list or map of one, `ArrayOfStr`, `MapOfNumber`, `ArrayOfPet` (a doc's name after the prefix).
 */
function builtInMember(name: string, ctx: TypeContext, depth: number): TypeRef | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const kind = MEMBER_KINDS[name];
  if (kind) return { ...kind };
  const m = /^(ArrayOf|MapOf)([A-Z]\w*)$/.exec(name);
  if (!m) return undefined;
  const target = ctx.byName(m[2]!);
  const inner = target ? { kind: "ref" as const, target } : builtInMember(m[2]!, ctx, depth + 1);
  if (!inner) return undefined;
  return m[1] === "ArrayOf" ? { kind: "array", items: inner } : { kind: "map", values: inner };
}

const NUMBER_WORDS = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen", "Twenty"];

/**
 * A union member that names no doc: the doc named after the union and the member (the SDK names
 * an inline member schema's class so: `### Manual` in `PlaylistData.md` -> `PlaylistDataManual`;
 * a union whose name took a `Union` suffix to stay apart from another class names its members
 * without it: `### Web` in `PluginUnion.md` -> `PluginWeb`), or after the union and the number a
 * member spells (`### Two` in `Context.md` -> `Context2`), else a built-in type the member's name
 * says (`Str`, `ArrayOfNumber`: see builtInMember), else, with an `unresolved-member` warning, the
 * doc named by the member then the union (a discriminated union names a member after its
 * discriminator value, `### Assistant` in `Message.md`, whose schema is often `AssistantMessage`),
 * else the doc named by the longest tail of `name`'s words (`VerificationFromOauth` ->
 * `FromOauth`), else any.
 */
function byTail(name: string, ctx: TypeContext): TypeRef {
  const union = ctx.doc.slice(ctx.doc.lastIndexOf("/") + 1).replace(/\.md$/i, "");
  const named = /^[A-Z]\w*$/.test(union);
  const prefixed = named ? ctx.byName(union + name) : undefined;
  if (prefixed) return { kind: "ref", target: prefixed };
  const stem = named && /.Union$/.test(union) ? union.slice(0, -"Union".length) : undefined;
  const stemmed = stem ? ctx.byName(stem + name) : undefined;
  if (stemmed) return { kind: "ref", target: stemmed };
  // An unnamed inline member schema is the class `<Union><N>`, its member spelled out: `### Two` -> `Context2`.
  const n = NUMBER_WORDS.indexOf(name) + 1;
  const numbered = named && n > 0 ? ctx.byName(`${union}${n}`) : undefined;
  if (numbered) return { kind: "ref", target: numbered };
  const builtIn = builtInMember(name, ctx, 0);
  if (builtIn) return builtIn;
  const suffixed = named ? ctx.byName(name + union) : undefined;
  if (suffixed) {
    ctx.warn?.("unresolved-member", `union member '${name}' names no doc; reading it as ${suffixed}, the doc named '${name}${union}' (a discriminated union names its members after the discriminator's values)`);
    return { kind: "ref", target: suffixed };
  }
  const words = name.match(/[A-Z]+(?![a-z])|[A-Z][a-z]*[0-9]*|[a-z]+[0-9]*|[0-9]+/g) ?? [name];
  for (let i = 1; i < words.length; i++) {
    const tail = words.slice(i).join("");
    const target = ctx.byName(tail);
    if (target) {
      ctx.warn?.("unresolved-member", `union member '${name}' names no doc; reading it as ${target}, the doc named '${tail}' (C# names union members after the schema, not always after the model's doc)`);
      return { kind: "ref", target };
    }
  }
  ctx.warn?.("unresolved-member", `union member '${name}' names no doc, nor does any tail of its name; the member accepts any value`);
  return { kind: "any" };
}

const VOCABULARY =
  /^(?:(?:System\.Collections\.Generic\.)?(?:List|Dictionary|IList|IEnumerable|IDictionary|Nullable)<|(?:string|long|int|bool|double|float|decimal|object|byte\[\]|DateTime|DateTimeOffset|HttpRequestMessage|HttpResponseMessage)\??$|Models\.\w+\.\w+$)/;

export const csharp: Dialect = {
  name: "csharp",
  parseType: parseCSharpType,
  parseMember: parseCSharpMember,
  // No marker: an optional field may be absent or null (the SDK declares every optional property
  // with a nullable type); a required field accepts null only where the cell says `T?`.
  nullable: (required, r) => !required || r.nullMark,
  assumesNull: (required, r) => !required && !r.nullMark,
  looksLike: (text) => VOCABULARY.test(text.trim()),
};
