/**
 * Enums the docs mark open. Speakeasy writes an `Open enum` comment into the Example Usage code of
 * an enum whose OpenAPI schema says `x-speakeasy-unknown-values: allow` (or when the SDK's config
 * makes enums open): the API may send values the doc does not list. docs2ts reads that note
 * (`Model.open` in the IR) and, with the default `enums: "closed"`, opens those enums only: the
 * type gains `(string & {})`, isX / validateX accept any string there, the JSON Schema says
 * `anyOf: [enum, type]`. The docs below are written for this test, in the Python and Go styles.
 * The last tests check the reading against the OpenAPI documents of the corpora (../shared).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate, loadIR } from "../../generator/api.js";
import { tempTree } from "../helpers/cli.js";
import { generated } from "../helpers/generated.js";
import { corpusPath, sharedPath } from "../helpers/shared.js";
import { typecheckWith } from "../helpers/tsc.js";

const pyEnum = (title: string, values: string[], note: string | undefined) =>
  `# ${title}\n\nWhere the parcel is.\n\n## Example Usage\n\n\`\`\`python\nfrom acme.models import ${title}\n\nvalue = ${title}.${values[0]!.toUpperCase()}\n` +
  (note === undefined ? "" : `\n${note}\n`) +
  "```\n\n\n## Values\n\n| Name | Value |\n| --- | --- |\n" +
  values.map((v) => `| \`${v.toUpperCase()}\` | ${v} |`).join("\n") +
  "\n";

const python = {
  "models/parcel.md":
    "# Parcel\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n" +
    "| `id` | *str* | :heavy_check_mark: | N/A |\n" +
    "| `state` | [models.ParcelState](../models/parcelstate.md) | :heavy_check_mark: | N/A |\n" +
    "| `size` | [models.ParcelSize](../models/parcelsize.md) | :heavy_check_mark: | N/A |\n" +
    "| `carrier` | [Optional[models.Carrier]](../models/carrier.md) | :heavy_minus_sign: | N/A |\n",
  "models/parcelstate.md": pyEnum("ParcelState", ["packed", "shipped", "delivered"], "# Open enum: unrecognized values are captured as UnrecognizedStr"),
  "models/parcelsize.md": pyEnum("ParcelSize", ["small", "large"], undefined),
  // The words inside a string, not a comment line: not the note.
  "models/carrier.md": pyEnum("Carrier", ["post", "courier"], 'label = "# Open enum: not a comment"  # a label'),
};

const pyDir = tempTree(python);
const closedDefault = generated(pyDir, "open-enums-py");
const allOpen = generated(pyDir, "open-enums-py-all-open", { enums: "open" });
const P = await closedDefault.load();
const A = await allOpen.load();

const parcel = (over: Record<string, unknown> = {}) => ({ id: "p1", state: "packed", size: "small", ...over });
const errorPaths = (mod: Record<string, any>, v: unknown): string[] => {
  const r = mod.validateParcel(v);
  expect(mod.isParcel(v)).toBe(r.ok);
  return r.ok ? [] : r.errors.map((e: { path: string }) => e.path);
};

describe("enums the docs mark open", () => {
  it("the IR marks the enum whose Example Usage has the note, and no other", () => {
    const { ir } = loadIR(pyDir);
    const open = Object.fromEntries(ir.models.filter((m) => m.kind === "enum").map((m) => [m.name, m.open === true]));
    expect(open).toEqual({ ParcelState: true, ParcelSize: false, Carrier: false });
  });

  it("with the default (closed), the marked enum accepts any string; the others only their values", () => {
    expect(errorPaths(P, parcel({ state: "lost_in_transit" }))).toEqual([]);
    expect(P.isParcelState("lost_in_transit")).toBe(true);
    expect(errorPaths(P, parcel({ state: 3 }))).toEqual(["/state"]);
    expect(P.validateParcelState(3).errors).toMatchObject([{ path: "", message: "expected string, received integer" }]);
    expect(errorPaths(P, parcel({ size: "huge" }))).toEqual(["/size"]);
    expect(errorPaths(P, parcel({ carrier: "drone" }))).toEqual(["/carrier"]);
    expect(P.isCarrier("drone")).toBe(false);
  });

  it("types: the marked enum is its values | (string & {}); the others stay closed (tsc)", () => {
    const text = closedDefault.files.find((f) => f.path === "models/ParcelState.ts")!.content;
    expect(text).toContain('export type ParcelState = "packed" | "shipped" | "delivered" | (string & {});');
    const usage = [
      'import type { ParcelState, ParcelSize } from "./index.js";',
      'export const a: ParcelState = "packed";',
      'export const b: ParcelState = "anything the API sends";',
      'export const c: ParcelSize = "huge";',
      "",
    ].join("\n");
    const errors = typecheckWith(closedDefault.dir, "usage.ts", usage);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/usage\.ts:4: Type '"huge"' is not assignable to type 'ParcelSize'/);
  });

  it("JSON Schema: the marked enum is anyOf its values and its values' type; the others an enum", () => {
    const { files } = generate(pyDir, { emit: { types: true, validators: true, jsonschema: true } });
    const schema = (name: string) => JSON.parse(files.find((f) => f.path === `schemas/${name}.json`)!.content);
    expect(schema("ParcelState").anyOf).toEqual([{ enum: ["packed", "shipped", "delivered"] }, { type: "string" }]);
    expect(schema("ParcelSize").enum).toEqual(["small", "large"]);
    expect(schema("ParcelSize").anyOf).toBeUndefined();
  });

  it('enums: "open" still opens every enum', () => {
    expect(errorPaths(A, parcel({ size: "huge", carrier: "drone", state: "x" }))).toEqual([]);
  });

  it("TypeScript docs: a `Unrecognized<string>` member, the sentence above the values, or the note in the example", () => {
    const tsEnum = (title: string, prose: string, union: string, note = "") =>
      `# ${title}\n\n## Example Usage\n\n\`\`\`typescript\nimport { ${title} } from "acme/models/components";\n\nlet value: ${title} = "red";\n${note}\`\`\`\n\n## Values\n\n${prose}\`\`\`typescript\n${union}\n\`\`\`\n`;
    const dir = tempTree({
      "models/components/hue.md": tsEnum("Hue", "", '"red" | "blue" | Unrecognized<string>'),
      "models/components/tone.md": tsEnum("Tone", "This is an open enum. Unrecognized values will be captured as the `Unrecognized<string>` branded type.\n\n", '"red" | "blue"'),
      "models/components/tint.md": tsEnum("Tint", "", '"red" | "blue"', "// Open enum: unrecognized values are captured as Unrecognized<string>\n"),
      "models/components/shade.md": tsEnum("Shade", "", '"red" | "blue"'),
    });
    const { ir } = loadIR(dir, { dialect: "typescript" });
    expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(Object.fromEntries(ir.models.map((m) => [m.name, [m.open === true, m.values?.map((v) => v.value)]]))).toEqual({
      Hue: [true, ["red", "blue"]],
      Tone: [true, ["red", "blue"]],
      Tint: [true, ["red", "blue"]],
      Shade: [false, ["red", "blue"]],
    });
  });

  it("the Go and Java notes (`// Open enum: …`) are read the same way", () => {
    const goEnum = (title: string, note: string) =>
      `# ${title}\n\n## Example Usage\n\n\`\`\`go\nimport (\n\t"example.com/sdk/models/components"\n)\n\nvalue := components.${title}Red\n${note}\n\`\`\`\n\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| \`${title}Red\` | red |\n| \`${title}Blue\` | blue |\n`;
    const dir = tempTree({
      "models/components/hue.md": goEnum("Hue", '\n// Open enum: custom values can be created with a direct type cast\ncustom := components.Hue("custom_value")'),
      "models/components/tint.md": goEnum("Tint", ""),
    });
    const { ir } = loadIR(dir, { dialect: "go" });
    expect(Object.fromEntries(ir.models.map((m) => [m.name, m.open === true]))).toEqual({ Hue: true, Tint: false });
  });
});

/**
 * Against the OpenAPI documents the Clerk HEAD corpora were generated from (each corpus's
 * SOURCE.md names it): every enum doc marked open lists the values of a schema enum with
 * `x-speakeasy-unknown-values: allow`, and no enum doc left closed lists the values of such an
 * enum only. Values are compared as sets (a spec enum may sit inline in several properties).
 */
