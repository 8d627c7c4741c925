import { describe, expect, it } from "vitest";
import { CellError } from "../../generator/dialects/cell.js";
import { rubySorbet } from "../../generator/dialects/ruby-sorbet.js";
import { buildIR } from "../../generator/ir/build.js";
import type { TypeRef } from "../../generator/ir/types.js";
import { parseDoc } from "../../generator/markdown/parse.js";
import { noNames, typeCell } from "../helpers/cells.js";

const S: TypeRef = { kind: "string" };
const ref = (target: string): TypeRef => ({ kind: "ref", target });
const orNull = (t: TypeRef): TypeRef => ({ kind: "union", members: [t, { kind: "null" }] });

// Every Type-cell shape DIALECTS.md lists for Sorbet (§2.1), plus the family's variants
// (T.any unions, dates, nested generics), with the IR each must give.
const shapes: { cell: string; type: TypeRef; optionalMark?: boolean }[] = [
  { cell: "*::String*", type: S },
  { cell: "*::Integer*", type: { kind: "integer" } },
  { cell: "*::Float*", type: { kind: "number" } },
  { cell: "*T::Boolean*", type: { kind: "boolean" } },
  { cell: "*::Object*", type: { kind: "any" } },
  { cell: "*T.nilable(::String)*", type: S, optionalMark: true },
  { cell: "*T.nilable(::Integer)*", type: { kind: "integer" }, optionalMark: true },
  { cell: "*T.nilable(::Float)*", type: { kind: "number" }, optionalMark: true },
  { cell: "*T.nilable(T::Boolean)*", type: { kind: "boolean" }, optionalMark: true },
  { cell: "*T.nilable(::Object)*", type: { kind: "any" }, optionalMark: true },
  { cell: "[T.nilable(::Acme::Shared::Domain)](../../models/shared/domain.md)", type: ref("models/shared/domain.md"), optionalMark: true },
  { cell: "[::Acme::Operations::IsSatellite](../../models/operations/issatellite.md)", type: ref("models/operations/issatellite.md") },
  { cell: "[Faraday::Response](https://www.rubydoc.info/gems/faraday/Faraday/Response)", type: { kind: "external", name: "Faraday::Response" } },
  // any class linked out of the docs is an SDK type with no JSON shape
  { cell: "[Acme::Client](https://example.com/acme/client)", type: { kind: "external", name: "Acme::Client" } },
  { cell: "T::Array<[::Acme::Operations::RequestBody](../../models/operations/requestbody.md)>", type: { kind: "array", items: ref("models/operations/requestbody.md") } },
  { cell: "T::Array<*::String*>", type: { kind: "array", items: S } },
  { cell: "T::Hash[Symbol, *::Object*]", type: { kind: "map", values: { kind: "any" } } },
  { cell: "T::Hash[Symbol, *::String*]", type: { kind: "map", values: S } },
  { cell: "T::Array<T::Array<*::Integer*>>", type: { kind: "array", items: { kind: "array", items: { kind: "integer" } } } },
  { cell: "T::Hash[Symbol, T::Array<[::Acme::Shared::Tag](../../models/shared/tag.md)>]", type: { kind: "map", values: { kind: "array", items: ref("models/shared/tag.md") } } },
  { cell: "T::Array<T::Hash[Symbol, *::Object*]>", type: { kind: "array", items: { kind: "map", values: { kind: "any" } } } },
  { cell: "*Date*", type: { kind: "date" } },
  { cell: "*DateTime*", type: { kind: "datetime" } },
  // Linked to Ruby's class page (docs between the Sorbet and Crystalline styles): the labels are
  // the swapped ones of Crystalline docs, so either kind is accepted, the label's first.
  { cell: "[Date](https://ruby-doc.org/stdlib/libdoc/date/rdoc/Date.html)", type: { kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] } },
  { cell: "[DateTime](https://ruby-doc.org/stdlib/libdoc/date/rdoc/DateTime.html)", type: { kind: "union", members: [{ kind: "datetime" }, { kind: "date" }] } },
  { cell: "*::Date*", type: { kind: "date" } },
  { cell: "T.any(*::String*, *::Integer*)", type: { kind: "union", members: [S, { kind: "integer" }] } },
  {
    cell: "T.any([::Acme::Shared::A](../../models/shared/a.md), [::Acme::Shared::B](../../models/shared/b.md))",
    type: { kind: "union", members: [ref("models/shared/a.md"), ref("models/shared/b.md")] },
  },
  { cell: "T::Array<T.nilable(::String)>", type: { kind: "array", items: orNull(S) } },
  { cell: "*T.nilable(T::Array<::String>)*", type: { kind: "array", items: S }, optionalMark: true },
];

