import { describe, expect, it } from "vitest";
import { detectDialect } from "../../generator/dialects/index.js";
import { parseDoc } from "../../generator/markdown/parse.js";

const table = (rows: [string, string, boolean][]) =>
  `| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n${rows.map(([n, t, r]) => `| \`${n}\` | ${t} | ${r ? ":heavy_check_mark:" : ":heavy_minus_sign:"} | N/A |`).join("\n")}\n`;
const doc = (path: string, title: string, rows: [string, string, boolean][]) => parseDoc(`# ${title}\n\n## Fields\n\n${table(rows)}`, path);

const ts1 = doc("models/pet.md", "Pet", [
  ["name", "*string*", true],
  ["age", "*number*", false],
  ["tags", "*string*[]", false],
]);
const ts2 = doc("models/owner.md", "Owner", [["pets", "[models.Pet](../models/pet.md)[]", true]]);
const go1 = doc("models/components/client.md", "Client", [
  ["ClientID", "`int64`", true],
  ["Name", "`*string`", false],
]);
// Cells every dialect writes alike: no vote.
const plain = doc("models/plain.md", "Plain", [["name", "*string*", true]]);

describe("detecting TypeScript and Go docs", () => {
  it("a TypeScript tree is typescript; a Go tree is go; docs with only shared cells do not vote", () => {
    const t = detectDialect([ts1, ts2, plain]);
    expect(t.dialect?.name).toBe("typescript");
    expect([...t.votes]).toEqual([["typescript", 2]]);
    expect(t.diagnostics).toEqual([]);
    const g = detectDialect([go1, plain]);
    expect(g.dialect?.name).toBe("go");
    expect([...g.votes]).toEqual([["go", 1]]);
  });

  it("a mixed tree names the docs that disagree with the majority", () => {
    const d = detectDialect([ts1, ts2, go1]);
    expect(d.dialect?.name).toBe("typescript");
    expect(d.diagnostics).toEqual([
      {
        severity: "error",
        file: "models/components/client.md",
        line: 1,
        column: 1,
        code: "mixed-dialects",
        message: "written in go while most docs are typescript: models/components/client.md",
      },
    ]);
  });

  it("older italic Go docs are go too", () => {
    const old = doc("models/shared/posting.md", "Posting", [
      ["Amount", "*int64*", true],
      ["Reference", "**string*", false],
      ["Tags", "[]*string*", false],
    ]);
    expect(detectDialect([old]).dialect?.name).toBe("go");
  });
});
