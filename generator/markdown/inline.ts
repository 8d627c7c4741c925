import type { PhrasingContent, Root } from "mdast";
import { autolinkLiteral, LITERAL_START, literalTransform } from "./autolink.js";
import { asciiPunctuation, punctuation, space } from "./chars.js";

type Point = NonNullable<Root["position"]>["start"];

/**
 * The inline part of the fast reader (`fast.ts`): a paragraph's, heading's or table cell's text to
 * the phrasing nodes remark-parse gives, or a bail when it holds what this does not read.
 *
 * It follows micromark's two passes. Left to right, it cuts the text into pieces: text, code
 * spans, plain tags, runs of `*`, `_` or `~` (delimiters) and `[` / `![` (link openers). At a `]`
 * it looks for a link ("look for link or image"): the nearest opener still on the stack; an
 * inactive one (a link was made after it: links cannot hold links) or one whose `]` is not
 * followed by an inline destination `(url)` is dropped and both brackets stay text (no reference
 * definitions can exist here, so `[a]`, `[a][b]` and `[a][]` are never links). A link takes the
 * pieces after its opener as its text, resolving the emphasis among them first ("process
 * emphasis" with the opener as the bottom). When the text ends, emphasis is resolved among what is
 * left: each closer, left to right, pairs with the nearest opener of the same character (for `*`
 * and `_`, micromark's rule of three on the runs' remaining lengths; for `~`, the same length),
 * using two characters when both runs have two (strong) and one otherwise; delimiters left
 * between them, and all unpaired ones, are text.
 *
 * GFM autolink literals are tried where micromark tries them (`autolink.ts`), and remark-gfm's
 * regex pass over the finished text follows. Numeric character references are decoded.
 *
 * It bails on images that form, titled or angle-bracketed destinations, destinations with
 * escapes, references or parentheses, `~` mixed with `*`/`_` in one text, named character
 * references (`&amp;`), footnote brackets (`[^`), tags with attributes, comments and autolinks.
 */

/** Thrown inside the parser when the doc holds a shape it does not read. */
export const BAIL = Symbol("bail");
export function bail(): never {
  throw BAIL;
}

/** An opening or closing tag without attributes (`<br/>`, `<value>`, `</b>`): inline HTML. */
const SIMPLE_TAG = /^<\/?[A-Za-z][A-Za-z0-9-]*(?: *\/)?>/;
/**
 * `<` then a name and a character that no tag, autolink or e-mail autolink can hold there; or
 * `<`, one letter and `:` (Sorbet's nested `T::Array<T::Hash[…]>`): a tag's name ends only at
 * white space, `/` or `>`, an autolink's scheme has two letters or more, and an e-mail's local
 * part holds no `:`.
 */
