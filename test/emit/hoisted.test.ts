/**
 * File-level declarations the validators hoist are made once per file: a union member that needs
 * statements (`string[]`) gets one helper function, shared by the fast and the slow path, and a
 * large enum one `Set`, however many checks use it. (Both paths used to hoist their own copies:
 * seen on Apideck's and Kong's docs.) The docs are written for this test, in the TypeScript style.
 */
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/api.js";
import { tempTree } from "../helpers/cli.js";

const member = (type: string) => `### \`${type}\`\n\n\`\`\`typescript\nconst value: ${type} = /* values here */\n\`\`\`\n`;
const colours = ["red", "orange", "yellow", "green", "blue", "indigo", "violet", "black", "white", "grey"];
const docs = {
  "models/label.md": `# Label\n\n## Supported Types\n\n${member("string")}\n${member("string[]")}\n${member("number[]")}`,
  "models/colour.md": `# Colour\n\n## Values\n\n\`\`\`typescript\n${colours.map((c) => `"${c}"`).join(" | ")}\n\`\`\`\n`,
  "models/paint.md":
    "# Paint\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n" +
    "| `base` | [models.Colour](../models/colour.md) | :heavy_check_mark: | N/A |\n" +
    "| `accent` | [models.Colour](../models/colour.md) | :heavy_minus_sign: | N/A |\n" +
    "| `label` | *models.Label* | :heavy_check_mark: | N/A |\n",
};

describe("hoisted declarations", () => {
  const { ir, files } = generate(tempTree(docs), { dialect: "typescript" });
  const text = (name: string) => files.find((f) => f.path === `models/${name}.ts`)!.content;
  const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

  it("reads the docs", () => {
    expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("a union's array members: one helper each, called by both paths", () => {
    const label = text("Label");
    expect(count(label, /^function \$t\d+\(/gm)).toBe(2);
    const [first, second] = [...label.matchAll(/^function (\$t\d+)\(/gm)].map((m) => m[1]!);
    expect(count(label, new RegExp(`\\${first}\\(v, d\\)`, "g"))).toBe(2);
    expect(count(label, new RegExp(`\\${second}\\(v, d\\)`, "g"))).toBe(2);
  });

  it("a large enum: one Set in its file, used by both paths; fields elsewhere call its check", () => {
    const colour = text("Colour");
    expect(count(colour, /ReadonlySet<unknown> = \$enumSet\(/g)).toBe(1);
    expect(count(colour, /\$values\d+\.has\(v\)/g)).toBe(2);
    expect(count(text("Paint"), /\$enumSet\(/g)).toBe(0);
  });
});
