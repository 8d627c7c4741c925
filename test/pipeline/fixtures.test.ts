import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/api.js";
import { MANIFEST } from "../../generator/output/manifest.js";
import { repoRoot } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";

const specs = join(repoRoot, "specs");
const generated = join(repoRoot, "generated");
const irGolden = join(repoRoot, "test/fixtures/specs.ir.json");
const update = process.env.UPDATE === "1";

function listFiles(dir: string, rel = ""): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const path = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, path) : [path];
  });
}

describe("specs/ -> generated/ (golden files; UPDATE=1 rewrites them)", () => {
  const result = generate(specs);

  it("reads our specs with no diagnostics", () => {
    expect(result.ir.diagnostics).toEqual([]);
    expect(result.ir.dialect).toBe("ruby-sorbet");
    expect(result.ir.models.length).toBeGreaterThanOrEqual(12);
  });

  it("gives the committed IR", () => {
    const text = JSON.stringify(result.ir, null, 2) + "\n";
    if (update) writeFileSync(irGolden, text);
    expect(text).toBe(readFileSync(irGolden, "utf8"));
  });

  it("gives the committed generated/ folder byte for byte", () => {
    if (update) {
      for (const f of listFiles(generated)) if (f !== MANIFEST) rmSync(join(generated, f));
      for (const f of result.files) {
        mkdirSync(dirname(join(generated, f.path)), { recursive: true });
        writeFileSync(join(generated, f.path), f.content);
      }
      writeFileSync(join(generated, MANIFEST), JSON.stringify({ generator: "docs2ts", files: result.files.map((f) => f.path).sort() }, null, 2) + "\n");
    }
    const onDisk = listFiles(generated).filter((f) => f !== MANIFEST).sort();
    expect(onDisk).toEqual(result.files.map((f) => f.path));
    for (const f of result.files) expect(readFileSync(join(generated, f.path), "utf8"), f.path).toBe(f.content);
  });

  it("is deterministic: a second run gives the same bytes", () => {
    const again = generate(specs);
    expect(again.files).toEqual(result.files);
    expect(JSON.stringify(again.ir)).toBe(JSON.stringify(result.ir));
  });

  it("compiles under tsc --strict (and the stricter flags) with 0 errors", () => {
    expect(existsSync(join(generated, "index.ts"))).toBe(true);
    expect(typecheck(generated)).toEqual([]);
  });
});
