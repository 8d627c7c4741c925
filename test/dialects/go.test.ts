import { describe, expect, it } from "vitest";
import { CellError } from "../../generator/dialects/cell.js";
import { go } from "../../generator/dialects/go.js";
import type { TypeRef } from "../../generator/ir/types.js";
import { toModel } from "../../generator/dialects/model.js";
import { parseDoc } from "../../generator/markdown/parse.js";
import { typeCell } from "../helpers/cells.js";

const S: TypeRef = { kind: "string" };
const I: TypeRef = { kind: "integer" };
const B: TypeRef = { kind: "boolean" };
const ref = (target: string): TypeRef => ({ kind: "ref", target });
const arr = (items: TypeRef): TypeRef => ({ kind: "array", items });
const map = (values: TypeRef): TypeRef => ({ kind: "map", values });
const orNull = (t: TypeRef): TypeRef => ({ kind: "union", members: [t, { kind: "null" }] });

const DOC = "models/components/example.md";
const names = new Map([
  ["components.Pet", "models/components/pet.md"],
  ["operations.Value2", "models/operations/value2.md"],
]);
const ctx = { doc: DOC, byName: (name: string) => names.get(name) };
const cell = (text: string) => typeCell(text, DOC);

type Shape = { cell: string; type: TypeRef; optional?: boolean; nullMark?: boolean };

// Every Type-cell shape DIALECTS.md lists for Go (§2.8, today's code-span style), most frequent first.
const current: Shape[] = [
  { cell: "`*string`", type: S, optional: true },
  { cell: "`*bool`", type: B, optional: true },
  { cell: "[*components.GrantType](../../models/components/granttype.md)", type: ref("models/components/granttype.md"), optional: true },
  { cell: "`string`", type: S },
  { cell: "[components.HTTPMetadata](../../models/components/httpmetadata.md)", type: ref("models/components/httpmetadata.md") },
  { cell: "[]`string`", type: arr(S) },
  { cell: "[][components.Property](../../models/components/property.md)", type: arr(ref("models/components/property.md")) },
  { cell: "`*int64`", type: I, optional: true },
  { cell: "`*int`", type: I, optional: true },
  { cell: "optionalnullable.OptionalNullable[[components.JwsAlg](../../models/components/jwsalg.md)]", type: ref("models/components/jwsalg.md"), optional: true, nullMark: true },
  { cell: "`bool`", type: B },
  { cell: "map[string]`any`", type: map({ kind: "any" }) },
  { cell: "[][]`string`", type: arr(arr(S)) },
  { cell: "[*http.Request](https://pkg.go.dev/net/http#Request)", type: { kind: "external", name: "http.Request" } },
  { cell: "[*http.Response](https://pkg.go.dev/net/http#Response)", type: { kind: "external", name: "http.Response" } },
  { cell: "optionalnullable.OptionalNullable[[]`string`]", type: arr(S), optional: true, nullMark: true },
  // the rest of the family in this style
  { cell: "optionalnullable.OptionalNullable[`string`]", type: S, optional: true, nullMark: true },
  { cell: "`float64`", type: { kind: "number" } },
  { cell: "`*float32`", type: { kind: "number" }, optional: true },
  { cell: "`int32`", type: I },
  { cell: "`uint64`", type: I },
  { cell: "`any`", type: { kind: "any" } },
  { cell: "[time.Time](https://pkg.go.dev/time#Time)", type: { kind: "datetime" } },
  { cell: "[*time.Time](https://pkg.go.dev/time#Time)", type: { kind: "datetime" }, optional: true },
  { cell: "[types.Date](../../types/date.md)", type: { kind: "date" } },
  { cell: "[*types.Date](../../types/date.md)", type: { kind: "date" }, optional: true },
  { cell: "[*big.Int](https://pkg.go.dev/math/big#Int)", type: { kind: "bigint" } },
  { cell: "[*decimal.Big](https://pkg.go.dev/github.com/ericlagergren/decimal#Big)", type: { kind: "decimal" } },
  { cell: "`[]byte`", type: { kind: "binary" } },
  { cell: "`io.Reader`", type: { kind: "binary" } },
  { cell: "map[string]`string`", type: map(S) },
  { cell: "map[string][]`string`", type: map(arr(S)) },
  { cell: "[]map[string]`any`", type: arr(map({ kind: "any" })) },
  { cell: "map[string]map[string]`any`", type: map(map({ kind: "any" })) },
  { cell: "map[string][components.Pet](../../models/components/pet.md)", type: map(ref("models/components/pet.md")) },
  { cell: "[]`*string`", type: arr(orNull(S)) },
  { cell: "map[string]`*int64`", type: map(orNull(I)) },
  { cell: "[context.Context](https://pkg.go.dev/context#Context)", type: { kind: "external", name: "context.Context" } },
  { cell: "[*http.Response](https://pkg.go.dev/net/http#Response)", type: { kind: "external", name: "http.Response" } },
  { cell: "`int8`", type: I },
  { cell: "`uint64`", type: I },
  { cell: "`rune`", type: I },
];

