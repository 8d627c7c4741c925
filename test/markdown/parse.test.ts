import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { type Processor, unified } from "unified";
import { describe, expect, it } from "vitest";
import { needsFullGfm, parseMarkdown } from "../../generator/markdown/parse.js";
import { corpusPath } from "../helpers/shared.js";

/**
 * parseMarkdown reads most docs with GFM tables and strikethrough only, and falls back to
 * remark-gfm when a doc holds what autolink literals, footnotes or task lists read. Its trees
 * must be exactly remark-gfm's (positions included), or the output would change.
 */
const gfm = unified().use(remarkParse).use(remarkGfm).freeze();
const reference = (text: string): Root => gfm.parse(text);

/** What the fast path parses with: GFM tables and strikethrough only. */
const tablesOnly = unified()
  .use(remarkParse)
  .use(function (this: Processor) {
    const data = this.data();
    (data.micromarkExtensions ??= []).push(gfmStrikethrough(), gfmTable());
    (data.fromMarkdownExtensions ??= []).push(gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown());
  })
  .freeze();

function docsBelow(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...docsBelow(join(dir, e.name)));
    else if (e.name.endsWith(".md")) out.push(join(dir, e.name));
  }
  return out.sort();
}

describe("parseMarkdown gives remark-gfm's trees", () => {
  for (const name of ["clerk-ruby-sorbet"]) {
    it(`for every doc of ${name}, most of them without the fallback`, () => {
      const docs = docsBelow(corpusPath(name));
      expect(docs.length).toBeGreaterThan(300);
      let fast = 0;
      for (const path of docs) {
        const text = readFileSync(path, "utf8");
        const tree = parseMarkdown(text);
        expect(tree, path).toStrictEqual(reference(text));
        if (!needsFullGfm(tree)) fast++;
      }
      // The fast path is what is measured: it must be the common case.
      expect(fast / docs.length).toBeGreaterThan(0.9);
    });
  }

  // Each of these is read differently by the extensions the fast path leaves out.
  const cases: [string, string][] = [
    ["www autolink literal", "See www.example.com for more."],
    ["http autolink literal", "See https://example.com/a_b_ for more."],
    ["upper-case scheme", "See HTTP://EXAMPLE.COM now."],
    ["e-mail autolink literal", "Write to someone@example.com today."],
    ["e-mail through a character reference", "Write to someone&#64;example.com today."],
    ["www through a character reference", "See &#119;ww.example.com today."],
    ["footnote", "A claim.[^1]\n\n[^1]: The source."],
    ["task list", "- [x] done\n- [ ] to do"],
    ["task list with a tab", "* [\t] odd box"],
    ["autolink inside a table cell", "| a | b |\n| - | - |\n| www.example.com | x@y.org |"],
  ];
  for (const [name, text] of cases) {
    it(`falls back to remark-gfm for a ${name}`, () => {
      const expected = reference(text);
      // The case matters: tables and strikethrough alone read it differently.
      expect(tablesOnly.parse(text)).not.toStrictEqual(expected);
      expect(needsFullGfm(tablesOnly.parse(text))).toBe(true);
      expect(parseMarkdown(text)).toStrictEqual(expected);
    });
  }

  it("sends exactly the docs that need it to remark-gfm", () => {
    const plain = "# Thing\n\nA thing, ~~old~~ new.\n\n## Fields\n\n| Field | Type |\n| ----- | ---- |\n| `id`  | *::String* |\n";
    expect(needsFullGfm(tablesOnly.parse(plain))).toBe(false);
    expect(parseMarkdown(plain)).toStrictEqual(tablesOnly.parse(plain));
    expect(parseMarkdown(plain)).toStrictEqual(reference(plain));
  });

  it("on random markdown made of the characters the extensions care about", () => {
    const piece = fc.constantFrom(
      "www.", "example", ".com", "http://", "https://", "HTTPS://", "@", "&#64;", "&#119;", "w", "[^", "[", "]", "]:", "(", ")",
      "[ ]", "[x]", "- ", "* ", "1. ", "|", " | ", "-", "~", "~~", "*", "_", "`", "\\", "<", ">", "a", "b", " ", "\n", "\n\n", "\t", "> ",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        expect(parseMarkdown(text)).toStrictEqual(reference(text));
      }),
      { numRuns: Number(process.env.DOCS2TS_FUZZ_RUNS ?? 1000), seed: process.env.DOCS2TS_FUZZ_SEED ? Number(process.env.DOCS2TS_FUZZ_SEED) : 20261125 },
    );
  });
});
