/**
 * The shared model reader and the sections around a model section: prose the generator copied
 * from the API's description may carry headings of its own (Codat's docs have `## Overview` or
 * `## Structure` between the title and `## Fields`; Merge's `# The Url Object`, `### Description`).
 */
import { describe, expect, it } from "vitest";
import { rubySorbet } from "../../generator/dialects/ruby-sorbet.js";
import { typescript as typeScript } from "../../generator/dialects/typescript.js";
import { buildIR } from "../../generator/ir/build.js";
import { parseDoc } from "../../generator/markdown/parse.js";

const FIELDS = "## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `a` | *::String* | :heavy_check_mark: | N/A |\n";

function read(text: string) {
  const ir = buildIR([parseDoc(text, "models/thing.md")], rubySorbet);
  return { model: ir.models[0], diagnostics: ir.diagnostics.map((d) => `${d.line} ${d.code}`) };
}

describe("sections around the model section", () => {
  it("sections before it that are no model section are part of the description, headings and subsections kept", () => {
    const { model, diagnostics } = read(
      "# Thing\n\nWhat a thing is.\n\n## Overview\n\nMore about it:\n\n- one\n- two\n\n### Detail\n\nThe detail.\n\n## Structure\n\nIts parts.\n\n" + FIELDS,
    );
    expect(diagnostics).toEqual([]);
    expect(model!.description).toBe(
      "What a thing is.\n\n## Overview\n\nMore about it:\n\n- one\n- two\n\n### Detail\n\nThe detail.\n\n## Structure\n\nIts parts.",
    );
    expect(model!.fields!.map((f) => f.name)).toEqual(["a"]);
  });

  it("a doc whose prose starts with a heading gets a description all the same", () => {
    const { model, diagnostics } = read("# Thing\n\n## Overview\n\nWhat a thing is.\n\n" + FIELDS);
    expect(diagnostics).toEqual([]);
    expect(model!.description).toBe("## Overview\n\nWhat a thing is.");
  });

  it("an unknown section after the model section is still a warning, and not in the description", () => {
    const text = "# Thing\n\nWhat a thing is.\n\n" + FIELDS + "\n## Notes\n\nLater text.\n";
    const { model, diagnostics } = read(text);
    expect(diagnostics).toEqual([`${text.split("\n").indexOf("## Notes") + 1} unknown-section`]);
    expect(model!.description).toBe("What a thing is.");
  });

  // Merge's docs (an older Go SDK) copy the API's description with its own `#` and `###` headings.
  it("a second '#' and '###' sections above the model section are description text, with no warning", () => {
    const { model, diagnostics } = read(
      "# URL\n\n# The Url Object\n### Description\nThe `Url` object holds a link.\n### Usage Example\nFetch a `Candidate`.\n\n\n" + FIELDS,
    );
    expect(diagnostics).toEqual([]);
    expect(model!.name).toBe("URL");
    expect(model!.description).toBe("# The Url Object\n\n### Description\n\nThe `Url` object holds a link.\n\n### Usage Example\n\nFetch a `Candidate`.");
  });

  it("a second '#' after a section still names another model: a warning, and not in the description", () => {
    const text = "# Thing\n\nWhat a thing is.\n\n" + FIELDS + "\n# Other\n\nText.\n";
    const { model, diagnostics } = read(text);
    expect(diagnostics).toEqual(["1 multiple-titles"]);
    expect(model!.description).toBe("What a thing is.");
  });

  it("a doc with no model section keeps its sections as unknown ones; skipped as no model, it is one warning", () => {
    // Skipped (nothing links to it): its sections are not read, so only the not-a-model warning is left.
    // (It is the only doc, so the run has no model: a no-models error.)
    expect(read("# Options\n\n## Global Options\n\nText.\n").diagnostics).toEqual(["1 no-models", "1 not-a-model"]);
    // An SDK's operations page (docs/sdks/users/README.md): a `##` section per operation, a Parameters table.
    const page =
      "# Users\n(*users*)\n\n## Overview\n\n### Available Operations\n\n* [list](#list) - List users\n\n## list\n\nLists users.\n\n" +
      "### Parameters\n\n| Parameter | Type | Required | Description |\n| - | - | - | - |\n| `limit` | *::Integer* | :heavy_minus_sign: | N/A |\n\n" +
      "### Response\n\n**[T.nilable(::X::Operations::ListResponse)](../models/thing.md)**\n\n# Errors\n";
    const thing = "# Thing\n\n" + FIELDS;
    const ir = buildIR([parseDoc(page, "sdks/users/README.md"), parseDoc(thing, "models/thing.md")], rubySorbet);
    expect(ir.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(["sdks/users/README.md:1 not-a-model"]);
    expect(ir.models.map((m) => m.name)).toEqual(["Thing"]);
    // Linked to, the same doc is read (as any value), and its sections' warnings stay.
    const linker = "# Linker\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `o` | [::X::Options](options.md) | :heavy_check_mark: | N/A |\n";
    const linked = buildIR([parseDoc("# Options\n\n## Global Options\n\nText.\n", "models/options.md"), parseDoc(linker, "models/linker.md")], rubySorbet);
    expect(linked.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(["models/options.md:1 empty-doc", "models/options.md:3 unknown-section"]);
  });
});

describe("docs with no model section", () => {
  // OpenAPI Generator's model docs: `## Properties`, Name | Type | Description | Notes.
  const properties = (title: string) =>
    `# ${title}\n\n## Properties\nName | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n**id** | **int** |  | [optional] \n`;

  it("a '##' section whose table has a Type column is named in the warning", () => {
    const ir = buildIR([parseDoc(properties("Pet"), "Pet.md"), parseDoc("# Thing\n\n" + FIELDS, "Thing.md")], rubySorbet);
    expect(ir.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`)).toEqual(["Pet.md:1 warning not-a-model"]);
    expect(ir.diagnostics[0]!.message).toBe(
      "the doc has no '## Fields', '## Values' or '## Supported Types' section (its '## Properties' table has a Type column, but fields are read only from a " +
        "'## Fields' table of Field | Type | Required | Description, as Speakeasy's SDK docs write them) and no doc links to it; it is not a model, and is skipped",
    );
    expect(ir.models.map((m) => m.name)).toEqual(["Thing"]);
  });

  it("docs of which none is a model are an error, not an empty output", () => {
    const ir = buildIR([parseDoc(properties("Pet"), "Pet.md"), parseDoc(properties("Category"), "Category.md")], rubySorbet);
    expect(ir.models).toEqual([]);
    expect(ir.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`)).toEqual([
      ".:1 error no-models",
      "Category.md:1 warning not-a-model",
      "Pet.md:1 warning not-a-model",
    ]);
    expect(ir.diagnostics[0]!.message).toMatch(/^none of the 2 docs read is a model doc /);
    // A lone heading-only doc is skipped too.
    expect(buildIR([parseDoc("# Note\n", "Note.md")], rubySorbet).diagnostics.map((d) => d.code)).toEqual(["no-models", "not-a-model"]);
  });
});

describe("Example cells", () => {
  it("JavaScript's text for an object is no example; other values are read as before", () => {
    const ir = buildIR(
      [
        parseDoc(
          "# Thing\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| - | - | - | - | - |\n" +
            "| `meta` | T::Hash[Symbol, *::Object*] | :heavy_minus_sign: | N/A | [object Object] |\n" +
            "| `items` | T::Array<T::Hash[Symbol, *::Object*]> | :heavy_minus_sign: | N/A | [object Object],[object Object] |\n" +
            "| `tags` | T::Array<*::String*> | :heavy_minus_sign: | N/A | a,b |\n" +
            '| `data` | T::Hash[Symbol, *::Object*] | :heavy_minus_sign: | N/A | {"object": "Object"} |\n',
          "models/thing.md",
        ),
      ],
      rubySorbet,
    );
    expect(ir.diagnostics).toEqual([]);
    expect(ir.models[0]!.fields!.map((f) => f.example)).toEqual([undefined, undefined, "a,b", { object: "Object" }]);
  });

  it("a cell of numbered examples (newer generators) gives its first, read as a single cell would be", () => {
    const ir = buildIR(
      [
        parseDoc(
          "# Thing\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| - | - | - | - | - |\n" +
            "| `country` | *::String* | :heavy_minus_sign: | N/A | **Example 1:** US<br/>**Example 2:** SE<br/>**Example 3:** FR |\n" +
            '| `tax_id` | T::Array<*::String*> | :heavy_minus_sign: | N/A | **Example 1:** [<br/>"911144442",<br/>"us_ein"<br/>]<br/>**Example 2:** [<br/>"FR6195",<br/>"eu_vat"<br/>] |\n' +
            "| `count` | *::Integer* | :heavy_minus_sign: | N/A | **Example 1:** 3<br/>**Example 2:** 4 |\n" +
            // One example that merely starts with the words, and a list that does not go on to 2: as written.
            "| `note` | *::String* | :heavy_minus_sign: | N/A | Example 1: see the guide |\n" +
            "| `odd` | *::String* | :heavy_minus_sign: | N/A | **Example 1:** a<br/>**Example 3:** b |\n",
          "models/thing.md",
        ),
      ],
      rubySorbet,
    );
    expect(ir.diagnostics).toEqual([]);
    expect(ir.models[0]!.fields!.map((f) => f.example)).toEqual(["US", ["911144442", "us_ein"], 3, "Example 1: see the guide", "Example 1: a\nExample 3: b"]);
  });
});

describe("links in Type cells", () => {
  it("a relative link to no .md file is a warning at the link; links to docs and out of the docs are not", () => {
    const row = (name: string, type: string) => `| \`${name}\` | ${type} | :heavy_minus_sign: | N/A |\n`;
    const ir = buildIR(
      [
        parseDoc(
          "# Thing\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n" +
            row("pet", "[T.nilable(Models::Shared::Pet)](pet)") +
            row("owner", "[T.nilable(Models::Shared::Pet)](pet.md)") +
            row("at", "[Date](https://ruby-doc.org/stdlib/libdoc/date/rdoc/Date.html)"),
          "models/thing.md",
        ),
        parseDoc("# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n" + row("name", "*::String*"), "models/pet.md"),
      ],
      rubySorbet,
    );
    expect(ir.diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([
      [7, 12, "not-a-doc-link", "the link points to 'pet', which is no .md doc: the type it names is read as one from outside the docs"],
    ]);
    const thing = ir.models.find((m) => m.name === "Thing")!;
    expect(thing.fields!.map((f) => f.type.kind)).toEqual(["external", "ref", "union"]);
  });

  it("a cell that is one link out of the docs, whose text the dialect cannot read, is an external type with a warning; with more than the link it stays an error", () => {
    const row = (name: string, type: string) => `| \`${name}\` | ${type} | :heavy_check_mark: | N/A |\n`;
    const docs = [
      { path: "models/response.md", dialect: typeScript, rows: row("raw", "[AxiosResponse>](https://axios-http.com/docs/res_schema)") + row("also", " [AxiosResponse>](https://axios-http.com/docs/res_schema) ") },
      { path: "models/response.md", dialect: rubySorbet, rows: row("raw", "[Faraday::Response>](https://www.rubydoc.info/gems/faraday)") + row("also", "[T::Nope<](https://example.com/x)") },
    ];
    for (const { path, dialect, rows } of docs) {
      const ir = buildIR([parseDoc(`# Response\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n${rows}`, path)], dialect);
      expect(ir.diagnostics.map((d) => [d.line, d.code])).toEqual([
        [7, "external-text"],
        [8, "external-text"],
      ]);
      expect(ir.diagnostics[0]!.message).toMatch(/^the type '.*>' links out of the docs, and its text is no type the dialect reads \(.+\): read as a type from outside the docs, any value$/);
      expect(ir.models[0]!.fields!.map((f) => f.type)).toEqual([
        { kind: "external", name: ir.diagnostics[0]!.message.match(/^the type '(.*?)'/)![1] },
        expect.objectContaining({ kind: "external" }),
      ]);
    }
    // Text beside the link, or a link into the docs, is still the grammar's to read: an error.
    const mixed = buildIR(
      [parseDoc(`# Response\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n${row("raw", "[AxiosResponse>](https://axios-http.com/) or null")}${row("doc", "[Pet>](pet.md)")}`, "models/response.md")],
      typeScript,
    );
    expect(mixed.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [7, "unknown-type"],
      [8, "unknown-type"],
    ]);
  });
});

describe("a Fields table with a bad row", () => {
  const row = (field: string) => `| ${field} | *::String* | :heavy_check_mark: | N/A |\n`;
  const doc = (...rows: string[]) => `# Thing\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n${rows.join("")}`;

  it("an empty Field cell or a field declared twice is an error, and the doc gives no model (not one without the row)", () => {
    for (const [text, code] of [
      [doc(row("`a`"), row("")), "8 empty-field-name"],
      [doc(row("`a`"), row("`a`")), "8 duplicate-field"],
    ] as const) {
      const { model, diagnostics } = read(text);
      expect(diagnostics).toEqual([code]);
      expect(model).toBeUndefined();
    }
  });

  it("a struck-through title marks the model deprecated; a plain one does not", () => {
    expect(read("# ~~Thing~~\n\n" + FIELDS).model!.deprecated).toBe(true);
    expect(read("# Thing\n\n" + FIELDS).model!.deprecated).toBeUndefined();
  });
});
