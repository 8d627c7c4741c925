/**
 * JSON Schema output: the CLI and config switch, the files, the IR -> schema mapping on the zoo
 * doc tree (nullability, required, enums open and closed, unknown keys, maps, unions, dates,
 * decimals, refs and a cycle), and every schema of the clerk corpus valid against the draft
 * 2020-12 meta-schema and compilable by ajv in strict mode.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadIR } from "../../generator/api.js";
import { DEFAULT_OPTIONS, type EmitOptions } from "../../generator/emit/context.js";
import { jsonSchemaFiles } from "../../generator/emit/jsonschema.js";
import { docs2ts, tempTree } from "../helpers/cli.js";
import { corpusPath } from "../helpers/shared.js";
import { zooDocs } from "../helpers/zoo.js";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const zooTree = tempTree(Object.fromEntries(Object.entries(zooDocs).map(([p, t]) => [`docs/${p}`, t])));
const zooIR = loadIR(join(zooTree, "docs")).ir;

function schemas(ir = zooIR, options: Partial<EmitOptions> = {}): Record<string, any> {
  const files = jsonSchemaFiles(ir.models, new Map(ir.models.map((m) => [m.source, m])), { ...DEFAULT_OPTIONS, ...options });
  return Object.fromEntries(files.map((f) => [f.path, JSON.parse(f.content)]));
}

describe("JSON Schema: CLI and config", () => {
  it("--emit jsonschema writes schemas/<Name>.json (and the README) only", () => {
    const root = tempTree(Object.fromEntries(Object.entries(zooDocs).map(([p, t]) => [`docs/${p}`, t])));
    const r = docs2ts(["generate", "--input", "docs", "--out", "out", "--emit", "jsonschema"], root);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(root, "out")).sort()).toEqual([".docs2ts-manifest.json", ".docs2ts-models.json", "README.md", "schemas"]);
    expect(readdirSync(join(root, "out/schemas")).sort()).toEqual(zooIR.models.map((m) => `${m.name}.json`).sort());
    expect(readFileSync(join(root, "out/README.md"), "utf8")).toMatch(/schemas\/<Name>\.json/);
    expect(docs2ts(["generate", "--input", "docs", "--out", "out", "--emit", "jsonschema", "--check"], root).code).toBe(0);
  });

  it("config emit: [types, validators, jsonschema] writes both, the same bytes as the library", () => {
    const root = tempTree(Object.fromEntries(Object.entries(zooDocs).map(([p, t]) => [`docs/${p}`, t])));
    writeFileSync(join(root, "docs2ts.config.json"), JSON.stringify({ input: "docs", out: "out", emit: ["types", "validators", "jsonschema"], unknownKeys: "reject" }));
    const r = docs2ts(["generate"], root);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(root, "out")).sort()).toEqual([".docs2ts-manifest.json", ".docs2ts-models.json", "README.md", "index.ts", "models", "runtime.ts", "schemas"]);
    const want = schemas(zooIR, { unknownKeys: "reject" });
    for (const [path, schema] of Object.entries(want)) expect(JSON.parse(readFileSync(join(root, "out", path), "utf8"))).toEqual(schema);
    expect(want["schemas/Event.json"].additionalProperties).toBe(false);
  });

  it("--unknown-keys and --enums reach the generated code, win over the config, and are part of the cache key", () => {
    const root = tempTree(Object.fromEntries(Object.entries(zooDocs).map(([p, t]) => [`docs/${p}`, t])));
    writeFileSync(join(root, "docs2ts.config.json"), JSON.stringify({ input: "docs", out: "out", cacheDir: "cache", emit: ["types", "validators", "jsonschema"] }));
    const n = zooIR.models.length;
    const emitted = (r: { stderr: string }) => Number(/(\d+) models? emitted/.exec(r.stderr)?.[1]);
    const event = () => readFileSync(join(root, "out/models/Event.ts"), "utf8");
    const first = docs2ts(["generate"], root);
    expect(first.code, first.stderr).toBe(0);
    expect(emitted(first)).toBe(n);
    const accepting = event();
    expect(emitted(docs2ts(["generate"], root))).toBe(0);
    // A changed policy must not reuse the cached model files.
    const reject = docs2ts(["generate", "--unknown-keys", "reject"], root);
    expect(reject.code, reject.stderr).toBe(0);
    expect(emitted(reject)).toBe(n);
    expect(event()).not.toBe(accepting);
    expect(JSON.parse(readFileSync(join(root, "out/schemas/Event.json"), "utf8")).additionalProperties).toBe(false);
    const open = docs2ts(["generate", "--unknown-keys", "reject", "--enums", "open"], root);
    expect(emitted(open)).toBe(n);
    expect(readFileSync(join(root, "out/models/Colour.ts"), "utf8")).toMatch(/\(string & \{\}\)/);
    // The flags win over the config.
    writeFileSync(join(root, "docs2ts.config.json"), JSON.stringify({ input: "docs", out: "out", cacheDir: "cache", emit: ["types", "validators", "jsonschema"], unknownKeys: "reject" }));
    expect(docs2ts(["generate", "--unknown-keys", "accept"], root).code).toBe(0);
    expect(event()).toBe(accepting);
    for (const [flag, value] of [["--unknown-keys", "deny"], ["--enums", "closed,open"]] as const) {
      const bad = docs2ts(["generate", flag, value], root);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(`unknown ${flag} '${value}'; use one of`);
    }
  });

  it("an unknown emit kind is a usage error (exit 2)", () => {
    const r = docs2ts(["generate", "--input", "docs", "--out", "out", "--emit", "openapi"], zooTree);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--emit has "openapi"; known: types, validators, jsonschema/);
  });
});

describe("JSON Schema: the mapping", () => {
  const s = schemas();
  const event = s["schemas/Event.json"];

  it("each document is a draft 2020-12 schema with a relative $id and the doc's title", () => {
    for (const m of zooIR.models) {
      const doc = s[`schemas/${m.name}.json`];
      expect(doc.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(doc.$id).toBe(`${m.name}.json`);
      expect(doc.title).toBe(m.title);
      expect(doc.$comment).toContain(m.source);
    }
  });

  it("objects: properties in field order, required, unknown keys accepted by default", () => {
    expect(event.type).toBe("object");
    expect(Object.keys(event.properties)).toEqual(zooIR.models.find((m) => m.name === "Event")!.fields!.map((f) => f.name));
    expect(event.required).toEqual(["id", "day", "pet", "value", "note"]);
    expect(event.additionalProperties).toBe(undefined);
    expect(Object.prototype.hasOwnProperty.call(event.properties, "__proto__")).toBe(true);
  });

  it("types: nullability, dates, decimals, maps, inline unions, refs and the self-reference", () => {
    const p = event.properties;
    expect(p.id).toEqual({ type: "string" });
    expect(p.note).toEqual({ type: ["string", "null"] });
    expect(p.day).toEqual({ type: "string", format: "date" });
    expect(p.at).toEqual({ type: ["string", "null"], format: "date-time" });
    expect(p.pet).toEqual({ $ref: "Pet.json" });
    expect(p.shape).toEqual({ anyOf: [{ $ref: "Shape.json" }, { type: "null" }] });
    expect(p.value).toEqual({ anyOf: [{ type: "string" }, { type: "integer" }] });
    expect(p.friend).toEqual({ anyOf: [{ $ref: "Cat.json" }, { $ref: "Dog.json" }, { type: "null" }] });
    expect(p.counts).toEqual({ type: ["object", "null"], additionalProperties: { type: "integer" } });
    expect(p.amount.anyOf.slice(0, 2)).toEqual([{ type: "number" }, { type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$" }]);
    expect(p.amount.anyOf[2]).toEqual({ type: "null" });
    expect(p.colours).toEqual({ type: ["array", "null"], items: { $ref: "Colour.json" } });
    expect(p.parent).toEqual({ anyOf: [{ $ref: "Event.json" }, { type: "null" }] });
  });

  it("union models are anyOf their members; enums are enum, or anyOf [enum, type] when open", () => {
    expect(s["schemas/Pet.json"].anyOf).toEqual([{ $ref: "Cat.json" }, { $ref: "Dog.json" }]);
    expect(s["schemas/Shape.json"].anyOf).toEqual([{ type: "string" }, { type: "integer" }, { $ref: "Point.json" }]);
    expect(s["schemas/Colour.json"].enum).toEqual(["red", "green", "blue"]);
    const open = schemas(zooIR, { enums: "open" })["schemas/Colour.json"];
    expect(open.enum).toBe(undefined);
    expect(open.anyOf).toEqual([{ enum: ["red", "green", "blue"] }, { type: "string" }]);
  });

  it("is deterministic", () => {
    const a = jsonSchemaFiles(zooIR.models, new Map(zooIR.models.map((m) => [m.source, m])), DEFAULT_OPTIONS);
    const b = jsonSchemaFiles(loadIR(join(zooTree, "docs")).ir.models, new Map(zooIR.models.map((m) => [m.source, m])), DEFAULT_OPTIONS);
    expect(b).toEqual(a);
  });
});

describe("JSON Schema: valid schemas", () => {
  const clerk = loadIR(corpusPath("clerk-ruby-sorbet")).ir;
  for (const [name, ir] of [["clerk-ruby-sorbet", clerk], ["zoo", zooIR]] as const) {
    it(`${name}: every document passes the 2020-12 meta-schema and compiles in ajv strict mode, with every $ref resolved`, () => {
      for (const options of [{}, { unknownKeys: "reject", enums: "open" }] as Partial<EmitOptions>[]) {
        const docs = schemas(ir, options);
        const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
        addFormats(ajv);
        for (const d of Object.values(docs)) {
          expect(ajv.validateSchema(d), JSON.stringify(ajv.errors)).toBe(true);
          ajv.addSchema(d);
        }
        expect(Object.keys(docs)).toHaveLength(ir.models.length);
        for (const m of ir.models) expect(typeof ajv.getSchema(`${m.name}.json`)).toBe("function");
      }
    });
  }
});
