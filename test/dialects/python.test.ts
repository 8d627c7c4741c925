import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/api.js";
import { CellError } from "../../generator/dialects/cell.js";
import type { TypeContext } from "../../generator/dialects/dialect.js";
import { detectDialect } from "../../generator/dialects/index.js";
import { python } from "../../generator/dialects/python.js";
import { buildIR } from "../../generator/ir/build.js";
import type { TypeRef } from "../../generator/ir/types.js";
import { parseDoc } from "../../generator/markdown/parse.js";
import { typeCell } from "../helpers/cells.js";
import { tempTree } from "../helpers/cli.js";
import { tmpRoot } from "../helpers/generated.js";
import { typecheck } from "../helpers/tsc.js";

const S: TypeRef = { kind: "string" };
const I: TypeRef = { kind: "integer" };
const ref = (target: string): TypeRef => ({ kind: "ref", target });
const orNull = (t: TypeRef): TypeRef => ({ kind: "union", members: [t, { kind: "null" }] });
const union = (...members: TypeRef[]): TypeRef => ({ kind: "union", members });
const lit = (value: string | number | boolean | null): TypeRef => ({ kind: "literal", value });

const DOCS = ["widget", "gadget"];
const ctx: TypeContext = {
  doc: "models/example.md",
  byName: (name) => {
    const bare = name.split(".").pop()!.toLowerCase();
    return DOCS.includes(bare) ? `models/${bare}.md` : undefined;
  },
};
const M = (name: string) => ref(`models/${name}.md`);

