import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineIsClosed } from "../../generator/emit/print.js";

/** The check as a scanner, one character that matters at a time: what the regex must agree with. */
function scanLine(line: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "`") return false;
    if (c === '"' || c === "'") quote = c;
    else if (c === "/" && line[i + 1] === "/") return true;
    else if (c === "/" && line[i + 1] === "*") return false;
  }
  return quote === undefined;
}

describe("whether generated lines close their strings (print.ts)", () => {
  const piece = fc.constantFrom("a", " ", '"', "'", "`", "\\", "/", "*", "//", "/*", "*/", "\\\"", "${x}", "\r", "é", "x = 1;", 'o["k"]');
  it("one line: the regex agrees with the scanner", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const line = pieces.join("");
        expect(lineIsClosed(line), JSON.stringify(line)).toBe(scanLine(line));
      }),
      { numRuns: 20000, seed: 20261126 },
    );
  });
});
