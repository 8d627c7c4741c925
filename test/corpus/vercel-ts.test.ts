/**
 * The whole vercel-ts corpus (2,381 TypeScript SDK docs): detected without flags, 0 errors, every
 * doc checked against an independent reading of its raw lines, `tsc --strict` over the output,
 * every `## Example Usage` value and Example-column example checked by the generated validators,
 * and the key-naming option measured against the OpenAPI document beside the corpus.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate, type OutputFile } from "../../generator/api.js";
import { DEFAULT_OPTIONS, emitFiles } from "../../generator/emit/index.js";
import { convertKey, type KeyStyle } from "../../generator/ir/keys.js";
import type { Model, TypeRef } from "../../generator/ir/types.js";
import { listDocs } from "../../generator/markdown/read.js";
import { writeOutput } from "../../generator/output/write.js";
import { VERSION } from "../../generator/version.js";
import { exampleColumns, tally, typeScriptUsage, verify, type Verdict } from "../helpers/example-checks.js";
import { compactWith } from "../helpers/sdk-corpus.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";

const corpus = corpusPath("vercel-ts");
const result = generate(corpus);
const { ir } = result;
const bySource = new Map(ir.models.map((m) => [m.source, m]));
const docs = listDocs(corpus).filter((p) => p.startsWith("models/"));

// ---------------------------------------------------------------------------------------------
// An independent oracle: raw lines and regular expressions, where the generator reads mdast.

const read = (path: string) => readFileSync(join(corpus, path), "utf8");
/** Title -> doc, from the `# ` lines (for the unlinked union names `*models.X*`). */
const byTitle = new Map(docs.map((p) => [/^# (.*)$/m.exec(read(p))![1]!.replace(/~~/g, "").trim(), p]));

function shapeOf(cell: string, doc: string): string {
  const target = (url: string) => `ref:${posix.normalize(posix.join(posix.dirname(doc), url))}`;
  let m: RegExpExecArray | null;
  if ((m = /^\*(string|number|boolean|any)\*$/.exec(cell))) return m[1]!;
  if ((m = /^\*(string|number)\*\[\]$/.exec(cell))) return `array<${m[1]}>`;
  if ((m = /^\[models\.\w+\]\(([^)]+\.md)\)$/.exec(cell))) return target(m[1]!);
  if ((m = /^\[models\.\w+\]\(([^)]+\.md)\)\[\]$/.exec(cell))) return `array<${target(m[1]!)}>`;
  if ((m = /^\*models\.(\w+)\*$/.exec(cell))) return `ref:${byTitle.get(m[1]!) ?? "?"}`;
  if ((m = /^\*models\.(\w+)\*\[\]$/.exec(cell))) return `array<ref:${byTitle.get(m[1]!) ?? "?"}>`;
  if ((m = /^Record<string, (.*)>$/.exec(cell))) return `map<${shapeOf(m[1]!, doc)}>`;
  if (/^\[Date\]\(https:\/\/developer\.mozilla\.org\/[^)]*\)$/.test(cell)) return "datetime";
  if (cell === "*ReadableStream<Uint8Array>*") return "binary";
  return `unknown:${cell}`;
}

interface Oracle {
  fields?: { name: string; required: boolean; type: string }[];
  values?: (string | number)[];
  members?: string[];
}

