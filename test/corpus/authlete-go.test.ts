/**
 * The whole authlete-go corpus (383 Go SDK docs, today's code-span style): detected without flags,
 * 0 errors with its warnings justified, every doc checked against an independent reading of its
 * raw lines, `tsc --strict` over the output, the enum `## Example Usage` members and the Example
 * column checked by the generated validators, and the key-naming option measured against the
 * OpenAPI document the docs were generated from.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate, type IR } from "../../generator/api.js";
import { DEFAULT_OPTIONS, emitFiles } from "../../generator/emit/index.js";
import { applyKeys, convertKey, type KeyStyle } from "../../generator/ir/keys.js";
import type { Model, TypeRef } from "../../generator/ir/types.js";
import { listDocs } from "../../generator/markdown/read.js";
import { writeOutput } from "../../generator/output/write.js";
import { VERSION } from "../../generator/version.js";
import { exampleColumns, goEnumUsage, tally, verify, type Verdict } from "../helpers/example-checks.js";
import { compactWith } from "../helpers/sdk-corpus.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";

const corpus = corpusPath("authlete-go");
const result = generate(corpus);
const { ir } = result;
const bySource = new Map(ir.models.map((m) => [m.source, m]));
const docs = listDocs(corpus).filter((p) => p.startsWith("models/"));

// ---------------------------------------------------------------------------------------------
// An independent oracle: raw lines and regular expressions, where the generator reads mdast.

const SCALAR: Record<string, string> = { string: "string", bool: "boolean", int: "integer", int64: "integer", any: "any" };

/** A raw Go Type cell -> a compact type, whether it has a pointer, whether it is OptionalNullable. */
function shapeOf(cell: string, doc: string): { type: string; pointer: boolean; wrapper: boolean } {
  let m: RegExpExecArray | null;
  if ((m = /^optionalnullable\.OptionalNullable\[(.*)\]$/.exec(cell))) return { ...shapeOf(m[1]!, doc), wrapper: true };
  if ((m = /^`(\*?)(\w+)`$/.exec(cell))) return { type: SCALAR[m[2]!] ?? `unknown:${cell}`, pointer: m[1] === "*", wrapper: false };
  if ((m = /^\[\](.*)$/.exec(cell))) return { type: `array<${shapeOf(m[1]!, doc).type}>`, pointer: false, wrapper: false };
  if ((m = /^map\[string\](.*)$/.exec(cell))) return { type: `map<${shapeOf(m[1]!, doc).type}>`, pointer: false, wrapper: false };
  if ((m = /^\[(\*?)(?:components|operations)\.\w+\]\(([^)]+\.md)\)$/.exec(cell))) {
    return { type: `ref:${posix.normalize(posix.join(posix.dirname(doc), m[2]!))}`, pointer: m[1] === "*", wrapper: false };
  }
  if ((m = /^\[\*http\.(Response|Request)\]\(https:\/\/pkg\.go\.dev\/[^)]*\)$/.exec(cell))) return { type: `external:http.${m[1]}`, pointer: false, wrapper: false };
  return { type: `unknown:${cell}`, pointer: false, wrapper: false };
}

function oracle(path: string): { fields?: { name: string; required: boolean; type: string; nullable: boolean }[]; values?: [string, string][] } {
  const rows = readFileSync(join(corpus, path), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|\s*-+/.test(l))
    .map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  const [header, ...body] = rows;
  if (header?.[0] === "Name") return { values: body.map((r) => [r[0]!.replace(/`/g, ""), r[1]!]) };
  return {
    fields: body.map((r) => {
      const required = r[2] === ":heavy_check_mark:";
      const shape = shapeOf(r[1]!, path);
      // Go's policy: OptionalNullable, or a pointer on a required field, accepts null.
      return { name: r[0]!.replace(/`/g, ""), required, type: shape.type, nullable: shape.wrapper || (required && shape.pointer) };
    }),
  };
}

/** The compact form shared by the corpus tests, with unions written `a|b` as the raw cells do. */
const compact = (t: TypeRef): string => compactWith(t, (members) => members.join("|"));

// ---------------------------------------------------------------------------------------------

