import { describe, expect, it } from "vitest";
import { CellError } from "../../generator/dialects/cell.js";
import { typescript } from "../../generator/dialects/typescript.js";
import type { TypeRef } from "../../generator/ir/types.js";
import { parseDoc } from "../../generator/markdown/parse.js";
import { flattenCell } from "../../generator/dialects/cell.js";
import { toModel } from "../../generator/dialects/model.js";
import { buildIR } from "../../generator/ir/build.js";
import { typeCell } from "../helpers/cells.js";

const S: TypeRef = { kind: "string" };
const N: TypeRef = { kind: "number" };
const ref = (target: string): TypeRef => ({ kind: "ref", target });
const arr = (items: TypeRef): TypeRef => ({ kind: "array", items });
const map = (values: TypeRef): TypeRef => ({ kind: "map", values });

/** Unlinked model names (unions) the test tree knows: `models.Pet` and `models.Shape`. */
const DOC = "models/example.md";
const names = new Map([
  ["models.Pet", "models/pet.md"],
  ["models.Shape", "models/shape.md"],
  ["shared.Owner", "models/owner.md"],
]);
const ctx = { doc: DOC, byName: (name: string) => names.get(name) };
const cell = (text: string) => typeCell(text, DOC);

// Every Type-cell shape DIALECTS.md lists for TypeScript (§2.7), then the family's variants
// (older namespaces, RFCDate, bigint, Decimal, literals, inline unions, nested maps), with the IR.
const shapes: { cell: string; type: TypeRef; nullMark?: boolean }[] = [
  // §2.7, most frequent first
  { cell: "*string*", type: S },
  { cell: "*number*", type: N },
  { cell: "[models.ViewPreference](../models/viewpreference.md)", type: ref("models/viewpreference.md") },
  { cell: "[models.AddProjectDomainVerification](../models/addprojectdomainverification.md)[]", type: arr(ref("models/addprojectdomainverification.md")) },
  { cell: "*boolean*", type: { kind: "boolean" } },
  { cell: "*string*[]", type: arr(S) },
  { cell: "*models.Pet*", type: ref("models/pet.md") },
  { cell: "Record<string, *string*>", type: map(S) },
  { cell: "Record<string, *models.Shape*>", type: map(ref("models/shape.md")) },
  { cell: "Record<string, [models.Flags](../models/flags.md)>", type: map(ref("models/flags.md")) },
  { cell: "*models.Pet*[]", type: arr(ref("models/pet.md")) },
  { cell: "[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date)", type: { kind: "datetime" } },
  { cell: "*ReadableStream<Uint8Array>*", type: { kind: "binary" } },
  { cell: "*any*", type: { kind: "any" } },
  { cell: "*number*[]", type: arr(N) },
  // `## Supported Types` member headings (code spans), the same grammar
  { cell: "`models.Pet`", type: ref("models/pet.md") },
  { cell: "`string`", type: S },
  { cell: "`number`", type: N },
  { cell: "`boolean`", type: { kind: "boolean" } },
  { cell: "`string[]`", type: arr(S) },
  { cell: "`models.Shape[]`", type: arr(ref("models/shape.md")) },
  { cell: "`{ [k: string]: models.Pet }`", type: map(ref("models/pet.md")) },
  { cell: "`{ [k: string]: string; }`", type: map(S) },
  // The family: older generators and other options
  { cell: "[shared.Owner](../models/shared/owner.md)", type: ref("models/shared/owner.md") },
  { cell: "*shared.Owner*", type: ref("models/owner.md") },
  { cell: "[RFCDate](../../types/rfcdate.md)", type: { kind: "date" } },
  // Newer docs label the date-only type's page `Date`: the page decides, not the label.
  { cell: "[Date](../../types/rfcdate.md)", type: { kind: "date" } },
  { cell: "[Date](../../types/rfcdate.md) \\| *null*", type: { kind: "union", members: [{ kind: "date" }, { kind: "null" }] }, nullMark: true },
  { cell: "*Date*", type: { kind: "datetime" } },
  { cell: "*bigint*", type: { kind: "bigint" } },
  { cell: "*BigInt*", type: { kind: "bigint" } },
  { cell: "*Decimal*", type: { kind: "decimal" } },
  { cell: "*Uint8Array*", type: { kind: "binary" } },
  { cell: "*File*", type: { kind: "binary" } },
  { cell: "*Blob*", type: { kind: "binary" } },
  { cell: "*unknown*", type: { kind: "any" } },
  { cell: "Record<string, *any*>", type: map({ kind: "any" }) },
  { cell: "Record<string, Record<string, *any*>>", type: map(map({ kind: "any" })) },
  { cell: "Record<string, *string*[]>", type: map(arr(S)) },
  { cell: "Record<string, *string*>[]", type: arr(map(S)) },
  { cell: "[models.Tag](../models/tag.md)[][]", type: arr(arr(ref("models/tag.md"))) },
  { cell: "Array<*string*>", type: arr(S) },
  { cell: '*"image"*', type: { kind: "literal", value: "image" } },
  { cell: "*42*", type: { kind: "literal", value: 42 } },
  { cell: "*true*", type: { kind: "literal", value: true } },
  { cell: "*false*", type: { kind: "literal", value: false } },
  { cell: "*'single'*", type: { kind: "literal", value: "single" } },
  { cell: "*string* \\| *number*", type: { kind: "union", members: [S, N] } },
  { cell: "*string* \\| *null*", type: { kind: "union", members: [S, { kind: "null" }] }, nullMark: true },
  { cell: "(*string* \\| *number*)[]", type: arr({ kind: "union", members: [S, N] }) },
  { cell: "[Response](https://developer.mozilla.org/en-US/docs/Web/API/Response)", type: { kind: "external", name: "Response" } },
];