const NOT_MARKUP = /^<(?:[A-Za-z][A-Za-z0-9-]*[^A-Za-z0-9\s/>:+.@!#$%&'*=?^_`{|}~-]|[A-Za-z]:)/;

/** A run of text (its value may differ from the source: escapes). */
interface TextPiece {
  t: 0;
  from: number;
  to: number;
  value: string;
}
/** A finished node: code span, tag, link, emphasis. */
interface NodePiece {
  t: 1;
  node: PhrasingContent;
}
/** A run of `*`, `_` or `~` that can open or close; `from`/`len` shrink as it is used. */
interface Delimiter {
  t: 2;
  ch: string;
  from: number;
  len: number;
  open: boolean;
  close: boolean;
}
/** `[` or `![`; text unless a `]` and a destination make it a link. */
interface Opener {
  t: 3;
  from: number;
  image: boolean;
  active: boolean;
}
type Piece = TextPiece | NodePiece | Delimiter | Opener;

/**
 * Inline content of text[from, to) as remark-parse (with GFM strikethrough) reads it; `at` gives
 * the point of an offset.
 */
export function parseInline(text: string, from: number, to: number, inTable: boolean, at: (offset: number) => Point): PhrasingContent[] {
  const span = text.slice(from, to);
  // Where a GFM autolink literal may form, each character that can start one is tried; openers
  // are then tracked even without links (an open `[` stops literals).
  const literals = LITERAL_START.test(span);
  if (!literals) {
    const simple = simpleInline(text, from, to, at);
    if (simple) return simple;
  }
  const pieces: Piece[] = [];
  /** Indices in `pieces` of the openers still waiting for their `]`. */
  const openers: number[] = [];
  /** How many of the openers at the bottom of `openers` a link has made inactive already. */
  let spent = 0;
  // Without `](` no bracket can make a link (a doc with reference definitions is not read here).
  const links = span.includes("](");
  const brackets = links || literals;
  let tildes = false;
  let emphasis = false;
  let textStart = -1;
  let value = "";
  const flush = (end: number) => {
    if (textStart >= 0) pieces.push({ t: 0, from: textStart, to: end, value });
    textStart = -1;
    value = "";
  };
  const literal = (at: number, s: string) => {
    if (textStart < 0) textStart = at;
    value += s;
  };
  let k = from;
  /** A GFM autolink literal at `k`: pushed, `k` moved past it. */
  const autolink = (at0: number): boolean => {
    const found = autolinkLiteral(text, at0, from, to, openers.length > 0);
    if (!found) return false;
    flush(at0);
    const position = { start: at(at0), end: at(found.end) };
    const child: PhrasingContent = { type: "text", value: text.slice(at0, found.end), position: { start: at(at0), end: at(found.end) } };
    pieces.push({ t: 1, node: { type: "link", title: null, url: found.url, children: [child], position } });
    k = found.end;
    return true;
  };
  while (k < to) {
    const ch = text[k]!;
    switch (ch) {
      case "\\": {
        const next = text[k + 1];
        if (next === "\n" || k + 1 >= to) bail();
        if (next !== undefined && asciiPunctuation(next.charCodeAt(0))) {
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
        pieces.push({ t: 1, node: { type: "inlineCode", value: code, position: { start: at(k), end: at(close + n) } } });
        k = close + n;
        break;
      }
      case "*":
      case "_":
      case "~": {
        if (literals && ch === "_" && autolink(k)) break;
        let size = 1;
        while (text[k + size] === ch) size++;
        if (ch === "~" && size > 2) {
          // micromark's strikethrough reads at most two tildes, and no tilde right after one.
          literal(k, ch.repeat(size));
          k += size;
          break;
        }
        // micromark classifies by UTF-16 units, as text[i] does.
        // The ends of the text (a cell's pipes too) count as whitespace.
        const before = k === from ? 0 : kind(text[k - 1]);
        const after = k + size === to ? 0 : kind(text[k + size]);
        // A `~` next to `*` or `_` counts as neither space nor punctuation (micromark's attention markers).
        const left = (after !== 0 && (after === 2 || before !== 2)) || (ch !== "~" && after !== 0 && text[k + size] === "~");
        const right = (before !== 0 && (before === 2 || after !== 2)) || (ch !== "~" && before !== 0 && text[k - 1] === "~");
        const open = ch === "_" ? left && (!right || before === 1) : left;
        const close = ch === "_" ? right && (!left || after === 1) : right;
        if (!open && !close) {
          literal(k, ch.repeat(size));
          k += size;
          break;
        }
        if (ch === "~") tildes = true;
        else emphasis = true;
        if (tildes && emphasis) bail(); // two resolvers whose order this does not follow
        flush(k);
        pieces.push({ t: 2, ch, from: k, len: size, open, close });
        k += size;
        break;
      }
      case "!":
        if (brackets && text[k + 1] === "[") {
          if (text[k + 2] === "^") bail(); // remark-gfm's footnotes read `![^` and `[^` differently
          flush(k);
          openers.push(pieces.length);
          pieces.push({ t: 3, from: k, image: true, active: true });
          k += 2;
        } else {
          literal(k, ch);
          k++;
        }
        break;
      case "[":
        if (brackets) {
          if (text[k + 1] === "^") bail();
          flush(k);
          openers.push(pieces.length);
          pieces.push({ t: 3, from: k, image: false, active: true });
        } else literal(k, ch);
        k++;
        break;
      case "]": {
        const index = openers.length > 0 ? openers[openers.length - 1]! : -1;
        const opener = index >= 0 ? (pieces[index] as Opener) : undefined;
        const end = opener?.active && text[k + 1] === "(" ? destinationEnd(text, k + 2, to) : -1;
        if (end < 0) {
          // No opener, an inactive one, or no destination: both brackets are text.
          if (opener) {
            openers.pop();
            spent = Math.min(spent, openers.length);
          }
          literal(k, ch);
          k++;
          break;
        }
        if (opener!.image) bail();
        flush(k);
        openers.pop();
        spent = Math.min(spent, openers.length);
        const inner = pieces.splice(index + 1);
        pieces.pop();
        const children = resolve(inner, at);
        const url = text.slice(k + 2, end);
        pieces.push({ t: 1, node: { type: "link", title: null, url, children, position: { start: at(opener!.from), end: at(end + 1) } } });
        // Links cannot hold links: the openers before this one are spent (each made so once).
        for (; spent < openers.length; spent++) {
          const p = pieces[openers[spent]!] as Opener;
          if (!p.image) p.active = false;
        }
        k = end + 1;
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
        pieces.push({ t: 1, node: { type: "html", value: m[0], position: { start: at(k), end: at(k + m[0].length) } } });
        k += m[0].length;
        break;
      }
      case "&": {
        const end = numericReferenceEnd(text, k, to);
        if (end < 0) {
          literal(k, ch); // no reference starts here
          k++;
        } else {
          const hex = text[k + 2] === "x" || text[k + 2] === "X";
          literal(k, decodeNumeric(text.slice(k + (hex ? 3 : 2), end - 1), hex ? 16 : 10));
          k = end;
        }
        break;
      }
      case "\n":
        if (text[k - 1] === " ") bail();
        literal(k, ch);
        k++;
        if (text[k] === " ") {
          // A paragraph line's indent is not text: the text before it ends with the line ending.
          flush(k);
          while (text[k] === " ") k++;
        }
        break;
      default: {
        if (literals) {
          // Any character may start an autolink literal here: one at a time.
          if (autolink(k)) break;
          literal(k, ch);
          k++;
          break;
        }
        // Plain text up to the next character that means something, within this text (one
        // slice, not a character at a time: the text of a doc is mostly this). The search ends
        // at the line's or the cell's end (`plainEnd`): one to the end of the doc made each cell
        // of a row cost the rest of it.
        const end = plainEnd(text, k + 1, to);
        literal(k, text.slice(k, end));
        k = end;
      }
    }
  }
  flush(to);
  const nodes = resolve(pieces, at);
  if (literals) literalTransform(nodes);
  return nodes;
}

/**
 * The two shapes most of a doc's table cells have, read without the general loop below (which
 * gives the same nodes for them): plain text (`N/A`, `:heavy_check_mark:`, a sentence), and plain
 * text in one `*` or `_` run on each side (`*string*`) whose first and last characters are not
 * white space (so that the runs open and close). `undefined` for anything else; never for a text
 * where an autolink literal may form (the caller checks).
 */
function simpleInline(text: string, from: number, to: number, at: (offset: number) => Point): PhrasingContent[] | undefined {
  if (from >= to) return undefined;
  const first = plainEnd(text, from, to);
  if (first === to) return [{ type: "text", value: text.slice(from, to), position: { start: at(from), end: at(to) } }];
  const ch = text.charCodeAt(from);
  if (first !== from || (ch !== 42 && ch !== 95) || to - from < 3 || text.charCodeAt(to - 1) !== ch) return undefined; // * _
  if (plainEnd(text, from + 1, to - 1) !== to - 1 || kind(text[from + 1]) === 0 || kind(text[to - 2]) === 0) return undefined;
  const children: PhrasingContent[] = [{ type: "text", value: text.slice(from + 1, to - 1), position: { start: at(from + 1), end: at(to - 1) } }];
  return [{ type: "emphasis", children, position: { start: at(from), end: at(to) } }];
}

/**
 * The characters the inline loop has a case for, and `|`: a search for them stops at the latest
 * at the end of the line or of a table cell (it may pass `to`; a `|` before `to` is searched past).
 */
const PLAIN_STOP = /[\\`*_~![\]<&\n|]/g;

/**
 * The first offset in text[from, to) of a character the inline loop has a case for, or `to`. By
 * regex search, not a loop over characters in JavaScript: most of a doc is plain text, and the
 * loop cost the fast reader 8% of its instructions (vercel-ts, `npm run bench:instructions parse`).
 */
function plainEnd(text: string, from: number, to: number): number {
  let k = from;
  while (k < to) {
    PLAIN_STOP.lastIndex = k;
    if (!PLAIN_STOP.test(text)) return to;
    k = PLAIN_STOP.lastIndex - 1;
    if (k >= to) return to;
    if (text.charCodeAt(k) !== 124) return k;
    k++;
  }
  return to;
}

/**
 * Where the `)` of an inline link's destination starting at `from` (after `](`) is: a plain
 * destination (no spaces, parentheses, `<`, escapes or entities) right before `)`, or none at all.
 * -1 when there is no `(`…`)` destination; a bail for forms this does not read (titles,
 * `<…>`, nested parentheses, line endings…).
 */
function destinationEnd(text: string, from: number, to: number): number {
  let k = from;
  while (k < to) {
    const c = text.charCodeAt(k);
    // space ( ) < > \ & ` and controls
    if (c <= 0x20 || c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5c || c === 0x26 || c === 0x60 || c === 0x7f) break;
    k++;
  }
  if (k < to && text.charCodeAt(k) === 0x29) return k;
  return bail();
}

