import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { Root } from "mdast";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { type Processor, unified } from "unified";
import { describe, expect, it } from "vitest";
import { parseFast } from "../../generator/markdown/fast.js";
import { corpusPath, repoRoot, sharedPath } from "../helpers/shared.js";

/**
 * parseFast reads the plain docs without micromark. Whenever it gives a tree, that tree must be
 * exactly the one remark-parse with remark-gfm gives (the parser it stands in for), key order and
 * positions included; otherwise it must give up.
 */
const gfm = unified().use(remarkParse).use(remarkGfm).freeze();
const reference = (text: string): Root => gfm.parse(text);

/** Tables and strikethrough only: where it differs from remark-gfm, an autolink literal formed. */
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

/** Whether parseFast reads `text`; when it does, its tree must be remark's (compared deeply, and as JSON). */
function agrees(text: string, where: string): boolean {
  const fast = parseFast(text);
  if (fast === undefined) return false;
  const expected = reference(text);
  expect(fast, where).toStrictEqual(expected);
  expect(JSON.stringify(fast), where).toBe(JSON.stringify(expected));
  return true;
}

/** fast-check's options for the random tests (DOCS2TS_FUZZ_RUNS and DOCS2TS_FUZZ_SEED override them). */
function fuzz(seed: number): { numRuns: number; seed: number } {
  return { numRuns: Number(process.env.DOCS2TS_FUZZ_RUNS ?? 3000), seed: process.env.DOCS2TS_FUZZ_SEED ? Number(process.env.DOCS2TS_FUZZ_SEED) : seed };
}

describe("parseFast gives remark's trees or gives up", () => {
  const corpora = readdirSync(sharedPath("corpora")).sort();
  it("knows the corpora", () => {
    expect(corpora).toContain("clerk-ruby-sorbet");
  });
  // The share of docs each corpus reads without micromark: a floor, so that a change which
  // quietly sends the docs back to micromark fails here (each is the measured share less a
  // doc or two). What is left: tags with attributes, a quote of several lines, an indented
  // list. clerk-openapi holds only its SOURCE.md (a loose list).
  const floors: Record<string, number> = {
    "authlete-go": 0.985,
    "clerk-csharp": 0.993,
    "clerk-java": 0.997,
    "clerk-php": 0.997,
    "clerk-python": 0.993,
    "clerk-ruby-crystalline": 0.997,
    "clerk-ruby-sorbet": 0.995,
    "vercel-ts": 0.998,
  };
  for (const name of corpora) {
    it(`on every doc of ${name}`, () => {
      const docs = docsBelow(corpusPath(name));
      let fast = 0;
      for (const path of docs) if (agrees(readFileSync(path, "utf8"), path)) fast++;
      console.log(`parseFast: ${name}: ${fast} of ${docs.length} docs read without micromark`);
      if (name !== "clerk-openapi") expect(fast / docs.length).toBeGreaterThan(floors[name] ?? 0.97);
    });
  }
});

