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
import { nameResolver } from "../../generator/ir/links.js";
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

// Models named without a link are found by heading, then by file name; among several docs of a
// name, by the folder the name's namespace names, else the asking doc's folder. A large tree has
// hundreds of docs sharing a file name (one `user.md` per API version or copy): each lookup must
// still give the same answers (and costs the same: the resolver indexes by name and folder).
describe("names without a link (nameResolver)", () => {
  const copies = 300;
  const docs: { path: string; title?: string }[] = [];
  for (let i = 0; i < copies; i++) {
    docs.push({ path: `v${i}/models/components/user.md`, title: `User ${i}` });
    docs.push({ path: `v${i}/models/operations/user.md`, title: `User ${i} Request` });
    docs.push({ path: `v${i}/models/components/pet.md`, title: "Pet" });
  }
  docs.push({ path: "shared/only.md", title: "Unique Title" }, { path: "shared/operations/user.md" });
  const byName = nameResolver(docs);

  it("one doc of the heading or the file name: that doc", () => {
    expect(byName("Unique Title", "v1/models/components/x.md")).toBe("shared/only.md");
    expect(byName("Models::Components::User 7", "shared/x.md")).toBe("v7/models/components/user.md");
    expect(byName("only", "v3/x.md")).toBe("shared/only.md");
  });

  it("several: the asking doc's folder, whatever the namespace says when it names none of them alone", () => {
    for (const i of [0, 150, copies - 1]) {
      expect(byName("Pet", `v${i}/models/components/owner.md`)).toBe(`v${i}/models/components/pet.md`);
      expect(byName("Models::Components::User", `v${i}/models/components/owner.md`)).toBe(`v${i}/models/components/user.md`);
      expect(byName("models.User", `v${i}/models/operations/req.md`)).toBe(`v${i}/models/operations/user.md`);
    }
  });

  it("a namespace that names one folder of that name picks it; no single answer is no answer", () => {
    // 300 `user.md` in a `components/` folder: the namespace names no single one, and the asking
    // folder has none. From `shared/operations/`, its own `user.md` is the one.
    expect(byName("Components\\User", "elsewhere/x.md")).toBeUndefined();
    expect(byName("Pet", "elsewhere/x.md")).toBeUndefined();
    expect(byName("Operations::User", "shared/operations/x.md")).toBe("shared/operations/user.md");
    expect(byName("Missing", "v1/models/components/x.md")).toBeUndefined();
    expect(byName("", "v1/x.md")).toBeUndefined();
  });
});

describe("the namespace rule", () => {
  it("a name whose namespace names exactly one of its docs' folders gets that doc, from anywhere", () => {
    const byName = nameResolver([
      { path: "a/components/actor.md" },
      { path: "a/operations/actor.md" },
      { path: "b/shared/actor.md" },
    ]);
    expect(byName("Shared::Actor", "z/x.md")).toBe("b/shared/actor.md");
    expect(byName("Components\\Actor", "b/shared/x.md")).toBe("a/components/actor.md");
    // No namespace: the asking doc's folder, else none.
    expect(byName("Actor", "a/operations/x.md")).toBe("a/operations/actor.md");
    expect(byName("Actor", "z/x.md")).toBeUndefined();
  });
});
