import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Model } from "../../generator/api.js";
import { listDocs } from "../../generator/markdown/read.js";
import { generated } from "../helpers/generated.js";
import { checkExamples, compact, linkTarget, rawDoc } from "../helpers/sdk-corpus.js";
import { corpusPath } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";

const corpus = corpusPath("clerk-php");
// Generated once per process with no options: the dialect is detected.
const out = generated(corpus, "corpus-clerk-php");
const { ir } = out;
const bySource = new Map(ir.models.map((m) => [m.source, m]));
const docs = listDocs(corpus).filter((p) => p.startsWith("Models/"));

/**
 * The oracle's own way to find the doc of a name written without a link (`Components\X`): the
 * file `Models/Components/X.md`, derived from the name (the generator looks the name up among the
 * docs' headings instead). It must exist.
 */
function docOfName(name: string): string {
  const path = `Models/${name.replace(/\\/g, "/")}.md`;
  if (!existsSync(join(corpus, path))) throw new Error(`oracle: no ${path} for ${name}`);
  return `ref:${path}`;
}

/**
 * The independent oracle: a raw PHP Type cell (`\|` as written) -> the compact IR it must give,
 * and whether it carries a `?` or `|null` mark, by regular expressions over the cell text.
 */
function shapeOf(cell: string, docPath: string): { shape: string; mark: boolean } {
  const link = /^\[(.*)\]\(([^)]*)\)$/.exec(cell);
  if (link) {
    const [, text, url] = link;
    if (/^https?:/.test(url!)) return { shape: text === "\\DateTime" ? "union(date,datetime)" : `external:${text}`, mark: false };
    if (text!.includes("\\|")) {
      const parts = text!.split("\\|");
      const members = parts.filter((p) => p !== "null");
      return { shape: `union(${members.map(docOfName).join(",")})`, mark: members.length < parts.length };
    }
    return { shape: `ref:${linkTarget(docPath, url!)}`, mark: text!.startsWith("?") };
  }
  let m = /^array<string, (.*)>$/.exec(cell);
  if (m) return { shape: `map<${shapeOf(m[1]!, docPath).shape}>`, mark: false };
  m = /^array<(.*)>$/.exec(cell);
  if (m) return { shape: `array<${shapeOf(m[1]!, docPath).shape}>`, mark: false };
  m = /^\*(\??)(string|int|float|bool|mixed)\*$/.exec(cell);
  const scalars: Record<string, string> = { string: "string", int: "integer", float: "number", bool: "boolean", mixed: "any" };
  if (m) return { shape: scalars[m[2]!]!, mark: m[1] === "?" };
  return { shape: `unknown:${cell}`, mark: false };
}

/** A `` `Components\A|Components\B` `` member heading -> its compact IR. */
function memberShape(heading: string): string {
  const names = heading.replace(/^`|`$/g, "").split("|");
  return names.length === 1 ? docOfName(names[0]!) : `union(${names.map(docOfName).join(",")})`;
}

describe("clerk-php corpus (953 docs)", () => {
  it("is detected as php with no flags, and generates with 0 errors", () => {
    expect(ir.dialect).toBe("php");
    expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(docs.length).toBe(953);
    expect(ir.models.length).toBe(953);
  });

  it("warns only about two docs whose names differ in case alone, and the SOURCE.md page", () => {
    // Models/Components/SAMLConnection.md (an object) and SamlConnection.md (a union) sit in one folder.
    expect(ir.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(["name-collision Models/Components/SamlConnection.md", "not-a-model SOURCE.md"]);
    // Folders cannot tell them apart, so the second in path order gets the smallest free number
    // (SamlConnection2 is another doc's name).
    expect([bySource.get("Models/Components/SAMLConnection.md")!.name, bySource.get("Models/Components/SamlConnection.md")!.name]).toEqual([
      "SamlConnection",
      "SamlConnection3",
    ]);
  });

  it("reads every model, field, enum value and union member as the docs say", () => {
    let fields = 0;
    let values = 0;
    let members = 0;
    let marks = 0;
    for (const path of docs) {
      const raw = rawDoc(corpus, path);
      const model = bySource.get(path) as Model;
      expect(model, path).toBeDefined();
      expect(model.title, path).toBe(raw.title.replace(/^~~(.*)~~$/, "$1"));
      const [section] = raw.sections;
      if (section === "Supported Types") {
        expect(model.kind, path).toBe("union");
        expect(model.members!.map(compact), path).toEqual(raw.members.map(memberShape));
        members += raw.members.length;
        continue;
      }
      const table = raw.tables[0]!;
      if (section === "Values") {
        expect(model.kind, path).toBe("enum");
        expect(model.values!.map((v) => v.value), path).toEqual(table.rows.map((r) => r[table.header.indexOf("Value")]!));
        values += table.rows.length;
        continue;
      }
      expect(section, path).toBe("Fields");
      expect(model.kind, path).toBe("object");
      const want = table.rows.map((r) => {
        const required = r[2] === ":heavy_check_mark:";
        const { shape, mark } = shapeOf(r[1]!, path);
        if (mark) marks++;
        // `?` and `|null` say nullable; an optional field may be null anyway.
        return [r[0]!.replace(/~~|`/g, ""), shape, required, !required || mark];
      });
      expect(model.fields!.map((f) => [f.name, compact(f.type), f.required, f.nullable]), path).toEqual(want);
      fields += want.length;
    }
    // Every Type cell (DIALECTS.md §2.6: 3,311), enum row and member heading was compared;
    // 992 cells carry `?` and 7 end in `|null`.
    expect([fields, values, members]).toEqual([3311, 3677 - 3311, 40]);
    expect(marks).toBe(992 + 7);
  });

  it("resolves inline-union members by name, in the folder their qualifier names", () => {
    // The link goes to the union's doc (SchemasSAMLConnection.md); the members are found by name,
    // and `Components\One` is found in Models/Components/ although the asking doc is in Operations/.
    const field = bySource.get("Models/Operations/GetSAMLConnectionResponse.md")!.fields!.find((f) => f.name === "schemasSAMLConnection")!;
    expect(compact(field.type)).toBe("union(ref:Models/Components/One.md,ref:Models/Components/Two.md)");
    expect(existsSync(join(corpus, "Models/Operations/One.md"))).toBe(true);
    expect(field.nullable).toBe(true);
  });

  it("keeps camelCase SDK names as written", () => {
    const names = ir.models.flatMap((m) => m.fields ?? []).map((f) => f.name);
    expect(names.filter((n) => !/^[a-z][A-Za-z0-9]*$/.test(n))).toEqual([]);
    expect(names).toContain("phoneNumber");
  });

  it("compiles under tsc --strict with 0 errors", () => {
    expect(typecheck(out.dir)).toEqual([]);
  });

  it("accepts every one of the docs' own Example values (assembled per model) with the generated validators", async () => {
    const check = checkExamples(corpus, ir.models, await out.load());
    // 57 docs have an Example column (DIALECTS.md §1.3); 271 cells are filled.
    expect([check.models, check.values]).toEqual([57, 271]);
    expect(check.rejections).toEqual([]);
    expect(check.accepted).toBe(271);
  });
});