type Marks = "optional" | "nullable" | "both";
// Every Type-cell shape DIALECTS.md lists for Python (§2.3), plus the family's variants, with the
// IR and marks each must give. Names are ours; the shapes are the docs'.
const shapes: { cell: string; type: TypeRef; marks?: Marks }[] = [
  { cell: "*str*", type: S },
  { cell: "[models.Widget](../models/widget.md)", type: M("widget") },
  { cell: "*Optional[str]*", type: S, marks: "optional" },
  { cell: "*OptionalNullable[str]*", type: S, marks: "both" },
  { cell: "*int*", type: I },
  { cell: "*bool*", type: { kind: "boolean" } },
  { cell: "*Optional[int]*", type: I, marks: "optional" },
  { cell: "List[[models.Widget](../models/widget.md)]", type: { kind: "array", items: M("widget") } },
  { cell: "*OptionalNullable[bool]*", type: { kind: "boolean" }, marks: "both" },
  { cell: "[Optional[models.Widget]](../models/widget.md)", type: M("widget"), marks: "optional" },
  { cell: "List[*str*]", type: { kind: "array", items: S } },
  { cell: "*Nullable[str]*", type: S, marks: "nullable" },
  { cell: "*Optional[bool]*", type: { kind: "boolean" }, marks: "optional" },
  { cell: "[OptionalNullable[models.Widget]](../models/widget.md)", type: M("widget"), marks: "both" },
  { cell: "*Nullable[int]*", type: I, marks: "nullable" },
  { cell: "Dict[str, *Any*]", type: { kind: "map", values: { kind: "any" } } },
  { cell: "[Nullable[models.Widget]](../models/widget.md)", type: M("widget"), marks: "nullable" },
  { cell: "*OptionalNullable[int]*", type: I, marks: "both" },
  { cell: "*float*", type: { kind: "number" } },
  { cell: "*Nullable[float]*", type: { kind: "number" }, marks: "nullable" },
  { cell: "*OptionalNullable[Any]*", type: { kind: "any" }, marks: "both" },
  { cell: "*Nullable[Any]*", type: { kind: "any" }, marks: "nullable" },
  { cell: "*OptionalNullable[float]*", type: { kind: "number" }, marks: "both" },
  { cell: "*Literal[True]*", type: lit(true) },
  { cell: "*Optional[float]*", type: { kind: "number" }, marks: "optional" },
  { cell: "*Union[bytes, IO[bytes], io.IOBase]*", type: { kind: "binary" } },
  { cell: "*BinaryIO*", type: { kind: "binary" } },
  { cell: "*io.BufferedReader*", type: { kind: "binary" } },
  { cell: "Dict[str, *str*]", type: { kind: "map", values: S } },
  // Labels swapped relative to the spec (DIALECTS.md §3.3): either reads as date or date-time.
  { cell: "[date](https://docs.python.org/3/library/datetime.html#date-objects)", type: union({ kind: "date" }, { kind: "datetime" }) },
  { cell: "*Literal[False]*", type: lit(false) },
  { cell: "*Optional[Literal[True]]*", type: lit(true), marks: "optional" },
  { cell: "[datetime](https://docs.python.org/3/library/datetime.html#datetime-objects)", type: union({ kind: "datetime" }, { kind: "date" }) },
  // The link text names the model differently from its file (`format_.md` for `Format`): follow the link.
  { cell: "[OptionalNullable[models.Format]](../models/format_.md)", type: M("format_"), marks: "both" },
  // Family variants.
  { cell: '*Literal["x"]*', type: lit("x") },
  { cell: '*Literal["a", "b", 3, None]*', type: union(lit("a"), lit("b"), lit(3), lit(null)) },
  { cell: "*Any*", type: { kind: "any" } },
  { cell: "Any", type: { kind: "any" } },
  { cell: "List[List[*int*]]", type: { kind: "array", items: { kind: "array", items: I } } },
  { cell: "Dict[str, List[[models.Widget](../models/widget.md)]]", type: { kind: "map", values: { kind: "array", items: M("widget") } } },
  { cell: "List[Dict[str, *Any*]]", type: { kind: "array", items: { kind: "map", values: { kind: "any" } } } },
  { cell: "List[*Optional[str]*]", type: { kind: "array", items: orNull(S) } },
  { cell: "List[Nullable[[models.Widget](../models/widget.md)]]", type: { kind: "array", items: orNull(M("widget")) } },
  { cell: "*Optional[List[str]]*", type: { kind: "array", items: S }, marks: "optional" },
  { cell: "*Optional[Nullable[int]]*", type: I, marks: "both" },
  { cell: "Union[*str*, *int*]", type: union(S, I) },
  { cell: "Union[[models.Widget](../models/widget.md), [models.Gadget](../models/gadget.md)]", type: union(M("widget"), M("gadget")) },
  { cell: "*models.Widget*", type: M("widget") },
  { cell: "[Union[models.Widget, models.Gadget]](../models/widgetorgadget.md)", type: union(M("widget"), M("gadget")) },
  // Older generators link a union's own doc from a whole `Union[…]` with one model or none in it:
  // the link is the union's, not its one model's (nor its scalars').
  { cell: "[Optional[Union[Any, dict[str, shared.Widget]]]](../models/widgetdata.md)", type: M("widgetdata"), marks: "optional" },
  { cell: "[Optional[Union[Any, dict[str, str]]]](../models/unit.md)", type: M("unit"), marks: "optional" },
  { cell: "[Union[shared.Widget]](../models/auth.md)", type: M("auth") },
  // …unless the link's file is named after that model: then it is the member's link.
  { cell: "[Optional[Union[Any, shared.Widget]]](../models/widget.md)", type: union({ kind: "any" }, M("widget")), marks: "optional" },
  { cell: "[Union[date, shared.Widget]](../models/widget.md)", type: union({ kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] }, M("widget")) },
  // A scalar takes a link only when it is the link's one type name.
  { cell: "[date](../models/widget.md)", type: M("widget") },
  { cell: "*bytes*", type: { kind: "binary" } },
  { cell: "*Decimal*", type: { kind: "decimal" } },
  { cell: "[httpx.Response](https://www.python-httpx.org/api/#response)", type: { kind: "external", name: "httpx.Response" } },
];

const MARKS: Record<Marks | "none", [boolean, boolean]> = { none: [false, false], optional: [true, false], nullable: [false, true], both: [true, true] };

