import { describe, expect, it } from "vitest";
import { type DocSource, formatDiagnostic, generate } from "../../generator/api.js";

// Broken docs we wrote ourselves, one problem each (and one with many), with the exact
// diagnostics docs2ts must print. Every run must end with diagnostics, never an exception,
// and a run with an error produces no files.

const header = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |";
const ok = (name: string) => `# ${name}\n\n## Fields\n\n${header}\n| \`id\` | *::String* | :heavy_check_mark: | N/A |\n`;

/** `text` in UTF-16, with or without its byte-order mark. */
function utf16(text: string, order: "le" | "be", bom: boolean): Uint8Array {
  const all = (bom ? "\ufeff" : "") + text;
  const units = Array.from({ length: all.length }, (_, i) => all.charCodeAt(i));
  return Uint8Array.from(units.flatMap((u) => (order === "le" ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff])));
}

const cases: { name: string; docs: Record<string, string | Uint8Array>; want: string[] }[] = [
  {
    name: "a Fields table without a Type column",
    docs: { "models/a.md": "# A\n\n## Fields\n\n| Field | Required | Description |\n| --- | --- | --- |\n| `id` | :heavy_check_mark: | N/A |\n" },
    want: ["models/a.md:5:1: error: the Fields table has no Type column [missing-column]"],
  },
  {
    name: "a Fields table without Type and Required columns",
    docs: { "models/a.md": "# A\n\n## Fields\n\n| Field | Description |\n| --- | --- |\n| `id` | N/A |\n" },
    want: ["models/a.md:5:1: error: the Fields table has no Type, Required column [missing-column]"],
  },
  {
    name: "an unknown type expression",
    docs: { "models/a.md": `# A\n\n## Fields\n\n${header}\n| \`id\` | *T::Strng* | :heavy_check_mark: | N/A |\n` },
    want: ["models/a.md:7:11: error: cannot read the type 'T::Strng': unknown type 'T::Strng' (not a Sorbet type, and not a link to a doc) [unknown-type]"],
  },
  {
    name: "a generic that is never closed",
    docs: { "models/a.md": `# A\n\n## Fields\n\n${header}\n| \`id\` | T::Array<*::String* | :heavy_check_mark: | N/A |\n` },
    want: ["models/a.md:7:28: error: cannot read the type 'T::Array<::String': expected '>' before the end [unknown-type]"],
  },
  {
    name: "a link to a doc that does not exist",
    docs: { "models/a.md": `# A\n\n## Fields\n\n${header}\n| \`b\` | [::X::B](./b.md) | :heavy_check_mark: | N/A |\n` },
    want: ["models/a.md:7:9: error: the link points to models/b.md, which is not a doc in the input folder [broken-link]"],
  },
  {
    name: "two fields with one name",
    docs: { "models/a.md": `# A\n\n## Fields\n\n${header}\n| \`id\` | *::String* | :heavy_check_mark: | N/A |\n| \`id\` | *::Integer* | :heavy_minus_sign: | N/A |\n` },
    want: ["models/a.md:8:3: error: field 'id' is already declared on line 7 [duplicate-field]"],
  },
  {
    name: "a Values table without a Value column",
    docs: { "models/e.md": "# E\n\n## Values\n\n| Name | Description |\n| --- | --- |\n| `A` | the first |\n" },
    want: ["models/e.md:5:1: error: the Values table has no Value column [missing-column]"],
  },
  {
    name: "an enum without values",
    docs: { "models/e.md": "# E\n\n## Values\n\n| Name | Value |\n| --- | --- |\n" },
    want: ["models/e.md:5:1: error: the enum lists no values [empty-enum]"],
  },
  {
    name: "an empty file",
    docs: { "models/a.md": "" },
    want: ["models/a.md:1:1: error: the file is empty [empty-file]"],
  },
  {
    name: "a file of white space",
    docs: { "models/a.md": " \n\t\n" },
    want: ["models/a.md:1:1: error: the file holds only white space [empty-file]"],
  },
  {
    name: "a binary file",
    docs: { "models/a.md": Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) },
    want: ["models/a.md:1:1: error: the file holds a NUL byte at offset 4: not a text file [binary-file]"],
  },
  {
    name: "a file that is not UTF-8",
    docs: { "models/a.md": Uint8Array.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]) },
    want: ["models/a.md:1:1: error: the file is not valid UTF-8 [invalid-utf8]"],
  },
  {
    name: "UTF-16 without its byte-order mark (little- and big-endian)",
    docs: { "models/a.md": utf16(ok("A"), "le", false), "models/b.md": utf16(ok("B"), "be", false) },
    want: [
      "models/a.md:1:1: error: the file holds a NUL byte at offset 1: not a text file (it looks like UTF-16 without a byte-order mark: save it as UTF-8) [binary-file]",
      "models/b.md:1:1: error: the file holds a NUL byte at offset 0: not a text file (it looks like UTF-16 without a byte-order mark: save it as UTF-8) [binary-file]",
    ],
  },
  {
    name: "a UTF-16 byte-order mark on bytes that are not UTF-16 (an odd count, a lone surrogate)",
    docs: { "models/a.md": Uint8Array.from([0xff, 0xfe, 0x23, 0x00, 0x20]), "models/b.md": Uint8Array.from([0xfe, 0xff, 0x00, 0x23, 0xd8, 0x00, 0x00, 0x0a]) },
    want: [
      "models/a.md:1:1: error: the file starts with a UTF-16 byte-order mark but is not valid UTF-16 [invalid-utf8]",
      "models/b.md:1:1: error: the file starts with a UTF-16 byte-order mark but is not valid UTF-16 [invalid-utf8]",
    ],
  },
  {
    name: "a UTF-16 file that holds a NUL character",
    docs: { "models/a.md": utf16(ok("A") + "\0", "le", true) },
    want: [`models/a.md:1:1: error: the file holds a NUL character (at character ${ok("A").length}): not a text file [binary-file]`],
  },
  {
    name: "a file with no heading",
    docs: { "models/a.md": `Some text.\n\n## Fields\n\n${header}\n| \`id\` | *::String* | :heavy_check_mark: | N/A |\n` },
    want: ["models/a.md:1:1: error: the doc has no '# Title' heading [missing-title]"],
  },
  {
    name: "ragged rows",
    docs: { "models/a.md": `# A\n\n## Fields\n\n${header}\n| \`a\` | *::String* | :heavy_check_mark: |\n| \`b\` | *::String* | :heavy_check_mark: | N/A | extra |\n` },
    want: [
      "models/a.md:7:3: error: the row has 3 cells where the header has 4 [ragged-row]",
      "models/a.md:8:3: error: the row has 5 cells where the header has 4 [ragged-row]",
    ],
  },
  {
    name: "a Required cell that says neither yes nor no",
    docs: { "models/a.md": `# A\n\n## Fields\n\n${header}\n| \`id\` | *::String* | maybe | N/A |\n` },
    want: ["models/a.md:7:23: error: the Required cell 'maybe' is neither :heavy_check_mark: nor :heavy_minus_sign: [bad-required]"],
  },
  {
    name: "a Fields section without a table",
    docs: { "models/a.md": "# A\n\n## Fields\n\nNothing here.\n" },
    want: ["models/a.md:3:1: error: '## Fields' has no table [missing-table]"],
  },
  {
    name: "Fields and Values in one doc",
    docs: { "models/a.md": `# A\n\n## Fields\n\n${header}\n| \`id\` | *::String* | :heavy_check_mark: | N/A |\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| \`X\` | x |\n` },
    want: ["models/a.md:9:1: error: the doc has both '## Fields' and '## Values' [conflicting-sections]"],
  },
  {
    name: "two docs whose names collide (same heading, same folder)",
    docs: { "models/a.md": ok("Thing"), "models/b.md": ok("thing"), "models/c.md": `# C\n\n## Fields\n\n${header}\n| \`t\` | [::X::Thing](./b.md) | :heavy_check_mark: | N/A |\n` },
    want: ["models/b.md:1:1: warning: the name Thing is taken by another doc; this model is named Thing2 [name-collision]"],
  },
  {
    name: "a link to a doc that has errors",
    docs: { "models/a.md": `# A\n\n## Fields\n\n${header}\n| \`b\` | [::X::B](./b.md) | :heavy_check_mark: | N/A |\n`, "models/b.md": `# B\n\n## Fields\n\n${header}\n| \`x\` | *nope* | :heavy_check_mark: | N/A |\n` },
    want: [
      "models/a.md:7:1: error: the linked doc models/b.md has errors, so this type cannot be used [unusable-link]",
      "models/b.md:7:10: error: cannot read the type 'nope': unknown type 'nope' (not a Sorbet type, and not a link to a doc) [unknown-type]",
    ],
  },
  {
    name: "many problems in one run, all reported",
    docs: {
      "models/a.md": `# A\n\n## Fields\n\n${header}\n| \`id\` | *::Nope* | :heavy_check_mark: | N/A |\n| \`id\` | *::String* | :heavy_check_mark: | N/A |\n`,
      "models/b.md": "",
      "models/c.md": "no heading\n",
    },
    want: [
      "models/a.md:7:11: error: cannot read the type '::Nope': unknown type '::Nope' (not a Sorbet type, and not a link to a doc) [unknown-type]",
      "models/a.md:8:3: error: field 'id' is already declared on line 7 [duplicate-field]",
      "models/b.md:1:1: error: the file is empty [empty-file]",
      "models/c.md:1:1: error: the doc has no '# Title' heading [missing-title]",
    ],
  },
];