/**
 * Where the numeric character reference (`&#123;`, `&#x7B;`) at `k` ends, or -1 when no
 * reference starts there; a bail for a named one (`&amp;`: reading it needs HTML's entity table).
 */
function numericReferenceEnd(text: string, k: number, to: number): number {
  let i = k + 1;
  if (text[i] !== "#") {
    // Up to 31 letters and digits, then `;`.
    while (i < to && i - k <= 31 && /[A-Za-z0-9]/.test(text[i]!)) i++;
    if (i > k + 1 && text[i] === ";" && i < to) bail();
    return -1;
  }
  i++;
  const hex = text[i] === "x" || text[i] === "X";
  if (hex) i++;
  const digits = i;
  const digit = hex ? /[0-9A-Fa-f]/ : /[0-9]/;
  while (i < to && i - digits < (hex ? 6 : 7) && digit.test(text[i]!)) i++;
  return i > digits && i < to && text[i] === ";" ? i + 1 : -1;
}

/** micromark's decoding of a numeric reference: U+FFFD for controls, surrogates, noncharacters and beyond Unicode. */
function decodeNumeric(value: string, base: number): string {
  const code = Number.parseInt(value, base);
  if (
    code < 9 ||
    code === 11 ||
    (code > 13 && code < 32) ||
    (code > 126 && code < 160) ||
    (code > 55_295 && code < 57_344) ||
    (code > 64_975 && code < 65_008) ||
    (code & 65_535) === 65_535 ||
    (code & 65_535) === 65_534 ||
    code > 1_114_111
  ) {
    return "\uFFFD";
  }
  return String.fromCodePoint(code);
}

