/**
 * Links that climb above the input folder. Generators write links for the docs folder of the
 * SDK (`../../models/components/pet.md` from `docs/models/components/owner.md`); a user who
 * points `--input` at `docs/models/components` gets links that leave it. Such a link is read like
 * any link to a path where no doc is: followed to the only doc of its file name (one grouped
 * `dead-link` warning), else a `broken-link` error that names where it pointed. The docs are
 * written for this test (Python style).
 */
import { describe, expect, it } from "vitest";
import { generate, loadIR } from "../../generator/api.js";
import { tempTree } from "../helpers/cli.js";

const row = (name: string, type: string, required = true) => `| \`${name}\` | ${type} | ${required ? ":heavy_check_mark:" : ":heavy_minus_sign:"} | N/A |`;
const doc = (title: string, rows: string[]) => `# ${title}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n${rows.join("\n")}\n`;

describe("links above the input folder", () => {
  it("are followed to the only doc of that file name, with one warning for the folder", () => {
    const dir = tempTree({
      "owner.md": doc("Owner", [row("name", "*str*"), row("pet", "[models.Pet](../../models/components/pet.md)"), row("pets", "List[[models.Pet](../../models/components/pet.md)]", false)]),
      "pet.md": doc("Pet", [row("id", "*str*"), row("owner", "[Optional[models.Owner]](../../models/components/owner.md)", false)]),
    });
    const { ir, files } = generate(dir, { dialect: "python" });
    expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const owner = ir.models.find((m) => m.name === "Owner")!;
    expect(owner.fields!.map((f) => f.type)).toEqual([
      { kind: "string" },
      { kind: "ref", target: "pet.md" },
      { kind: "array", items: { kind: "ref", target: "pet.md" } },
    ]);
    const warnings = ir.diagnostics.filter((d) => d.code === "dead-link");
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]!.message).toContain("../../models/components/pet.md");
    expect(files.some((f) => f.path === "models/Owner.ts")).toBe(true);
  });

  it("without a doc of that name, are a broken-link error at the cell that names the path", () => {
    const dir = tempTree({
      "owner.md": doc("Owner", [row("name", "*str*"), row("meta", "[models.HTTPMetadata](../../models/components/httpmetadata.md)")]),
    });
    const { ir } = loadIR(dir, { dialect: "python" });
    const errors = ir.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.file, d.line, d.code])).toEqual([["owner.md", 8, "broken-link"]]);
    expect(errors[0]!.message).toBe("the link points to ../../models/components/httpmetadata.md, which is not a doc in the input folder");
  });
});
