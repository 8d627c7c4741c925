import { describe, expect, it } from "vitest";
import { CellError } from "../../generator/dialects/cell.js";
import type { LinkedType, TypeContext } from "../../generator/dialects/dialect.js";
import { detectDialect } from "../../generator/dialects/index.js";
import { rubyCrystalline } from "../../generator/dialects/ruby-crystalline.js";
import { buildIR } from "../../generator/ir/build.js";
import { nameResolver } from "../../generator/ir/links.js";
import type { TypeRef } from "../../generator/ir/types.js";
import { parseDoc } from "../../generator/markdown/parse.js";
import { typeCell } from "../helpers/cells.js";

const S: TypeRef = { kind: "string" };
const ref = (target: string): TypeRef => ({ kind: "ref", target });
const orNull = (t: TypeRef): TypeRef => ({ kind: "union", members: [t, { kind: "null" }] });
const union = (...members: TypeRef[]): TypeRef => ({ kind: "union", members });
const DATE_FIRST = union({ kind: "date" }, { kind: "datetime" });
const DATETIME_FIRST = union({ kind: "datetime" }, { kind: "date" });

/** Docs the unlinked names of these cells resolve to (as the IR stage's name resolver would). */
const DOCS = ["widget", "gadget", "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "widgeterror"];
const ctx: TypeContext = {
  doc: "models/components/example.md",
  byName: (name) => {
    const bare = name.split("::").pop()!.toLowerCase();
    return DOCS.includes(bare) ? `models/components/${bare}.md` : undefined;
  },
};
const C = (name: string) => ref(`models/components/${name}.md`);
/** A link as written by the generator: into the folder that no longer exists. */
const shared = (name: string) => `../../models/shared/${name}.md`;
const sharedRef = (name: string) => ref(`models/shared/${name}.md`);

// Every Type-cell shape DIALECTS.md lists for Crystalline (§2.2), plus the family's variants, with
// the IR each must give. Names are ours; the shapes are the docs'.
const shapes: { cell: string; type: TypeRef; nil?: boolean; describes?: LinkedType[] }[] = [
  { cell: "*::String*", type: S },
  { cell: "*Crystalline::Nilable.new(::String)*", type: S, nil: true },
  { cell: "*::Integer*", type: { kind: "integer" } },
  { cell: `[Crystalline::Nilable.new(Models::Components::Widget)](${shared("widget")})`, type: sharedRef("widget"), nil: true, describes: [{ target: "models/shared/widget.md", type: C("widget") }] },
  { cell: `[Models::Components::Widget](${shared("widget")})`, type: sharedRef("widget"), describes: [{ target: "models/shared/widget.md", type: C("widget") }] },
  { cell: "[Faraday::Response](https://www.rubydoc.info/gems/faraday/Faraday/Response)", type: { kind: "external", name: "Faraday::Response" } },
  { cell: "[Acme::Client](https://example.com/acme/client)", type: { kind: "external", name: "Acme::Client" } },
  { cell: "*Crystalline::Nilable.new(::Integer)*", type: { kind: "integer" }, nil: true },
  { cell: "*Crystalline::Nilable.new(Crystalline::Boolean.new)*", type: { kind: "boolean" }, nil: true },
  { cell: "*Crystalline::Boolean.new*", type: { kind: "boolean" } },
  {
    cell: `Crystalline::Array<[Models::Components::Widget](${shared("widget")})>`,
    type: { kind: "array", items: sharedRef("widget") },
    describes: [{ target: "models/shared/widget.md", type: C("widget") }],
  },
  { cell: "Crystalline::Array<*::String*>", type: { kind: "array", items: S } },
  { cell: "Crystalline::Hash[Symbol, *::Object*]", type: { kind: "map", values: { kind: "any" } } },
  { cell: "*::Float*", type: { kind: "number" } },
  { cell: "*Crystalline::Nilable.new(::Float)*", type: { kind: "number" }, nil: true },
  { cell: "*Crystalline::Nilable.new(::Object)*", type: { kind: "any" }, nil: true },
  {
    cell: `[Crystalline::Nilable.new(Crystalline::Union.new(Models::Components::Alpha, Models::Components::Beta))](${shared("alphaorbeta")})`,
    type: sharedRef("alphaorbeta"),
    nil: true,
    describes: [{ target: "models/shared/alphaorbeta.md", type: union(C("alpha"), C("beta")) }],
  },
  { cell: "Crystalline::Hash[Symbol, *::String*]", type: { kind: "map", values: S } },
  // Labels swapped relative to the spec (DIALECTS.md §3.3): either reads as date or date-time.
  { cell: "[Date](https://ruby-doc.org/stdlib-2.6.1/libdoc/date/rdoc/Date.html)", type: DATE_FIRST },
  {
    cell: `Crystalline::Array<[Crystalline::Union.new(Models::Components::Alpha, Models::Components::Beta)](${shared("alphaorbeta")})>`,
    type: { kind: "array", items: sharedRef("alphaorbeta") },
    describes: [{ target: "models/shared/alphaorbeta.md", type: union(C("alpha"), C("beta")) }],
  },
  {
    cell: `[Crystalline::Nilable.new(Crystalline::Union.new(Models::Components::Alpha, Models::Components::Beta, Models::Components::Gamma))](${shared("abc")})`,
    type: sharedRef("abc"),
    nil: true,
    describes: [{ target: "models/shared/abc.md", type: union(C("alpha"), C("beta"), C("gamma")) }],
  },
  {
    cell:
      "[Crystalline::Nilable.new(Crystalline::Union.new(Models::Components::Alpha, Models::Components::Beta, Models::Components::Gamma, " +
      `Models::Components::Delta, Models::Components::Epsilon, Models::Components::Zeta, Models::Components::Eta))](${shared("seven")})`,
    type: sharedRef("seven"),
    nil: true,
    describes: [{ target: "models/shared/seven.md", type: union(...["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"].map(C)) }],
  },
  { cell: "[DateTime](https://ruby-doc.org/stdlib-2.6.1/libdoc/date/rdoc/DateTime.html)", type: DATETIME_FIRST },
  // The link text names a model other than the linked (heading-only wrapper) doc.
  {
    cell: `[Crystalline::Nilable.new(Models::Components::WidgetError)](${shared("widgetwrapper")})`,
    type: sharedRef("widgetwrapper"),
    nil: true,
    describes: [{ target: "models/shared/widgetwrapper.md", type: C("widgeterror") }],
  },
  // A name that no doc has: the link is followed, and the text describes nothing.
  { cell: `[Models::Components::Unknown](${shared("unknown")})`, type: sharedRef("unknown") },
  // Family variants.
  { cell: `[Models::Operations::Widget](../../models/operations/widget.md)`, type: ref("models/operations/widget.md"), describes: [{ target: "models/operations/widget.md", type: C("widget") }] },
  { cell: "Crystalline::Array<Crystalline::Nilable.new(::String)>", type: { kind: "array", items: orNull(S) } },
  { cell: "Crystalline::Hash[Symbol, Crystalline::Array<*::Integer*>]", type: { kind: "map", values: { kind: "array", items: { kind: "integer" } } } },
  { cell: "Crystalline::Array<Crystalline::Array<*::String*>>", type: { kind: "array", items: { kind: "array", items: S } } },
  { cell: "Crystalline::Hash[String, *::String*]", type: { kind: "map", values: S } },
  { cell: "*Crystalline::Nilable.new(Crystalline::Array<::String>)*", type: { kind: "array", items: S }, nil: true },
  { cell: "Crystalline::Union.new(Models::Components::Alpha, *::String*)", type: union(C("alpha"), S) },
  {
    cell: `Crystalline::Union.new([Models::Components::Alpha](${shared("alpha")}), [Models::Components::Beta](${shared("beta")}))`,
    type: union(sharedRef("alpha"), sharedRef("beta")),
    describes: [
      { target: "models/shared/alpha.md", type: C("alpha") },
      { target: "models/shared/beta.md", type: C("beta") },
    ],
  },
  { cell: "Models::Components::Gadget", type: C("gadget") },
  { cell: "*Crystalline::Nilable.new(Crystalline::Nilable.new(::String))*", type: orNull(S), nil: true },
  { cell: "*::Date*", type: DATE_FIRST },
  { cell: "*::BigDecimal*", type: { kind: "decimal" } },
];

describe("Crystalline Type cells", () => {
  it.each(shapes)("$cell", ({ cell, type, nil, describes }) => {
    const result = rubyCrystalline.parseType(typeCell(cell, "models/components/example.md"), ctx);
    expect(result.type).toEqual(type);
    expect(result.optionalMark).toBe(nil ?? false);
    expect(result.nullMark).toBe(nil ?? false);
    expect(result.describes).toEqual(describes);
  });

  const bad: { cell: string; message: RegExp }[] = [
    { cell: "*::Strin*", message: /unknown type '::Strin' \(no doc has that name, and it has no link\)/ },
    { cell: "Crystalline::Array<*::String*", message: /expected '>'/ },
    { cell: "Crystalline::Hash[Integer, *::String*]", message: /key must be Symbol or String/ },
    { cell: "*Crystalline::Nilable.new(::String*", message: /expected '\)'/ },
    { cell: "*::String* extra", message: /unexpected 'extra'/ },
    { cell: "*T.nilable(::String)*", message: /unknown type 'T.nilable'/ },
    { cell: "Crystalline::Union.new()", message: /expected a type, found '\)'/ },
    {
      cell: `[Crystalline::Union.new(Models::Components::Alpha, Models::Components::Missing)](${shared("x")})`,
      message: /unknown type 'Models::Components::Missing' \(no doc has that name; union members are found by name\)/,
    },
    { cell: `[Models::Components::Widget Models::Components::Gadget](${shared("x")})`, message: /unexpected 'Models::Components::Gadget' in the link text/ },
    { cell: "*::String* \\| *::Integer*", message: /unexpected character '\|'/ },
    { cell: "*Crystalline::Nilable.new(*", message: /the type ends too early/ },
    { cell: "Crystalline::Array<".repeat(70) + "*::String*" + ">".repeat(70), message: /type nested deeper than 64 levels/ },
  ];
  it.each(bad)("rejects $cell", ({ cell, message }) => {
    let error: unknown;
    try {
      rubyCrystalline.parseType(typeCell(cell), ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellError);
    expect((error as Error).message).toMatch(message);
  });

  it("reads 30 levels of nested arrays", () => {
    const cell = "Crystalline::Array<".repeat(30) + "*::String*" + ">".repeat(30);
    let t = rubyCrystalline.parseType(typeCell(cell), ctx).type;
    for (let i = 0; i < 30; i++) {
      expect(t.kind).toBe("array");
      t = (t as { items: TypeRef }).items;
    }
    expect(t).toEqual(S);
  });

  it("nullability: optional fields accept null; required ones only with Nilable", () => {
    const plain = rubyCrystalline.parseType(typeCell("*::String*"), ctx);
    const nilable = rubyCrystalline.parseType(typeCell("*Crystalline::Nilable.new(::String)*"), ctx);
    expect(rubyCrystalline.nullable(false, plain)).toBe(true);
    expect(rubyCrystalline.nullable(true, plain)).toBe(false);
    expect(rubyCrystalline.nullable(true, nilable)).toBe(true);
    expect(rubyCrystalline.nullable(false, nilable)).toBe(true);
  });

  it("a qualified name finds the doc in the folder its namespace names", () => {
    const byName = nameResolver([
      { path: "models/components/actor.md", title: "Actor" },
      { path: "models/operations/actor.md", title: "Actor" },
    ]);
    expect(byName("Models::Components::Actor", "models/operations/x.md")).toBe("models/components/actor.md");
    expect(byName("Models::Operations::Actor", "models/components/x.md")).toBe("models/operations/actor.md");
    expect(byName("Actor", "models/components/x.md")).toBe("models/components/actor.md");
  });
});

// ---------------------------------------------------------------------------------------------

const doc = (path: string, text: string) => parseDoc(text, path);
const fields = (title: string, rows: [string, string, boolean][]) =>
  `# ${title}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n` +
  rows.map(([n, t, r]) => `| \`${n}\` | ${t} | ${r ? ":heavy_check_mark:" : ":heavy_minus_sign:"} | N/A |`).join("\n") +
  "\n";

describe("Crystalline docs through the IR stage", () => {
  const alpha = doc("models/components/alpha.md", fields("Alpha", [["a", "*::String*", true]]));
  const beta = doc("models/components/beta.md", fields("Beta", [["b", "*::Integer*", true]]));
  const union = doc("models/components/alphaorbeta.md", "# AlphaOrBeta\n");
  const holder = (rows: [string, string, boolean][]) => doc("models/components/holder.md", fields("Holder", rows));
  const UNION_CELL = `[Crystalline::Nilable.new(Crystalline::Union.new(Models::Components::Alpha, Models::Components::Beta))](${shared("alphaorbeta")})`;

  it("a heading-only union doc gets the members its links name; fields link to it", () => {
    const ir = buildIR([alpha, beta, union, holder([["v", UNION_CELL, true], ["w", `Crystalline::Array<[Crystalline::Union.new(Models::Components::Alpha, Models::Components::Beta)](${shared("alphaorbeta")})>`, false]])], rubyCrystalline);
    expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const u = ir.models.find((m) => m.source === "models/components/alphaorbeta.md")!;
    expect(u.kind).toBe("union");
    expect(u.members).toEqual([C("alpha"), C("beta")]);
    const h = ir.models.find((m) => m.source === "models/components/holder.md")!;
    expect(h.fields!.map((f) => [f.name, f.type, f.required, f.nullable])).toEqual([
      ["v", C("alphaorbeta"), true, true],
      ["w", { kind: "array", items: C("alphaorbeta") }, false, true],
    ]);
    // No empty-doc warning is left for the union doc: it is fully read.
    expect(ir.diagnostics.filter((d) => d.file === "models/components/alphaorbeta.md")).toEqual([]);
  });

  it("a heading-only wrapper doc becomes the one model its link names", () => {
    const wrapper = doc("models/components/alphawrapper.md", "# AlphaWrapper\n");
    const ir = buildIR([alpha, wrapper, holder([["e", `[Crystalline::Nilable.new(Models::Components::Alpha)](${shared("alphawrapper")})`, false]])], rubyCrystalline);
    expect(ir.models.find((m) => m.source === "models/components/alphawrapper.md")!.members).toEqual([C("alpha")]);
  });

  it("links that describe a heading-only doc differently leave it 'any', and say so", () => {
    const ir = buildIR(
      [alpha, beta, union, holder([["v", UNION_CELL, true], ["w", `[Models::Components::Alpha](${shared("alphaorbeta")})`, true]])],
      rubyCrystalline,
    );
    expect(ir.models.find((m) => m.source === "models/components/alphaorbeta.md")!.members).toEqual([{ kind: "any" }]);
    const warning = ir.diagnostics.find((d) => d.file === "models/components/alphaorbeta.md")!;
    expect(warning.code).toBe("empty-doc");
    expect(warning.message).toMatch(/the 2 links to it describe 2 different types$/);
  });

  it("dead links are reported once per missing folder, with the count of the others", () => {
    const holders = ["one", "two", "three"].map((n) =>
      doc(`models/components/${n}.md`, fields(n, [["a", `[Models::Components::Alpha](${shared("alpha")})`, true], ["b", `Crystalline::Array<[Models::Components::Beta](${shared("beta")})>`, true]])),
    );
    const ir = buildIR([alpha, beta, ...holders], rubyCrystalline);
    const dead = ir.diagnostics.filter((d) => d.code === "dead-link");
    expect(dead.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`)).toEqual([
      "models/components/one.md:7:9: no doc at models/shared/alpha.md; following the link to models/components/alpha.md, the only doc of that name " +
        "(and 5 more links into models/shared/ from 3 docs, each followed to the doc of its file name in models/components/)",
    ]);
    for (const n of ["one", "two", "three"]) {
      expect(ir.models.find((m) => m.title === n)!.fields!.map((f) => f.type)).toEqual([C("alpha"), { kind: "array", items: C("beta") }]);
    }
  });

  it("a dead link whose file name two folders hold follows the doc its text names", () => {
    const opsAlpha = doc("models/operations/alpha.md", fields("Alpha", [["x", "*::String*", true]]));
    const ir = buildIR([alpha, opsAlpha, holder([["a", `[Models::Operations::Alpha](${shared("alpha")})`, true], ["b", `[Models::Components::Alpha](${shared("alpha")})`, true]])], rubyCrystalline);
    expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(ir.models.find((m) => m.title === "Holder")!.fields!.map((f) => f.type)).toEqual([ref("models/operations/alpha.md"), C("alpha")]);
    const broken = buildIR([alpha, opsAlpha, holder([["a", `[Crystalline::Union.new(Models::Components::Alpha, Models::Operations::Alpha)](${shared("alpha")})`, true]])], rubyCrystalline);
    expect(broken.diagnostics.map((d) => d.code)).toContain("broken-link");
  });
});

describe("detection: Sorbet and Crystalline share *::String*", () => {
  const sorbet = doc("models/shared/s.md", fields("S", [["a", "*::String*", true], ["b", "*T.nilable(::Integer)*", false]]));
  const crystal = doc("models/components/c.md", fields("C", [["a", "*::String*", true], ["b", "*Crystalline::Nilable.new(::Integer)*", false]]));
  const shared1 = doc("models/components/p.md", fields("P", [["a", "*::String*", true], ["b", "*::Integer*", true]]));
  const shared2 = doc("models/components/q.md", fields("Q", [["a", "[Faraday::Response](https://example.com/faraday)", true]]));

  it("Crystalline-only tokens decide; docs of shared cells do not vote", () => {
    const d = detectDialect([crystal, shared1, shared2]);
    expect(d.dialect?.name).toBe("ruby-crystalline");
    expect([...d.votes]).toEqual([["ruby-crystalline", 1]]);
    expect(d.diagnostics).toEqual([]);
    const s = detectDialect([sorbet, shared1, shared2]);
    expect(s.dialect?.name).toBe("ruby-sorbet");
    expect(s.diagnostics).toEqual([]);
  });

  it("a tree of only shared cells still gets a dialect (the first registered)", () => {
    const d = detectDialect([shared1, shared2]);
    expect(d.dialect?.name).toBe("ruby-sorbet");
    expect(d.diagnostics).toEqual([]);
  });

  it("a doc that votes Crystalline but that the winner reads whole is not a mixed dialect", () => {
    const linkedOnly = doc("models/shared/l.md", fields("L", [["a", "[Models::Components::Widget](../../models/shared/s.md)", true]]));
    const alone = detectDialect([linkedOnly]);
    expect(alone.dialect?.name).toBe("ruby-crystalline");
    const d = detectDialect([sorbet, doc("models/shared/t.md", fields("T", [["a", "*T::Boolean*", true]])), linkedOnly]);
    expect([...d.votes]).toEqual([["ruby-sorbet", 2], ["ruby-crystalline", 1]]);
    expect(d.dialect?.name).toBe("ruby-sorbet");
    expect(d.diagnostics).toEqual([]);
  });

  it("Sorbet and Crystalline docs in one tree are mixed dialects", () => {
    const d = detectDialect([sorbet, crystal, doc("models/components/d.md", fields("D", [["a", "*Crystalline::Boolean.new*", true]]))]);
    expect(d.dialect?.name).toBe("ruby-crystalline");
    expect(d.diagnostics.map((x) => [x.code, x.file])).toEqual([["mixed-dialects", "models/shared/s.md"]]);
  });
});
