import { describe, expect, it } from "vitest";
import { CellError } from "../../generator/dialects/cell.js";
import { csharp } from "../../generator/dialects/csharp.js";
import type { TypeContext } from "../../generator/dialects/dialect.js";
import type { TypeRef } from "../../generator/ir/types.js";
import { headingCell, noNames, typeCell } from "../helpers/cells.js";

const S: TypeRef = { kind: "string" };
const I: TypeRef = { kind: "integer" };
const ref = (target: string): TypeRef => ({ kind: "ref", target });
const orNull = (t: TypeRef): TypeRef => ({ kind: "union", members: [t, { kind: "null" }] });
const DOC = "Models/Components/Example.md";

// Every Type-cell shape DIALECTS.md §2.5 lists for C#, plus the family's variants (decimal,
// DateTimeOffset, BigInteger, nested generics, arrays of maps, `T?`), with the IR each must give.
const shapes: { cell: string; type: TypeRef; nullMark?: boolean }[] = [
  { cell: "*string*", type: S },
  { cell: "*long*", type: I },
  { cell: "*int*", type: I },
  { cell: "*short*", type: I },
  { cell: "*bool*", type: { kind: "boolean" } },
  { cell: "*double*", type: { kind: "number" } },
  { cell: "*float*", type: { kind: "number" } },
  { cell: "*decimal*", type: { kind: "decimal" } },
  { cell: "*BigInteger*", type: { kind: "bigint" } },
  { cell: "*System.Numerics.BigInteger*", type: { kind: "bigint" } },
  { cell: "*object*", type: { kind: "any" } },
  { cell: "*byte[]*", type: { kind: "binary" } },
  { cell: "*Stream*", type: { kind: "binary" } },
  { cell: "List<[SchemasCommercePerUnitTotal](../../Models/Components/SchemasCommercePerUnitTotal.md)>", type: { kind: "array", items: ref("Models/Components/SchemasCommercePerUnitTotal.md") } },
  { cell: "List<*string*>", type: { kind: "array", items: S } },
  { cell: "Dictionary<String, *object*>", type: { kind: "map", values: { kind: "any" } } },
  { cell: "Dictionary<String, *string*>", type: { kind: "map", values: S } },
  { cell: "Dictionary<string, *long*>", type: { kind: "map", values: I } },
  { cell: "[ActorTokenObject](../../Models/Components/ActorTokenObject.md)", type: ref("Models/Components/ActorTokenObject.md") },
  { cell: "[Models.Components.Meta](../../Models/Components/Meta.md)", type: ref("Models/Components/Meta.md") },
  { cell: "[Models.Operations.Actor](../../Models/Operations/Actor.md)", type: ref("Models/Operations/Actor.md") },
  { cell: "[Models.Errors.ClerkErrors](../../Models/Errors/ClerkErrors.md)", type: ref("Models/Errors/ClerkErrors.md") },
  { cell: "List<[Models.Components.CustomAttributes](../../Models/Components/CustomAttributes.md)>", type: { kind: "array", items: ref("Models/Components/CustomAttributes.md") } },
  // A model called like a built-in is still the model: the link decides.
  { cell: "[Object](../../Models/Components/Object.md)", type: ref("Models/Components/Object.md") },
  { cell: "[DateTime](https://learn.microsoft.com/en-us/dotnet/api/system.datetime?view=net-5.0)", type: { kind: "datetime" } },
  { cell: "*DateTimeOffset*", type: { kind: "datetime" } },
  { cell: "[LocalDate](https://nodatime.org/3.1.x/api/NodaTime.LocalDate.html)", type: { kind: "date" } },
  { cell: "*NodaTime.LocalDate*", type: { kind: "date" } },
  { cell: "*HttpRequestMessage*", type: { kind: "external", name: "HttpRequestMessage" } },
  { cell: "[HttpResponseMessage](https://learn.microsoft.com/en-us/dotnet/api/system.net.http.httpresponsemessage)", type: { kind: "external", name: "HttpResponseMessage" } },
  // Family variants
  { cell: "List<List<*long*>>", type: { kind: "array", items: { kind: "array", items: I } } },
  { cell: "List<Dictionary<String, *object*>>", type: { kind: "array", items: { kind: "map", values: { kind: "any" } } } },
  { cell: "Dictionary<String, List<[Tag](Tag.md)>>", type: { kind: "map", values: { kind: "array", items: ref("Models/Components/Tag.md") } } },
  { cell: "*string[]*", type: { kind: "array", items: S } },
  { cell: "*IEnumerable<string>*", type: { kind: "array", items: S } },
  { cell: "*long?*", type: I, nullMark: true },
  { cell: "[Meta](Meta.md)?", type: ref("Models/Components/Meta.md"), nullMark: true },
  { cell: "List<*long?*>", type: { kind: "array", items: orNull(I) } },
  { cell: "*Nullable<long>*", type: orNull(I) },
];

