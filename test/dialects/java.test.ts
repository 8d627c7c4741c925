import { describe, expect, it } from "vitest";
import { CellError } from "../../generator/dialects/cell.js";
import { java } from "../../generator/dialects/java.js";
import type { TypeRef } from "../../generator/ir/types.js";
import { noNames, typeCell } from "../helpers/cells.js";

const S: TypeRef = { kind: "string" };
const I: TypeRef = { kind: "integer" };
const ref = (target: string): TypeRef => ({ kind: "ref", target });
const orNull = (t: TypeRef): TypeRef => ({ kind: "union", members: [t, { kind: "null" }] });
const DOC = "models/components/Example.md";

// Every Type-cell shape DIALECTS.md §2.4 lists for Java (written as the docs write them, with
// `\<`), plus the family's variants (other widths, BigInteger/BigDecimal, nested generics,
// arrays of maps, qualified java.util names), with the IR each must give. `mark` is what the
// outer wrapper says: "optional" (Optional<T>) or "nullable" (JsonNullable<T>).
const shapes: { cell: string; type: TypeRef; mark?: "optional" | "nullable" }[] = [
  { cell: "*String*", type: S },
  { cell: "*long*", type: I },
  { cell: "*int*", type: I },
  { cell: "*short*", type: I },
  { cell: "*boolean*", type: { kind: "boolean" } },
  { cell: "*double*", type: { kind: "number" } },
  { cell: "*float*", type: { kind: "number" } },
  { cell: "*Object*", type: { kind: "any" } },
  { cell: "*BigInteger*", type: { kind: "bigint" } },
  { cell: "*BigDecimal*", type: { kind: "decimal" } },
  { cell: "*Optional\\<String>*", type: S, mark: "optional" },
  { cell: "*Optional\\<Long>*", type: I, mark: "optional" },
  { cell: "*Optional\\<Integer>*", type: I, mark: "optional" },
  { cell: "*Optional\\<Boolean>*", type: { kind: "boolean" }, mark: "optional" },
  { cell: "*Optional\\<Double>*", type: { kind: "number" }, mark: "optional" },
  { cell: "*Optional\\<Float>*", type: { kind: "number" }, mark: "optional" },
  { cell: "*Optional\\<Object>*", type: { kind: "any" }, mark: "optional" },
  { cell: "*JsonNullable\\<String>*", type: S, mark: "nullable" },
  { cell: "*JsonNullable\\<Boolean>*", type: { kind: "boolean" }, mark: "nullable" },
  { cell: "*JsonNullable\\<Long>*", type: I, mark: "nullable" },
  { cell: "*JsonNullable\\<Double>*", type: { kind: "number" }, mark: "nullable" },
  { cell: "*JsonNullable\\<Object>*", type: { kind: "any" }, mark: "nullable" },
  { cell: "[ActorTokenObject](../../models/components/ActorTokenObject.md)", type: ref("models/components/ActorTokenObject.md") },
  { cell: "[Optional\\<Domain>](../../models/components/Domain.md)", type: ref("models/components/Domain.md"), mark: "optional" },
  { cell: "[JsonNullable\\<Totals>](../../models/components/Totals.md)", type: ref("models/components/Totals.md"), mark: "nullable" },
  { cell: "[Actor](../operations/Actor.md)", type: ref("models/operations/Actor.md") },
  // A model called like a built-in is still the model: the link decides.
  { cell: "[Object](../../models/components/Object.md)", type: ref("models/components/Object.md") },
  { cell: "[Optional\\<List>](../../models/components/List.md)", type: ref("models/components/List.md"), mark: "optional" },
  { cell: "List\\<[CommercePerUnitTotal](../../models/components/CommercePerUnitTotal.md)>", type: { kind: "array", items: ref("models/components/CommercePerUnitTotal.md") } },
  { cell: "List\\<*String*>", type: { kind: "array", items: S } },
  { cell: "Map\\<String, *Object*>", type: { kind: "map", values: { kind: "any" } } },
  { cell: "Map\\<String, *String*>", type: { kind: "map", values: S } },
  { cell: "byte[]", type: { kind: "binary" } },
  { cell: "*byte[]*", type: { kind: "binary" } },
  { cell: "*InputStream*", type: { kind: "binary" } },
  { cell: "[OffsetDateTime](https://docs.oracle.com/javase/8/docs/api/java/time/OffsetDateTime.html)", type: { kind: "datetime" } },
  { cell: "[LocalDate](https://docs.oracle.com/javase/8/docs/api/java/time/LocalDate.html)", type: { kind: "date" } },
  { cell: "[Optional\\<OffsetDateTime>](https://docs.oracle.com/javase/8/docs/api/java/time/OffsetDateTime.html)", type: { kind: "datetime" }, mark: "optional" },
  {
    cell: "[HttpResponse\\<InputStream>](https://docs.oracle.com/en/java/javase/11/docs/api/java.net.http/java/net/http/HttpResponse.html)",
    type: { kind: "external", name: "HttpResponse<InputStream>" },
  },
  { cell: "*HttpResponse\\<InputStream>*", type: { kind: "external", name: "HttpResponse<InputStream>" } },
  // Wildcard type arguments: `?` is any value, `? extends T` is T, `? super T` any value.
  { cell: "[HttpResponse\\<?>](https://docs.oracle.com/en/java/javase/11/docs/api/java.net.http/java/net/http/HttpResponse.html)", type: { kind: "external", name: "HttpResponse<?>" } },
  { cell: "List\\<?>", type: { kind: "array", items: { kind: "any" } } },
  { cell: "HashMap\\<String, *Long*>", type: { kind: "map", values: { kind: "integer" } } },
  { cell: "LinkedHashMap\\<String, *String*>", type: { kind: "map", values: { kind: "string" } } },
  // any other absolutely linked class is an SDK type with no JSON shape
  { cell: "[Headers](https://example.com/javadoc/Headers.html)", type: { kind: "external", name: "Headers" } },
  { cell: "List\\<? extends [Tag](Tag.md)>", type: { kind: "array", items: ref("models/components/Tag.md") } },
  { cell: "Map\\<String, ? super *Long*>", type: { kind: "map", values: { kind: "any" } } },
  // Family variants
  { cell: "List\\<List\\<*Long*>>", type: { kind: "array", items: { kind: "array", items: I } } },
  { cell: "List\\<Map\\<String, *Object*>>", type: { kind: "array", items: { kind: "map", values: { kind: "any" } } } },
  { cell: "Map\\<String, List\\<[Tag](Tag.md)>>", type: { kind: "map", values: { kind: "array", items: ref("models/components/Tag.md") } } },
  { cell: "*Optional\\<List\\<String>>*", type: { kind: "array", items: S }, mark: "optional" },
  { cell: "*JsonNullable\\<Map\\<String, Object>>*", type: { kind: "map", values: { kind: "any" } }, mark: "nullable" },
  { cell: "List\\<*Optional\\<String>*>", type: { kind: "array", items: orNull(S) } },
  { cell: "*java.util.List\\<java.lang.String>*", type: { kind: "array", items: S } },
  { cell: "*Set\\<String>*", type: { kind: "array", items: S } },
  { cell: "*String[]*", type: { kind: "array", items: S } },
  { cell: "*java.time.OffsetDateTime*", type: { kind: "datetime" } },
  // A nested `<` escaped twice (`\\<` in the markdown, `\<` in the text), as opa-java's docs write
  // a map of maps.
  { cell: "Map\\<String, Map\\\\<String, [MaskingRule](MaskingRule.md)>>", type: { kind: "map", values: { kind: "map", values: ref("models/components/MaskingRule.md") } } },
  { cell: "List\\<List\\\\<*Long*\\\\>>", type: { kind: "array", items: { kind: "array", items: I } } },
];