describe("broken docs get exact diagnostics", () => {
  it.each(cases)("$name", ({ docs, want }) => {
    const sources: DocSource[] = Object.entries(docs).map(([path, bytes]) => ({ path, bytes }));
    const result = generate(sources, { dialect: "ruby-sorbet" });
    expect(result.ir.diagnostics.map(formatDiagnostic)).toEqual(want);
    const hasError = result.ir.diagnostics.some((d) => d.severity === "error");
    expect(result.files.length === 0).toBe(hasError);
  });
});

describe("docs in UTF-16 with a byte-order mark (as Windows PowerShell 5's `>` writes them)", () => {
  it("read as the same text in UTF-8 gives, either byte order, UTF-8's own byte-order mark dropped too", () => {
    const text = `# Café\n\nA description with ✓ and 𝄞.\n\n## Fields\n\n${header}\n| \`id\` | *::String* | :heavy_check_mark: | N/A |\n`;
    const run = (bytes: Uint8Array) => generate([{ path: "models/cafe.md", bytes }], { dialect: "ruby-sorbet" });
    const want = run(new TextEncoder().encode(text));
    expect(want.ir.diagnostics).toEqual([]);
    expect(want.ir.models[0]!.description).toBe("A description with ✓ and 𝄞.");
    for (const bytes of [utf16(text, "le", true), utf16(text, "be", true), Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])]) {
      const got = run(bytes);
      expect(got.ir).toEqual(want.ir);
      expect(got.files).toEqual(want.files);
    }
  });
});

describe("model names from any heading", () => {
  it.each([
    ["phone number", "PhoneNumber"],
    ["Café crème", "CafeCreme"],
    ["PhoneN\u05abumber", "PhoneNumber"],
    ["🎉", "Model"],
    ["2fa settings", "Model2faSettings"],
    ["__proto__", "Proto"],
    ["default", "Default"],
  ])("%s -> %s", async (title, name) => {
    const result = generate([{ path: "models/a.md", bytes: ok(title) }], { dialect: "ruby-sorbet" });
    expect(result.ir.models.map((m) => m.name)).toEqual([name]);
    expect(result.files.map((f) => f.path)).toContain(`models/${name}.ts`);
  });
});