/** Pairs the delimiters among `pieces` into emphasis, strong and strikethrough, then builds the nodes. */
function resolve(pieces: Piece[], at: (offset: number) => Point): PhrasingContent[] {
  // Most texts hold no delimiter run: nothing to pair.
  if (!pieces.some(isDelimiter)) return build(pieces, at);
  // micromark pairs each closer, left to right, with the nearest earlier run that can open and
  // passes the length rules, scanning back over every piece, and puts the pieces between the two
  // in a node. The same pairs come from the openers kept per character (per length for `~`, which
  // pairs only equal runs) in order, nearest last, and the pieces kept as a linked list, so that
  // a pair's inside becomes one node without moving the rest: linear in the pieces, where a scan
  // and an array splice per pair made a description of 20,000 `*a` take seconds.
  /** The piece after each one (-1 at the end); nodes made here are appended to `pieces`. */
  const next: number[] = [];
  for (let k = 0; k < pieces.length; k++) next.push(k + 1 < pieces.length ? k + 1 : -1);
  const openers = new Map<string, number[]>();
  const keyOf = (d: Delimiter) => (d.ch === "~" ? `~${d.len}` : d.ch);
  const count = pieces.length;
  for (let i = 0; i < count; i++) {
    const closer = pieces[i]!;
    if (closer.t !== 2) continue;
    while (closer.close && closer.len > 0) {
      const stack = openers.get(keyOf(closer));
      let found = -1;
      for (let s = (stack?.length ?? 0) - 1; s >= 0; s--) {
        const opener = pieces[stack![s]!] as Delimiter;
        if (closer.ch !== "~" && (opener.close || closer.open) && closer.len % 3 !== 0 && (opener.len + closer.len) % 3 === 0) continue;
        found = s;
        break;
      }
      if (found < 0) break;
      const j = stack![found]!;
      const opener = pieces[j] as Delimiter;
      // The openers between the pair are inside its node now: none of them can pair any more.
      for (const list of openers.values()) while (list.length > 0 && list[list.length - 1]! > j) list.pop();
      const use = closer.ch === "~" ? closer.len : opener.len > 1 && closer.len > 1 ? 2 : 1;
      opener.len -= use;
      if (opener.len === 0) stack!.pop();
      const start = opener.from + opener.len;
      const inside: Piece[] = [];
      for (let k = next[j]!; k !== i; k = next[k]!) inside.push(pieces[k]!);
      const children = build(inside, at);
      const position = { start: at(start), end: at(closer.from + use) };
      closer.from += use;
      closer.len -= use;
      const node: PhrasingContent =
        closer.ch === "~" ? { type: "delete", children, position } : use === 2 ? { type: "strong", children, position } : { type: "emphasis", children, position };
      next[j] = pieces.push({ t: 1, node }) - 1;
      next.push(i);
    }
    if (closer.open && closer.len > 0) {
      const key = keyOf(closer);
      const stack = openers.get(key);
      if (stack) stack.push(i);
      else openers.set(key, [i]);
    }
  }
  const ordered: Piece[] = [];
  for (let k = count > 0 ? 0 : -1; k !== -1; k = next[k]!) ordered.push(pieces[k]!);
  return build(ordered, at);
}

