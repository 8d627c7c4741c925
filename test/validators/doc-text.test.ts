/**
 * Doc text that looks like generated code must stay data: enum values and literals enter the
 * validators only as string literals, and no later rewriting of the emitted code may touch them.
 */
import { describe, expect, it } from "vitest";
import { fieldsDoc, tempTree, valuesDoc } from "../helpers/cli.js";
import { generated } from "../helpers/generated.js";
import { typecheck } from "../helpers/tsc.js";

const sorbet = (name: string) => `[::Weird::Shared::${name}](../../models/shared/${name.toLowerCase()}.md)`;
// The fast path of an object model records where it failed by rewriting its own `return false;`
// statements; an enum value spelled so sits in that code as a string literal.
const docs = {
  "models/shared/mode.md": valuesDoc("Mode", ["return false;", "fine"]),
  // The emitter names a parameter `d`, `v`, `p` or `e` only when the body uses it (strict
  // compilers reject unused ones); values spelled like them must not count as uses.
  "models/shared/letter.md": valuesDoc("Letter", ["d", "v", "p", "e.push", ", e, "]),
  "models/shared/holder.md": fieldsDoc("Holder", [
    ["name", "*::String*", true],
    ["mode", sorbet("Mode"), true],
    ["other", sorbet("Mode"), false],
    ["letter", sorbet("Letter"), false],
  ]),
};

const out = generated(tempTree(docs), "doc-text");

describe("doc text that looks like code", () => {
  it("an enum value `return false;` is accepted and others rejected, by isX and validateX alike", async () => {
    const mod = await out.load();
    const ok = [
      { name: "a", mode: "return false;" },
      { name: "a", mode: "fine", other: "return false;" },
    ];
    for (const v of ok) {
      expect(mod.isHolder(v)).toBe(true);
      expect(mod.validateHolder(v).ok).toBe(true);
    }
    expect(mod.isHolder({ name: "a", mode: "fine", letter: "d" })).toBe(true);
    expect(mod.isLetter("e.push")).toBe(true);
    const bad = { name: "a", mode: "return true;" };
    expect(mod.isHolder(bad)).toBe(false);
    expect(mod.validateHolder(bad).errors.map((e: { path: string }) => e.path)).toEqual(["/mode"]);
  });

  it("compiles under the strict flags of tsconfig.generated.json", () => {
    expect(typecheck(out.dir)).toEqual([]);
  });
});
