import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { docText } from "../../generator/emit/escape.js";

/** What docText does, step by step, without its shortcut for text it leaves as it is. */
function docTextSlow(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "/\\*")
    .split("\n")
    .map((line) => line.replace(/^(\s*)@/, "$1\\@").trimEnd())
    .join("\n");
}

describe("docText", () => {
  it("its shortcut (text returned as it is) never skips a change", () => {
    const piece = fc.constantFrom("a", " ", "\t", "\n", "\r", "\r\n", "\u2028", "\u00a0", "\ufeff", "\u0001", "\u007f", "*", "/", "*/", "/*", "@", " @x", "é", "`", "\\");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const text = pieces.join("");
        expect(docText(text), JSON.stringify(text)).toBe(docTextSlow(text));
      }),
      { numRuns: 5000, seed: 20261126 },
    );
  });

  it("comment delimiters, tags and trailing spaces are still escaped or trimmed", () => {
    expect(docText("a */ b /* c")).toBe("a *\\/ b /\\* c");
    expect(docText("x\n  @deprecated\ny  ")).toBe("x\n  \\@deprecated\ny");
    expect(docText("plain text, no change")).toBe("plain text, no change");
  });
});
