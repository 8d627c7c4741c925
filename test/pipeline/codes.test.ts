import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../generator/ir/codes.js";
import { repoRoot } from "../helpers/shared.js";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("diagnostic code catalogue", () => {
  const used = new Set<string>();
  for (const file of sources(join(repoRoot, "generator"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:"(?:error|warning)",\s*|code:\s*|code = |fail\()"([a-z]+(?:-[a-z0-9]+)+)"/g)) used.add(m[1]!);
  }

  it("every code the generator reports is in the catalogue", () => {
    expect(used.size).toBeGreaterThan(15);
    expect([...used].filter((c) => !(c in DIAGNOSTIC_CODES))).toEqual([]);
  });

  it("the README lists every code", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    expect(Object.keys(DIAGNOSTIC_CODES).filter((c) => !readme.includes(`\`${c}\``))).toEqual([]);
  });
});