describe("Python Type cells", () => {
  it.each(shapes)("$cell", ({ cell, type, marks }) => {
    const result = python.parseType(typeCell(cell, "models/example.md"), ctx);
    expect(result.type).toEqual(type);
    expect([result.optionalMark, result.nullMark]).toEqual(MARKS[marks ?? "none"]);
    expect(result.describes).toBeUndefined();
  });

  it("reads union member headings (`models.X` in a code span) by name", () => {
    const doc = parseDoc("# U\n\n## Supported Types\n\n### `models.Widget`\n\n### `str`\n", "models/u.md");
    const ir = buildIR([doc, parseDoc("# Widget\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `a` | *str* | :heavy_check_mark: | N/A |\n", "models/widget.md")], python);
    expect(ir.diagnostics).toEqual([]);
    expect(ir.models.find((m) => m.source === "models/u.md")!.members).toEqual([M("widget"), S]);
  });

  const bad: { cell: string; message: RegExp }[] = [
    { cell: "*strr*", message: /unknown type 'strr' \(no doc has that name, and it has no link\)/ },
    { cell: "List[*str*", message: /expected '\]'/ },
    { cell: "Dict[int, *str*]", message: /a Dict key must be str/ },
    { cell: "*Literal[maybe]*", message: /a Literal value must be a string, a number, True, False or None, not 'maybe'/ },
    { cell: "*IO[int]*", message: /IO\[...\] must hold bytes or str/ },
    { cell: "*str* extra", message: /unexpected 'extra'/ },
    { cell: "*T.nilable(::String)*", message: /unexpected character '\('|unexpected character ':'/ },
    { cell: "*models.Missing*", message: /unknown type 'models.Missing'/ },
    { cell: "*Optional[]*", message: /expected a type, found '\]'/ },
    { cell: "*str* \\| *int*", message: /unexpected character '\|'/ },
  ];
  it.each(bad)("rejects $cell", ({ cell, message }) => {
    let error: unknown;
    try {
      python.parseType(typeCell(cell, "models/example.md"), ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellError);
    expect((error as Error).message).toMatch(message);
  });

  it("reads 30 levels of nested lists", () => {
    let t = python.parseType(typeCell("List[".repeat(30) + "*str*" + "]".repeat(30)), ctx).type;
    for (let i = 0; i < 30; i++) {
      expect(t.kind).toBe("array");
      t = (t as { items: TypeRef }).items;
    }
    expect(t).toEqual(S);
  });

  it("nullability: only Nullable / OptionalNullable, or an optional cell with no wrapper at all", () => {
    const read = (cell: string) => python.parseType(typeCell(cell), ctx);
    const table: [string, boolean, boolean][] = [
      ["*str*", true, false],
      ["*Nullable[str]*", true, true],
      ["*Optional[str]*", false, false],
      ["*OptionalNullable[str]*", false, true],
      ["List[*str*]", true, false],
      ["List[*str*]", false, true],
      ["Dict[str, *Any*]", false, true],
    ];
    for (const [cell, required, nullable] of table) expect([cell, required, python.nullable(required, read(cell))]).toEqual([cell, required, nullable]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Python docs through the IR stage", () => {
  const extra =
    "# Actor\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n" +
    "| `sub` | *str* | :heavy_check_mark: | N/A |\n| `__pydantic_extra__` | Dict[str, *Any*] | :heavy_minus_sign: | N/A |\n";
  const page =
    "# RetryConfig\n\n## Fields\n\n| Name | Type | Description | Example |\n| - | - | - | - |\n| `strategy` | `*str*` | N/A | `backoff` |\n" +
    "| `backoff` | [BackoffStrategy](#backoffstrategy) | N/A | |\n\n## BackoffStrategy\n\n### Fields\n\n| Name | Type | Description | Example |\n| - | - | - | - |\n| `exponent` | `*float*` | N/A | `1.5` |\n";

  it("__pydantic_extra__ is no key: it becomes the model's additionalProperties", () => {
    const ir = buildIR([parseDoc(extra, "models/actor.md")], python);
    expect(ir.diagnostics).toEqual([]);
    const m = ir.models[0]!;
    expect(m.fields!.map((f) => f.name)).toEqual(["sub"]);
    expect(m.additionalProperties).toEqual({ kind: "any" });
  });

  it("an SDK page with no Required column is skipped with one warning", () => {
    const ir = buildIR([parseDoc(page, "models/utils/retryconfig.md"), parseDoc(extra, "models/actor.md")], python);
    expect(ir.models.map((m) => m.source)).toEqual(["models/actor.md"]);
    expect(ir.diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity} ${d.code}: ${d.message}`)).toEqual([
      "models/utils/retryconfig.md:5: warning not-a-model: the Fields table (Name | Type | Description | Example) has no Required column: an SDK page, not a model doc; skipped",
    ]);
  });

  it("a model with additionalProperties accepts undeclared keys even with unknownKeys: reject, and compiles", async () => {
    // Wide has 9 optional fields, so its fast path is key-driven (a for-in with a switch).
    const optional = Array.from({ length: 9 }, (_, i) => `| \`opt_${i}\` | *Optional[str]* | :heavy_minus_sign: | N/A |\n`).join("");
    const wide = extra.replace("# Actor", "# Wide").replace("| `__pydantic_extra__`", `${optional}| \`__pydantic_extra__\``);
    const input = tempTree({ "models/actor.md": extra, "models/wide.md": wide, "models/other.md": extra.replace("# Actor", "# Other").replace(/\| `__pydantic_extra__`.*\n/, "") });
    const { ir, files } = generate(input, { unknownKeys: "reject" });
    expect(ir.diagnostics).toEqual([]);
    expect(files.find((f) => f.path === "models/Actor.ts")!.content).toContain("[key: string]: unknown;");
    const dir = join(tmpRoot, "python-extra-keys");
    rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    writeFileSync(join(tmpRoot, "package.json"), JSON.stringify({ type: "module", private: true }, null, 2) + "\n");
    expect(typecheck(dir)).toEqual([]);
    const mod = await import(/* @vite-ignore */ join(dir, "index.ts"));
    expect(mod.isActor({ sub: "user_1", role: "admin" })).toBe(true);
    expect(mod.validateActor({ sub: "user_1", role: "admin" }).ok).toBe(true);
    expect(mod.isWide({ sub: "user_1", opt_3: "x", role: "admin" })).toBe(true);
    expect(mod.validateWide({ sub: "user_1", opt_3: "x", role: "admin" }).ok).toBe(true);
    expect(mod.validateWide({ sub: "user_1", opt_3: 3, role: "admin" }).errors.map((e: { path: string }) => e.path)).toEqual(["/opt_3"]);
    expect(mod.isOther({ sub: "user_1", role: "admin" })).toBe(false);
    expect(mod.validateOther({ sub: "user_1", role: "admin" }).errors.map((e: { path: string }) => e.path)).toEqual(["/role"]);
  });
});

describe("detection: Python vocabulary", () => {
  const doc = (path: string, rows: string[]) =>
    parseDoc(`# D\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n${rows.map((t, i) => `| \`f${i}\` | ${t} | :heavy_check_mark: | N/A |`).join("\n")}\n`, path);

  it("python docs vote python; a Ruby doc in the tree is a mixed dialect", () => {
    const d = detectDialect([doc("models/a.md", ["*str*", "*Optional[int]*"]), doc("models/b.md", ["List[*str*]"]), doc("models/c.md", ["*::String*", "*T.nilable(::Integer)*"])]);
    expect(d.dialect?.name).toBe("python");
    expect(d.diagnostics.map((x) => [x.code, x.file])).toEqual([["mixed-dialects", "models/c.md"]]);
  });
});

// Newer Python docs write an enum's values as a bulleted list of literals under `## Values`,
// after the open-enum sentence, instead of a Name | Value table.
describe("Values written as a list", () => {
  const enumDoc = (items: string, prose = "") => parseDoc(`# Mode\n\n## Values\n\n${prose}${items}`, "models/mode.md");

  it("reads one literal per item: quoted strings, numbers, bare words; the sentence marks it open", () => {
    const ir = buildIR([enumDoc("- `\"auto\"`\n- `'none'`\n- `\"a \\\"quoted\\\" one\"`\n- `42`\n- `required`\n", "This is an open enum. Unrecognized values will not fail type checks.\n\n")], python);
    expect(ir.diagnostics).toEqual([]);
    const m = ir.models[0]!;
    expect([m.kind, m.open]).toEqual(["enum", true]);
    expect(m.values!.map((v) => [v.value, v.line])).toEqual([["auto", 7], ["none", 8], ['a "quoted" one', 9], [42, 10], ["required", 11]]);
  });

  it("a list of one item is an enum of one value", () => {
    const ir = buildIR([enumDoc("- `\"only\"`\n")], python);
    expect(ir.diagnostics).toEqual([]);
    expect(ir.models[0]!.values!.map((v) => v.value)).toEqual(["only"]);
  });

  it("without the sentence the enum is closed; a repeated value is a warning", () => {
    const ir = buildIR([enumDoc("- `\"a\"`\n- `\"b\"`\n- `\"a\"`\n")], python);
    expect(ir.models[0]!.open).toBeUndefined();
    expect(ir.models[0]!.values!.map((v) => v.value)).toEqual(["a", "b"]);
    expect(ir.diagnostics.map((d) => [d.code, d.line])).toEqual([["duplicate-enum-value", 7]]);
  });

  it("an item that is not one value in backticks is an error at the item", () => {
    const ir = buildIR([enumDoc("- `\"a\"`\n- b and c\n")], python);
    expect(ir.models).toEqual([]);
    expect(ir.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ["unknown-type", 6, 1, "a Values list item must hold one value in backticks, found 'b and c'"],
    ]);
  });

  it("a table wins over a list in the same section", () => {
    const ir = buildIR([enumDoc("| Name | Value |\n| --- | --- |\n| `A` | a |\n\n- `\"b\"`\n")], python);
    expect(ir.models[0]!.values!.map((v) => v.value)).toEqual(["a"]);
  });
});

// Older Python generators leave a union member's `### ` heading empty when the member is a list
// or a dict, and write its type only in the python block under it (`name: List[X] = …`).
describe("union members under an empty heading", () => {
  const member = (heading: string, code: string) => `### ${heading}\n\n\`\`\`python\n${code}\n\`\`\`\n`;
  const unionDoc = (...members: string[]) => parseDoc(`# Holder\n\n\n## Supported Types\n\n${members.join("\n")}`, "docs/models/shared/holder.md");
  const toy = parseDoc("# Toy\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *str* | :heavy_check_mark: | N/A |\n", "docs/models/shared/toy.md");
  const crate = parseDoc("# Crate\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `toys` | List[[shared.Toy](../../models/shared/toy.md)] | :heavy_check_mark: | N/A |\n", "docs/models/shared/crate.md");

  it("reads the annotation in the code: lists, dicts and Optional wrappers; headed members read their heading", () => {
    const ir = buildIR(
      [
        toy,
        crate,
        unionDoc(
          member("", "toys: List[shared.Toy] = /* values here */"),
          member("", "labels: Dict[str, Optional[int]] = /* values here */"),
          member("", "maybe: Optional[str] = /* values here */"),
          // The heading names the member: the code (which says something else here) is not read.
          member("`shared.Crate`", "value: shared.Toy = /* values here */"),
        ),
      ],
      python,
    );
    expect(ir.diagnostics).toEqual([]);
    expect(ir.models.find((m) => m.name === "Holder")!.members).toEqual([
      { kind: "array", items: ref("docs/models/shared/toy.md") },
      { kind: "map", values: orNull(I) },
      orNull(S),
      ref("docs/models/shared/crate.md"),
    ]);
  });

  it("an annotation that cannot be read is an error at the word in the code", () => {
    const ir = buildIR([toy, unionDoc(member("", "toys: List[shared.Missing] = /* values here */"), member("", "not an annotation"))], python);
    expect(ir.models.find((m) => m.name === "Holder")).toBeUndefined();
    // The first block's code is line 9 (the second's, 15); `shared.Missing` starts after `toys: List[`.
    expect(ir.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ["unknown-type", 9, 12, "cannot read the union member under '### ': unknown type 'shared.Missing' (no doc has that name, and it has no link)"],
      ["unknown-type", 15, 1, "cannot read the union member under '### ': expected `name: <type> = …`"],
    ]);
  });
});