describe("C# Type cells", () => {
  it.each(shapes)("$cell", ({ cell, type, nullMark }) => {
    const result = csharp.parseType(typeCell(cell, DOC), noNames);
    expect(result).toEqual({ type, optionalMark: false, nullMark: nullMark ?? false });
  });

  const bad: { cell: string; message: RegExp }[] = [
    { cell: "*String*", message: /unknown type 'String'/ },
    { cell: "*boolean*", message: /unknown type 'boolean'/ },
    { cell: "List<*string*", message: /expected '>'/ },
    { cell: "Dictionary<long, *string*>", message: /Dictionary key must be string, found 'long'/ },
    { cell: "Dictionary<*string*>", message: /takes 2 type arguments/ },
    { cell: "*Optional<string>*", message: /unknown generic type 'Optional'/ },
    { cell: "*?string*", message: /expected a type, found '\?'/ },
    { cell: "*string* \\| *long*", message: /unexpected character '\|'/ },
    { cell: "*string* extra", message: /unexpected 'extra'/ },
    // Field cells always link their models: an unlinked name is not read by name.
    { cell: "*VerificationOtp*", message: /unknown type 'VerificationOtp'/ },
  ];
  it.each(bad)("rejects $cell", ({ cell, message }) => {
    let error: unknown;
    try {
      csharp.parseType(typeCell(cell, DOC), noNames);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellError);
    expect((error as Error).message).toMatch(message);
  });

  it("nullability: no marker, so optional fields may be null and required ones may not (unless T?)", () => {
    const plain = csharp.parseType(typeCell("*string*", DOC), noNames);
    const marked = csharp.parseType(typeCell("*string?*", DOC), noNames);
    expect([csharp.nullable(true, plain), csharp.nullable(false, plain)]).toEqual([false, true]);
    expect([csharp.nullable(true, marked), csharp.nullable(false, marked)]).toEqual([true, true]);
    // an optional field's null is assumed (the docs have no marker); `T?` says it
    expect([csharp.assumesNull(true, plain), csharp.assumesNull(false, plain)]).toEqual([false, true]);
    expect([csharp.assumesNull(true, marked), csharp.assumesNull(false, marked)]).toEqual([false, false]);
  });

  it("looksLike: its own vocabulary, not Java's or PHP's", () => {
    for (const text of ["string", "long", "bool", "object", "byte[]", "List<string>", "Dictionary<String, object>", "Models.Components.Meta", "HttpRequestMessage", "DateTime"]) {
      expect(csharp.looksLike(text), text).toBe(true);
    }
    for (const text of ["String", "boolean", "Optional<Long>", "Map<String, Object>", "?string", "mixed", "array<string>", "Components\\X", "SomeModel"]) {
      expect(csharp.looksLike(text), text).toBe(false);
    }
  });
});