describe("parseFast on made-up docs", () => {
  it("reads a plain doc (so that the corpus floors measure something real)", () => {
    const text = "# Pet\n\nA pet, `id` and\nname.\n\n## Fields\n\n| Field | Type | Description |\n| :--- | ---: | :-: |\n| `id` | *::String* | [Owner](../owner.md) a_b <br/> \\| x |\n|  | T::Array<*::String*> [::Tag] | |\n\n```ruby title\nx = 1\n\n# not a heading\n```\n";
    expect(agrees(text, "plain doc")).toBe(true);
  });

  it("reads nested brackets, literal brackets and emphasis around and inside links", () => {
    for (const text of [
      "List[[Foo](../foo.md)]\n",
      "| `a` | *string*[] | Array<[X](./x.md)> |\n| - | - | - |\n| *[]*[components.X](../x.md) | [a [b] c](u) | ]x[ |\n",
      "a *[b](u)* and [*b*](u) and **c** and ***d*** and [a [b](u) c](v)\n",
      "x [a](u) *b [c* d](v) e\n",
      "An indented\n  line, and\n[a link](u) and\n`code` on the next ones.\n",
      "Numeric references &#123;x&#125;, &#x41;, &#0; and a bare & or &name=1.\n",
      "# T\n\n- a: b \n- c\n  - d [e](u)\n  - f *g*\n- g\n\n> :warning: **DEPRECATED**: x\n\n## H\n",
    ]) {
      expect(agrees(text, JSON.stringify(text)), text).toBe(true);
    }
  });

  it("reads Sorbet's nested generics, `<T::…`, as text, and leaves what may be an autolink to remark", () => {
    for (const text of [
      "| `rows` | T::Array<T::Array<*::Integer*>> | :heavy_minus_sign: |\n| - | - | - |\n| `h` | T::Hash[Symbol, T::Array<T::Hash[Symbol, ::Object]>] | x |\n",
      "a <T::Array<*::String*>> b <x:y> <Q:>\n",
    ]) {
      expect(agrees(text, JSON.stringify(text)), text).toBe(true);
    }
    // A scheme of two letters or more makes `<…:…>` an autolink: never read here as text.
    for (const text of ["a <Ab:c> b\n", "a <Crystalline::Array> b\n"]) {
      const fast = parseFast(text);
      if (fast) expect(fast, text).toStrictEqual(reference(text));
    }
    // Every doc of our own specs, whose Sorbet tables hold such nested generics.
    const specs = docsBelow(join(repoRoot, "specs"));
    expect(specs.length).toBeGreaterThan(10);
    for (const path of specs) expect(agrees(readFileSync(path, "utf8"), path), path).toBe(true);
  });

  it("reads GFM autolink literals as remark-gfm does", () => {
    for (const text of [
      "See www.example.com, or https://example.com/a_(b)_c?d=1. Mail me@example.com.\n",
      "| Field | Example |\n| - | - |\n| `url` | https://example.com/x*y* |\n| `email` | \"demo@example.com\" |\n| `www` | (www.example.com/a) |\n",
      "# Go to https://example.com\n",
      // An open bracket stops micromark's literals; the regex pass needs a dot in the domain.
      "| a |\n| - |\n| [<br/>\"http://localhost:3000\"<br/>] or www.example.com |\n",
    ]) {
      // Each holds a literal: tables and strikethrough alone read it differently.
      expect(tablesOnly.parse(text), text).not.toStrictEqual(reference(text));
      expect(agrees(text, JSON.stringify(text)), text).toBe(true);
    }
  });

  it("reads what remark-gfm's regex pass over the finished tree adds, as it does", () => {
    // micromark makes no literal here (an open bracket, a slash before the address…), but
    // mdast-util-gfm-autolink-literal's transform does, without positions, splitting the text.
    for (const text of ["a [b www.example.com.\n", "a/b@example.com or mailto:c@example.org\n", "| a |\n| - |\n| [<br/>\"https://example.com/x_(y)\"<br/>] |\n", "a *[b https://x.org/a*\n"]) {
      expect(tablesOnly.parse(text), text).not.toStrictEqual(reference(text));
      expect(agrees(text, JSON.stringify(text)), text).toBe(true);
    }
  });

  it("on random paragraphs and cells of autolink literal pieces", () => {
    const piece = fc.constantFrom(
      "www.", "WWW.", "http://", "https://", "HTTPS://", "mailto:", "xmpp:", "a", "x", "com", "1", "é", ".", ",", ";", ":", "!", "?", "/", "(", ")", "_", "-", "+", "@",
      "&", "&amp;", "&#64;", "&#119;", "&#x2F;", "&#123;", "&#12345678;", "&#xD800;", "&#0;", "&#", "&a", "&a;", "\"", "'", "*", "~", "[", "]", "](u)", "<", "<br/>", "`", " ", "\n",
    );
    let read = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.boolean(), (pieces, cell) => {
        const inline = pieces.join("");
        const text = cell ? `| h |\n| - |\n| a ${inline.replace(/\n/g, " ")} |\n` : `a ${inline}\n`;
        if (agrees(text, JSON.stringify(text))) read++;
      }),
      fuzz(20261125),
    );
    expect(read).toBeGreaterThan(500);
  });

  it("gives up on footnote syntax once brackets matter", () => {
    for (const text of ["a [^1](u) b\n", "a ![^x](u)\n"]) {
      expect(parseFast(text), text).toBeUndefined();
    }
  });

  it("gives up on what it does not read", () => {
    for (const text of ["- a\n\n- loose list", "* a star list", "1. an ordered list", "- a\n  lazy", "> a\nlazy quote", "> a\n> b", "- [ ] task", "![image](u)", '[a](u "title")', "[a](<u>)", "[a](u(v))", "a &amp; b", "[a]: /u\n\n[a]", "<div>\n# x\n</div>", "| a |\n| - |\n| b | c |", "```\nunclosed", "a  \nhard break", "~~gone~~ *and* emphasised"]) {
      expect(parseFast(text), text).toBeUndefined();
    }
  });

  it("on random docs made of the marks it reads and those it gives up on", () => {
    const piece = fc.constantFrom(
      "# ", "## ", "\n", "\n\n", "| ", " | ", "|", "| --- | --- |\n", "| :-: |\n", "```", "~~~", "`", "``", "*", "**", "_", "__", "a_b", "_a_", "~~a~~", "~a~", "~~~", "[", "]", "](", "(u)", ")",
      "<br/>", "<br>", "<value>", "<string,", "</b>", "<a b>", "<a:b>", "[]", "[`x`](u)", "`]`", "[a\\<b>](u)", "[a\\]", "\\<", "<", ">", "\\", "\\|", "&", "!", "~", "a", "B", "1.", "- ", "> ", " ", "  ", ":", "T::Array", "é", "😀", "\t", "\tx\n", "```\t",
      "&#123;", "&#x2a;", "&#", "&a;", "\n- ", "\n  - ", "\n> ", "- a\n", "  - b\n", "> :x: **A**: b\n", "**A** ", " \n",
    );
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        runs++;
        if (agrees(text, JSON.stringify(text))) read++;
      }),
      fuzz(20261125),
    );
    // Enough of them are read, not given up on, for the comparison to mean something.
    console.log(`parseFast: read ${read} of ${runs} random docs`);
    expect(read / runs).toBeGreaterThan(0.1);
  });

  it("reads a text that is one `*` or `_` run on each side of plain text as remark does, and the near misses", () => {
    // inline.ts reads these two shapes (plain text, `*plain*`) without its general loop.
    const cells = ["*string*", "_string_", "*a*", "* a*", "*a *", '*"a"*', "*.*", "_._", "*a b*", "*a*b", "*a_b*", "*é*", "*\u00a0a*", "*a\u00a0*", "*(a)*", "*a*_", "_a*", "*a*a*", "**a**", "*1.5*", ":heavy_check_mark:", "N/A"];
    for (const cell of cells) {
      for (const text of [`| h |\n| - |\n| ${cell} |\n`, `| ${cell} | h |\n| - | - |\n| ${cell} |${cell}|\n`, `# ${cell}\n`]) {
        expect(agrees(text, JSON.stringify(text)), text).toBe(true);
      }
      // A paragraph that starts with `*` or `_` is one parseFast gives up on: it is compared when read.
      for (const text of [`${cell}\n`, `a\n${cell}\n`]) agrees(text, JSON.stringify(text));
    }
  });

  it("on random texts made only of plain text between emphasis delimiters", () => {
    const piece = fc.constantFrom("*", "_", "a", "b", " ", ".", "(", "é", "\u00a0", "1");
    let read = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.boolean(), (pieces, cell) => {
        const inline = pieces.join("");
        const text = cell ? `| h |\n| - |\n|${inline}|\n` : `${inline}\n`;
        if (agrees(text, JSON.stringify(text))) read++;
      }),
      fuzz(20261128),
    );
    expect(read).toBeGreaterThan(100);
  });

  it("on random paragraphs and cells of emphasis and strikethrough delimiters", () => {
    const piece = fc.constantFrom("*", "**", "***", "_", "__", "~", "~~", "`", "a", "b", " ", ".", ",", "(", ")", "é", "1", "\\", "\\<", "[x]", "[x](u)", "<v>", "a_b", "\n");
    let read = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), fc.boolean(), (pieces, cell) => {
        const inline = pieces.join("");
        const text = cell ? `| h |\n| - |\n| a${inline.replace(/\n/g, " ")} |\n` : `a${inline}\n`;
        if (agrees(text, JSON.stringify(text))) read++;
      }),
      fuzz(20261125),
    );
    expect(read).toBeGreaterThan(100);
  });

  it("on random paragraphs and cells of brackets, links and emphasis around and inside them", () => {
    const piece = fc.constantFrom(
      "[", "]", "![", "](u)", "](", "(u)", "()", ")", "](u v)", "[a](u)", "[a]", "[]", "][", "[[", "]]", "*", "**", "***", "_", "__", "~", "~~",
      "`", "`]`", "a", "b", " ", ".", "(", "\\[", "\\]", "\\*", "\\~", "\\_", "\\<", "\\\\", "<v>", "é", "😀", "\n",
      "\n  ", "\n [", "\n `x`", "www.", "www.x.com", "http://", "https://a.b/c", "x@y.org", "@", ".com", "_", "(", ")", "?", "&amp;", ";", "/", "-", "W",
    );
    let read = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 18 }), fc.constantFrom("paragraph", "cell", "bare cell", "heading"), (pieces, where) => {
        const inline = pieces.join("");
        const flat = inline.replace(/\n/g, " ");
        const text =
          where === "paragraph" ? `a${inline}\n` : where === "heading" ? `# a${flat}\n` : where === "cell" ? `| h |\n| - |\n| a${flat} |\n` : `| h |\n| - |\n|${flat}|\n`;
        if (agrees(text, JSON.stringify(text))) read++;
      }),
      fuzz(20261125),
    );
    // Most of them are read: links, brackets and emphasis mix freely.
    expect(read).toBeGreaterThan(1500);
  });
});
