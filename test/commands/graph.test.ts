import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { beforeAll, describe, expect, it } from "vitest";
import { loadIR } from "../../generator/api.js";
import { DEFAULT_OPTIONS } from "../../generator/emit/context.js";
import { folderFiles } from "../../generator/emit/folder.js";
import { loadTemplates } from "../../generator/emit/templates.js";
import { mermaidGraph, mermaidText } from "../../generator/emit/graph.js";
import { docs2ts, fieldsDoc, tempTree, valuesDoc } from "../helpers/cli.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";

/** Mermaid's own parser (it needs a DOM for its sanitiser): a diagram it rejects would not render. */
let parse: (text: string) => Promise<unknown>;
beforeAll(async () => {
  const dom = new JSDOM("<!doctype html><html><body></body></html>");
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  const mermaid = (await import("mermaid")).default;
  parse = (text) => mermaid.parse(text);
});

let corpusIR: ReturnType<typeof loadIR>["ir"] | undefined;
const corpus = () => (corpusIR ??= loadIR(corpusPath("clerk-ruby-sorbet")).ir);

/** Docs whose names, fields and values try to break the diagram. */
const hostile = {
  "models/shared/end.md": fieldsDoc("end", [
    ["a:b", "*::String*", true],
    ["}", "*::String*", true],
    ["%%comment", "*::String*", true],
    ["x;y --> z", "*::String*", true],
    ['"quoted" `tick`', "*::String*", true],
    ["(paren)", "*::String*", false],
    ["<<enumeration>>", "[::X::Shared::Class](../../models/shared/class.md)", true],
    ["many", "T::Array<[::X::Shared::Note](../../models/shared/note.md)>", false],
    ["#35;", "*::String*", true],
    ["  spaced  ", "*::String*", true],
    ["ünïcødé", "*::String*", true],
  ]),
  "models/shared/class.md": valuesDoc("Class", ["a}b", "%%", "x --> y", "(v)", "", "click", "<b>"]),
  "models/shared/note.md": fieldsDoc("Note", [["back", "[::X::Shared::End](../../models/shared/end.md)", true]]),
};

describe("docs2ts graph", () => {
  it("draws the specs, the whole sorbet corpus and hostile docs as diagrams Mermaid parses", async () => {
    const specs = docs2ts(["graph", "--input", "specs"]);
    expect(specs.code, specs.stderr).toBe(0);
    await expect(parse(specs.stdout)).resolves.toBeTruthy();
    await expect(parse(mermaidGraph(corpus().models))).resolves.toBeTruthy();
    const root = tempTree(Object.fromEntries(Object.entries(hostile).map(([p, t]) => [`docs/${p}`, t])));
    const r = docs2ts(["graph", "--input", "docs"], root);
    expect(r.code, r.stderr).toBe(0);
    await expect(parse(r.stdout)).resolves.toBeTruthy();
    // No doc text reached the diagram raw: every line is one of ours, and its text (entity
    // codes aside) holds only letters, digits and the signs we write.
    const text = String.raw`[\p{L}\p{N}_ .\-\[\]|~?]+`;
    const line = new RegExp(String.raw`^(classDiagram|  class \w+( \{)?|  \}|    <<enumeration>>|    \+?${text}|  \w+ --> ("\*" )?\w+ : ${text})$`, "u");
    for (const l of r.stdout.trimEnd().split("\n")) expect(l.replace(/#\d+;/g, "x")).toMatch(line);
    expect(r.stdout).toContain("class Model_End {"); // a Mermaid keyword is not a class id
    expect(r.stdout).toContain("+a#58;b string");
    expect(r.stdout).toContain("+ünïcødé string");
  });

  it("mermaidText keeps letters and writes every other sign as an entity code", () => {
    expect(mermaidText("user_id")).toBe("user_id");
    expect(mermaidText("a:b}")).toBe("a#58;b#125;");
    expect(mermaidText(" x ")).toBe("#32;x#32;");
    expect(mermaidText("%%\n")).toBe("#37;#37;#10;");
  });

  it("--from draws only what a model reaches; an unknown model is a usage error", () => {
    const r = docs2ts(["graph", "--input", "specs", "--from", "Tag"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("classDiagram\n  class Tag {\n    +id string\n    +label string\n    +colour? string\n    +parent? Tag\n    +children? Tag[]\n  }\n  Tag --> Tag : parent\n  Tag --> \"*\" Tag : children\n");
    const shelf = docs2ts(["graph", "--input", "specs", "--from", "shelf"]).stdout;
    const classes = [...shelf.matchAll(/^ {2}class (\w+)/gm)].map((m) => m[1]);
    expect(classes).toEqual(["AuditSummary", "Author", "Book", "BookFormat", "BookMetadata", "BookObject", "Genre", "Shelf", "Tag"]);
    const bad = docs2ts(["graph", "--input", "specs", "--from", "Boo"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("docs2ts: error: no model named 'Boo'; did you mean Book, BookFormat, BookList, BookMetadata, BookObject?\n");
  });

  it("--out FILE writes the diagram there", () => {
    const root = tempTree({});
    const r = docs2ts(["graph", "--input", join(repoRoot, "specs"), "--from", "Tag", "--out", "diagrams/tag.mmd"], root);
    expect(r).toMatchObject({ code: 0, stdout: "" });
    expect(r.stderr).toBe("docs2ts: 1 models -> diagrams/tag.mmd\n");
    expect(readFileSync(join(root, "diagrams/tag.mmd"), "utf8")).toBe(docs2ts(["graph", "--input", "specs", "--from", "Tag"]).stdout);
  });

  it("--out that cannot be written (a folder, a file in the way) is an error naming it, exit 2, and leaves no temporary file", () => {
    const root = tempTree({ "afile": "x\n", "dir/keep.txt": "x\n" });
    const under = docs2ts(["graph", "--input", join(repoRoot, "specs"), "--out", "afile/g.mmd"], root);
    expect(under.code).toBe(2);
    expect(under.stderr).toMatch(/^docs2ts: error: .*afile\/g\.mmd: cannot write the diagram \((EEXIST|ENOTDIR) at .*afile\)$/m);
    const folder = docs2ts(["graph", "--input", join(repoRoot, "specs"), "--out", "dir"], root);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^docs2ts: error: .*dir: cannot write the diagram \(EISDIR\)$/m);
    expect(readdirSync(root).sort()).toEqual(["afile", "dir"]);
    expect(readdirSync(join(root, "dir"))).toEqual(["keep.txt"]);
  });

  it("the generated README embeds the diagram up to 50 models, and says how to draw one past that", () => {
    const readme = readFileSync(join(repoRoot, "generated/README.md"), "utf8");
    const diagram = docs2ts(["graph", "--input", "specs"]).stdout;
    expect(readme).toContain("```mermaid\n" + diagram + "```\n");
    const big = folderFiles(corpus(), { ...DEFAULT_OPTIONS, version: "0" }, loadTemplates()).find((f) => f.path === "README.md")!.content;
    expect(big).not.toContain("```mermaid");
    expect(big).toContain("414 models are more than one readable diagram holds (docs2ts draws one up to 50);\ndraw the models one of them refers to with `docs2ts graph --from <Model>`.");
    expect(existsSync(join(repoRoot, "generated/README.md"))).toBe(true);
  });
});
