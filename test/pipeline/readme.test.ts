import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/shared.js";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

describe("README", () => {
  it("starts with the two commands a newcomer runs", () => {
    const head = readme.split("\n").slice(0, 6).join("\n");
    expect(head).toContain("npm ci && npm run generate");
    expect(head).toContain("npm test");
  });

  it("shows the interface that generated/models/Tag.ts really holds", () => {
    const block = /becomes `generated\/models\/Tag\.ts`:\n\n```ts\n([\s\S]*?)\n\nexport function/.exec(readme);
    expect(block).not.toBeNull();
    expect(readFileSync(join(repoRoot, "generated/models/Tag.ts"), "utf8")).toContain(block![1]!);
  });

  it("shows what validateTag really returns", async () => {
    const { validateTag } = await import("../../generated/index.js");
    const r = validateTag({ id: "t1", label: 7, children: [{ id: "t2" }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.message])).toEqual([
      ["/label", "expected string, received integer"],
      ["/children/0/label", "required property is missing (expected string)"],
    ]);
    for (const [path, message] of r.errors.map((e) => [e.path, e.message])) {
      expect(readme).toContain(`{ path: "${path}", message: "${message}"`);
    }
  });

  it("the package scripts the README names exist", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string>; bin: Record<string, string> };
    expect(pkg.scripts.generate).toContain("docs2ts.config.json");
    expect(pkg.scripts.test).toBeDefined();
    expect(pkg.bin.docs2ts).toBe("bin/docs2ts.js");
  });
});
