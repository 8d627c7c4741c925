/**
 * An optional field present with the value `undefined` counts as absent for the validators (as for
 * JSON Schema validators: JSON has no undefined, and objects built in code often carry such keys).
 * The types must say the same, or under `exactOptionalPropertyTypes` (which the generated folder
 * is checked with, tsconfig.generated.json) `isX` would narrow a value to a type that excludes it:
 * an optional property is `T | undefined`, a required one is not.
 */
import { describe, expect, it } from "vitest";
import { fieldsDoc, tempTree } from "../helpers/cli.js";
import { generated } from "../helpers/generated.js";
import { typecheckWith } from "../helpers/tsc.js";
import { tracing } from "./adaptive-probe.js";

const optional = Array.from({ length: 9 }, (_, i) => `f${i}`);
const dir = tempTree({
  "models/shared/note.md": fieldsDoc("Note", [
    ["id", "*::String*", true],
    ["text", "*T.nilable(::String)*", false],
    ["tags", "T::Array<*::String*>", false],
  ]),
  // Nine optional fields: an adaptive model, with a by-name and a key-driven fast path.
  "models/shared/profile.md": fieldsDoc("Profile", [["id", "*::String*", true], ...optional.map((f): [string, string, boolean] => [f, "*T.nilable(::Integer)*", false])]),
});
const out = generated(dir, "optional-undefined");
const mod = await out.load();

const withUndefined = (keys: string[]) => Object.fromEntries([["id", "x"], ...keys.map((k) => [k, undefined])]);

describe("optional fields holding undefined", () => {
  it("are accepted by isX and validateX, on the by-name and the key-driven paths", () => {
    expect(mod.isNote(withUndefined(["text", "tags"]))).toBe(true);
    expect(mod.validateNote(withUndefined(["text", "tags"])).ok).toBe(true);
    expect(mod.isNote({ id: undefined })).toBe(false);

    const readsByName = () => {
      const traps: string[] = [];
      mod.isProfile(tracing({ id: "x", f0: 1 }, traps));
      return traps[0] === "get";
    };
    expect(readsByName()).toBe(true);
    expect(mod.isProfile(withUndefined(optional))).toBe(true);
    // Objects of ever new shapes switch Profile to its key-driven path.
    for (let i = 1; i < 80; i++) expect(mod.isProfile(Object.fromEntries([["id", "x"], ...optional.filter((_, bit) => (i >> bit) & 1).map((k) => [k, i])]))).toBe(true);
    expect(readsByName()).toBe(false);
    expect(mod.isProfile(withUndefined(optional))).toBe(true);
    expect(mod.validateProfile(withUndefined(optional)).ok).toBe(true);
    expect(mod.isProfile({ ...withUndefined(optional), id: undefined })).toBe(false);
  });

  it("are allowed by the types under exactOptionalPropertyTypes; a required field is not", () => {
    const use = (body: string) =>
      typecheckWith(out.dir, "use.ts", `import { type Note, type Profile, isNote } from "./index.js";\n${body}\n`);
    expect(
      use(
        [
          `export const note: Note = { id: "x", text: undefined, tags: undefined };`,
          `export const profile: Profile = { id: "x", ${optional.map((f) => `${f}: undefined`).join(", ")} };`,
          // What isNote accepts, narrowed, still reads as the declared type.
          `export function text(v: unknown): string | null | undefined { return isNote(v) ? v.text : undefined; }`,
        ].join("\n"),
      ),
    ).toEqual([]);
    const errors = use(`export const note: Note = { id: undefined };`);
    expect(errors.join("\n")).toMatch(/use\.ts:2: Type 'undefined' is not assignable to type 'string'/);
  });
});
