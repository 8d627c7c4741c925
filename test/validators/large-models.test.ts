/**
 * Models with very many fields (vercel-ts has 175-field ones; a doc may have more): every
 * generated function must stay within what TypeScript analyses ("too large for control flow
 * analysis" is a compile error for users: 500 fields of these types made two of them before
 * the slow path was split into functions of 100 fields), and the validators must still work.
 */
import { describe, expect, it } from "vitest";
import { fieldsDoc, tempTree, valuesDoc } from "../helpers/cli.js";
import { generated } from "../helpers/generated.js";
import { typecheck } from "../helpers/tsc.js";

// Like vercel-ts's Permissions models: optional lists of an enum, and a few plain fields.
const modes = "T.nilable(T::Array<[::X::Shared::Mode](../../models/shared/mode.md)>)";
const rowsOf = (n: number) => Array.from({ length: n }, (_, i): [string, string, boolean] => [`f${i}`, i % 10 === 3 ? "*::Integer*" : modes, i % 50 === 0]);
/** The widest model with by-name paths (adaptive: most fields optional), and one split into functions. */
const models = { Wide100: rowsOf(100), Wide500: rowsOf(500) };
const out = generated(
  tempTree({
    ...Object.fromEntries(Object.entries(models).map(([name, rows]) => [`models/shared/${name.toLowerCase()}.md`, fieldsDoc(name, rows)])),
    "models/shared/mode.md": valuesDoc("Mode", ["create", "read", "delete"]),
  }),
  "large-models",
);

describe("models with 100 and 500 fields (most optional)", () => {
  it("compile under the strict flags of tsconfig.generated.json", () => {
    expect(typecheck(out.dir)).toEqual([]);
  });

  it("the 500-field one is checked in functions of at most 100 fields, its fast path key-driven", () => {
    const wide = out.files.find((f) => f.path === "models/Wide500.ts")!.content;
    expect(wide.match(/^function \$check_Wide500_from\d+_\d*\(/gm)).toHaveLength(4);
    expect(wide).not.toMatch(/_byName/);
    const adaptive = out.files.find((f) => f.path === "models/Wide100.ts")!.content;
    expect(adaptive).toMatch(/function \$is_Wide100_byName/);
    expect(adaptive).not.toMatch(/_from\d+_/);
  });

  for (const [name, rows] of Object.entries(models)) {
    it(`${name} accepts valid values in many shapes and reports bad fields by their paths, in every chunk`, async () => {
      const mod = await out.load();
      const required = Object.fromEntries(rows.filter((r) => r[2]).map(([n, t]) => [n, t.includes("Integer") ? 1 : ["create"]]));
      // Many shapes: each value adds a different optional field (the adaptive paths switch over).
      for (let i = 0; i < 300; i++) {
        const [field, type] = rows[i % rows.length]!;
        const v = { ...required, [field]: type.includes("Integer") ? i : ["read", "delete"].slice(i % 2) };
        expect(mod[`is${name}`](v), field).toBe(true);
        expect(mod[`validate${name}`](v).ok, field).toBe(true);
      }
      // One bad field in every hundred (the chunks of the wide one), and a missing required one.
      const bad: Record<string, unknown> = { ...required };
      const paths: string[] = [];
      for (let i = 3; i < rows.length; i += 100) {
        bad[`f${i}`] = "not a number";
        bad[`f${i + 1}`] = ["read", "fly"];
        paths.push(`/f${i}`, `/f${i + 1}/1`);
      }
      delete bad["f50"];
      paths.push("/f50");
      paths.sort((a, b) => Number(a.slice(2).split("/")[0]) - Number(b.slice(2).split("/")[0]));
      expect(mod[`is${name}`](bad)).toBe(false);
      expect(mod[`validate${name}`](bad).errors.map((e: { path: string }) => e.path)).toEqual(paths);
    });
  }
});
