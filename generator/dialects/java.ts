import type { TypeRef } from "../ir/types.js";
import { CellError, type FlatCell } from "./cell.js";
import type { Dialect, TypeContext, TypeResult } from "./dialect.js";
import { MAX_DEPTH, type Syntax, arity, linkOf, parseSyntax, textOf } from "./typeexpr.js";

/**
 * Java SDK docs (Speakeasy): every `<` is written `\<`, which markdown reads back as `<`.
 *   *String*  *long*  *int*  *boolean*  *double*   boxed inside generics: Long, Boolean, Double, Float, Object
 *   *Optional\<T>*   *JsonNullable\<T>*   List\<T>   Map\<String, T>   byte[]
 *   [X](../../models/components/X.md)   [Optional\<X>](…X.md)   [JsonNullable\<X>](…X.md)
 *   [OffsetDateTime](https://docs.oracle.com/…)  [LocalDate](…)  [HttpResponse\<InputStream>](…)
 *   [HttpResponse\<?>](…)  List\<? extends T>   wildcards: `?` is any value, `? extends T` is T
 *   Map\<String, Map\\<String, [X](…)>>: a nested `<` escaped twice leaves `Map<String, Map\<String, X>>`
 * An outer `Optional<T>` marks an optional field, or a required nullable one (the Required column
 * tells which); an outer `JsonNullable<T>` an optional nullable one (see `nullable` below).
 * Union docs are empty (H1 only): the model reader reads them as any value, with a warning.
 */

const SCALARS: Record<string, TypeRef> = {
  String: { kind: "string" },
  int: { kind: "integer" },
  Integer: { kind: "integer" },
  long: { kind: "integer" },
  Long: { kind: "integer" },
  short: { kind: "integer" },
  Short: { kind: "integer" },
  byte: { kind: "integer" },
  Byte: { kind: "integer" },
  BigInteger: { kind: "bigint" },
  double: { kind: "number" },
  Double: { kind: "number" },
  float: { kind: "number" },
  Float: { kind: "number" },
  BigDecimal: { kind: "decimal" },
  boolean: { kind: "boolean" },
  Boolean: { kind: "boolean" },
  Object: { kind: "any" },
  OffsetDateTime: { kind: "datetime" },
  ZonedDateTime: { kind: "datetime" },
  Instant: { kind: "datetime" },
  LocalDate: { kind: "date" },
  InputStream: { kind: "binary" },
};

const LISTS = new Set(["List", "ArrayList", "Collection", "Set"]);
const MAPS = new Set(["Map", "HashMap", "LinkedHashMap"]);
/** SDK runtime types with no JSON shape. */
const EXTERNAL = new Set(["HttpResponse", "HttpRequest"]);

const SYNTAX = { nameStart: /[A-Za-z_$]/, nameChar: /[A-Za-z0-9_$.]/, wildcard: true, escapedAngles: true };

export function parseJavaType(cell: FlatCell, _ctx?: TypeContext): TypeResult {
  const node = parseSyntax(cell, SYNTAX);
  if (node.kind === "name" && node.args && (bare(node.name) === "Optional" || bare(node.name) === "JsonNullable")) {
    const [inner] = arity(node, 1, "the value type");
    const nullMark = bare(node.name) === "JsonNullable";
    return { type: toType(inner!, cell, 1), optionalMark: true, nullMark };
  }
  return { type: toType(node, cell, 0), optionalMark: false, nullMark: false };
}

/** `java.util.List` -> `List`: the standard packages may be written out. */
function bare(name: string): string {
  return name.replace(/^java\.(util|lang|math|time|io|net\.http)\./, "");
}

function toType(node: Syntax, cell: FlatCell, depth: number): TypeRef {
  if (depth > MAX_DEPTH) throw new CellError(`type nested deeper than ${MAX_DEPTH} levels`, node.start);
  switch (node.kind) {
    case "array":
      // byte[] is file content; any other T[] a list.
      if (node.items.kind === "name" && !node.items.args && node.items.name === "byte") return { kind: "binary" };
      return { kind: "array", items: toType(node.items, cell, depth + 1) };
    case "nullable":
    case "union":
      throw new CellError("not a Java type", node.start);
    case "name":
      break;
  }
  const name = bare(node.name);
  const link = linkOf(cell, node.token);
  if (node.args) {
    if (name === "Optional" || name === "JsonNullable") {
      const [inner] = arity(node, 1, "the value type");
      return orNull(toType(inner!, cell, depth + 1));
    }
    if (LISTS.has(name)) {
      const [items] = arity(node, 1, "the item type");
      return { kind: "array", items: toType(items!, cell, depth + 1) };
    }
    if (MAPS.has(name)) {
      const [key, values] = arity(node, 2, "key and value types");
      if (key!.kind !== "name" || key!.args || bare(key!.name) !== "String") {
        throw new CellError(`a ${name} key must be String, found '${textOf(cell, key!)}'`, key!.start);
      }
      return { kind: "map", values: toType(values!, cell, depth + 1) };
    }
    if (EXTERNAL.has(name) || (link && !link.target)) return { kind: "external", name: textOf(cell, node) };
    throw new CellError(`unknown generic type '${node.name}' (not List, Map, Optional or JsonNullable)`, node.start);
  }
  // A wildcard type argument (`List<?>`, `? super T`): any value.
  if (node.name === "?") return { kind: "any" };
  // A link to a doc wins over the built-in names: a model may be called `Object`.
  if (link?.target) return { kind: "ref", target: link.target };
  const scalar = SCALARS[name];
  if (scalar) return { ...scalar };
  if (EXTERNAL.has(name) || link) return { kind: "external", name: node.name };
  throw new CellError(`unknown type '${node.name}' (not a Java type, and not a link to a doc)`, node.start);
}

function orNull(t: TypeRef): TypeRef {
  return { kind: "union", members: [t, { kind: "null" }] };
}

const VOCABULARY =
  /^(?:(?:java\.\w+\.)?(?:Optional|JsonNullable|List|Set|Map|HttpResponse)<|(?:String|boolean|long|int|short|double|float|Long|Integer|Boolean|Double|Float|Object|OffsetDateTime|LocalDate|BigInteger|BigDecimal)$|byte\[\]$)/;

export const java: Dialect = {
  name: "java",
  parseType: parseJavaType,
  // Optional<T> is written for optional fields and for required nullable ones; JsonNullable<T>
  // for optional nullable ones. Lists, maps and dates carry no wrapper even when optional, so an
  // optional field without a wrapper may be null too (the doc cannot say).
  nullable: (required, r) => r.nullMark || (required ? r.optionalMark : !r.optionalMark),
  assumesNull: (required, r) => !required && !r.nullMark && !r.optionalMark,
  looksLike: (text) => VOCABULARY.test(text.trim()),
};