function oracle(path: string): Oracle {
  const text = read(path);
  const values = /^## Values\n\n```typescript\n([\s\S]*?)\n```/m.exec(text);
  if (values) return { values: values[1]!.split("|").map((v) => JSON.parse(v.trim()) as string | number) };
  if (/^## Supported Types$/m.test(text)) {
    return { members: [...text.matchAll(/^### `(.*)`$/gm)].map((m) => memberShape(m[1]!)) };
  }
  const rows = text
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|\s*-+/.test(l))
    .map((l) => l.slice(1, -1).split("|").map((c) => c.trim()));
  return {
    fields: rows.slice(1).map((r) => ({
      name: r[0]!.replace(/~~/g, "").replace(/`/g, ""),
      type: shapeOf(r[1]!, path),
      required: r[2] === ":heavy_check_mark:",
    })),
  };
}

function memberShape(text: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^(string|number|boolean)$/.exec(text))) return m[1]!;
  if ((m = /^(string|number)\[\]$/.exec(text))) return `array<${m[1]}>`;
  if ((m = /^models\.(\w+)$/.exec(text))) return `ref:${byTitle.get(m[1]!) ?? "?"}`;
  if ((m = /^models\.(\w+)\[\]$/.exec(text))) return `array<ref:${byTitle.get(m[1]!) ?? "?"}>`;
  if ((m = /^\{ \[k: string\]: models\.(\w+) \}$/.exec(text))) return `map<ref:${byTitle.get(m[1]!) ?? "?"}>`;
  return `unknown:${text}`;
}

/** The compact form shared by the corpus tests, with unions written `a|b` as the raw cells do. */
const compact = (t: TypeRef): string => compactWith(t, (members) => members.join("|"));

// ---------------------------------------------------------------------------------------------

describe("vercel-ts corpus (2,381 TypeScript docs)", () => {
  it("is detected as typescript with no flags", () => {
    expect(ir.dialect).toBe("typescript");
    expect(result.dialectNote).toMatch(/^dialect typescript \(detected from \d+ docs\)$/);
    expect(ir.diagnostics.filter((d) => d.code === "mixed-dialects" || d.code === "unknown-dialect")).toEqual([]);
  });

  it("generates with 0 errors; the only warning is the corpus's SOURCE.md page", () => {
    // SOURCE.md (the corpus's provenance note) has no model section and nothing links to it.
    expect(ir.diagnostics.map((d) => `${d.severity} ${d.file} ${d.code}`)).toEqual(["warning SOURCE.md not-a-model"]);
    expect(docs.length).toBe(2381);
    expect(ir.models.length).toBe(2381);
    expect(result.files.length).toBe(2381 + 4); // + index.ts, runtime.ts, README.md, .docs2ts-models.json
  });

  it("reads every doc as its raw lines say: fields, Required, types, enum values, union members", () => {
    const counts = { object: 0, enum: 0, union: 0, fields: 0 };
    for (const path of docs) {
      const model = bySource.get(path) as Model;
      expect(model, path).toBeDefined();
      const want = oracle(path);
      counts[model.kind]++;
      if (want.values) {
        expect(model.kind, path).toBe("enum");
        expect(model.values!.map((v) => v.value), path).toEqual([...new Set(want.values)]);
      } else if (want.members) {
        expect(model.kind, path).toBe("union");
        expect(model.members!.map(compact), path).toEqual(want.members);
      } else {
        expect(model.kind, path).toBe("object");
        expect(model.fields!.map((f) => f.name), path).toEqual(want.fields!.map((f) => f.name));
        expect(model.fields!.map((f) => f.required), path).toEqual(want.fields!.map((f) => f.required));
        expect(model.fields!.map((f) => compact(f.type)), path).toEqual(want.fields!.map((f) => f.type));
        // The dialect's nullability policy: optional fields accept null, required ones do not.
        expect(model.fields!.map((f) => f.nullable), path).toEqual(want.fields!.map((f) => !f.required));
        counts.fields += want.fields!.length;
      }
    }
    // DIALECTS.md §1.2 and §2.7: 1,367 Fields, 843 Values, 171 Supported Types docs; 7,742 rows.
    expect(counts).toEqual({ object: 1367, enum: 843, union: 171, fields: 7742 });
  });

  it("marks the deprecated fields and model; keeps every filled Example cell", () => {
    const deprecated = ir.models.flatMap((m) => (m.fields ?? []).filter((f) => f.deprecated).map((f) => `${m.source} ${f.name}`));
    const raw = docs.flatMap((p) => [...read(p).matchAll(/^\| ~~`([^`]*)`~~/gm)].map((m) => `${p} ${m[1]}`));
    expect(raw.length).toBe(4);
    expect(deprecated).toEqual(raw);
    expect(ir.models.filter((m) => m.deprecated).map((m) => m.source)).toEqual(docs.filter((p) => /^# ~~/.test(read(p))));
    // DIALECTS.md §1.3: 758 of the 1,487 rows of 5-column tables have an Example.
    expect(ir.models.flatMap((m) => m.fields ?? []).filter((f) => f.example !== undefined).length).toBe(758);
  });

  it("keeps every `## Example Usage` block in the IR", () => {
    expect(ir.models.filter((m) => m.examples?.length === 1).length).toBe(2381);
  });

  it("compiles under tsc --strict with 0 errors", async () => {
    const root = join(repoRoot, ".vitest-tmp", "corpus-vercel-ts");
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
    writeOutput(join(root, "out"), result.files);
    expect(typecheck(join(root, "out"))).toEqual([]);
  }, 600_000);
});

/**
 * Every example the docs carry, checked by the generated validator of its model, with unknown
 * keys rejected so that an example's keys must be the model's. Each rejection is pinned with its
 * cause; all of them are faults of the docs (or of the OpenAPI document they came from).
 */
const EXPECTED_REJECTIONS: Record<string, string> = {
  // The example is not TypeScript: a date-time written without quotes.
  "object literal models/deletesecretresponsebody.md": "unreadable: expected ',' or '}' at offset 206",
  // The example is not TypeScript: `"0 issue \\"letsencrypt.org\\""` ends the string at `\\"`.
  "object literal models/requestbody4.md": "unreadable: expected ',' or '}' at offset 162",
  // The OpenAPI document gives one item as the example of an array property (`example:` beside
  // `type: array`), and the docs copy it: a string where a list belongs.
  "example column models/createlogdrainresponsebody.md": "/projectIds: expected array, received string",
  "example column models/getintegrationlogdrainsresponsebody.md": "/projectIds: expected array, received string",
  "example column models/createwebhookresponsebody.md": "/events: expected array, received string",
  "example column models/getwebhookresponsebody.md": "/events: expected array, received string",
  "example column models/getwebhooksresponsebody1.md": "/events: expected array, received string",
  "example column models/getwebhooksresponsebody2.md": "/events: expected array, received string",
  // The example is a date-time string; the type is number (the same doc's Example Usage is broken too).
  "example column models/deletesecretresponsebody.md": "/created: expected number, received string",
  // The OpenAPI example is a list for a single-valued enum property.
  "example column models/inviteusertoteamrequestbody.md": '/role: expected "OWNER" | "MEMBER" | "DEVELOPER" | "BILLING" | "VIEWER" | "CONTRIBUTOR", received array',
};

describe("vercel-ts examples, checked by the generated validators", () => {
  let files: OutputFile[] = [];
  let verdicts: Verdict[] = [];
  let rejected: Verdict[] = [];
  beforeAll(() => {
    files = emitFiles(ir, { ...DEFAULT_OPTIONS, unknownKeys: "reject", version: VERSION });
    verdicts = verify([...typeScriptUsage(ir), ...exampleColumns(ir)], files, "vercel-ts-examples");
    rejected = verdicts.filter((v) => !v.ok);
  }, 600_000);

  it("accepts at least 99% of them; every rejection is one of the explained ones", () => {
    console.log(`vercel-ts examples: ${JSON.stringify(tally(verdicts))}`);
    for (const v of rejected) console.log(`  rejected ${v.kind} ${v.source} (${v.model}): ${v.cause}`);
    expect(Object.fromEntries(rejected.map((v) => [`${v.kind} ${v.source}`, v.cause]))).toEqual(EXPECTED_REJECTIONS);
    expect(tally(verdicts)).toEqual({
      "object literal": { checked: 1457, accepted: 1455 },
      "other literal": { checked: 923, accepted: 923 },
      "example column": { checked: 204, accepted: 196 },
    });
    const accepted = verdicts.length - rejected.length;
    expect(accepted / verdicts.length).toBeGreaterThanOrEqual(0.99);
  });

  it("the check has teeth: an undeclared key, a wrong type or a missing key in an example is rejected", () => {
    const sample = verdicts.find((v) => v.ok && v.kind === "object literal" && v.source === "models/accessgroup.md");
    expect(sample).toBeDefined();
    const base = typeScriptUsage(ir).find((e) => e.source === "models/accessgroup.md")!;
    const spoil = (f: (o: Record<string, unknown>) => void) => {
      const value = structuredClone(base.value) as Record<string, unknown>;
      f(value);
      return { ...base, value };
    };
    const spoiled = verify(
      [
        spoil((o) => (o.team_id = o.teamId)), // a key the model does not declare
        spoil((o) => (o.membersCount = "5")), // a string for a number
        spoil((o) => delete o.name), // a required key missing
      ],
      files,
      "vercel-ts-examples",
    );
    expect(spoiled.map((v) => v.cause)).toEqual([
      "/team_id: property is not declared by the model",
      "/membersCount: expected number, received string",
      "/name: required property is missing (expected string)",
    ]);
  });
});

describe("vercel-ts against its OpenAPI document", () => {
  const spec = parse(readFileSync(join(corpus, "openapi.yaml"), "utf8"), { uniqueKeys: false }) as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };

  it("nullability the docs cannot show: the document's nullable properties, required and optional (README)", () => {
    const counts = { required: 0, optional: 0 };
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) return x.forEach(walk);
      if (typeof x !== "object" || x === null) return;
      const o = x as { properties?: Record<string, { nullable?: boolean }>; required?: string[] };
      if (o.properties && typeof o.properties === "object") {
        for (const [k, v] of Object.entries(o.properties)) {
          if (v?.nullable === true) counts[(o.required ?? []).includes(k) ? "required" : "optional"]++;
        }
      }
      Object.values(o).forEach(walk);
    };
    walk(spec);
    expect(counts).toEqual({ required: 139, optional: 763 });
  });

  it("as-written keys are the JSON keys of the paired component schemas; snake_case would break most", () => {
    const counts: Record<KeyStyle, number> = { "as-written": 0, snake_case: 0, camelCase: 0 };
    let total = 0;
    for (const model of ir.models) {
      const props = spec.components.schemas[model.title]?.properties;
      if (!props || !model.fields) continue;
      for (const f of model.fields) {
        total++;
        for (const style of Object.keys(counts) as KeyStyle[]) if (convertKey(f.name, style) in props) counts[style]++;
      }
    }
    expect(total).toBe(83);
    expect(counts).toEqual({ "as-written": 83, snake_case: 47, camelCase: 83 });
  });
});