describe("authlete-go corpus (383 Go docs)", () => {
  it("is detected as go with no flags", () => {
    expect(ir.dialect).toBe("go");
    expect(result.dialectNote).toMatch(/^dialect go \(detected from \d+ docs\)$/);
  });

  it("generates with 0 errors and two justified warnings", () => {
    expect(ir.diagnostics.map((d) => `${d.severity} ${d.file}:${d.line} ${d.code}`)).toEqual([
      // The corpus's provenance note: no model section, nothing links to it.
      "warning SOURCE.md:1 not-a-model",
      // The Go SDK's options page (DIALECTS.md §1.6) is written like a model doc but is not one:
      // its two sections are not model sections, and nothing links to it. Skipped, it gets no
      // warning about those sections.
      "warning models/operations/option.md:1 not-a-model",
    ]);
    expect(docs.length).toBe(383);
    expect(ir.models.length).toBe(382);
    expect(result.files.length).toBe(382 + 4); // + index.ts, runtime.ts, README.md, .docs2ts-models.json
  });

  it("reads every doc as its raw lines say: fields, Required, types, nullability, enum members", () => {
    const counts = { object: 0, enum: 0, fields: 0, nullable: 0, extra: 0 };
    for (const path of docs) {
      if (path === "models/operations/option.md") continue;
      const model = bySource.get(path) as Model;
      expect(model, path).toBeDefined();
      const want = oracle(path);
      if (want.values) {
        expect(model.kind, path).toBe("enum");
        expect(model.values!.map((v) => [v.name, v.value]), path).toEqual(want.values);
        counts.enum++;
        continue;
      }
      expect(model.kind, path).toBe("object");
      // The Go SDK's `AdditionalProperties` field is the type of the undeclared keys, not a key.
      const extra = want.fields!.find((f) => f.name === "AdditionalProperties");
      expect(model.additionalProperties, path).toEqual(extra ? { kind: "any" } : undefined);
      if (extra) counts.extra++;
      const fields = want.fields!.filter((f) => f !== extra);
      expect(model.fields!.map((f) => f.name), path).toEqual(fields.map((f) => f.name));
      expect(model.fields!.map((f) => f.required), path).toEqual(fields.map((f) => f.required));
      expect(model.fields!.map((f) => compact(f.type)), path).toEqual(fields.map((f) => f.type));
      expect(model.fields!.map((f) => f.nullable), path).toEqual(fields.map((f) => f.nullable));
      counts.object++;
      counts.fields += fields.length;
      counts.nullable += fields.filter((f) => f.nullable).length;
    }
    // DIALECTS.md §1.2, §2.8: 306 Fields docs, 76 Values docs, 1,923 Type cells (2 of them the
    // `AdditionalProperties` of Client and ClientInput), 31 OptionalNullable.
    expect(counts).toEqual({ object: 306, enum: 76, fields: 1921, nullable: 31, extra: 2 });
  });

  it("compiles under tsc --strict with 0 errors", async () => {
    const root = join(repoRoot, ".vitest-tmp", "corpus-authlete-go");
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
    writeOutput(join(root, "out"), result.files);
    expect(typecheck(join(root, "out"))).toEqual([]);
  }, 600_000);
});

/** The IR with the keys converted, as `--keys <style>` gives it (applyKeys is that step). */
function withKeys(style: KeyStyle): IR {
  const copy = structuredClone(ir);
  expect(applyKeys(copy.models, style)).toEqual([]);
  return copy;
}

/**
 * Each rejection with its cause. All of them are faults of the examples, and they come from the
 * OpenAPI document itself (openapi.yaml beside the corpus), whose `example:` values contradict
 * its own schemas; the validators are right to reject them.
 */
const scopes = (at: string) => [0, 1, 2].map((i) => `${at}supportedScopes/${i}: expected Scope, received string`).join("; ");
const CLIENT_ID = "/client/clientId: expected integer, received string";
const EXPECTED_REJECTIONS: Record<string, string> = {
  // `supportedScopes` is a list of `scope` objects; the service example lists scope names.
  "models/components/authorizationresponse.md": scopes("/service/"),
  "models/operations/servicegetapiresponse.md": scopes("/service/"),
  "models/operations/serviceupdateapiresponse.md": scopes("/service/"),
  // … and the request body's example also carries the read-only `number`.
  "models/operations/serviceupdateapirequest.md": `${scopes("/body/")}; /body/number: property is not declared by the model`,
  // `clientId` is `type: integer, format: int64`; the client example has the string '1140735077'.
  "models/components/clientregistrationresponse.md": CLIENT_ID,
  "models/components/federationregistrationresponse.md": CLIENT_ID,
  "models/operations/clientcreateapiresponse.md": CLIENT_ID,
  "models/operations/clientgetapiresponse.md": CLIENT_ID,
  "models/operations/clientupdateapiformresponse.md": CLIENT_ID,
  "models/operations/clientupdateapiresponse.md": CLIENT_ID,
};