describe("C# union member headings (### Name)", () => {
  const docs: Record<string, string> = {
    verificationotp: "Models/Components/VerificationOTP.md",
    googleonetap: "Models/Components/GoogleOneTap.md",
    onetap: "Models/Components/OneTap.md",
    // The union being read is Example.md: its inline members' classes are Example + member.
    examplemanual: "Models/Components/ExampleManual.md",
    examplebigonetap: "Models/Components/ExampleBigOneTap.md",
    // An unnamed inline member's class: Example + its number (the member heading spells it).
    example2: "Models/Components/Example2.md",
  };
  const warnings: string[] = [];
  const ctx: TypeContext = {
    doc: DOC,
    byName: (name) => docs[name.toLowerCase()],
    warn: (code, message) => warnings.push(`${code}: ${message}`),
  };
  const member = (heading: string) => {
    warnings.length = 0;
    return csharp.parseMember!(headingCell(heading, DOC), ctx);
  };

  it("resolves a bare class name by name, ignoring case (VerificationOtp -> VerificationOTP.md)", () => {
    expect(member("VerificationOtp")).toEqual(ref("Models/Components/VerificationOTP.md"));
    expect(warnings).toEqual([]);
  });

  it("a member that names no doc is first the doc named after the union and the member (no warning)", () => {
    expect(member("Manual")).toEqual(ref("Models/Components/ExampleManual.md"));
    expect(warnings).toEqual([]);
    // Before any tail of the member's own name (OneTap.md is a doc too).
    expect(member("BigOneTap")).toEqual(ref("Models/Components/ExampleBigOneTap.md"));
    expect(warnings).toEqual([]);
  });

  it("a member named by a number word is the doc named after the union and that number (### Two -> Example2)", () => {
    expect(member("Two")).toEqual(ref("Models/Components/Example2.md"));
    expect(warnings).toEqual([]);
    // No Example3 doc: the member stays unresolved, with the warning.
    expect(member("Three")).toEqual({ kind: "any" });
    expect(warnings).toEqual(["unresolved-member: union member 'Three' names no doc, nor does any tail of its name; the member accepts any value"]);
  });

  it("members named after built-in types (Str, Number, …, ArrayOfX, MapOfX) are those types, unless a doc has the name", () => {
    expect([member("Str"), member("Number"), member("Integer"), member("Boolean"), member("Any")]).toEqual([S, { kind: "number" }, I, { kind: "boolean" }, { kind: "any" }]);
    expect(member("ArrayOfStr")).toEqual({ kind: "array", items: S });
    expect(member("MapOfArrayOfNumber")).toEqual({ kind: "map", values: { kind: "array", items: { kind: "number" } } });
    expect(member("ArrayOfVerificationOtp")).toEqual({ kind: "array", items: ref("Models/Components/VerificationOTP.md") });
    expect(warnings).toEqual([]);
    // A doc of that name wins; a name that is neither falls through (any, with the warning).
    expect(member("OneTap")).toEqual(ref("Models/Components/OneTap.md"));
    expect(member("ArrayOfWidget")).toEqual({ kind: "any" });
  });

  it("in a union named with a Union suffix, a member is the doc named after the union without it and the member (no warning)", () => {
    const inUnion: TypeContext = { ...ctx, doc: "Models/Components/PluginUnion.md", byName: (name) => ({ pluginweb: "Models/Components/PluginWeb.md" })[name.toLowerCase()] };
    warnings.length = 0;
    expect(csharp.parseMember!(headingCell("Web", inUnion.doc), inUnion)).toEqual(ref("Models/Components/PluginWeb.md"));
    expect(warnings).toEqual([]);
    // Only a trailing Union is dropped: in UnionPlugin.md, PluginWeb is not the member's class.
    const leading: TypeContext = { ...inUnion, doc: "Models/Components/UnionPlugin.md" };
    expect(csharp.parseMember!(headingCell("Web", leading.doc), leading)).toEqual({ kind: "any" });
  });

  it("a member that names no doc is next the doc named after the member and the union, with a warning (### Assistant in Message -> AssistantMessage)", () => {
    const inMessage: TypeContext = {
      ...ctx,
      doc: "Models/Components/Message.md",
      byName: (name) => ({ assistantmessage: "Models/Components/AssistantMessage.md", onetap: "Models/Components/OneTap.md", bigonetapmessage: "Models/Components/BigOneTapMessage.md" })[name.toLowerCase()],
    };
    const read = (heading: string) => {
      warnings.length = 0;
      return csharp.parseMember!(headingCell(heading, inMessage.doc), inMessage);
    };
    expect(read("Assistant")).toEqual(ref("Models/Components/AssistantMessage.md"));
    expect(warnings).toEqual([expect.stringMatching(/^unresolved-member: union member 'Assistant' names no doc; reading it as Models\/Components\/AssistantMessage.md, the doc named 'AssistantMessage'/)]);
    // Before the tails of the member's name (OneTap is a doc too); without it, the tail.
    expect(read("BigOneTap")).toEqual(ref("Models/Components/BigOneTapMessage.md"));
    expect(read("SmallOneTap")).toEqual(ref("Models/Components/OneTap.md"));
    // A built-in name stays the built-in type.
    expect(read("Str")).toEqual(S);
    // No such doc: any, with the warning.
    expect(read("Tool")).toEqual({ kind: "any" });
    expect(warnings).toEqual([expect.stringMatching(/^unresolved-member: union member 'Tool' names no doc, nor does any tail/)]);
  });

  it("falls back to the longest tail of the name that names a doc, with a warning", () => {
    expect(member("VerificationGoogleOneTap")).toEqual(ref("Models/Components/GoogleOneTap.md"));
    expect(warnings).toEqual([expect.stringMatching(/^unresolved-member: union member 'VerificationGoogleOneTap' names no doc; reading it as Models\/Components\/GoogleOneTap.md/)]);
  });

  it("reads a member that nothing names as any value, with a warning", () => {
    expect(member("VerificationWeb3")).toEqual({ kind: "any" });
    expect(warnings).toEqual([expect.stringMatching(/^unresolved-member: union member 'VerificationWeb3' names no doc, nor does any tail/)]);
  });

  it("reads built-in member types and generic ones", () => {
    expect(member("string")).toEqual(S);
    expect(member("long")).toEqual(I);
    expect(member("List<string>")).toEqual({ kind: "array", items: S });
    expect(member("List<VerificationOtp>")).toEqual({ kind: "array", items: ref("Models/Components/VerificationOTP.md") });
    expect(member("`string`")).toEqual(S);
    expect(warnings).toEqual([]);
  });
});