function isDelimiter(p: Piece): boolean {
  return p.t === 2;
}

/** The nodes of resolved pieces: what is left of delimiters and openers is text, and adjacent text is one node. */
function build(pieces: Piece[], at: (offset: number) => Point): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let start = -1;
  let end = -1;
  let value = "";
  for (const p of pieces) {
    if (p.t === 1) {
      if (start >= 0) out.push({ type: "text", value, position: { start: at(start), end: at(end) } });
      start = -1;
      value = "";
      out.push(p.node);
      continue;
    }
    let from: number;
    if (p.t === 0) {
      from = p.from;
      end = p.to;
      value += p.value;
    } else if (p.t === 2) {
      if (p.len === 0) continue;
      from = p.from;
      end = p.from + p.len;
      value += p.ch.repeat(p.len);
    } else {
      from = p.from;
      end = p.from + (p.image ? 2 : 1);
      value += p.image ? "![" : "[";
    }
    if (start < 0) start = from;
  }
  if (start >= 0) out.push({ type: "text", value, position: { start: at(start), end: at(end) } });
  return out;
}

/** Where the run of exactly `n` backticks that closes a code span starts, or -1. */
export function findCodeClose(text: string, from: number, to: number, n: number): number {
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

/** 0 for whitespace (and the ends of the text), 1 for punctuation, 2 for anything else. */
function kind(ch: string | undefined): number {
  if (ch === undefined) return 0;
  const c = ch.charCodeAt(0);
  return space(c) ? 0 : punctuation(c) ? 1 : 2;
}
