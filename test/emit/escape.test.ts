import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { docText, isIdentifier, lineCommentText, memberAccess, objectLiteralKey, pointerSegment, propertyKey, stringLiteral, valueLiteral } from "../../generator/emit/escape.js";

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

// Names and text from docs reach generated code through these; each is checked by running the
// code it makes, for any string.
describe("code from doc strings", () => {
  const anyName = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: "grapheme", maxLength: 8 }),
    fc.constantFrom("__proto__", "constructor", "toString", "class", "default", "await", "let", "true", "null", "enum", "a-b", "1a", "$x", "_", "é", "a\u2028b", "</script>", '"', "\\", "`${x}`"),
  );

  it("stringLiteral reads back as the same string, with no raw line separator or `</`", () => {
    fc.assert(
      fc.property(anyName, (text) => {
        const literal = stringLiteral(text);
        expect(new Function(`return ${literal};`)()).toBe(text);
        expect(literal).not.toMatch(/[\u2028\u2029]|<\//);
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });

  it("stringLiteral is JSON.stringify's text, but for `</` and line separators", () => {
    const printable = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 16 });
    fc.assert(
      fc.property(fc.oneof(printable, anyName), (text) => {
        const json = JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/<\//g, "<\\/");
        expect(stringLiteral(text)).toBe(json);
      }),
      { numRuns: 3000, seed: 20261129 },
    );
    for (const text of ["", " ", "~", "a b", 'a"b', "a\\b", "a</b", "a<b/", "\x7f", "\t"]) {
      expect(stringLiteral(text)).toBe(JSON.stringify(text).replace(/<\//g, "<\\/"));
    }
  });

  it("an object literal with propertyKey / objectLiteralKey has exactly that own key; memberAccess reads it", () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const o = new Function(`return { ${objectLiteralKey(name)}: 1 };`)() as object;
        expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
        expect(Object.keys(o)).toEqual([name]);
        expect(new Function("o", `return ${memberAccess("o", name)};`)(o)).toBe(1);
        // a key for a type: the name bare (where it reads as a name after a dot, and is not one
        // of the two with a meaning of their own) or quoted; either way it names that property
        const key = propertyKey(name);
        expect([name, stringLiteral(name)]).toContain(key);
        if (key === name) {
          expect(["__proto__", "constructor"]).not.toContain(name);
          expect(() => new Function("o", `return o.${key};`)).not.toThrow();
        }
        if (name !== "__proto__") expect(Object.keys(new Function(`return { ${key}: 1 };`)() as object)).toEqual([name]);
      }),
      { numRuns: 2000, seed: 20261127 },
    );
    expect(objectLiteralKey("__proto__")).toBe('["__proto__"]');
    expect(propertyKey("constructor")).toBe('"constructor"');
    expect(memberAccess("o", "a-b")).toBe('o["a-b"]');
    expect(memberAccess("o", "id")).toBe("o.id");
  });

  it("isIdentifier: only names that can be declared (no reserved word)", () => {
    fc.assert(
      fc.property(anyName, (name) => {
        if (!isIdentifier(name)) return;
        expect(() => new Function(`"use strict"; let ${name} = 1; return ${name};`)).not.toThrow();
      }),
      { numRuns: 2000, seed: 20261127 },
    );
    // every keyword TypeScript knows that strict code cannot declare is refused
    const keywords = Array.from({ length: ts.SyntaxKind.LastKeyword - ts.SyntaxKind.FirstKeyword + 1 }, (_, i) => ts.tokenToString(ts.SyntaxKind.FirstKeyword + i)!);
    const undeclarable = keywords.filter((w) => {
      try {
        new Function(`"use strict"; let ${w} = 1;`);
        return false;
      } catch {
        return true;
      }
    });
    expect(undeclarable.length).toBeGreaterThan(40);
    for (const w of undeclarable) expect(isIdentifier(w), w).toBe(false);
    for (const name of ["class", "default", "await", "let", "yield", "true", "false", "null", "this", "undefined", "NaN", "interface", "a-b", "1a", "", "é"]) expect(isIdentifier(name), name).toBe(false);
    for (const name of ["User", "_x", "$ref", "a1"]) expect(isIdentifier(name), name).toBe(true);
  });

  it("valueLiteral: strings quoted, numbers as JSON writes them (-0 as 0), non-finite numbers refused", () => {
    expect([valueLiteral("a"), valueLiteral(2.5), valueLiteral(-0), valueLiteral(true), valueLiteral(null)]).toEqual(['"a"', "2.5", "0", "true", "null"]);
    expect(() => valueLiteral(Number.NaN)).toThrow(/not a JSON number/);
    expect(() => valueLiteral(Number.POSITIVE_INFINITY)).toThrow(/not a JSON number/);
  });
});

describe("line comments and JSON Pointers", () => {
  it("lineCommentText keeps a comment on one line: line breaks and control characters become one space", () => {
    expect(lineCommentText("a\nb\r\n\u2028c\u0000\u0001d\u2029")).toBe("a b c d ");
    expect(lineCommentText("plain")).toBe("plain");
  });

  it("pointerSegment escapes ~ before / (RFC 6901), so that the two never mix", () => {
    expect(pointerSegment("a/b~c")).toBe("a~1b~0c");
    expect(pointerSegment("~1")).toBe("~01");
    expect(pointerSegment("plain")).toBe("plain");
  });
});
