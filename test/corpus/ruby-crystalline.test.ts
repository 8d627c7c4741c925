import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TypeRef } from "../../generator/ir/types.js";
import { listDocs } from "../../generator/markdown/read.js";
import { checkEnumUsage, checkExamples, rawTables, type ExampleResult } from "../helpers/examples.js";
import { generated, type GeneratedModule } from "../helpers/generated.js";
import { corpusPath } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";
import { compactWith } from "../helpers/sdk-corpus.js";

/**
 * The whole clerk-ruby-crystalline corpus (1,103 model docs), generated with no flags: the
 * dialect is detected. Read from ../shared at run time; nothing of it is copied here.
 */
const corpus = corpusPath("clerk-ruby-crystalline");
const out = generated(corpus, "corpus-ruby-crystalline");
const bySource = new Map(out.ir.models.map((m) => [m.source, m]));
const docs = listDocs(corpus).filter((p) => p.startsWith("models/"));
const text = (path: string) => readFileSync(join(corpus, path), "utf8");

// ---------------------------------------------------------------------------------------------
// The oracle: what a Crystalline doc says, read from its raw lines with string operations and the
// file system (the generator reads mdast and resolves links with its own rules).

/** A relative link from `docPath` to the doc it means: the file, else the doc of that file name
 * (the corpus links into `models/shared/`, which does not exist), picked by the link text's
 * namespace (`Models::Components::X` -> components/) when two folders hold one. */
function follow(url: string, docPath: string, linkText: string): string {
  const path = posix.normalize(posix.join(posix.dirname(docPath), url));
  if (existsSync(join(corpus, path))) return path;
  const base = posix.basename(path);
  const candidates = docs.filter((d) => posix.basename(d) === base);
  if (candidates.length === 1) return candidates[0]!;
  const namespace = /Models::(\w+)::\w+\)*$/.exec(linkText)?.[1]?.toLowerCase();
  const named = candidates.filter((c) => posix.basename(posix.dirname(c)) === namespace);
  if (named.length !== 1) throw new Error(`oracle: cannot follow ${url} from ${docPath}`);
  return named[0]!;
}

const SCALARS: Record<string, string> = {
  "::String": "string",
  "::Integer": "integer",
  "::Float": "number",
  "Crystalline::Boolean.new": "boolean",
  "::Object": "any",
};
const NILABLE = /^Crystalline::Nilable\.new\((.*)\)$/;

/** A raw Type cell -> a compact type string, and whether its outermost constructor is Nilable. */
function shapeOf(cell: string, docPath: string): { type: string; nil: boolean } {
  const link = /^\[(.*)\]\((.*)\)$/.exec(cell);
  if (link) {
    const [, label, url] = link as unknown as [string, string, string];
    if (/^https?:/.test(url)) {
      if (label === "Date") return { type: "date|datetime", nil: false };
      if (label === "DateTime") return { type: "datetime|date", nil: false };
      return { type: `external:${label}`, nil: false };
    }
    return { type: `ref:${follow(url, docPath, label)}`, nil: NILABLE.test(label) };
  }
  const arr = /^Crystalline::Array<(.*)>$/.exec(cell);
  if (arr) return { type: `array<${shapeOf(arr[1]!, docPath).type}>`, nil: false };
  const hash = /^Crystalline::Hash\[Symbol, (.*)\]$/.exec(cell);
  if (hash) return { type: `map<${shapeOf(hash[1]!, docPath).type}>`, nil: false };
  const bare = cell.replace(/^\*(.*)\*$/, "$1");
  const nil = NILABLE.exec(bare);
  const scalar = SCALARS[nil ? nil[1]! : bare];
  return { type: scalar ?? `unknown:${cell}`, nil: nil !== null };
}

/** IR types in the oracle's form: unions as `a|b`. */
function compact(t: TypeRef): string {
  return compactWith(t, (members) => members.join("|"));
}

