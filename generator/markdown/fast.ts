import type { Code, Heading, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from "mdast";
import { timed } from "../timings.js";
import { needsFullGfm, toDocFile } from "./tree.js";
import type { DocFile } from "./types.js";

type Point = NonNullable<Root["position"]>["start"];

/**
 * A fast reader for the plain shapes model docs are made of: ATX headings, paragraphs of plain
 * lines, pipe tables and fenced code blocks, with inline text, code spans, `[text](url)` links,
 * `<br/>` and backslash escapes. It gives exactly the tree remark-parse with GFM tables and
 * strikethrough gives (positions included: the dialects point diagnostics at them), or
 * `undefined` when the doc holds anything else — emphasis, lists, quotes, HTML blocks, entities,
 * reference definitions, odd tables… — and the caller then parses it with remark.
 *
 * A generator writes these docs from one template, so most are plain; micromark's general
 * state machine costs about 4 ms per doc, this about a twentieth of that, and a run whose docs
 * are all plain never loads micromark. test/markdown/fast.test.ts compares its trees with
 * remark's on every doc of every corpus, and on generated variations.
 */
export function parseFast(text: string): Root | undefined {
  if (text.includes("\r") || text.includes("\t") || text.includes("\0") || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new FastParser(text).root();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/**
 * A plain doc's structure, read without micromark; `undefined` when the doc needs remark
 * (`parseFast` gives up, or remark-gfm's other extensions could read it differently).
 */
export function parsePlainDoc(text: string, path: string): DocFile | undefined {
  return timed("parse", () => {
    const tree = parseFast(text);
    return tree && !needsFullGfm(tree) ? toDocFile(tree, path, text) : undefined;
  });
}

/** Thrown inside the parser when the doc holds a shape it does not read. */
const BAIL = Symbol("bail");
function bail(): never {
  throw BAIL;
}

const BLANK = /^ *$/;
const HEADING = /^(#{1,6})(?: +|$)/;
const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+ *$/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
/** A paragraph line starts with a letter, a digit (not a list item's `1.`) or a quote mark. */
const PARAGRAPH_START = /^[\p{L}\p{N}"'(]/u;
const ORDERED_ITEM = /^\d{1,9}[.)]/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** An opening or closing tag without attributes (`<br/>`, `<value>`, `</b>`): inline HTML. */
const SIMPLE_TAG = /^<\/?[A-Za-z][A-Za-z0-9-]*(?: *\/)?>/;
/** `<` then a name and a character that no tag, autolink or e-mail autolink can hold there. */
const NOT_MARKUP = /^<[A-Za-z][A-Za-z0-9-]*[^A-Za-z0-9\s/>:+.@!#$%&'*=?^_`{|}~-]/;

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
    while (i < lines.length) {
      const line = lines[i]!;
      if (BLANK.test(line)) {
        i++;
      } else if (HEADING.test(line)) {
        children.push(this.heading(i));
        i++;
      } else if (line.startsWith("|") && DELIMITER_ROW.test(lines[i + 1] ?? "")) {
        i = this.table(i, children);
      } else if (FENCE.test(line)) {
        i = this.fence(i, children);
      } else if (PARAGRAPH_START.test(line) && !ORDERED_ITEM.test(line)) {
        i = this.paragraph(i, children);
      } else {
        bail();
      }
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
      if (j > i && (!PARAGRAPH_START.test(line) || ORDERED_ITEM.test(line))) bail(); // a setext underline, a list, a quote, a table…
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

  private fence(i: number, out: RootContent[]): number {
    const { lines } = this;
    const [, marker, rest] = FENCE.exec(lines[i]!)!;
    const info = rest!;
    if (info !== info.trim() || info.includes("  ") || /[\\&]/.test(info) || (marker![0] === "`" && info.includes("`"))) bail();
    const closing = new RegExp(`^ {0,3}${marker![0] === "`" ? "`" : "~"}{${marker!.length},} *$`);
    let j = i + 1;
    while (j < lines.length && !closing.test(lines[j]!)) j++;
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
    for (let k = 0; k < line.length; k++) {
      if (line[k] === "\\") k++;
      else if (line[k] === "|") pipes.push(k);
    }
    if (pipes[pipes.length - 1] !== line.length - 1) bail(); // the closing pipe is escaped
    const cells: TableCell[] = [];
    for (let c = 0; c + 1 < pipes.length; c++) {
      const open = pipes[c]!;
      const close = pipes[c + 1]!;
      let from = open + 1;
      let to = close;
      while (from < to && line[from] === " ") from++;
      while (to > from && line[to - 1] === " ") to--;
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

  /** Inline content of text[from, to): text, code spans, links, `<br/>`, escapes. */
  private inlineRange(from: number, to: number, inTable: boolean): PhrasingContent[] {
    const { text } = this;
    const out: PhrasingContent[] = [];
    const span = text.slice(from, to);
    // Without `](` no bracket can make a link (a doc with reference definitions is not read here).
    const links = span.includes("](");
    const pairs = /[*_~]/.test(span) ? delimiterPairs(text, from, to, links) : undefined;
    let textStart = -1;
    let value = "";
    const flush = (end: number) => {
      if (textStart >= 0) out.push({ type: "text", value, position: { start: this.at(textStart), end: this.at(end) } });
      textStart = -1;
      value = "";
    };
    const literal = (at: number, s: string) => {
      if (textStart < 0) textStart = at;
      value += s;
    };
    let k = from;
    while (k < to) {
      const ch = text[k]!;
      switch (ch) {
        case "\\": {
          const next = text[k + 1];
          if (next === "\n" || k + 1 >= to) bail();
          if (next !== undefined && ASCII_PUNCTUATION.test(next)) {
            literal(k, next);
            k += 2;
          } else {
            literal(k, ch);
            k++;
          }
          break;
        }
        case "`": {
          let n = 1;
          while (text[k + n] === "`") n++;
          const close = findCodeClose(text, k + n, to, n);
          if (close < 0) {
            literal(k, "`".repeat(n));
            k += n;
            break;
          }
          flush(k);
          let code = text.slice(k + n, close);
          if (code.includes("\n")) bail();
          if (code.length >= 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim() !== "") code = code.slice(1, -1);
          if (inTable) code = code.replace(/\\\|/g, "|");
          out.push({ type: "inlineCode", value: code, position: { start: this.at(k), end: this.at(close + n) } });
          k = close + n;
          break;
        }
        case "*":
        case "_":
        case "~": {
          const pair = pairs!.get(k);
          if (pair === undefined) {
            literal(k, ch);
            k++;
            break;
          }
          flush(k);
          const { closer, size } = pair;
          const children = this.inlineRange(k + size, closer, inTable);
          const position = { start: this.at(k), end: this.at(closer + size) };
          out.push(ch === "~" ? { type: "delete", children, position } : { type: "emphasis", children, position });
          k = closer + size;
          break;
        }
        case "[": {
          if (!links) {
            literal(k, ch);
            k++;
            break;
          }
          const link = this.link(k, to, inTable);
          if (!link) {
            literal(k, ch); // `[…]` not followed by `(`: no definitions, so no link
            k++;
            break;
          }
          flush(k);
          out.push(link.node);
          k = link.end;
          break;
        }
        case "<": {
          if (!/[A-Za-z/!?]/.test(text[k + 1] ?? "")) {
            literal(k, ch); // no tag, comment or autolink starts so
            k++;
            break;
          }
          const m = SIMPLE_TAG.exec(text.slice(k, to));
          if (!m) {
            // Not a plain tag: a literal `<` unless a tag with attributes, a comment, an autolink… could start here.
            if (!NOT_MARKUP.test(text.slice(k, to))) bail();
            literal(k, ch);
            k++;
            break;
          }
          flush(k);
          out.push({ type: "html", value: m[0], position: { start: this.at(k), end: this.at(k + m[0].length) } });
          k += m[0].length;
          break;
        }
        case "!":
          if (links && text[k + 1] === "[") bail(); // an image
          literal(k, ch);
          k++;
          break;
        case "&":
          if (/[#A-Za-z0-9]/.test(text[k + 1] ?? "")) bail(); // maybe a character reference
          literal(k, ch);
          k++;
          break;
        case "]":
          if (links) bail();
          literal(k, ch);
          k++;
          break;
        case "\n":
          if (text[k - 1] === " ") bail();
          literal(k, ch);
          k++;
          break;
        default:
          literal(k, ch);
          k++;
      }
    }
    flush(to);
    return out;
  }

  /**
   * `[text](url)` with a plain url and no title; `undefined` for brackets not followed by `(`
   * (literal text: a doc with reference definitions is not read here); anything else bails.
   */
  private link(k: number, to: number, inTable: boolean): { node: PhrasingContent; end: number } | undefined {
    const { text } = this;
    let close = k + 1;
    while (close < to && text[close] !== "]") {
      const c = text[close];
      if (c === "[") bail();
      if (c === "\\") close += 2; // an escaped `]` does not close the text
      else if (c === "`") {
        // Code spans bind tighter: a `]` inside one does not close the text.
        let n = 1;
        while (text[close + n] === "`") n++;
        const end = findCodeClose(text, close + n, to, n);
        close = end < 0 ? close + n : end + n;
      } else close++;
    }
    if (close >= to || text[close + 1] !== "(") return undefined;
    let end = close + 2;
    while (end < to && !" ()<>\\&\n`".includes(text[end]!)) end++;
    if (text[end] !== ")" || end === close + 2) bail();
    const children = this.inlineRange(k + 1, close, inTable);
    const url = text.slice(close + 2, end);
    return { node: { type: "link", title: null, url, children, position: { start: this.at(k), end: this.at(end + 1) } }, end: end + 1 };
  }

  /** The point of a text offset. */
  private at(offset: number): Point {
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  }
}

/** Where the run of exactly `n` backticks that closes a code span starts, or -1. */
function findCodeClose(text: string, from: number, to: number, n: number): number {
  let k = from;
  while (k < to) {
    if (text[k] !== "`") {
      k++;
      continue;
    }
    let m = 0;
    while (text[k + m] === "`") m++;
    if (m === n && k + m <= to) return k;
    k += m;
  }
  return -1;
}

const WHITESPACE = /\s/;
const PUNCTUATION = /\p{P}|\p{S}/u;

/** 0 for whitespace (and the ends of the text), 1 for punctuation, 2 for anything else. */
function kind(ch: string | undefined): number {
  if (ch === undefined || ch === "\n" || WHITESPACE.test(ch)) return 0;
  return PUNCTUATION.test(ch) ? 1 : 2;
}

/**
 * The emphasis (`*a*`, `_a_`) and strikethrough (`~a~`, `~~a~~`) in text[from, to): each
 * opener's offset mapped to its closer's and the run's length; a delimiter that is not in the map
 * is literal. CommonMark's delimiter algorithm for runs of one `*` or `_` (a longer run that
 * pairs bails: strong emphasis; one that pairs with nothing is literal), GFM's for runs of one or two `~`, which may not mix with the others or nest
 * across each other (those bail). Links bind tighter (with a link, any delimiter bails); so do
 * code spans, which the scan skips as the inline parser does, left to right.
 */
function delimiterPairs(text: string, from: number, to: number, links: boolean): Map<number, { closer: number; size: number }> {
  const pairs = new Map<number, { closer: number; size: number }>();
  const openers: { at: number; ch: string; size: number }[] = [];
  let tildes = false;
  let emphasis = false;
  let escapedAt = -1;
  for (let k = from; k < to; k++) {
    const ch = text[k]!;
    if (ch === "\\") {
      escapedAt = k + 1;
      k++;
      continue;
    }
    if (ch === "`") {
      let n = 1;
      while (text[k + n] === "`") n++;
      const close = findCodeClose(text, k + n, to, n);
      k = close < 0 ? k + n - 1 : close + n - 1;
      continue;
    }
    if (ch !== "*" && ch !== "_" && ch !== "~") continue;
    let size = 1;
    while (text[k + size] === ch) size++;
    const before = kind(text[k - 1]);
    const after = kind(text[k + size]);
    const left = after !== 0 && (after === 2 || before !== 2);
    const right = before !== 0 && (before === 2 || after !== 2);
    const canOpen = ch === "_" ? left && (!right || before === 1) : left;
    const canClose = ch === "_" ? right && (!left || after === 1) : right;
    if (canOpen || canClose) {
      // micromark classifies the character before a delimiter differently after an escape.
      if (links || (ch === "~" && size > 2) || escapedAt === k - 1) bail();
      if (ch === "~") tildes = true;
      else emphasis = true;
      if (tildes && emphasis) bail();
    }
    let matched = false;
    if (canClose) {
      let i = openers.length - 1;
      while (i >= 0 && !(openers[i]!.ch === ch && (ch !== "~" || openers[i]!.size === size))) i--;
      if (i >= 0) {
        if (ch === "~" && i !== openers.length - 1) bail();
        if (ch !== "~" && (openers[i]!.size !== 1 || size !== 1)) bail(); // strong emphasis
        pairs.set(openers[i]!.at, { closer: k, size });
        openers.length = i; // the openers between them stay literal
        matched = true;
      }
    }
    if (!matched && canOpen) openers.push({ at: k, ch, size });
    k += size - 1;
  }
  return pairs;
}