describe("Java Type cells", () => {
  it.each(shapes)("$cell", ({ cell, type, mark }) => {
    const result = java.parseType(typeCell(cell, DOC), noNames);
    expect(result).toEqual({ type, optionalMark: mark !== undefined, nullMark: mark === "nullable" });
  });

  const bad: { cell: string; message: RegExp }[] = [
    { cell: "*string*", message: /unknown type 'string'/ },
    { cell: "*Strin*", message: /unknown type 'Strin'/ },
    { cell: "List\\<*String*", message: /expected '>'/ },
    { cell: "Map\\<Long, *String*>", message: /Map key must be String, found 'Long'/ },
    { cell: "Map\\<*String*>", message: /takes 2 type arguments/ },
    { cell: "*Optional\\<String, Long>*", message: /takes one type argument/ },
    { cell: "*Foo\\<String>*", message: /unknown generic type 'Foo'/ },
    { cell: "*String* extra", message: /unexpected 'extra'/ },
    { cell: "*String*\\\\", message: /unexpected character '\\'/ },
    { cell: "Map\\<String,\\\\ *Long*>", message: /unexpected character '\\'/ },
    { cell: "*String* \\| *Long*", message: /unexpected character '\|'/ },
    { cell: "*?String*", message: /expected a type, found '\?'/ },
    { cell: "*?*", message: /expected a type, found '\?'/ },
    { cell: "*long?*", message: /unexpected '\?' after the type/ },
    { cell: "List\\<? extends>", message: /expected a type, found '>'/ },
    { cell: "UnlinkedModel", message: /unknown type 'UnlinkedModel'/ },
    { cell: "", message: /empty type/ },
  ];
  it.each(bad)("rejects $cell", ({ cell, message }) => {
    let error: unknown;
    try {
      java.parseType(typeCell(cell, DOC), noNames);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellError);
    expect((error as Error).message).toMatch(message);
  });

  it("points at the offending token", () => {
    const cell = typeCell("Map\\<Long, *String*>", DOC);
    try {
      java.parseType(cell, noNames);
      expect.unreachable();
    } catch (e) {
      expect(cell.text.slice((e as CellError).offset)).toMatch(/^Long/);
    }
  });

  it("reads 40 levels of nested lists, and refuses 70", () => {
    let t = java.parseType(typeCell("List\\<".repeat(40) + "*String*" + ">".repeat(40), DOC), noNames).type;
    for (let i = 0; i < 40; i++) {
      expect(t.kind).toBe("array");
      t = (t as { items: TypeRef }).items;
    }
    expect(t).toEqual(S);
    expect(() => java.parseType(typeCell("List\\<".repeat(70) + "*String*" + ">".repeat(70), DOC), noNames)).toThrow(/nested deeper/);
  });

  it("nullability: Optional = optional or required-nullable; JsonNullable = nullable; unwrapped optional cells may be null", () => {
    const plain = java.parseType(typeCell("*String*", DOC), noNames);
    const optional = java.parseType(typeCell("*Optional\\<String>*", DOC), noNames);
    const jsonNullable = java.parseType(typeCell("*JsonNullable\\<String>*", DOC), noNames);
    const list = java.parseType(typeCell("List\\<*String*>", DOC), noNames);
    expect([java.nullable(true, plain), java.nullable(false, plain)]).toEqual([false, true]);
    expect([java.nullable(true, optional), java.nullable(false, optional)]).toEqual([true, false]);
    expect([java.nullable(true, jsonNullable), java.nullable(false, jsonNullable)]).toEqual([true, true]);
    expect([java.nullable(true, list), java.nullable(false, list)]).toEqual([false, true]);
  });

  it("looksLike: its own vocabulary, not C#'s or PHP's", () => {
    for (const text of ["String", "Optional<Long>", "JsonNullable<String>", "List<String>", "Map<String, Object>", "boolean", "byte[]", "HttpResponse<InputStream>", "long", "int"]) {
      expect(java.looksLike(text), text).toBe(true);
    }
    for (const text of ["string", "bool", "object", "Dictionary<String, object>", "?string", "Components\\X", "array<string>", "::String", "SomeModel"]) {
      expect(java.looksLike(text), text).toBe(false);
    }
  });
});
