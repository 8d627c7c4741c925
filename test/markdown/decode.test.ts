import { describe, expect, it } from "vitest";
import { countUpTo, decodeDoc, MAX_EMPHASIS_RUNS, MAX_LINK_ENDS_PER_LINE } from "../../generator/markdown/files.js";

/**
 * decodeDoc's limits at their edges. The emphasis and link-end limits are first checked by
 * counting characters with `indexOf` (a doc with no more `*`, `_` and `~` than one block may hold
 * runs is not scanned run by run); these tests pin that the counts still decide exactly where
 * the limits say.
 */
const bytes = (text: string) => new TextEncoder().encode(text);
const doc = (row: string) => `# A\n\n## Fields\n\n| Field | Type |\n| --- | --- |\n| \`a\` | ${row} |\n`;
const refusal = (text: string) => {
  const r = decodeDoc(bytes(text), "a.md");
  return "diagnostic" in r ? `${r.diagnostic.line} ${r.diagnostic.message}` : undefined;
};

describe("countUpTo", () => {
  it("counts occurrences without overlaps and stops at the limit", () => {
    expect(countUpTo("a](b](c", "](", 10)).toBe(2);
    expect(countUpTo("aaaaa", "aa", 10)).toBe(2);
    expect(countUpTo("***", "*", 2)).toBe(2);
    expect(countUpTo("", "*", 5)).toBe(0);
    expect(countUpTo("x", "*", 5)).toBe(0);
  });
});

describe("decodeDoc's limits at their edges", () => {
  it("a row of exactly MAX_EMPHASIS_RUNS runs is read; one more is refused", () => {
    expect(refusal(doc("*a".repeat(MAX_EMPHASIS_RUNS)))).toBeUndefined();
    expect(refusal(doc("*a".repeat(MAX_EMPHASIS_RUNS + 1)))).toBe(`7 this paragraph or table row holds ${MAX_EMPHASIS_RUNS + 1} runs of '*', '_' or '~': docs2ts reads at most ${MAX_EMPHASIS_RUNS} in one`);
  });

  it("runs are counted as runs, not characters: many characters in few runs are read", () => {
    // 3 * MAX_EMPHASIS_RUNS characters, but 3 runs only.
    expect(refusal(doc(`${"*".repeat(MAX_EMPHASIS_RUNS)} ${"_".repeat(MAX_EMPHASIS_RUNS)} ${"~".repeat(MAX_EMPHASIS_RUNS)}`))).toBeUndefined();
    // The three characters together pass the limit only when counted together.
    const third = Math.ceil((MAX_EMPHASIS_RUNS + 1) / 3);
    expect(refusal(doc(`${"*a".repeat(third)}${"_a ".repeat(third)}${"~a".repeat(third)}`))).toMatch(/^7 this paragraph or table row holds \d+ runs/);
  });

  it("a line of exactly MAX_LINK_ENDS_PER_LINE link ends is read; one more is refused", () => {
    expect(refusal(doc("](".repeat(MAX_LINK_ENDS_PER_LINE)))).toBeUndefined();
    expect(refusal(doc("](".repeat(MAX_LINK_ENDS_PER_LINE + 1)))).toBe(`7 line 7 holds ${MAX_LINK_ENDS_PER_LINE + 1} link ends '](': docs2ts reads at most ${MAX_LINK_ENDS_PER_LINE} per line`);
    // Spread over lines, they are within the limit of each.
    expect(refusal(`${doc("](".repeat(MAX_LINK_ENDS_PER_LINE))}${doc("](".repeat(MAX_LINK_ENDS_PER_LINE))}`)).toBeUndefined();
  });
});
