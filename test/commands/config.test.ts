import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "../../generator/config.js";
import { DIALECT_NAMES, DIALECTS } from "../../generator/dialects/index.js";
import { TYPE_OVERRIDES } from "../../generator/emit/context.js";
import { KEY_STYLES } from "../../generator/ir/keys.js";
import { docs2ts, fieldsDoc, tempTree } from "../helpers/cli.js";
import { repoRoot } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";

const docs = {
  "docs/models/shared/event.md": fieldsDoc("Event", [
    ["id", "*::String*", true],
    ["at", "*DateTime*", true],
    ["day", "*T.nilable(Date)*", false],
  ]),
  "docs/models/shared/log.md": fieldsDoc("Log", [["events", "T::Array<[::X::Shared::Event](../../models/shared/event.md)>", true]]),
};

function withConfig(config: unknown, extra: Record<string, string> = {}) {
  const root = tempTree({ ...docs, ...extra, "docs2ts.config.json": typeof config === "string" ? config : JSON.stringify(config) });
  return { root, run: docs2ts(["generate"], root) };
}

describe("docs2ts.config.json", () => {
  it("the JSON Schema describes exactly the keys and values the CLI accepts", () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, "docs2ts.config.schema.json"), "utf8"));
    expect(Object.keys(schema.properties).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.dialect.enum).toEqual(["auto", ...DIALECT_NAMES]);
    // The names the CLI and config accept (dialects/names.ts) are the dialects there are.
    expect([...DIALECT_NAMES].sort()).toEqual([...DIALECTS.keys()].sort());
    expect(schema.properties.keys.enum).toEqual([...KEY_STYLES]);
    expect(schema.properties.keys.default).toBe("as-written");
    expect(Object.fromEntries(Object.entries(schema.properties.types.properties).map(([k, v]) => [k, (v as { enum: string[] }).enum]))).toEqual(TYPE_OVERRIDES);
    const ours = JSON.parse(readFileSync(join(repoRoot, "docs2ts.config.json"), "utf8"));
    expect(ours.$schema).toBe("./docs2ts.config.schema.json");
  });

  it("errors name the file and the key, and exit 2", () => {
    const cases: [unknown, RegExp][] = [
      ["{ not json", /docs2ts\.config\.json: not valid JSON/],
      [[1, 2], /docs2ts\.config\.json: the config must be a JSON object/],
      [{ input: "docs", out: "out", colour: "red" }, /"colour" is not a config key \(known: input, out, dialect, emit, unknownKeys, enums, keys, nullability, nullable, numericEnums, templates, types, cacheDir\)/],
      [{ input: "docs", out: "out", nullability: "maybe" }, /"nullability" must be "as-documented", "strict", "lenient"/],
      [{ input: "docs", out: "out", nullable: { Event: true } }, /"nullable" has "Event"; write ModelName.field_name/],
      [{ input: "docs", out: "out", nullable: { "Event.day": "yes" } }, /"nullable" "Event.day" must be true or false/],
      [{ input: "docs", out: "out", keys: "kebab-case" }, /"keys" must be one of "as-written", "snake_case", "camelCase"/],
      [{ input: "docs", out: "out", dialect: "cobol" }, /"dialect" must be "auto" or one of ruby-sorbet, /],
      [{ input: "docs", out: "out", emit: ["types", "docs"] }, /"emit" has "docs"; known: types, validators, jsonschema/],
      [{ input: "docs", out: "out", types: { datetime: "Temporal" } }, /"types" "datetime" must be "string" or "Date"/],
      [{ input: "docs", out: "out", types: { uuid: "string" } }, /"types" has "uuid"; types that can be overridden: date, datetime/],
      [{ input: "docs", out: "out", templates: "nowhere" }, /"templates" names .*nowhere, which is not a folder/],
      [{ input: 7, out: "out" }, /"input" must be a non-empty path string/],
    ];
    for (const [config, message] of cases) {
      const { run } = withConfig(config);
      expect(run.code, JSON.stringify(config)).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const typo = withConfig({ input: "docs", out: "out", templates: "tpl" }, { "tpl/baner.hbs": "// {{{source}}}\n" });
    expect(typo.run.code).toBe(2);
    expect(typo.run.stderr).toMatch(/"templates" holds baner\.hbs, which is not a docs2ts template \(banner\.hbs, index\.hbs, readme\.hbs\)/);
  });

  it("a config saved with a byte-order mark (UTF-8, or UTF-16 as PowerShell 5's > writes it) is read; bytes that are no text are an error", () => {
    const json = JSON.stringify({ input: "docs", out: "out", emit: ["types"] });
    const utf16be = (text: string) => Buffer.from(Buffer.from(text, "utf16le").map((_, i, b) => b[i ^ 1]!));
    for (const [name, bytes] of [
      ["UTF-8 BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])],
      ["UTF-16LE BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")])],
      ["UTF-16BE BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(json)])],
    ] as const) {
      const root = tempTree(docs);
      writeFileSync(join(root, "docs2ts.config.json"), bytes);
      const run = docs2ts(["generate", "--no-cache"], root);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      // The config was read: types only, no validators.
      const log = readFileSync(join(root, "out/models/Log.ts"), "utf8");
      expect(log, name).toMatch(/events: Event\[\];/);
      expect(log, name).not.toMatch(/function isLog/);
    }
    const root = tempTree(docs);
    writeFileSync(join(root, "docs2ts.config.json"), Buffer.from([0x7b, 0xff, 0x7d]));
    const run = docs2ts(["generate"], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/docs2ts\.config\.json: cannot be read as text \(not UTF-8 or UTF-16\)\n$/);
  });

  it("a banner template override changes every code file's banner", () => {
    const { root, run } = withConfig({ input: "docs", out: "out", templates: "tpl" }, { "tpl/banner.hbs": "// Acme API types ({{{source}}}), docs2ts {{{version}}}\n" });
    expect(run.code, run.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    for (const f of readdirSync(join(root, "out/models"))) {
      const text = readFileSync(join(root, "out/models", f), "utf8");
      expect(text.split("\n")[0], f).toBe(`// Acme API types (models/shared/${f.replace(".ts", "").toLowerCase()}.md), docs2ts ${pkg.version}`);
      expect(text).not.toMatch(/Do not edit by hand/);
    }
    expect(readFileSync(join(root, "out/index.ts"), "utf8").split("\n")[0]).toBe(`// Acme API types (all docs), docs2ts ${pkg.version}`);
    // The templates it does not override stay ours.
    expect(readFileSync(join(root, "out/README.md"), "utf8")).toMatch(/^# Generated TypeScript models/);
  });

  it("a readme template override replaces the generated README", () => {
    const { root, run } = withConfig({ input: "docs", out: "out", templates: "tpl" }, { "tpl/readme.hbs": "# Acme models\n\n{{#each models}}- {{name}}\n{{/each}}" });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(root, "out/README.md"), "utf8")).toBe("# Acme models\n\n- Event\n- Log\n");
  });

  it('types: { datetime: "Date" } gives Date types and validators that accept valid Date objects only', async () => {
    const plain = withConfig({ input: "docs", out: "out" });
    expect(readFileSync(join(plain.root, "out/models/Event.ts"), "utf8")).toMatch(/at: string;\n\s+day\?: string \| null \| undefined;/);

    // An ES module project (as the type-check's NodeNext settings need), wherever the test runs.
    const { root, run } = withConfig({ input: "docs", out: "out", types: { datetime: "Date" } }, { "package.json": '{ "type": "module" }\n' });
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(root, "out/models/Event.ts"), "utf8");
    expect(text).toMatch(/at: Date;\n\s+day\?: string \| null \| undefined;/);
    expect(typecheck(join(root, "out"))).toEqual([]);
    const { validateEvent, isEvent } = await import(join(root, "out/models/Event.ts"));
    expect(isEvent({ id: "e", at: new Date("2024-02-29T12:00:00Z") })).toBe(true);
    expect(isEvent({ id: "e", at: new Date("nope") })).toBe(false);
    expect(isEvent({ id: "e", at: Object.create(Date.prototype) })).toBe(false);
    expect(validateEvent({ id: "e", at: "2024-02-29T12:00:00Z" })).toEqual({
      ok: false,
      errors: [{ path: "/at", message: "expected Date, received string", expected: "Date", received: "string" }],
    });
  });
});
