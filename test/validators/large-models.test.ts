/**
 * Models with very many fields (vercel-ts has 175-field ones): every generated function must stay
 * within what TypeScript analyses ("too large for control flow analysis" is a compile error for
 * users), and the validators must still work.
 */
import { describe, expect, it } from "vitest";
import { fieldsDoc, tempTree, valuesDoc } from "../helpers/cli.js";
import { generated } from "../helpers/generated.js";
import { typecheck } from "../helpers/tsc.js";

const FIELDS = 200;
// Like vercel-ts's Permissions models: optional lists of an enum, and a few plain fields.
const modes = "T.nilable(T::Array<[::X::Shared::Mode](../../models/shared/mode.md)>)";
const rows = Array.from({ length: FIELDS }, (_, i): [string, string, boolean] => [`f${i}`, i % 10 === 3 ? "*::Integer*" : modes, i % 50 === 0]);
const out = generated(
  tempTree({ "models/shared/wide.md": fieldsDoc("Wide", rows), "models/shared/mode.md": valuesDoc("Mode", ["create", "read", "delete"]) }),
  "large-models",
);

describe(`a model with ${FIELDS} fields (most optional: the adaptive paths)`, () => {
  it("compiles under the strict flags of tsconfig.generated.json", () => {
    expect(typecheck(out.dir)).toEqual([]);
  });

  it("accepts valid values in many shapes and reports a bad field by its path", async () => {
    const mod = await out.load();
    const required = Object.fromEntries(rows.filter((r) => r[2]).map(([n, t]) => [n, t.includes("Integer") ? 1 : ["create"]]));
    // Many shapes: each value adds a different optional field (the adaptive paths switch over).
    for (let i = 0; i < 300; i++) {
      const [name, type] = rows[i % FIELDS]!;
      const v = { ...required, [name]: type.includes("Integer") ? i : ["read", "delete"].slice(i % 2) };
      expect(mod.isWide(v), name).toBe(true);
      expect(mod.validateWide(v).ok, name).toBe(true);
    }
    const bad = { ...required, f3: "not a number", f4: ["read", "fly"] };
    expect(mod.isWide(bad)).toBe(false);
    expect(mod.validateWide(bad).errors.map((e: { path: string }) => e.path)).toEqual(["/f3", "/f4/1"]);
  });
});
