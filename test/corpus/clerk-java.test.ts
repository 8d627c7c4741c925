import { describe, expect, it } from "vitest";
import type { Model } from "../../generator/api.js";
import { listDocs } from "../../generator/markdown/read.js";
import { generated } from "../helpers/generated.js";
import { checkExamples, compact, linkTarget, rawDoc } from "../helpers/sdk-corpus.js";
import { corpusPath } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";

const corpus = corpusPath("clerk-java");
// Generated once per process with no options: the dialect is detected.
const out = generated(corpus, "corpus-clerk-java");
const { ir } = out;
const bySource = new Map(ir.models.map((m) => [m.source, m]));

/**
 * The independent oracle: a raw Java Type cell (`\<` as written) -> the compact IR it must give,
 * and the wrapper around it, by regular expressions over the cell text.
 */
function shapeOf(cell: string, docPath: string): { shape: string; wrapper: "" | "Optional" | "JsonNullable" } {
  const c = cell.replace(/\\</g, "<");
  const link = /^\[(.*)\]\(([^)]*)\)$/.exec(c);
  if (link) {
    const w = /^(Optional|JsonNullable)<(.*)>$/.exec(link[1]!);
    const text = w ? w[2]! : link[1]!;
    const wrapper = (w?.[1] ?? "") as "" | "Optional" | "JsonNullable";
    if (/^https?:/.test(link[2]!)) {
      return { shape: text === "OffsetDateTime" ? "datetime" : text === "LocalDate" ? "date" : `external:${text}`, wrapper };
    }
    return { shape: `ref:${linkTarget(docPath, link[2]!)}`, wrapper };
  }
  let m = /^List<(.*)>$/.exec(c);
  if (m) return { shape: `array<${shapeOf(m[1]!, docPath).shape}>`, wrapper: "" };
  m = /^Map<String, (.*)>$/.exec(c);
  if (m) return { shape: `map<${shapeOf(m[1]!, docPath).shape}>`, wrapper: "" };
  if (c === "byte[]") return { shape: "binary", wrapper: "" };
  m = /^\*(Optional|JsonNullable)<(\w+)>\*$/.exec(c) ?? /^\*()(\w+)\*$/.exec(c);
  const scalars: Record<string, string> = { String: "string", long: "integer", int: "integer", Long: "integer", boolean: "boolean", Boolean: "boolean", double: "number", Double: "number", Float: "number", Object: "any" };
  if (m && scalars[m[2]!]) return { shape: scalars[m[2]!]!, wrapper: m[1] as "" | "Optional" | "JsonNullable" };
  return { shape: `unknown:${cell}`, wrapper: "" };
}

const docs = listDocs(corpus).filter((p) => p.startsWith("models/"));
/** The H1-only docs (Java's unions, §2.4) that no field links to: skipped as pages. */
const UNLINKED_EMPTY = ["models/components/EnterpriseAccountConnection.md", "models/components/SAMLAccountConnection.md", "models/operations/CreateSAMLConnectionRequestBody.md"];

describe("clerk-java corpus (991 docs)", () => {
  it("is detected as java with no flags, and generates with 0 errors", () => {
    expect(ir.dialect).toBe("java");
    expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(docs.length).toBe(991);
    expect(ir.models.length).toBe(991 - UNLINKED_EMPTY.length);
  });

  it("warns only about the empty union docs (their members are written nowhere) and the SOURCE.md page", () => {
    const empty = docs.filter((p) => rawDoc(corpus, p).sections.length === 0);
    expect(empty.length).toBe(22);
    const warnings = ir.diagnostics.map((d) => `${d.code} ${d.file}`).sort();
    expect(warnings).toEqual(
      [
        "not-a-model SOURCE.md",
        ...UNLINKED_EMPTY.map((p) => `not-a-model ${p}`),
        ...empty.filter((p) => !UNLINKED_EMPTY.includes(p)).map((p) => `empty-doc ${p}`),
      ].sort(),
    );
    // A linked empty doc is still a usable model: a value of any type.
    for (const p of empty.filter((p) => !UNLINKED_EMPTY.includes(p))) {
      expect(bySource.get(p), p).toMatchObject({ kind: "union", members: [{ kind: "any" }] });
    }
  });

  it("reads every model, field and enum value as the tables say; nullability follows the wrappers", () => {
    let fields = 0;
    let values = 0;
    const wrappers = { "": 0, Optional: 0, JsonNullable: 0 };
    for (const path of docs) {
      const raw = rawDoc(corpus, path);
      const model = bySource.get(path) as Model;
      if (raw.sections.length === 0) continue;
      expect(model, path).toBeDefined();
      expect(model.title, path).toBe(raw.title.replace(/^~~(.*)~~$/, "$1"));
      expect(model.deprecated ?? false, path).toBe(raw.title.startsWith("~~"));
      const [section] = raw.sections.filter((s) => s !== "Example Usage");
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
        const { shape, wrapper } = shapeOf(r[1]!, path);
        wrappers[wrapper]++;
        const nullable = wrapper === "JsonNullable" || (wrapper === "Optional" ? required : !required);
        return [r[0]!.replace(/~~|`/g, ""), shape, required, nullable];
      });
      expect(model.fields!.map((f) => [f.name, compact(f.type), f.required, f.nullable]), path).toEqual(want);
      fields += want.length;
    }
    // Every Type cell of the corpus was compared (DIALECTS.md §2.4 counts 3,504).
    expect(fields).toBe(3504);
    expect(values).toBe(3877 - 3504);
    // DIALECTS.md §2.4: Optional 686 optional + 197 required cells, JsonNullable 421.
    expect(wrappers).toEqual({ "": 2200, Optional: 883, JsonNullable: 421 });
  });

  it("keeps Java's reserved-word escapes and camelCase names as written", () => {
    const names = ir.models.flatMap((m) => m.fields ?? []).map((f) => f.name);
    // DIALECTS.md §2.4: `public_` 4 times, `notify_` 7 times; no other name has an underscore.
    expect(names.filter((n) => n.includes("_")).sort()).toEqual([...Array(7).fill("notify_"), ...Array(4).fill("public_")]);
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