describe("authlete-go examples, checked by the generated validators", () => {
  // The Example column holds API JSON (camelCase wire keys, `"clientName"`), while the Field
  // column holds Go names (`ClientName`): the examples can only fit with --keys camelCase.
  let verdicts: Verdict[] = [];
  let rejected: Verdict[] = [];
  beforeAll(() => {
    const camel = withKeys("camelCase");
    const files = emitFiles(camel, { ...DEFAULT_OPTIONS, unknownKeys: "reject", version: VERSION });
    verdicts = verify([...goEnumUsage(camel), ...exampleColumns(camel)], files, "authlete-go-examples");
    rejected = verdicts.filter((v) => !v.ok);
  }, 600_000);

  it("with --keys camelCase and unknown keys rejected: every enum example accepted, every rejection explained", () => {
    console.log(`authlete-go examples: ${JSON.stringify(tally(verdicts))}`);
    for (const v of rejected) console.log(`  rejected ${v.kind} ${v.source} (${v.model}): ${v.cause}`);
    expect(Object.fromEntries(rejected.map((v) => [v.source, v.cause]))).toEqual(EXPECTED_REJECTIONS);
    expect(rejected.every((v) => v.kind === "example column")).toBe(true);
    // 76 enum docs with `value := components.Member`; 15 models with a filled Example column (the
    // `AdditionalProperties` rows of Client and ClientInput hold examples too, but are not fields).
    expect(tally(verdicts)).toEqual({
      "enum member": { checked: 76, accepted: 76 },
      "example column": { checked: 15, accepted: 5 },
    });
  });

  it("with the keys as written, the examples of Service are rejected for their keys: the limit of reading Go names", { timeout: 600_000 }, () => {
    const files = emitFiles(ir, { ...DEFAULT_OPTIONS, unknownKeys: "reject", version: VERSION });
    const asWritten = verify(exampleColumns(ir), files, "authlete-go-examples-as-written");
    // Service declares its keys (`SupportedScopes`), and its examples send the wire keys
    // (`supportedScopes`). Client declares `additionalProperties: true`, so its examples pass
    // whatever their keys: with the keys as written, none of their values is checked at all.
    expect(asWritten.filter((v) => !v.ok).map((v) => v.source)).toEqual([
      "models/components/authorizationresponse.md",
      "models/operations/servicegetapiresponse.md",
      "models/operations/serviceupdateapirequest.md",
      "models/operations/serviceupdateapiresponse.md",
    ]);
    for (const v of asWritten.filter((x) => !x.ok)) expect(v.cause, v.source).toMatch(/^\/(Service|Body)\/number: property is not declared by the model/);
    expect(tally(asWritten)).toEqual({ "example column": { checked: 15, accepted: 11 } });
  });
});

describe("authlete-go keys against the OpenAPI document", () => {
  it("camelCase gives the JSON key of every field paired with a schema", () => {
    const spec = parse(readFileSync(join(corpus, "openapi.yaml"), "utf8"), { uniqueKeys: false }) as {
      components: { schemas: Record<string, { properties?: Record<string, unknown>; allOf?: { $ref?: string; properties?: Record<string, unknown> }[] }> };
    };
    const schemas = spec.components.schemas;
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
    const byNorm = new Map(Object.entries(schemas).map(([k, v]) => [norm(k), v]));
    const propsOf = (s: (typeof schemas)[string] | undefined, depth = 0): Set<string> => {
      const out = new Set(Object.keys(s?.properties ?? {}));
      for (const part of s?.allOf ?? []) {
        const target = part.$ref ? schemas[part.$ref.split("/").pop()!] : part;
        if (depth < 10) for (const k of propsOf(target as (typeof schemas)[string], depth + 1)) out.add(k);
      }
      return out;
    };
    const counts: Record<KeyStyle, number> = { "as-written": 0, snake_case: 0, camelCase: 0 };
    const misses: string[] = [];
    let total = 0;
    for (const model of ir.models) {
      const props = propsOf(byNorm.get(norm(model.title)));
      if (props.size === 0 || !model.fields) continue;
      for (const f of model.fields) {
        total++;
        for (const style of Object.keys(counts) as KeyStyle[]) if (props.has(convertKey(f.name, style))) counts[style]++;
        if (!props.has(convertKey(f.name, "camelCase"))) misses.push(`${model.title}.${f.name}`);
      }
    }
    // (Client's `AdditionalProperties`, for `additionalProperties: true`, is not a field: see above.)
    expect(total).toBe(1282);
    expect(counts).toEqual({ "as-written": 0, snake_case: 323, camelCase: 1282 });
    expect(misses).toEqual([]);
  });
});
