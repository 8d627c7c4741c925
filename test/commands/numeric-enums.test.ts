import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadIR } from "../../generator/api.js";
import type { NumericEnums } from "../../generator/ir/policies.js";
import { docs2ts, tempTree } from "../helpers/cli.js";
import { generated } from "../helpers/generated.js";

/** A Values doc whose rows are `| \`NAME\` | value |`, as every dialect but TypeScript writes them. */
const values = (title: string, rows: [string, string][]) =>
  `# ${title}\n\n## Values\n\n| Name | Value |\n| --- | --- |\n${rows.map(([n, v]) => `| \`${n}\` | ${v} |`).join("\n")}\n`;

// Importance: every value a numeral (the docs cannot say 0 or "0"). Version: numerals too, but
// written as no number is (`1.0`): text. Flag: numerals beside a letter: text. Ticket links to
// Importance, with an example.
const tree = {
  "docs/models/shared/importance.md": values("Importance", [["ZERO", "0"], ["ONE", "1"], ["MINUS_TWO", "-2"], ["HALF", "2.5"]]),
  "docs/models/shared/version.md": values("Version", [["V1", "1.0"], ["V2", "2"]]),
  "docs/models/shared/flag.md": values("Flag", [["ONE", "1"], ["R", "R"]]),
  "docs/models/shared/ticket.md":
    "# Ticket\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n" +
    "| `importance` | [::X::Shared::Importance](../../models/shared/importance.md) | :heavy_check_mark: | How urgent. | 1 |\n" +
    "| `version` | [T.nilable(::X::Shared::Version)](../../models/shared/version.md) | :heavy_minus_sign: | N/A | |\n" +
    "| `flag` | [T.nilable(::X::Shared::Flag)](../../models/shared/flag.md) | :heavy_minus_sign: | N/A | |\n",
};

const read = (numericEnums?: NumericEnums) => {
  const root = tempTree(tree);
  const { ir } = loadIR(join(root, "docs"), numericEnums ? { numericEnums } : {});
  const enumValues = (name: string) => ir.models.find((m) => m.name === name)!.values!.map((v) => v.value);
  return { ir, enumValues };
};

describe("enums whose Values table writes every value as a number", () => {
  it("are read as numbers by default, marked numericText, with one warning naming the choice", () => {
    const { ir, enumValues } = read();
    expect(enumValues("Importance")).toEqual([0, 1, -2, 2.5]);
    expect(ir.models.find((m) => m.name === "Importance")!.numericText).toBe(true);
    // Not numerals as JavaScript writes numbers, or beside text: strings, unmarked, no warning.
    expect(enumValues("Version")).toEqual(["1.0", "2"]);
    expect(enumValues("Flag")).toEqual(["1", "R"]);
    expect(ir.models.filter((m) => m.numericText).map((m) => m.name)).toEqual(["Importance"]);
    expect(ir.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      "models/shared/importance.md:7:1 warning numeric-enum",
    ]);
    expect(ir.diagnostics[0]!.message).toContain('set "numericEnums": { "Importance": "number" } or "string" in the config');
  });

  it("TypeScript docs write the values as code, which says their kind: read as written, not marked", () => {
    const code = (title: string, values: string) => `# ${title}\n\n## Values\n\n\`\`\`typescript\n${values}\n\`\`\`\n`;
    const root = tempTree({ "docs/models/digits.md": code("Digits", '"0" | "1"'), "docs/models/codes.md": code("Codes", "301 | 302") });
    const { ir } = loadIR(join(root, "docs"), { dialect: "typescript" });
    expect(ir.diagnostics).toEqual([]);
    expect(ir.models.map((m) => [m.name, m.values!.map((v) => v.value), m.numericText])).toEqual([
      ["Codes", [301, 302], undefined],
      ["Digits", ["0", "1"], undefined],
    ]);
  });

  it("a choice for every such enum, or for one by name, is taken and silences the warning", () => {
    for (const choice of [{ all: "string" }, { byModel: [{ model: "Importance", kind: "string", file: "c.json", line: 1, column: 1 }] }] as NumericEnums[]) {
      const { ir, enumValues } = read(choice);
      expect(enumValues("Importance")).toEqual(["0", "1", "-2", "2.5"]);
      expect(ir.diagnostics).toEqual([]);
    }
    const { ir, enumValues } = read({ all: "number" });
    expect(enumValues("Importance")).toEqual([0, 1, -2, 2.5]);
    expect(ir.diagnostics).toEqual([]);
  });

  it("field examples follow the kind chosen", () => {
    const example = (choice?: NumericEnums) => read(choice).ir.models.find((m) => m.name === "Ticket")!.fields![0]!.example;
    expect(example()).toBe(1);
    expect(example({ all: "string" })).toBe("1");
  });

  it("the validators and types accept the kind chosen, and only it", async () => {
    const root = tempTree(tree);
    const asNumbers = await generated(join(root, "docs"), "numeric-enums-number").load();
    const asText = await generated(join(root, "docs"), "numeric-enums-string", { numericEnums: { all: "string" } }).load();
    expect(asNumbers.isImportance(0)).toBe(true);
    expect(asNumbers.isImportance(2.5)).toBe(true);
    expect(asNumbers.isImportance("0")).toBe(false);
    expect(asText.isImportance("0")).toBe(true);
    expect(asText.isImportance(0)).toBe(false);
    expect(asNumbers.isTicket({ importance: -2, flag: "1" })).toBe(true);
    expect(asNumbers.isTicket({ importance: -2, flag: 1 })).toBe(false);
    expect(asNumbers.validateTicket({ importance: "1" }).errors.map((e: { path: string }) => e.path)).toEqual(["/importance"]);
  });

  it("reaches the output from the config, and a name that is no such enum is an error pointing into it", () => {
    const config = (numericEnums: unknown) => JSON.stringify({ input: "docs", out: "out", numericEnums }, null, 2) + "\n";
    const root = tempTree({ ...tree, "docs2ts.config.json": config("string") });
    let run = docs2ts(["generate", "--no-cache"], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("numeric-enum");
    const file = () => readFileSync(join(root, "out/models/Importance.ts"), "utf8");
    expect(file()).toContain('export type Importance = "0" | "1" | "-2" | "2.5";');
    tempTree({ "docs2ts.config.json": config({ Importance: "number" }) }, root);
    run = docs2ts(["generate", "--no-cache"], root);
    expect(run.code, run.stderr).toBe(0);
    expect(file()).toContain("export type Importance = 0 | 1 | -2 | 2.5;");
    expect(file()).toMatch(/ZERO: 0,\n\s+ONE: 1,/);
    const before = file();
    tempTree({ "docs2ts.config.json": config({ Importance: "number", Version: "string" }) }, root);
    run = docs2ts(["generate", "--no-cache"], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('docs2ts.config.json:6:5: error: "numericEnums" names "Version", which is no enum whose values the docs write as numbers');
    expect(file()).toBe(before);
    for (const [bad, message] of [
      ["text", '"numericEnums" must be "number" or "string", or an object such as { "Importance": "number" }'],
      [{ Importance: "int" }, '"numericEnums" "Importance" must be "number" or "string"'],
      [{ "X.y": "number" }, `"numericEnums" has "X.y"; write the enum's TypeScript name`],
    ] as const) {
      tempTree({ "docs2ts.config.json": config(bad) }, root);
      run = docs2ts(["generate", "--no-cache"], root);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});
