import type { Blockquote, Code, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from "mdast";
import { timed } from "../timings.js";
import { BAIL, bail, parseInline } from "./inline.js";
import { toDocFile } from "./tree.js";
import type { DocFile } from "./types.js";

type Point = NonNullable<Root["position"]>["start"];

/**
 * A fast reader for the plain shapes model docs are made of: ATX headings, paragraphs, pipe
 * tables, fenced code blocks, one-line block quotes and tight one-line `-` lists, with inline
 * text, code spans, emphasis, strong, strikethrough, inline links (nested and stray brackets
 * included), GFM autolink literals, `<br/>`-like tags, numeric character references and
 * backslash escapes (`inline.ts`, `autolink.ts`). It gives exactly the tree remark-parse with
 * remark-gfm gives (positions included: the dialects point diagnostics at them), or `undefined`
 * when the doc holds anything else — other lists and quotes, HTML blocks, named entities,
 * reference definitions, images, footnotes, link titles, odd tables… — and the caller then
 * parses it with remark.
 *
 * A generator writes these docs from one template, so most are plain; micromark's general
 * state machine costs about 4 ms per doc, this about a twentieth of that, and a run whose docs
 * are all plain never loads micromark. test/markdown/fast.test.ts compares its trees with
 * remark's on every doc of every corpus, and on generated variations.
 */

export function parseFast(text: string): Root | undefined {
  if (text.includes("\r") || text.includes("\0") || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new FastParser(text).root();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/** A plain doc's structure, read without micromark; `undefined` when the doc needs remark. */
export function parsePlainDoc(text: string, path: string): DocFile | undefined {
  return timed("parse", () => {
    const tree = parseFast(text);
    return tree ? toDocFile(tree, path, text) : undefined;
  });
}

const BLANK = /^ *$/;
const HEADING = /^(#{1,6})(?: +|$)/;
const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+ *$/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const TABBED_CLOSING = /^ {0,3}(?:`{3,}|~{3,})[ \t]*\t[ \t]*$/;
/** A paragraph line starts with a letter, a digit (not a list item's `1.`) or a quote mark. */
const PARAGRAPH_START = /^[\p{L}\p{N}"'(]/u;
const ORDERED_ITEM = /^\d{1,9}[.)]/;
/**
 * A paragraph's next line: indented or not (the indent is not part of the text), starting like a
 * paragraph or with a link's `[` or a code span's backtick (not a fence, not a footnote).
 */
const CONTINUATION = /^ *(?:[\p{L}\p{N}"'(]|\[(?!\^)|`(?!``))/u;
const INDENTED_ORDERED_ITEM = /^ *\d{1,9}[.)]/;
/** What a one-line list item or block quote may start with: a paragraph's start, `:` or `**x`. */
const ITEM_START = /^(?:[\p{L}\p{N}"'(:]|\*\*[^\s*])/u;
class FastParser {
  private readonly lines: string[];
  /** Offset in the text of each line's first character. */
  private readonly starts: number[] = [];

  constructor(private readonly text: string) {
    this.lines = text.split("\n");
    let offset = 0;
    for (const line of this.lines) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
  }

  root(): Root {
    const children: RootContent[] = [];
    const { lines } = this;
    let i = 0;
    // Tabs are read only inside fenced code (Go examples): elsewhere they count as up to four columns.
    const tabs = this.text.includes("\t");
    while (i < lines.length) {
      const line = lines[i]!;
      const from = i;
      if (BLANK.test(line)) {
        i++;
      } else if (HEADING.test(line)) {
        children.push(this.heading(i));
        i++;
      } else if (line.startsWith("|") && DELIMITER_ROW.test(lines[i + 1] ?? "")) {
        i = this.table(i, children);
      } else if (FENCE.test(line)) {
        if (tabs && line.includes("\t")) bail();
        i = this.fence(i, children);
        continue; // its content may hold tabs
      } else if (PARAGRAPH_START.test(line) && !ORDERED_ITEM.test(line)) {
        i = this.paragraph(i, children);
      } else if (line.startsWith("- ")) {
        i = this.list(i, children);
      } else if (line.startsWith("> ")) {
        i = this.quote(i, children);
      } else {
        bail();
      }
      if (tabs) for (let j = from; j < i; j++) if (lines[j]!.includes("\t")) bail();
    }
    const last = lines.length - 1;
    return { type: "root", children, position: { start: this.point(0, 0), end: this.point(last, lines[last]!.length) } };
  }

  private point(line: number, column0: number): Point {
    return { line: line + 1, column: column0 + 1, offset: this.starts[line]! + column0 };
  }

  private heading(i: number): Heading {
    const line = this.lines[i]!;
    const hashes = HEADING.exec(line)![1]!.length;
    const end = line.trimEnd().length;
    let from = hashes;
    while (from < end && line[from] === " ") from++;
    if (from >= end || line[end - 1] === "#") bail(); // empty, or maybe a closing sequence
    return {
      type: "heading",
      depth: hashes as Heading["depth"],
      children: this.inline(i, from, end, false),
      position: { start: this.point(i, 0), end: this.point(i, line.length) },
    };
  }

  /** Lines that start with a letter or digit up to a blank line; no hard breaks, no interruptions. */
  private paragraph(i: number, out: RootContent[]): number {
    const { lines } = this;
    let j = i;
    while (j < lines.length && !BLANK.test(lines[j]!)) {
      const line = lines[j]!;
      if (j > i && (!CONTINUATION.test(line) || INDENTED_ORDERED_ITEM.test(line))) bail(); // a setext underline, a list, a quote, a table…
      if (line.endsWith(" ") || line.endsWith("\\")) bail(); // hard breaks, trailing spaces
      j++;
    }
    const last = j - 1;
    const end = lines[last]!.length;
    const children = this.inlineRange(this.starts[i]!, this.starts[last]! + end, false);
    const node: Paragraph = { type: "paragraph", children, position: { start: this.point(i, 0), end: this.point(last, end) } };
    out.push(node);
    return j;
  }

  /**
   * A tight `-` list of one-line items, each maybe holding one tight list of one-line items
   * indented by two (a provenance file's shape); anything else in it, or a list going on after
   * a blank line (a loose list), bails.
   */
  private list(i: number, out: RootContent[]): number {
    const { lines } = this;
    const items: ListItem[] = [];
    let nested: List | undefined;
    let j = i;
    for (; j < lines.length && !BLANK.test(lines[j]!); j++) {
      const line = lines[j]!;
      if (line.startsWith("- ")) {
        items.push(this.item(j, 0));
        nested = undefined;
      } else if (line.startsWith("  - ") && items.length > 0) {
        const item = this.item(j, 2);
        const parent = items[items.length - 1]!;
        if (!nested) {
          nested = { type: "list", ordered: false, start: null, spread: false, children: [], position: { start: item.position!.start, end: item.position!.end } };
          parent.children.push(nested);
        }
        nested.children.push(item);
        nested.position!.end = item.position!.end;
        parent.position!.end = item.position!.end;
      } else bail();
    }
    let next = j;
    while (next < lines.length && BLANK.test(lines[next]!)) next++;
    if (next < lines.length && (lines[next]!.startsWith("-") || lines[next]!.startsWith(" "))) bail(); // a loose list
    const last = items[items.length - 1]!;
    out.push({ type: "list", ordered: false, start: null, spread: false, children: items, position: { start: items[0]!.position!.start, end: last.position!.end } });
    return j;
  }

  /** `- text` at `indent`: an item holding one paragraph. */
  private item(i: number, indent: number): ListItem {
    const line = this.lines[i]!;
    const from = indent + 2;
    const paragraph = this.lineParagraph(i, from);
    return { type: "listItem", spread: false, checked: null, children: [paragraph], position: { start: this.point(i, indent), end: this.point(i, line.length) } };
  }

  /** A one-line `> text` quote followed by a blank line or the end. */
  private quote(i: number, out: RootContent[]): number {
    const { lines } = this;
    if (i + 1 < lines.length && !BLANK.test(lines[i + 1]!)) bail(); // more lines: lazy or quoted
    const paragraph = this.lineParagraph(i, 2);
    const node: Blockquote = { type: "blockquote", children: [paragraph], position: { start: this.point(i, 0), end: this.point(i, lines[i]!.length) } };
    out.push(node);
    return i + 1;
  }

  /** The paragraph of one line from `from` on: trailing spaces end it but are not text. */
  private lineParagraph(i: number, from: number): Paragraph {
    const line = this.lines[i]!;
    const rest = line.slice(from);
    if (!ITEM_START.test(rest) || ORDERED_ITEM.test(rest) || rest.trimEnd().endsWith("\\")) bail();
    const end = line.trimEnd().length;
    return { type: "paragraph", children: this.inline(i, from, end, false), position: { start: this.point(i, from), end: this.point(i, line.length) } };
  }

  private fence(i: number, out: RootContent[]): number {
    const { lines } = this;
    const [, marker, rest] = FENCE.exec(lines[i]!)!;
    const info = rest!;
    if (info !== info.trim() || info.includes("  ") || /[\\&]/.test(info) || (marker![0] === "`" && info.includes("`"))) bail();
    const closing = new RegExp(`^ {0,3}${marker![0] === "`" ? "`" : "~"}{${marker!.length},} *$`);
    let j = i + 1;
    while (j < lines.length && !closing.test(lines[j]!)) {
      if (TABBED_CLOSING.test(lines[j]!)) bail(); // tabs after a closing fence
      j++;
    }
    if (j >= lines.length) bail(); // an unclosed fence runs to the end of the doc
    const space = info.search(/ /);
    const lang = info === "" ? null : space < 0 ? info : info.slice(0, space);
    const meta = space < 0 ? null : info.slice(space).trim() || null;
    const node: Code = {
      type: "code",
      lang,
      meta,
      value: lines.slice(i + 1, j).join("\n"),
      position: { start: this.point(i, 0), end: this.point(j, lines[j]!.length) },
    };
    out.push(node);
    return j + 1;
  }

  private table(i: number, out: RootContent[]): number {
    const { lines } = this;
    const header = this.row(i);
    const delimiter = lines[i + 1]!.trim().slice(1, -1).split("|");
    if (delimiter.length !== header.children.length) bail();
    const align = delimiter.map((d) => {
      const c = d.trim();
      const left = c.startsWith(":");
      const right = c.endsWith(":");
      return left && right ? "center" : left ? "left" : right ? "right" : null;
    });
    const rows: TableRow[] = [header];
    let j = i + 2;
    while (j < lines.length && !BLANK.test(lines[j]!)) {
      const row = this.row(j);
      if (row.children.length !== header.children.length) bail();
      rows.push(row);
      j++;
    }
    // The table ends with its last row, or with the delimiter row when it has no body.
    const end = rows.length > 1 ? rows[rows.length - 1]!.position!.end : this.point(i + 1, lines[i + 1]!.length);
    const node: Table = { type: "table", align, children: rows, position: { start: header.position!.start, end } };
    out.push(node);
    return j;
  }

  /** `| a | b |`: each cell from its leading pipe to the next one (the last one takes the closing pipe too). */
  private row(i: number): TableRow {
    const line = this.lines[i]!;
    if (!line.startsWith("|") || !line.endsWith("|") || line.length < 2 || line.includes("\\\\")) bail();
    const pipes: number[] = [];
    // By `indexOf`, not a regex's `exec` (a match object per pipe). A pipe after a backslash is
    // escaped; no backslash is itself escaped (a line holding two in a row was refused above).
    for (let k = line.indexOf("|"); k >= 0; k = line.indexOf("|", k + 1)) if (k === 0 || line.charCodeAt(k - 1) !== 92) pipes.push(k);
    if (pipes[pipes.length - 1] !== line.length - 1) bail(); // the closing pipe is escaped
    const cells: TableCell[] = [];
    for (let c = 0; c + 1 < pipes.length; c++) {
      const open = pipes[c]!;
      const close = pipes[c + 1]!;
      let from = open + 1;
      let to = close;
      while (from < to && line.charCodeAt(from) === 32) from++;
      while (to > from && line.charCodeAt(to - 1) === 32) to--;
      const isLast = c + 2 === pipes.length;
      cells.push({
        type: "tableCell",
        children: from < to ? this.inline(i, from, to, true) : [],
        position: { start: this.point(i, open), end: this.point(i, isLast ? close + 1 : close) },
      });
    }
    return { type: "tableRow", children: cells, position: { start: this.point(i, 0), end: this.point(i, line.length) } };
  }

  private inline(line: number, from: number, to: number, inTable: boolean): PhrasingContent[] {
    const base = this.starts[line]!;
    return this.inlineRange(base + from, base + to, inTable);
  }

  /** Inline content of text[from, to). */
  private inlineRange(from: number, to: number, inTable: boolean): PhrasingContent[] {
    return parseInline(this.text, from, to, inTable, this.at);
  }

  /** The point of a text offset. */
  private readonly at = (offset: number): Point => {
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  };
}