/** Heading-only docs and what the links to them name (union members, or the one wrapped model). */
function describedByLinks(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const path of docs) {
    for (const m of text(path).matchAll(/\[([^\]]*)\]\((\.\.\/[^)]*)\)/g)) {
      const [, label, url] = m as unknown as [string, string, string];
      const target = follow(url, path, label);
      const names = [...label.matchAll(/Models::(\w+)::(\w+)/g)].map(([, ns, n]) => `ref:models/${ns!.toLowerCase()}/${n!.toLowerCase()}.md`);
      const set = out.get(target) ?? new Set<string>();
      set.add(names.join("|"));
      out.set(target, set);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describe("clerk-ruby-crystalline corpus (1,103 docs)", () => {
  it("is detected as ruby-crystalline with no flags, by every doc that votes", () => {
    expect(out.ir.dialect).toBe("ruby-crystalline");
    expect(out.ir.diagnostics.filter((d) => d.code === "mixed-dialects" || d.code === "unknown-dialect")).toEqual([]);
  });

  it("generates with 0 errors and exactly the warnings the corpus justifies", () => {
    expect(out.ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(out.ir.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([
      // The corpus's own SOURCE.md: a page, not a model.
      "SOURCE.md not-a-model",
      // Every link into models/shared/ is dead (the folder is models/components/): one warning for
      // the folder, at its first link, with the count of the others.
      "models/components/actortoken.md dead-link",
      // Heading-only union docs that no field links to (the fields link to their siblings
      // enterpriseconnectionunion.md / samlaccountsamlconnection.md; the request body is unused).
      "models/components/enterpriseaccountconnectionunion.md not-a-model",
      "models/components/samlaccountconnectionunion.md not-a-model",
      "models/operations/createsamlconnectionrequest.md not-a-model",
    ]);
    const dead = out.ir.diagnostics.find((d) => d.code === "dead-link")!;
    expect(dead.message).toMatch(/^no doc at models\/shared\/actortokenobject\.md; .* \(and 650 more links into models\/shared\/ from 390 docs, each followed to the doc of its file name in models\/components\/\)$/);
    expect(docs.length).toBe(1103);
    expect(out.ir.models.length).toBe(1103 - 3);
    expect(out.files.length).toBe(1100 + 4); // + runtime.ts, index.ts, README.md, .docs2ts-models.json
  });

  it("every dead link of the corpus is one the oracle must follow by file name: 651", () => {
    let dead = 0;
    for (const path of docs) {
      for (const m of text(path).matchAll(/\]\((\.\.\/[^)]*)\)/g)) {
        if (!existsSync(join(corpus, posix.normalize(posix.join(posix.dirname(path), m[1]!))))) dead++;
      }
    }
    expect(dead).toBe(651);
  });

  it("reads every model and field as the docs say: names, types, Required, nullability, enum values", () => {
    let fields = 0;
    let enums = 0;
    for (const path of docs) {
      const tables = rawTables(text(path));
      const model = bySource.get(path);
      if (tables.length === 0) continue; // heading-only docs: the next test
      expect(model, path).toBeDefined();
      const [table] = tables;
      if (table!.header[0] === "Name") {
        expect(model!.kind, path).toBe("enum");
        expect(model!.values!.map((v) => [v.name, v.value]), path).toEqual(table!.rows.map((r) => [r[0]!.replace(/`/g, ""), r[1]!]));
        enums++;
        continue;
      }
      expect(model!.kind, path).toBe("object");
      const rows = table!.rows;
      const required = rows.map((r) => r[2] === ":heavy_check_mark:");
      const shapes = rows.map((r) => shapeOf(r[1]!, path));
      expect(model!.fields!.map((f) => f.name), path).toEqual(rows.map((r) => r[0]!.replace(/~~/g, "").replace(/`/g, "")));
      expect(model!.fields!.map((f) => f.required), path).toEqual(required);
      expect(model!.fields!.map((f) => compact(f.type)), path).toEqual(shapes.map((s) => s.type));
      // The dialect's nullability policy: optional fields accept null; required ones only with Nilable.
      expect(model!.fields!.map((f) => f.nullable), path).toEqual(shapes.map((s, i) => !required[i] || s.nil));
      fields += rows.length;
    }
    expect(fields).toBe(3864); // DIALECTS.md: 3,864 Type cells
    expect(enums).toBe(217);
  });

  it("heading-only docs get the types their links name; unlinked ones are left out", () => {
    const described = describedByLinks();
    const headingOnly = docs.filter((p) => rawTables(text(p)).length === 0 && !/^## /m.test(text(p)));
    expect(headingOnly.length).toBe(22);
    let unions = 0;
    for (const path of headingOnly) {
      const model = bySource.get(path);
      const names = described.get(path);
      if (!names) {
        expect(model, path).toBeUndefined();
        continue;
      }
      expect(names.size, path).toBe(1);
      expect(model!.kind, path).toBe("union");
      expect(model!.members!.map(compact).join("|"), path).toBe([...names][0]);
      if (model!.members!.length > 1) unions++;
    }
    expect(unions).toBe(11);
  });

  it("compiles under tsc --strict with 0 errors", () => {
    expect(typecheck(out.dir)).toEqual([]);
  });

  describe("the docs' own examples, checked by the generated validators", () => {
    let mod: GeneratedModule;
    let results: ExampleResult[];
    beforeAll(async () => {
      mod = await out.load();
      results = checkExamples(out.ir.models, mod);
    });

    it("Example cells: every one is accepted by the validator of its model", () => {
      const rejected = results.filter((r) => r.issues.length > 0).map((r) => `${r.model}.${r.field}: ${r.issues.join("; ")}`);
      expect(rejected).toEqual([]);
      expect(results.length).toBe(321);
    });

    it("control: the same check rejects every example replaced by a value of another JSON kind", () => {
      const corrupted = checkExamples(out.ir.models, mod, true);
      const typed = (r: ExampleResult) => {
        const field = out.ir.models.find((m) => m.name === r.model)!.fields!.find((f) => f.name === r.field)!;
        return field.type.kind !== "any" && field.type.kind !== "external";
      };
      expect(corrupted.length).toBe(results.length);
      expect(corrupted.filter((r) => typed(r) && r.issues.length === 0).map((r) => `${r.model}.${r.field}`)).toEqual([]);
      expect(corrupted.filter(typed).length).toBeGreaterThan(150);
    });

    it("Example Usage of every enum names one of its values, and the generated const holds it", () => {
      const usage = checkEnumUsage(out.ir.models, mod, /value = (\w+)::(\w+)/);
      expect(usage.failures).toEqual([]);
      expect(usage.checked).toBe(217);
    });
  });
});