describe("Sorbet Type cells", () => {
  it.each(shapes)("$cell", ({ cell, type, optionalMark }) => {
    const result = rubySorbet.parseType(typeCell(cell), noNames);
    expect(result.type).toEqual(type);
    expect(result.optionalMark).toBe(optionalMark ?? false);
  });

  it("resolves links relative to the doc, across folders", () => {
    const result = rubySorbet.parseType(typeCell("[::A::Shared::X](../shared/x.md)", "models/operations/y.md"), noNames);
    expect(result.type).toEqual(ref("models/shared/x.md"));
  });

  const bad: { cell: string; message: RegExp }[] = [
    { cell: "*::Strin*", message: /unknown type '::Strin'/ },
    { cell: "T::Array<*::String*", message: /expected '>'/ },
    { cell: "T::Hash[Integer, *::String*]", message: /key must be Symbol or String/ },
    { cell: "*::String* extra", message: /unexpected 'extra'/ },
    { cell: "::Acme::Shared::NotLinked", message: /unknown type '::Acme::Shared::NotLinked'/ },
    { cell: "*::String* \\| *::Integer*", message: /unexpected character '\|'/ },
    { cell: "*T.nilable(*", message: /the type ends too early/ },
    { cell: "T::Array<".repeat(70) + "*::String*" + ">".repeat(70), message: /type nested deeper than 64 levels/ },
  ];
  it.each(bad)("rejects $cell", ({ cell, message }) => {
    let error: unknown;
    try {
      rubySorbet.parseType(typeCell(cell), noNames);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellError);
    expect((error as Error).message).toMatch(message);
  });

  it("reads 30 levels of nested arrays", () => {
    const cell = "T::Array<".repeat(30) + "*::String*" + ">".repeat(30);
    let t = rubySorbet.parseType(typeCell(cell), noNames).type;
    for (let i = 0; i < 30; i++) {
      expect(t.kind).toBe("array");
      t = (t as { items: TypeRef }).items;
    }
    expect(t).toEqual(S);
  });

  it("nullability: optional fields accept null; required ones only with T.nilable", () => {
    const plain = rubySorbet.parseType(typeCell("*::String*"), noNames);
    const nilable = rubySorbet.parseType(typeCell("*T.nilable(::String)*"), noNames);
    expect(rubySorbet.nullable(false, plain)).toBe(true);
    expect(rubySorbet.nullable(true, plain)).toBe(false);
    expect(rubySorbet.nullable(true, nilable)).toBe(true);
    expect(rubySorbet.nullable(false, nilable)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

const doc = (path: string, text: string) => parseDoc(text, path);
const fields = (title: string, rows: [string, string, boolean][]) =>
  `# ${title}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n` +
  rows.map(([n, t, r]) => `| \`${n}\` | ${t} | ${r ? ":heavy_check_mark:" : ":heavy_minus_sign:"} | N/A |`).join("\n") +
  "\n";

// Some Sorbet-era generators write a union's doc as a bare `# Title` and spell its members only
// in the link text of the cells that use it, in Sorbet's own syntax (`T::Array[X]`).
describe("Sorbet links around whole expressions", () => {
  const pet = doc("models/shared/pet.md", fields("Pet", [["name", "*::String*", true]]));
  const value = doc("models/shared/value.md", "# Value\n");
  const holder = (rows: [string, string, boolean][]) => doc("models/shared/holder.md", fields("Holder", rows));
  const VALUE_CELL = "[T.nilable(T.any(::String, ::Float, T::Boolean, Models::Shared::Pet, T::Array[::Object]))](../../models/shared/value.md)";
  const members: TypeRef[] = [S, { kind: "number" }, { kind: "boolean" }, ref("models/shared/pet.md"), { kind: "array", items: { kind: "any" } }];

  it("the cell's type is the linked doc; its text is what the cell says that doc is", () => {
    const byName = (name: string) => (name === "Models::Shared::Pet" ? "models/shared/pet.md" : undefined);
    const r = rubySorbet.parseType(typeCell(VALUE_CELL), { doc: "models/shared/holder.md", byName });
    expect(r.type).toEqual(ref("models/shared/value.md"));
    expect(r.optionalMark).toBe(true);
    expect(r.describes).toEqual([{ target: "models/shared/value.md", type: { kind: "union", members } }]);
  });

  it("T::Array takes Sorbet's brackets as well as the docs' angle brackets", () => {
    expect(rubySorbet.parseType(typeCell("T::Array[*::String*]"), noNames).type).toEqual({ kind: "array", items: S });
    expect(rubySorbet.parseType(typeCell("T::Array<T::Array[*::Integer*]>"), noNames).type).toEqual({ kind: "array", items: { kind: "array", items: { kind: "integer" } } });
    expect(() => rubySorbet.parseType(typeCell("T::Array[*::String*>"), noNames)).toThrow(/expected '\]', found '>'/);
    expect(() => rubySorbet.parseType(typeCell("T::Array(*::String*)"), noNames)).toThrow(/expected '<', found '\('/);
  });

  it("a heading-only union doc gets the members its links name; the field links to it", () => {
    const ir = buildIR([pet, value, holder([["v", VALUE_CELL, false], ["w", `T::Array<${VALUE_CELL.replace("T.nilable(", "").replace("))]", ")]")}>`, true]])], rubySorbet);
    expect(ir.diagnostics).toEqual([]);
    const u = ir.models.find((m) => m.source === "models/shared/value.md")!;
    expect([u.kind, u.members]).toEqual(["union", members]);
    const h = ir.models.find((m) => m.source === "models/shared/holder.md")!;
    expect(h.fields!.map((f) => [f.name, f.type, f.required])).toEqual([
      ["v", ref("models/shared/value.md"), false],
      ["w", { kind: "array", items: ref("models/shared/value.md") }, true],
    ]);
  });

  it("a link text naming a model no doc has leaves the doc 'any', with its warning", () => {
    const cell = "[T.any(::String, Models::Shared::Missing)](../../models/shared/value.md)";
    const ir = buildIR([value, holder([["v", cell, true]])], rubySorbet);
    expect(ir.models.find((m) => m.source === "models/shared/value.md")!.members).toEqual([{ kind: "any" }]);
    expect(ir.diagnostics.map((d) => [d.file, d.code])).toEqual([["models/shared/value.md", "empty-doc"]]);
  });

  it("a doc with its own model section keeps it, whatever the link text says", () => {
    const ir = buildIR([pet, holder([["p", "[T.nilable(T.any(::String, ::Float))](../../models/shared/pet.md)", false]])], rubySorbet);
    expect(ir.models.find((m) => m.source === "models/shared/pet.md")!.fields!.map((f) => f.name)).toEqual(["name"]);
    expect(ir.diagnostics).toEqual([]);
  });
});