describe("TypeScript Type cells", () => {
  it.each(shapes)("$cell", ({ cell: text, type, nullMark }) => {
    const result = typescript.parseType(cell(text), ctx);
    expect(result.type).toEqual(type);
    expect(result.optionalMark).toBe(false);
    expect(result.nullMark).toBe(nullMark ?? false);
  });

  it("resolves links relative to the doc", () => {
    expect(typescript.parseType(typeCell("[models.X](../../models/x.md)", "docs/sdk/models/y.md"), ctx).type).toEqual(ref("docs/models/x.md"));
  });

  const bad: { cell: string; message: RegExp }[] = [
    { cell: "*strng*", message: /unknown type 'strng'/ },
    { cell: "*models.Nowhere*", message: /'models.Nowhere' is not linked, and no doc/ },
    { cell: "Record<number, *string*>", message: /Record key must be string/ },
    { cell: "Record<string, *string*", message: /expected '>'/ },
    { cell: "*string*[", message: /unexpected '\['/ },
    { cell: "*ReadableStream<string>*", message: /expected 'Uint8Array'/ },
    { cell: "*string* *number*", message: /unexpected 'number'/ },
    { cell: "`{ [k: number]: string }`", message: /index signature key must be string/ },
    { cell: "*string* & *number*", message: /unexpected character '&'/ },
  ];
  it.each(bad)("rejects $cell", ({ cell: text, message }) => {
    let error: unknown;
    try {
      typescript.parseType(cell(text), ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellError);
    expect((error as Error).message).toMatch(message);
  });

  it("points a diagnostic at the bad part of the cell", () => {
    const flat = cell("Record<string, *strng*>");
    try {
      typescript.parseType(flat, ctx);
      expect.unreachable();
    } catch (e) {
      expect((e as CellError).offset).toBe(flat.text.indexOf("strng"));
    }
  });

  it("reads 40 levels of nested Records", () => {
    let t = typescript.parseType(cell("Record<string, ".repeat(40) + "*string*" + ">".repeat(40)), ctx).type;
    for (let i = 0; i < 40; i++) {
      expect(t.kind).toBe("map");
      t = (t as { values: TypeRef }).values;
    }
    expect(t).toEqual(S);
  });

  it("nullability: optional fields accept null; required ones only with `| null`", () => {
    const plain = typescript.parseType(cell("*string*"), ctx);
    const orNull = typescript.parseType(cell("*string* \\| *null*"), ctx);
    expect(typescript.nullable(false, plain)).toBe(true);
    expect(typescript.nullable(true, plain)).toBe(false);
    expect(typescript.nullable(true, orNull)).toBe(true);
    // an optional field's null is assumed (no marker exists); `| null` says it
    expect([typescript.assumesNull(false, plain), typescript.assumesNull(true, plain)]).toEqual([true, false]);
    expect([typescript.assumesNull(false, orNull), typescript.assumesNull(true, orNull)]).toEqual([false, false]);
  });

  it("detection claims every word TypeScript writes; only `number`, `[]` after a type and `Record<` are its alone", () => {
    for (const text of ["number", "string[]", "models.X[]", "Record<string, string>", "ReadableStream<Uint8Array>", "string", "boolean", "any", "models.X", "components.X"]) {
      expect(typescript.looksLike(text), text).toBe(true);
    }
    for (const text of ["*string", "[]string", "map[string]any", "int64", "bool", "long", "List<String>", "?string", "Dict[str, Any]", "::String", "Date"]) {
      expect(typescript.looksLike(text), text).toBe(false);
    }
  });
});

describe("TypeScript enum code blocks", () => {
  const good: { code: string; values: (string | number)[]; open?: boolean }[] = [
    { code: '"dns-01" | "http-01"', values: ["dns-01", "http-01"] },
    { code: '"list"', values: ["list"] },
    { code: "301 | 302 | 307 | 308", values: [301, 302, 307, 308] },
    { code: '| "a"\n| "b"\n| "c"', values: ["a", "b", "c"] },
    { code: "'single' | \"double\"", values: ["single", "double"] },
    { code: '"with \\"quote\\"" | "back\\\\slash"', values: ['with "quote"', "back\\slash"] },
    { code: "-1 | 0 | 2.5 | 1e3", values: [-1, 0, 2.5, 1000] },
    { code: '// a comment\n"x" /* inline */ | "y"', values: ["x", "y"] },
    { code: '""', values: [""] },
    // An open enum (newer docs): the branded member for unlisted values is no value, only the mark.
    { code: '"a" | "b" | Unrecognized<string>', values: ["a", "b"], open: true },
    { code: "1 | 2 | Unrecognized < number >", values: [1, 2], open: true },
  ];
  it.each(good)("$code", ({ code, values, open }) => {
    expect(typescript.enumValuesFromCode!(code, "typescript")).toEqual({ values, open: open ?? false });
  });

  const bad: { code: string; lang?: string; message: RegExp }[] = [
    { code: '"a" "b"', message: /expected '\|' between literals/ },
    { code: '"a" | ', message: /expected a literal/ },
    { code: '"unterminated', message: /unterminated string literal/ },
    { code: "string", message: /expected a string or number literal, found 'string'/ },
    { code: '"a" | b', message: /found 'b'/ },
    { code: "", message: /expected a literal/ },
    { code: '"a"', lang: "go", message: /'go' code block is not a TypeScript literal union/ },
    { code: "01", message: /expected a string or number literal/ },
    { code: '"a" | Unrecognized<boolean>', message: /found 'Unrecognized<boolean/ },
    { code: "Unrecognized<string>", message: /lists no values/ },
  ];
  it.each(bad)("rejects $code", ({ code, lang, message }) => {
    expect(() => typescript.enumValuesFromCode!(code, lang ?? "typescript")).toThrow(message);
    expect(() => typescript.enumValuesFromCode!(code, lang ?? "typescript")).toThrow(CellError);
  });
});

describe("TypeScript union member headings", () => {
  it("reads a heading as its inline nodes give it", () => {
    const doc = parseDoc("# U\n\n## Supported Types\n\n### `models.Pet[]`\n\n```typescript\nconst value: models.Pet[] = /* values here */\n```\n", DOC);
    const sub = doc.sections[0]!.subsections[0]!;
    expect(typescript.parseType(flattenCell(sub.titleNodes, sub, DOC), ctx).type).toEqual(arr(ref("models/pet.md")));
  });
});

describe("TypeScript docs, read whole", () => {
  const resolvers = { link: (target: string) => ({ target }), name: (n: string) => names.get(n) };

  it("an enum: `## Example Usage` kept, `## Values` read from the literal union", () => {
    const text = '# Kind\n\n## Example Usage\n\n```typescript\nimport { Kind } from "sdk/models/kind.js";\n\nlet value: Kind = "a";\n```\n\n## Values\n\n```typescript\n"a" | "b" | "a"\n```\n';
    const result = toModel(parseDoc(text, "models/kind.md"), typescript, resolvers);
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.kind).toBe("enum");
    expect(result.model?.values).toEqual([
      { value: "a", line: 13 },
      { value: "b", line: 13 },
    ]);
    expect(result.model?.examples).toEqual(['import { Kind } from "sdk/models/kind.js";\n\nlet value: Kind = "a";']);
  });

  it("a union: one member per `###` heading, unlinked model names found by name", () => {
    const member = (t: string) => `### \`${t}\`\n\n\`\`\`typescript\nconst value: ${t} = /* values here */\n\`\`\`\n`;
    const text = `# U\n\n## Supported Types\n\n${["models.Pet", "string", "number[]", "{ [k: string]: models.Shape }"].map(member).join("\n")}`;
    const result = toModel(parseDoc(text, "models/u.md"), typescript, resolvers);
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.members).toEqual([ref("models/pet.md"), S, arr(N), map(ref("models/shape.md"))]);
  });

  it("every union member that cannot be read is reported, not only the first", () => {
    const member = (type: string) => `### \`${type}\`\n\n\`\`\`typescript\nconst value: ${type} = /* values here */\n\`\`\`\n\n`;
    const text = `# Pay\n\n## Supported Types\n\n${member("string")}${member("models.Missing")}${member("number")}${member("models.Absent")}`;
    const result = toModel(parseDoc(text, "models/pay.md"), typescript, resolvers);
    expect(result.model).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [11, "unknown-type"], // each at its member's ### heading
      [23, "unknown-type"],
    ]);
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/models\.Missing/), expect.stringMatching(/models\.Absent/)]);
  });

  it("a bad enum block is an error at the word it cannot read (its line and column in the doc)", () => {
    const text = "# Kind\n\n## Values\n\n```typescript\n\"a\" |\n  \"b\" | oops\n```\n";
    const result = toModel(parseDoc(text, "models/kind.md"), typescript, resolvers);
    expect(result.model).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([[7, 9, "unknown-type"]]);
    expect(result.diagnostics[0]!.message).toMatch(/found 'oops'/);
  });
});

describe("Example cells of enum-typed fields", () => {
  it("are the enum's strings, as the cells are unquoted ('true', '1'), once the IR stage knows the enum", () => {
    const docs = [
      parseDoc('# Flag\n\n## Values\n\n```typescript\n"true" | "false"\n```\n', "models/flag.md"),
      parseDoc('# Level\n\n## Values\n\n```typescript\n1 | 2\n```\n', "models/level.md"),
      parseDoc(
        "# Query\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n" +
          "| `decrypt` | [models.Flag](../models/flag.md) | :heavy_minus_sign: | N/A | true |\n" +
          "| `level` | [models.Level](../models/level.md) | :heavy_minus_sign: | N/A | 1 |\n" +
          "| `flags` | [models.Flag](../models/flag.md)[] | :heavy_minus_sign: | N/A | [true, false] |\n" +
          "| `count` | *number* | :heavy_minus_sign: | N/A | 1 |\n",
        "models/query.md",
      ),
    ];
    const ir = buildIR(docs, typescript);
    expect(ir.diagnostics).toEqual([]);
    const query = ir.models.find((m) => m.source === "models/query.md")!;
    expect(query.fields!.map((f) => f.example)).toEqual(["true", 1, ["true", "false"], 1]);
  });
});
