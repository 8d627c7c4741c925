import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/api.js";
import type { Model, TypeRef } from "../../generator/ir/types.js";
import { listDocs } from "../../generator/markdown/read.js";
import { writeOutput } from "../../generator/output/write.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";
import { compactWith } from "../helpers/sdk-corpus.js";

const corpus = corpusPath("clerk-ruby-sorbet");
const result = generate(corpus);
const bySource = new Map(result.ir.models.map((m) => [m.source, m]));

/**
 * An independent oracle for what a Sorbet doc says: it reads the raw table lines with plain
 * string operations (the generator itself never does: it reads mdast), so that a mistake in
 * either shows up as a disagreement.
 */
function oracle(path: string): { names: string[]; required: boolean[]; types: string[]; values: string[] } {
  const text = readFileSync(join(corpus, path), "utf8");
  const rows = text
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|\s*-+/.test(l))
    .map((l) => l.slice(1, -1).split("|").map((c) => c.trim()));
  const [header, ...body] = rows;
  if (!header) return { names: [], required: [], types: [], values: [] };
  if (header[0] === "Name") return { names: [], required: [], types: [], values: body.map((r) => r[1]!) };
  return {
    names: body.map((r) => r[0]!.replace(/~~/g, "").replace(/`/g, "")),
    required: body.map((r) => r[2] === ":heavy_check_mark:"),
    types: body.map((r) => shapeOf(r[1]!, path)),
    values: [],
  };
}

/** A raw Type cell -> a compact type string, e.g. `array<ref:models/shared/x.md>`. */
function shapeOf(cell: string, docPath: string): string {
  const link = /^\[(.*)\]\((.*)\)$/.exec(cell);
  if (link) {
    const [, text, url] = link;
    if (/^https?:/.test(url!)) return `external:${text}`;
    const target = posix.normalize(posix.join(posix.dirname(docPath), url!));
    return `ref:${target}`;
  }
  const arr = /^T::Array<(.*)>$/.exec(cell);
  if (arr) return `array<${shapeOf(arr[1]!, docPath)}>`;
  const hash = /^T::Hash\[Symbol, (.*)\]$/.exec(cell);
  if (hash) return `map<${shapeOf(hash[1]!, docPath)}>`;
  const scalar = cell.replace(/^\*|\*$/g, "").replace(/^T\.nilable\((.*)\)$/, "$1");
  const map: Record<string, string> = { "::String": "string", "::Integer": "integer", "::Float": "number", "T::Boolean": "boolean", "::Object": "any" };
  return map[scalar] ?? `unknown:${cell}`;
}

/** IR types in the oracle's form: unions as `a|b`. */
function compact(t: TypeRef): string {
  return compactWith(t, (members) => members.join("|"));
}

describe("clerk-ruby-sorbet corpus (414 docs)", () => {
  it("generates with 0 errors; the only warning is the corpus's SOURCE.md page", () => {
    const errors = result.ir.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toEqual([]);
    expect(result.ir.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(["SOURCE.md not-a-model"]);
    expect(result.ir.models.length).toBe(414);
    expect(result.files.length).toBe(414 + 4); // + index.ts, runtime.ts, README.md, .docs2ts-models.json
  });

  it("reads every model and field as the docs say: names, types, Required, enum values", () => {
    let fields = 0;
    const docs = listDocs(corpus).filter((p) => p.startsWith("models/"));
    expect(docs.length).toBe(414);
    for (const path of docs) {
      const model = bySource.get(path)!;
      expect(model, path).toBeDefined();
      const want = oracle(path);
      if (model.kind === "enum") {
        expect(model.values!.map((v) => v.value), path).toEqual(want.values);
        continue;
      }
      expect(model.kind, path).toBe("object");
      expect(model.fields!.map((f) => f.name), path).toEqual(want.names);
      expect(model.fields!.map((f) => f.required), path).toEqual(want.required);
      expect(model.fields!.map((f) => compact(f.type)), path).toEqual(want.types);
      // The dialect's nullability policy: optional fields accept null, required ones do not
      // (no required cell in this corpus shows T.nilable).
      expect(model.fields!.map((f) => f.nullable), path).toEqual(want.required.map((r) => !r));
      fields += want.names.length;
    }
    expect(fields).toBeGreaterThan(1400);
  });

  it("reads the seed document, PhoneNumber, with its 11 fields exactly as its table says", () => {
    const phone = bySource.get("models/shared/phonenumber.md") as Model;
    expect(phone.name).toBe("PhoneNumber");
    expect(phone.description).toBe("Success");
    expect(phone.fields!.map((f) => [f.name, compact(f.type), f.required, f.nullable])).toEqual([
      ["id", "string", false, true],
      ["object", "ref:models/shared/phonenumberobject.md", true, false],
      ["phone_number", "string", true, false],
      ["reserved_for_second_factor", "boolean", false, true],
      ["default_second_factor", "boolean", false, true],
      ["reserved", "boolean", true, false],
      ["verification", "any", true, false],
      ["linked_to", "array<ref:models/shared/identificationlink.md>", true, false],
      ["backup_codes", "array<string>", false, true],
      ["created_at", "integer", true, false],
      ["updated_at", "integer", true, false],
    ]);
    const file = result.files.find((f) => f.path === "models/PhoneNumber.ts")!.content;
    expect(file).toContain("export interface PhoneNumber {");
    expect(file).toContain("    object: PhoneNumberObject;");
    expect(file).toContain("    backup_codes?: string[] | null | undefined;");
    expect(file).toContain("    linked_to: IdentificationLink[];");
  });

  it("names same-named docs in different folders apart, and links still reach the right one", () => {
    const actors = result.ir.models.filter((m) => m.title.toLowerCase() === "actor");
    expect(actors.map((m) => [m.source, m.name])).toEqual([
      ["models/operations/actor.md", "OperationsActor"],
      ["models/shared/actor.md", "SharedActor"],
    ]);
  });

  it("compiles under tsc --strict with 0 errors", async () => {
    const root = join(repoRoot, ".vitest-tmp", "corpus-ruby-sorbet");
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
    writeOutput(join(root, "out"), result.files);
    expect(typecheck(join(root, "out"))).toEqual([]);
  });
});