// The older italic style (`**string*` is a pointer to string), written by hand from the
// generator's documented output, and mixtures of the two.
const italic: Shape[] = [
  { cell: "*string*", type: S },
  { cell: "**string*", type: S, optional: true },
  { cell: "*int64*", type: I },
  { cell: "**int64*", type: I, optional: true },
  { cell: "**bool*", type: B, optional: true },
  { cell: "*float64*", type: { kind: "number" } },
  { cell: "*any*", type: { kind: "any" } },
  { cell: "*interface{}*", type: { kind: "any" } },
  { cell: "*[]byte*", type: { kind: "binary" } },
  { cell: "[]*string*", type: arr(S) },
  { cell: "[]**string*", type: arr(orNull(S)) },
  { cell: "map[string]*any*", type: map({ kind: "any" }) },
  { cell: "map[string]*interface{}*", type: map({ kind: "any" }) },
  { cell: "map[string][]*string*", type: map(arr(S)) },
  { cell: "[]map[string]*any*", type: arr(map({ kind: "any" })) },
  { cell: "*time.Time*", type: { kind: "datetime" } },
  { cell: "**time.Time*", type: { kind: "datetime" }, optional: true },
  { cell: "[][Posting](../../models/shared/posting.md)", type: arr(ref("models/shared/posting.md")) },
  { cell: "[*shared.Posting](../../models/shared/posting.md)", type: ref("models/shared/posting.md"), optional: true },
  { cell: "***string**", type: S, optional: true },
  { cell: "*components.Pet*", type: ref("models/components/pet.md") },
];

