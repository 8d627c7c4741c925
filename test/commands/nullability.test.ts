import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadIR } from "../../generator/api.js";
import { docs2ts, fieldsDoc, tempTree } from "../helpers/cli.js";
import { generated } from "../helpers/generated.js";

// One Sorbet doc: `nick` is optional (T.nilable: the docs cannot say whether null is sent),
// `middle` is required and T.nilable (null stated), `id` required and not null.
const sorbet = {
  "docs/models/shared/person.md": fieldsDoc("Person", [
    ["id", "*::String*", true],
    ["middle", "*T.nilable(::String)*", true],
    ["nick", "*T.nilable(::String)*", false],
  ]),
};

// One Python doc: `Optional[str]` says "absent, not null"; `OptionalNullable[str]` says null;
// a bare `List[str]` on an optional field says nothing.
const python = {
  "docs/models/person.md": fieldsDoc("Person", [
    ["id", "*str*", true],
    ["nick", "*Optional[str]*", false],
    ["middle", "*OptionalNullable[str]*", false],
    ["tags", "List[*str*]", false],
  ]),
};

const flags = (tree: Record<string, string>, policy?: string) => {
  const root = tempTree(tree);
  const { ir } = loadIR(join(root, "docs"), policy ? { nullability: policy as "strict" } : {});
  expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return Object.fromEntries(ir.models[0]!.fields!.map((f) => [f.name, [f.nullable, f.nullableAssumed === true]]));
};

describe("the nullability policy", () => {
  it("as-documented keeps each dialect's rule and marks the fields whose null-ness is assumed", () => {
    expect(flags(sorbet)).toEqual({ id: [false, false], middle: [true, false], nick: [true, true] });
    expect(flags(python)).toEqual({ id: [false, false], nick: [false, false], middle: [true, false], tags: [true, true] });
  });

  it("strict rejects null where the docs do not say it (assumed fields only)", () => {
    expect(flags(sorbet, "strict")).toEqual({ id: [false, false], middle: [true, false], nick: [false, true] });
    expect(flags(python, "strict")).toEqual({ id: [false, false], nick: [false, false], middle: [true, false], tags: [false, true] });
  });

  it("lenient lets every optional field be null, and leaves required fields alone", () => {
    expect(flags(sorbet, "lenient")).toEqual({ id: [false, false], middle: [true, false], nick: [true, true] });
    expect(flags(python, "lenient")).toEqual({ id: [false, false], nick: [true, false], middle: [true, false], tags: [true, true] });
  });

  it("the validators follow the policy", async () => {
    const root = tempTree(sorbet);
    const strict = await generated(join(root, "docs"), "nullability-strict", { nullability: "strict" }).load();
    const lenient = await generated(join(root, "docs"), "nullability-lenient", { nullability: "lenient" }).load();
    const value = { id: "p1", middle: null, nick: null };
    expect(lenient.isPerson(value)).toBe(true);
    expect(strict.isPerson(value)).toBe(false);
    expect(strict.validatePerson(value).errors.map((e: { path: string }) => e.path)).toEqual(["/nick"]);
    expect(strict.isPerson({ id: "p1", middle: null })).toBe(true);
  });

  it("reaches the generated types, from the config or the flag (flag wins)", async () => {
    const root = tempTree({ ...sorbet, "docs2ts.config.json": JSON.stringify({ input: "docs", out: "out", nullability: "strict" }) });
    let run = docs2ts(["generate", "--no-cache"], root);
    expect(run.code, run.stderr).toBe(0);
    const strict = readFileSync(join(root, "out/models/Person.ts"), "utf8");
    expect(strict).toMatch(/nick\?: string \| undefined;/);
    expect(strict).toMatch(/middle: string \| null;/);
    run = docs2ts(["generate", "--no-cache", "--nullability", "as-documented"], root);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(root, "out/models/Person.ts"), "utf8")).toMatch(/nick\?: string \| null \| undefined;/);
    const bad = docs2ts(["generate", "--nullability", "loose"], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("docs2ts: error: unknown --nullability 'loose'; use one of as-documented, strict, lenient\n");
  });

  it("per-field overrides win over the policy, and take effect through the warm cache", () => {
    const config = (nullable: Record<string, boolean>) => JSON.stringify({ input: "docs", out: "out", nullability: "strict", nullable }, null, 2);
    const root = tempTree({ ...sorbet, "package.json": "{}", "docs2ts.config.json": config({ "Person.id": true }) });
    let run = docs2ts(["generate"], root);
    expect(run.code, run.stderr).toBe(0);
    const file = () => readFileSync(join(root, "out/models/Person.ts"), "utf8");
    expect(file()).toMatch(/id: string \| null;/);
    expect(file()).toMatch(/nick\?: string \| undefined;/);
    tempTree({ "docs2ts.config.json": config({ "Person.nick": true }) }, root);
    run = docs2ts(["generate"], root);
    expect(run.code, run.stderr).toBe(0);
    expect(file()).toMatch(/id: string;/);
    expect(file()).toMatch(/nick\?: string \| null \| undefined;/);
  });

  it("an override may name a field by its generated key (under --keys) or as the doc writes it", () => {
    const doc = { "docs/models/shared/person.md": fieldsDoc("Person", [["nickName", "*::String*", false], ["fullName", "*::String*", true]]) };
    const root = tempTree(doc);
    const nullable = (key: string) => [{ key, nullable: true, file: "docs2ts.config.json", line: 1, column: 1 }];
    const read = (key: string) => loadIR(join(root, "docs"), { keys: "snake_case", nullable: nullable(key) }).ir;
    for (const key of ["Person.full_name", "Person.fullName"]) {
      const ir = read(key);
      expect(ir.diagnostics).toEqual([]);
      expect(ir.models[0]!.fields!.map((f) => [f.wireName, f.nullable])).toEqual([["nick_name", true], ["full_name", true]]);
    }
    expect(read("Person.full").diagnostics.map((d) => d.code)).toEqual(["unknown-override"]);
  });

  it("an override that names no field is an error pointing into the config, and the output is left alone", () => {
    const root = tempTree({ ...sorbet, "docs2ts.config.json": JSON.stringify({ input: "docs", out: "out" }) });
    expect(docs2ts(["generate"], root).code).toBe(0);
    const before = readFileSync(join(root, "out/models/Person.ts"), "utf8");
    tempTree({ "docs2ts.config.json": '{\n  "input": "docs",\n  "out": "out",\n  "nullable": {\n    "Person.nik": true\n  }\n}\n' }, root);
    const run = docs2ts(["generate"], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'docs2ts.config.json:5:5: error: the nullable override "Person.nik" names no field (write ModelName.field_name, as in the generated types) [unknown-override]',
    );
    expect(readFileSync(join(root, "out/models/Person.ts"), "utf8")).toBe(before);
  });
});
