import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { usedIn, block, blockText, indent } from "../../generator/emit/validators/code.js";
import { fieldsDoc, tempTree, valuesDoc } from "../helpers/cli.js";
import { generated } from "../helpers/generated.js";
import { typecheck } from "../helpers/tsc.js";

// The emitter names a parameter `_x` when the code it wrote does not use it (users compile with
// noUnusedParameters). A use is code outside string literals: doc text that spells a parameter's
// name ("d", "e.push", ", e, ") sits inside literals and is no use, and must not make an unused
// parameter look used, nor hide a used one.
const docs = tempTree({
  "models/shared/letters.md": valuesDoc("Letters", ["d", "v", "p", "e.push", "x, e, y", 'say "d"']),
  "models/shared/holder.md": fieldsDoc("Holder", [
    ["d", "*::String*", true, 'The "d" of it, v and e.push(p).'],
    ["letter", "[::X::Shared::Letters](../../models/shared/letters.md)", true],
    ["e", "*::Integer*", false],
  ]),
});
const out = generated(docs, "param-use");
const file = (name: string) => out.files.find((f) => f.path === `models/${name}.ts`)!.content;

describe("parameters the emitted code does not use", () => {
  it("are named _x, whatever names the doc text spells inside string literals", () => {
    // An enum's fast path reads no nested value: no depth.
    expect(file("Letters")).toMatch(/export function \$is_Letters\(v: unknown, _d: number\): boolean/);
    // Holder reads Letters one level down: the depth is used.
    expect(file("Holder")).toMatch(/export function \$is_Holder\(v: unknown, d: number\): boolean/);
  });

  it("compiles under the strictest flags (noUnusedParameters, noUnusedLocals)", () => {
    expect(typecheck(out.dir)).toEqual([]);
  });

  it("validates as the docs say", async () => {
    const m = await out.load();
    expect(m.isHolder({ d: "x", letter: "x, e, y", e: 3 })).toBe(true);
    expect(m.isHolder({ d: "x", letter: "e.push" })).toBe(true);
    expect(m.isHolder({ d: "x", letter: "q" })).toBe(false);
    expect(m.validateHolder({ d: 1, letter: 'say "d"', e: 1.5 }).errors.map((i: { path: string }) => i.path)).toEqual(["/d", "/e"]);
  });
});

/**
 * `usedIn` against a plain reference: blank out every string literal of each line (a `"` up to
 * the next unescaped `"` on the line; a `"` that none closes starts none), then look for `code`
 * as a whole word at each end that is a word character.
 */
function usedInReference(text: string, code: string): boolean {
  const blanked = text
    .split("\n")
    .map((line) => {
      let out = "";
      for (let i = 0; i < line.length; i++) {
        if (line[i] !== '"') {
          out += line[i];
          continue;
        }
        let j = i + 1;
        while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
        if (j >= line.length) {
          out += line[i];
          continue;
        }
        out += " ".repeat(j - i + 1);
        i = j;
      }
      return out;
    })
    .join("\n");
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const start = /\w/.test(code[0]!) ? "\\b" : "";
  const end = /\w/.test(code[code.length - 1]!) ? "\\b" : "";
  return new RegExp(start + escaped + end).test(blanked);
}

describe("usedIn", () => {
  it("finds a name outside string literals only, as a plain reading does", () => {
    const piece = fc.constantFrom("d", "v", "e", "p", "e.push", ", e, ", '"', '\\"', "\\", "\\\\", " ", "\n", "x", "dd", "_d", "(", ")", ";", "'", "`");
    const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));
    const code = fc.constantFrom("d", "v", "e", "e.push", ", e, ", "x");
    fc.assert(
      fc.property(text, code, (t, c) => {
        expect(usedIn(t, c), JSON.stringify([t, c])).toBe(usedInReference(t, c));
      }),
      { numRuns: 5000, seed: 20261129 },
    );
  });
});

describe("block and blockText", () => {
  it("are [...head, ...indent(inner), ...tail] and its lines joined, for empty, blank and multi-line pieces", () => {
    const pieces: string[][] = [[], [""], ["a"], ["a", "b"], ["x\ny", ""], ["", "", "z"]];
    for (const head of pieces) {
      for (const inner of pieces) {
        for (const tail of [...pieces, undefined]) {
          const expected = [...head, ...indent(inner), ...(tail ?? ["}"])];
          expect(block(head, inner, tail), JSON.stringify([head, inner, tail])).toEqual(expected);
          expect(blockText(head, inner, tail), JSON.stringify([head, inner, tail])).toBe(expected.join("\n"));
        }
      }
    }
  });
});
