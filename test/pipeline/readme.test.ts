import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generated } from "../helpers/generated.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";
import { typecheckWith } from "../helpers/tsc.js";

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

describe("the generated folder's README", () => {
  /** Its usage example, as a module of the folder (`data` declared), type-checked with the folder. */
  const exampleErrors = (dir: string): string[] => {
    const text = readFileSync(join(dir, "README.md"), "utf8");
    const code = /```ts\n([\s\S]*?)\n```/.exec(text)?.[1];
    expect(code).toBeDefined();
    return typecheckWith(dir, "readme-example.ts", `declare const data: unknown;\n${code}\nexport { result };\n`);
  };

  it("names a model of that folder in its usage example, which compiles (specs: no User model)", () => {
    const text = readFileSync(join(repoRoot, "generated/README.md"), "utf8");
    expect(text).not.toContain("isUser");
    expect(exampleErrors(join(repoRoot, "generated"))).toEqual([]);
  });

  it("and for a corpus (clerk-ruby-sorbet)", () => {
    expect(exampleErrors(generated(corpusPath("clerk-ruby-sorbet"), "clerk-ruby-sorbet").dir)).toEqual([]);
  });
});