describe("Go Type cells", () => {
  it.each([...current, ...italic])("$cell", ({ cell: text, type, optional, nullMark }) => {
    const result = go.parseType(cell(text), ctx);
    expect(result.type).toEqual(type);
    expect(result.optionalMark).toBe(optional ?? false);
    expect(result.nullMark).toBe(nullMark ?? false);
  });

  it("both styles of one type give the same IR", () => {
    const pairs = [
      ["`*string`", "**string*"],
      ["[]`string`", "[]*string*"],
      ["map[string]`any`", "map[string]*any*"],
      ["`[]byte`", "*[]byte*"],
    ];
    for (const [a, b] of pairs) expect(go.parseType(cell(a!), ctx), `${a} / ${b}`).toEqual(go.parseType(cell(b!), ctx));
  });

  const bad: { cell: string; message: RegExp }[] = [
    { cell: "`strin`", message: /unknown type 'strin'/ },
    { cell: "map[int]`string`", message: /map key must be string/ },
    { cell: "optionalnullable.OptionalNullable[`string`", message: /expected '\]' before the end/ },
    { cell: "[]", message: /the type ends too early/ },
    { cell: "`*components.Nowhere`", message: /'components.Nowhere' is not linked/ },
    { cell: "`string` `int`", message: /unexpected 'int' after the type/ },
    { cell: "`chan string`", message: /unknown type 'chan'/ },
    { cell: "`func()`", message: /unexpected character '\('/ },
    { cell: "`*`", message: /the type ends too early/ },
    { cell: "map[", message: /a map key must be string/ },
    { cell: "``", message: /unexpected character '`'/ },
  ];
  it.each(bad)("rejects $cell", ({ cell: text, message }) => {
    let error: unknown;
    try {
      go.parseType(cell(text), ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellError);
    expect((error as Error).message).toMatch(message);
  });

  it("reads 30 levels of nested slices", () => {
    let t = go.parseType(cell("[]".repeat(30) + "`string`"), ctx).type;
    for (let i = 0; i < 30; i++) {
      expect(t.kind).toBe("array");
      t = (t as { items: TypeRef }).items;
    }
    expect(t).toEqual(S);
  });

  it("nullability: OptionalNullable and required pointers accept null; optional pointers do not", () => {
    const read = (text: string) => go.parseType(cell(text), ctx);
    expect(go.nullable(false, read("optionalnullable.OptionalNullable[`string`]"))).toBe(true);
    expect(go.nullable(true, read("`*string`"))).toBe(true);
    expect(go.nullable(false, read("`*string`"))).toBe(false);
    expect(go.nullable(true, read("`string`"))).toBe(false);
    expect(go.nullable(false, read("[]`string`"))).toBe(false);
    // always-pointer types say nothing with their `*`
    expect(go.nullable(true, read("[*http.Response](https://pkg.go.dev/net/http#Response)"))).toBe(false);
    expect(go.nullable(true, read("[*big.Int](https://pkg.go.dev/math/big#Int)"))).toBe(false);
  });

  it("detection claims every word Go writes; pointers, `[]` before a type, `map[string]`, sized numbers are its alone", () => {
    for (const text of ["*string", "*components.X", "[]string", "[][]string", "map[string]any", "optionalnullable.OptionalNullable[string]", "int64", "float64", "time.Time", "interface{}", "string", "bool", "int", "any", "components.X"]) {
      expect(go.looksLike(text), text).toBe(true);
    }
    for (const text of ["number", "boolean", "string[]", "models.X", "Record<string, string>", "long", "List<String>", "?string", "Dict[str, Any]", "::String"]) {
      expect(go.looksLike(text), text).toBe(false);
    }
  });

  it("the SDK's AdditionalProperties field stands for the undeclared keys", () => {
    expect(go.extraKeysField!("AdditionalProperties")).toBe(true);
    expect(go.extraKeysField!("Properties")).toBe(false);
  });
});

describe("Go union members from their code blocks", () => {
  const good: { code: string; type: TypeRef }[] = [
    { code: "value1 := operations.CreateValue1Str(string{/* values here */})", type: S },
    { code: "x := components.CreateXInteger(int64{/* values here */})", type: I },
    { code: "x := components.CreateXNumber(float64{/* values here */})", type: { kind: "number" } },
    { code: "x := components.CreateXBoolean(bool{/* values here */})", type: B },
    { code: "x := components.CreateXArrayOfStr([]string{/* values here */})", type: arr(S) },
    { code: "x := components.CreateXPet(components.Pet{/* values here */})", type: ref("models/components/pet.md") },
    { code: "value1 := operations.CreateValue1ArrayOfValue2([]operations.Value2{/* values here */})", type: arr(ref("models/operations/value2.md")) },
    { code: "x := components.CreateXMapOfAny(map[string]any{/* values here */})", type: map({ kind: "any" }) },
    { code: "x := components.CreateXMapOfAny(map[string]interface{}{/* values here */})", type: map({ kind: "any" }) },
    // generic unions write a typed zero value for built-ins
    { code: "x := components.CreateX(int64(0))", type: I },
    { code: 'x := components.CreateX("")', type: S },
    { code: "x := components.CreateX(false)", type: B },
    { code: "x := components.CreateX(true)", type: B },
  ];
  it.each(good)("$code", ({ code, type }) => {
    expect(go.memberFromCode!(code, "go", ctx)).toEqual(type);
  });

  const bad: { code: string; lang?: string; message: RegExp }[] = [
    { code: "fmt.Println(x)", message: /expected `name := package.CreateX\(value\)`/ },
    { code: "x := components.CreateX(components.Nowhere{})", message: /'components.Nowhere' is not linked/ },
    { code: "x := components.CreateX(strng{})", message: /unknown type 'strng'/ },
    { code: "x := components.CreateX(42)", message: /cannot find the member type/ },
    { code: "x := components.CreateX(string{})", lang: "typescript", message: /'typescript' code block is not Go/ },
  ];
  it.each(bad)("rejects $code", ({ code, lang, message }) => {
    expect(() => go.memberFromCode!(code, lang ?? "go", ctx)).toThrow(message);
    expect(() => go.memberFromCode!(code, lang ?? "go", ctx)).toThrow(CellError);
  });
});

describe("a Go union doc, read whole", () => {
  it("reads members from the code blocks (empty headings included) and ignores '## Union Discrimination'", () => {
    const text = [
      "# Value1",
      "",
      "Filter value.",
      "",
      "## Supported Types",
      "",
      "### ",
      "",
      "```go",
      "value1 := operations.CreateValue1Str(string{/* values here */})",
      "```",
      "",
      "### Value2",
      "",
      "```go",
      "value1 := operations.CreateValue1ArrayOfValue2([]operations.Value2{/* values here */})",
      "```",
      "",
      "## Union Discrimination",
      "",
      "Use the `Type` field.",
      "",
      "```go",
      "switch value1.Type {",
      "}",
      "```",
      "",
    ].join("\n");
    const doc = parseDoc(text, "models/operations/value1.md");
    const result = toModel(doc, go, { link: (target) => ({ target }), name: (n) => names.get(n) });
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.kind).toBe("union");
    expect(result.model?.members).toEqual([S, arr(ref("models/operations/value2.md"))]);
  });

  it("names the member whose code it cannot read", () => {
    const text = "# U\n\n## Supported Types\n\n### Odd\n\n```go\nu := components.CreateUOdd(chan{})\n```\n";
    const result = toModel(parseDoc(text, "models/components/u.md"), go);
    expect(result.model).toBeUndefined();
    // At the word in the code: line 8, column 28 (`u := components.CreateUOdd(` is 27 characters).
    expect(result.diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([
      [8, 28, "unknown-type", "cannot read the union member under '### Odd': unknown type 'chan' (not a Go type, and not a link to a doc)"],
    ]);
  });
});

describe("Go enums", () => {
  it("`<nil>` (how older Go docs list a nullable enum's null) is left out, with a warning", () => {
    const text = "# Method\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `MethodLessThanNilGreaterThan` | <nil> |\n| `MethodGet` | GET |\n| `MethodPost` | POST |\n";
    const result = toModel(parseDoc(text, "models/components/method.md"), go);
    expect(result.model?.values).toEqual([
      { name: "MethodGet", value: "GET", line: 8 },
      { name: "MethodPost", value: "POST", line: 9 },
    ]);
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([["warning", "null-enum-value", 7]]);
  });
});
