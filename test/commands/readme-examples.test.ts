import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docs2ts, tempTree } from "../helpers/cli.js";
import { repoRoot } from "../helpers/shared.js";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

/** The fenced block that follows `marker` in the README. */
function blockAfter(marker: string): string {
  const at = readme.indexOf(marker);
  expect(at, marker).toBeGreaterThanOrEqual(0);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at + marker.length));
  return m![1]!;
}

/** The repository's config, specs and generated/ in a temp folder, with the README's edit to tag.md. */
function editedCopy(): string {
  const root = tempTree({});
  for (const f of ["specs", "generated", "docs2ts.config.json", "docs2ts.config.schema.json"]) cpSync(join(repoRoot, f), join(root, f), { recursive: true });
  const tag = join(root, "specs/models/shared/tag.md");
  const text = readFileSync(tag, "utf8");
  const edited = text.replace("*T.nilable(::String)*  ", "*T.nilable(::Integer)* ");
  expect(edited).not.toBe(text);
  writeFileSync(tag, edited);
  return root;
}

describe("the README's examples are what docs2ts prints", () => {
  it("the CI snippet's commands pass on the repository as committed", () => {
    expect(readme).toContain("npx docs2ts generate --check");
    expect(readme).toContain("npx docs2ts diff ../base/specs specs --fail-on breaking");
    expect(docs2ts(["generate", "--check"]).code).toBe(0);
    const base = tempTree({});
    cpSync(join(repoRoot, "specs"), join(base, "specs"), { recursive: true });
    expect(docs2ts(["diff", join(base, "specs"), "specs", "--fail-on", "breaking"])).toMatchObject({ code: 0, stdout: "No changes.\n0 models added, 0 removed, 0 changed, 20 unchanged; 0 breaking changes in 0 models\n" });
    // And a breaking edit fails that step.
    expect(docs2ts(["diff", "specs", join(editedCopy(), "specs"), "--fail-on", "breaking"]).code).toBe(1);
  });

  it("--check and diff after the README's edit", () => {
    const root = editedCopy();
    const diff = docs2ts(["diff", "generated", "specs"], root);
    expect(diff.stdout).toBe(blockAfter("With the edit above, `npx docs2ts diff generated specs` prints:"));
    const check = docs2ts(["generate", "--check"], root);
    expect(check.code).toBe(1);
    const shown = blockAfter("and did not\nregenerate:").trimEnd().split("\n");
    const summary = shown.pop()!;
    expect(check.stderr).toContain(shown.join("\n") + "\n");
    const last = check.stderr.trimEnd().split("\n").pop()!;
    expect(last.replace(/\(\d+\.\d+s; [^)]*\)/, "(…)")).toBe(summary);
  });

  it("graph --from Tag", () => {
    expect(docs2ts(["graph", "--input", "specs", "--from", "Tag"]).stdout).toBe(blockAfter("`npx docs2ts graph --input specs --from Tag` prints:"));
  });
});