describe("open enums agree with x-speakeasy-unknown-values in the OpenAPI documents", () => {
  const cases: [corpus: string, spec: string][] = [
    ["clerk-python", "clerk-openapi/head/2026-05-12.yml"],
    ["clerk-csharp", "clerk-openapi/head/2026-05-12.yml"],
    ["clerk-java", "clerk-openapi/head/2025-11-10.yml"],
    ["clerk-ruby-crystalline", "clerk-ruby-crystalline/openapi.yaml"],
  ];
  const key = (values: readonly unknown[]) => JSON.stringify([...new Set(values.filter((v) => v !== null).map(String))].sort());
  for (const [corpus, specPath] of cases) {
    it(corpus, () => {
      const spec = parse(readFileSync(sharedPath(join("corpora", specPath)), "utf8"), { maxAliasCount: -1 }) as unknown;
      const allow = new Set<string>();
      const closed = new Set<string>();
      const walk = (x: unknown): void => {
        if (Array.isArray(x)) return x.forEach(walk);
        if (typeof x !== "object" || x === null) return;
        const o = x as Record<string, unknown>;
        if (Array.isArray(o.enum)) (o["x-speakeasy-unknown-values"] === "allow" ? allow : closed).add(key(o.enum));
        Object.values(o).forEach(walk);
      };
      walk(spec);
      expect(allow.size).toBeGreaterThan(0);
      const enums = loadIR(corpusPath(corpus)).ir.models.filter((m) => m.kind === "enum");
      const open = enums.filter((m) => m.open);
      expect(open.length).toBeGreaterThan(0);
      expect(open.filter((m) => !allow.has(key((m.values ?? []).map((v) => v.value)))).map((m) => m.name)).toEqual([]);
      const missed = enums.filter((m) => !m.open && allow.has(key((m.values ?? []).map((v) => v.value))) && !closed.has(key((m.values ?? []).map((v) => v.value))));
      expect(missed.map((m) => m.name)).toEqual([]);
      // Every spec enum marked allow is some open doc's (the docs do not lose any).
      const openKeys = new Set(open.map((m) => key((m.values ?? []).map((v) => v.value))));
      expect([...allow].filter((k) => !openKeys.has(k) && !closed.has(k))).toEqual([]);
    });
  }
});
