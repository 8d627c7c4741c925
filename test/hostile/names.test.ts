import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../generator/api.js";
import { MAX_NAME_LENGTH } from "../../generator/ir/naming.js";
import { docs2ts, tempTree } from "../helpers/cli.js";
import { generated } from "../helpers/generated.js";
import { repoRoot } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";

// Names and text from docs never become code: test/hostile/names/ holds docs we wrote with
// reserved words, __proto__, digits, dashes, quotes, backticks, ${...}, */, </script>, emoji,
// names that clash with globals, with index.ts's own exports and with generated functions,
// same-named docs in two folders, a self-reference, a cycle of three and 30 nested arrays.
const out = generated(join(repoRoot, "test/hostile/names"), "hostile-names");
const file = (name: string) => out.files.find((f) => f.path === `models/${name}.ts`)!.content;

describe("hostile names and text", () => {
  it("generates with only the two expected renames", () => {
    expect(out.ir.diagnostics.map(formatDiagnostic)).toEqual([
      "models/shared/foo.md:1:1: warning: the name Foo would export FooSchema, which another doc's model uses; this model is named Foo2 [name-collision]",
      "models/shared/validationerror.md:1:1: warning: the name ValidationError is reserved (index.ts exports ValidationError); this model is named ValidationError2 [name-collision]",
    ]);
    expect(out.ir.models.map((m) => m.name)).toEqual([
      "OperationsActor",
      "SharedActor",
      "Default",
      "Foo2",
      "FooSchema",
      "Object",
      "Ring1",
      "Ring2",
      "Ring3",
      "ValidationError2",
      "Model123ValuesOfThings",
    ]);
  });

  it("quotes every key that is not a plain identifier, and keeps JSON keys as written", () => {
    const text = file("Default");
    const body = /export interface Default \{\n([\s\S]*?)\n\}/.exec(text)![1]!;
    const keys = body.split("\n").filter((l) => /^    \S/.test(l) && !l.trim().startsWith("/**") && !l.trim().startsWith("*")).map((l) => l.trim());
    expect(keys).toEqual([
      '"__proto__": string;',
      '"constructor"?: number | null | undefined;',
      "class: boolean;",
      '"1st-place"?: string | null | undefined;',
      '"with space"?: string | null | undefined;',
      '"quote\\"s"?: string | null | undefined;',
      '"it\'s"?: string | null | undefined;',
      '"${x}"?: string | null | undefined;',
      '"$dollar@at"?: string | null | undefined;',
      '"emoji🎉"?: string | null | undefined;',
      '"a/b~c": Model123ValuesOfThings;',
      "self?: Default | null | undefined;",
      `deep?: string${"[]".repeat(30)} | null | undefined;`,
    ]);
  });

  it("writes enum values as escaped literals and __proto__ as a computed key", () => {
    const text = file("Model123ValuesOfThings");
    expect(text).toContain(
      'export type Model123ValuesOfThings = "__proto__" | "*/" | "\\"quoted\\"" | "${x}" | "<\\/script>" | "" | "🎉" | "a|b";',
    );
    expect(text).toContain(
      [
        "export const Model123ValuesOfThings = {",
        '    ["__proto__"]: "__proto__",',
        '    "constructor": "*/",',
        '    QUOTED: "\\"quoted\\"",',
        '    TEMPLATE: "${x}",',
        '    SCRIPT: "<\\/script>",',
        '    EMPTY: "",',
        '    "1X": "🎉",',
        '    PIPE: "a|b",',
        "} as const;",
      ].join("\n"),
    );
  });

  it("doc text cannot close a comment or become code", () => {
    for (const f of out.files.filter((x) => x.path.endsWith(".ts"))) {
      const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, f.content);
      const identifiers = new Set<string>();
      for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
        if (t === ts.SyntaxKind.Identifier) identifiers.add(scanner.getTokenText());
      }
      // Words of the docs' prose would show up as identifiers if a comment had been closed.
      for (const word of ["tries", "inject", "backticks", "become", "dunder", "Thirty"]) {
        expect(identifiers.has(word), `${f.path}: ${word}`).toBe(false);
      }
    }
    expect(file("Default")).toContain(" * \\@deprecated this line must not become a JSDoc tag");
    expect(file("Default")).not.toMatch(/^\s*\*\s*@deprecated this line/m);
  });

  it("compiles under tsc --strict with the strictest flags", () => {
    expect(typecheck(out.dir)).toEqual([]);
  });

  it("exports exactly what the docs declare, plus ValidationError", async () => {
    const mod = await out.load();
    const expected = ["ValidationError"];
    for (const m of out.ir.models) {
      if (m.kind === "enum") expected.push(m.name);
      expected.push(`is${m.name}`, `validate${m.name}`, `assert${m.name}`, `${m.name}Schema`);
    }
    expect(Object.keys(mod).sort()).toEqual(expected.sort());
  });

  it("validates hostile keys, 30 nested arrays and cycles", async () => {
    const mod = await out.load();
    const value = JSON.parse('{"__proto__": "p", "class": true, "a/b~c": "__proto__", "deep": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}');
    expect(mod.isDefault(value)).toBe(true);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
    const bad = { ...JSON.parse('{"__proto__": 1}'), class: true, "a/b~c": "nope" };
    expect(mod.validateDefault(bad).errors.map((e: { path: string }) => e.path)).toEqual(["/__proto__", "/a~1b~0c"]);
    // An object whose __proto__ is only the inherited accessor lacks the required own key.
    expect(mod.validateDefault({ class: true, "a/b~c": "" }).errors.map((e: { path: string }) => e.path)).toEqual(["/__proto__"]);
    const ring: Record<string, unknown> = {};
    let node = ring;
    for (let i = 0; i < 300; i++) node = (node.next = {}) as Record<string, unknown>;
    expect(mod.isRing1(ring)).toBe(true);
    node.next = 5;
    const r = mod.validateRing1(ring);
    expect(r.ok).toBe(false);
    expect(r.errors[0].path).toBe("/next".repeat(301));
  });
});

describe("long names", () => {
  it("a name longer than 200 characters is cut, with a warning, and the output is written", () => {
    const title = (end: string) => `${"Very Long Title Word ".repeat(12)}${end}`; // 204 characters once PascalCased, then the end
    const doc = (t: string) => `# ${t}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| \`a\` | *::String* | :heavy_check_mark: | N/A |\n`;
    const root = tempTree({ "docs/models/a.md": doc(title("Alpha")), "docs/models/b.md": doc(title("Beta")), "docs/models/c.md": doc("Short") });
    const run = docs2ts(["generate", "--no-cache", "--dialect", "ruby-sorbet", "--input", "docs", "--out", "out"], root);
    expect(run.code, run.stderr).toBe(0);
    const cut = "VeryLongTitleWord".repeat(12).slice(0, MAX_NAME_LENGTH);
    expect(run.stderr).toContain("models/a.md:1:1: warning: the model's name would be 209 characters long; it is cut to its first 200, since it also names the model's files [long-name]");
    expect(run.stderr).toContain("models/b.md:1:1: warning: the model's name would be 208 characters long; it is cut to its first 200");
    // The cut made the two names equal: the second is numbered.
    expect(run.stderr).toContain(`models/b.md:1:1: warning: the name ${cut} is taken by another doc; this model is named `);
    expect(readdirSync(join(root, "out/models")).sort()).toEqual(["Short.ts", `${cut}.ts`, `${cut}2.ts`]);
  });
});
