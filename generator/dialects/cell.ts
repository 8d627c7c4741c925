import type { PhrasingContent } from "mdast";
import { isLineBreakHtml } from "../markdown/text.js";
import type { Place } from "../markdown/types.js";

/** A link that covers part of a Type cell. */
export interface CellLink {
  url: string;
  /**
   * The linked doc as a path relative to the input root, for relative `.md` links. It starts
   * with `../` when the link climbs above the root (the docs were generated for a higher folder
   * than the one given): no doc is there, but the IR stage may still find the doc by its file
   * name, as for any link to a path where no doc is (see ir/links.ts), or report a broken link.
   */
  target?: string;
}

/**
 * A Type cell flattened to one string, with, for every character, the link that covers it and
 * whether it sat in emphasis or a code span. Dialect grammars tokenise `text` and ask `linkAt`
 * which doc a name points to; markdown structure is never re-parsed from raw lines.
 */
export interface FlatCell {
  text: string;
  links: CellLink[];
  /** Index into `links` for each character, or -1. */
  linkOf: Int32Array;
  /** Bit 1: inside emphasis/strong; bit 2: inside inline code. */
  style: Uint8Array;
  /**
   * Where each piece of text (a text node, a code span…) starts in `text`, in order, and the
   * source column of its first character: `columnAt` reads a character's column from them
   * (exact for plain text, close for escapes). Only diagnostics ask, so no per-character array.
   */
  pieceAt: number[];
  pieceColumn: number[];
  place: Place;
}

/** Type cells already flattened (detection, then the model read, flatten the same cells). */
const flattened = new WeakMap<readonly PhrasingContent[], { docPath: string; place: Place; flat: FlatCell }>();

export function flattenCell(nodes: readonly PhrasingContent[], place: Place, docPath: string): FlatCell {
  const known = flattened.get(nodes);
  if (known !== undefined && known.docPath === docPath && known.place === place) return known.flat;
  const flat = onePiece(nodes, place) ?? flattenNodes(nodes, place, docPath);
  flattened.set(nodes, { docPath, place, flat });
  return flat;
}

/**
 * The flat cell of a cell that is one piece of text: a text node or a code span, alone or as the
 * only child of an emphasis or strong (`*string*`: 5,226 of vercel-ts's 7,742 Type cells). The
 * same result as `flattenNodes` (test/dialects/cell.test.ts compares the two on every cell of
 * every corpus), without its per-cell closures and piece lists; undefined for any other cell.
 */
export function onePiece(nodes: readonly PhrasingContent[], place: Place): FlatCell | undefined {
  if (nodes.length !== 1) return undefined;
  let node = nodes[0]!;
  let styled = 0;
  if ((node.type === "emphasis" || node.type === "strong") && node.children.length === 1) {
    styled = 1;
    node = node.children[0]!;
  }
  let column: number;
  if (node.type === "text") column = node.position?.start.column ?? place.column;
  else if (node.type === "inlineCode") {
    styled |= 2;
    column = (node.position?.start.column ?? place.column) + 1;
  } else return undefined;
  const text = node.value;
  const n = text.length;
  const style = new Uint8Array(n);
  if (styled !== 0) style.fill(styled);
  return { text, links: [], linkOf: new Int32Array(n).fill(-1), style, pieceAt: n > 0 ? [0] : [], pieceColumn: n > 0 ? [column] : [], place };
}

/** Any cell's flat cell (`flattenCell` takes a shortcut for one piece of text: `onePiece`). */
export function flattenNodes(nodes: readonly PhrasingContent[], place: Place, docPath: string): FlatCell {
  // The pieces of text in order, each with its link, style and first character's column; the
  // per-character arrays are filled once their length is known.
  const links: CellLink[] = [];
  const pieces: string[] = [];
  const pieceLinks: number[] = [];
  const pieceStyles: number[] = [];
  const pieceColumns: number[] = [];
  let length = 0;
  /** The column of the last character pushed, or -1 before the first. */
  let lastColumn = -1;
  const push = (s: string, link: number, style: number, node?: PhrasingContent) => {
    const col = node?.position?.start.column ?? (lastColumn >= 0 ? lastColumn + 1 : place.column);
    const first = col + (node?.type === "inlineCode" ? 1 : 0);
    pieces.push(s);
    pieceLinks.push(link);
    pieceStyles.push(style);
    pieceColumns.push(first);
    length += s.length;
    if (s.length > 0) lastColumn = first + s.length - 1;
  };
  const walk = (list: readonly PhrasingContent[], link: number, style: number) => {
    for (const node of list) {
      switch (node.type) {
        case "text":
          push(node.value, link, style, node);
          break;
        case "inlineCode":
          push(node.value, link, style | 2, node);
          break;
        case "html":
          push(isLineBreakHtml(node.value) ? " " : node.value, link, style, node);
          break;
        case "break":
          push(" ", link, style);
          break;
        case "emphasis":
        case "strong":
          walk(node.children, link, style | 1);
          break;
        case "delete":
          walk(node.children, link, style);
          break;
        case "link":
          if (isAutolink(node)) {
            // `Crystalline::Array<Crystalline::Nilable.new(::String)>`: CommonMark reads the
            // `<scheme:…>` part as an autolink. In a Type cell it is text, brackets included.
            push("<", link, style, node);
            walk(node.children, link, style);
            push(">", link, style);
            break;
          }
          links.push(resolveLink(node.url, docPath));
          walk(node.children, links.length - 1, style);
          break;
        default:
          if ("children" in node) walk(node.children as PhrasingContent[], link, style);
          else if ("value" in node) push(String(node.value), link, style);
      }
    }
  };
  walk(nodes, -1, 0);
  const linkOf = new Int32Array(length);
  const style = new Uint8Array(length);
  const pieceAt: number[] = [];
  const pieceColumn: number[] = [];
  let at = 0;
  for (let p = 0; p < pieces.length; p++) {
    const n = pieces[p]!.length;
    if (n === 0) continue;
    linkOf.fill(pieceLinks[p]!, at, at + n);
    style.fill(pieceStyles[p]!, at, at + n);
    pieceAt.push(at);
    pieceColumn.push(pieceColumns[p]!);
    at += n;
  }
  return { text: pieces.join(""), links, linkOf, style, pieceAt, pieceColumn, place };
}

/** A `<…>` autolink: its text sits right inside the brackets (a `[text](url)` link ends in `](url)`). */
function isAutolink(node: PhrasingContent & { type: "link" }): boolean {
  const outer = node.position;
  const first = node.children[0]?.position;
  const last = node.children[node.children.length - 1]?.position;
  if (!outer || !first || !last || outer.start.offset === undefined || outer.end.offset === undefined) return false;
  return first.start.offset === outer.start.offset + 1 && last.end.offset === outer.end.offset - 1;
}

/** The source column of a character offset in the flattened cell. */
export function columnAt(cell: FlatCell, offset: number): number {
  const { pieceAt, pieceColumn, text } = cell;
  if (text.length === 0) return cell.place.column;
  // Past the end: the column after the last character.
  const at = offset < text.length ? Math.max(0, offset) : text.length - 1;
  let p = pieceAt.length - 1;
  while (p > 0 && pieceAt[p]! > at) p--;
  return pieceColumn[p]! + (at - pieceAt[p]!) + (offset < text.length ? 0 : 1);
}

/** Whether a link URL has a scheme, is an absolute path or only a fragment: it leads to no doc of the input. */
export function isAbsoluteUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("/") || url.startsWith("#");
}

/** Resolve a link URL found in `docPath` to a doc path relative to the input root. */
export function resolveLink(url: string, docPath: string): CellLink {
  const link: CellLink = { url };
  if (isAbsoluteUrl(url)) return link;
  const bare = safeDecode(url.split("#")[0]!.split("?")[0]!);
  if (!bare.toLowerCase().endsWith(".md")) return link;
  const parts = docPath.split("/").slice(0, -1);
  let above = 0; // levels above the input root
  for (const part of bare.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length > 0) parts.pop();
      else above++;
    } else parts.push(part);
  }
  link.target = "../".repeat(above) + parts.join("/");
  return link;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Read a type from text found at `start` in a larger one (a code block): `read` gets the text as
 * a plain cell, and a `CellError` it throws is moved to where the text is in the larger one.
 */
export function readAt<T>(text: string, start: number, read: (cell: FlatCell) => T): T {
  try {
    return read(plainCell(text));
  } catch (e) {
    if (e instanceof CellError) throw new CellError(e.message, start + e.offset);
    throw e;
  }
}

/** Text as a cell with no links or styles (for types read from code). */
function plainCell(text: string): FlatCell {
  const n = text.length;
  return {
    text,
    links: [],
    linkOf: new Int32Array(n).fill(-1),
    style: new Uint8Array(n),
    pieceAt: n > 0 ? [0] : [],
    pieceColumn: n > 0 ? [1] : [],
    place: { line: 1, column: 1 },
  };
}

/** A token of a Type cell grammar, with the link that covers its first character. */
export interface Token {
  /** An identifier path (`::A::B`, `T.nilable`, `models.X`), a punctuation mark, or a string literal. */
  kind: "name" | "punct" | "string" | "number";
  value: string;
  start: number;
  end: number;
  link: number;
}

/**
 * Tokenise a flattened Type cell. `nameChars` says which characters may continue a name (each
 * dialect has its own separators); `punct` lists the single-character punctuation it knows.
 * Returns the index of the first character it could not read, if any.
 */
export function tokenize(
  cell: FlatCell,
  options: { nameStart: RegExp; nameChar: RegExp; punct: string; escapedAngles?: boolean },
): { tokens: Token[]; badAt?: number } {
  const tokens: Token[] = [];
  const s = cell.text;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\u00a0") {
      i++;
      continue;
    }
    // `\\<` in the markdown (an angle bracket escaped twice) leaves `\<` in the text.
    if (c === "\\" && options.escapedAngles && (s[i + 1] === "<" || s[i + 1] === ">")) {
      i++;
      continue;
    }
    const startAt = i;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === "\\" ? 2 : 1;
      if (j >= s.length) return { tokens, badAt: i };
      tokens.push({ kind: "string", value: s.slice(i + 1, j), start: i, end: j + 1, link: cell.linkOf[i]! });
      i = j + 1;
      continue;
    }
    if (isDigit(s.charCodeAt(i)) || (c === "-" && isDigit(s.charCodeAt(i + 1)))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(s)!;
      tokens.push({ kind: "number", value: m[0], start: i, end: i + m[0].length, link: cell.linkOf[i]! });
      i += m[0].length;
      continue;
    }
    if (options.nameStart.test(c)) {
      const rest = nameRest(options.nameChar);
      rest.lastIndex = i + 1;
      rest.exec(s);
      let j = rest.lastIndex;
      // A name never ends in a separator: give back trailing '.' or ':'.
      while (j > i + 1 && (s[j - 1] === "." || s[j - 1] === ":")) j--;
      tokens.push({ kind: "name", value: s.slice(i, j), start: i, end: j, link: cell.linkOf[i]! });
      i = j;
      continue;
    }
    if (options.punct.includes(c)) {
      tokens.push({ kind: "punct", value: c, start: i, end: i + 1, link: cell.linkOf[i]! });
      i++;
      continue;
    }
    return { tokens, badAt: startAt };
  }
  return { tokens };
}

const NUMBER = /-?[0-9]+(\.[0-9]+)?/y;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** For each dialect's `nameChar`, a sticky regex for a run of them (a name's rest, in one match). */
const nameRests = new WeakMap<RegExp, RegExp>();

function nameRest(nameChar: RegExp): RegExp {
  let rest = nameRests.get(nameChar);
  if (rest === undefined) {
    rest = new RegExp(`(?:${nameChar.source})*`, `y${nameChar.flags.replace(/[gy]/g, "")}`);
    nameRests.set(nameChar, rest);
  }
  return rest;
}

/** A cursor over tokens, for small recursive-descent grammars. */
export class TokenStream {
  private i = 0;
  constructor(readonly tokens: readonly Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  next(): Token | undefined {
    return this.tokens[this.i++];
  }
  /** Consume the punctuation mark `p` if it comes next. */
  eat(p: string): boolean {
    const t = this.tokens[this.i];
    if (t && t.kind === "punct" && t.value === p) {
      this.i++;
      return true;
    }
    return false;
  }
  /** Consume the name `n` if it comes next. */
  eatName(n: string): boolean {
    const t = this.tokens[this.i];
    if (t && t.kind === "name" && t.value === n) {
      this.i++;
      return true;
    }
    return false;
  }
  /** Consume the tokens that lie in the next token's link (`[T.nilable(X)](L)`): a stream of their own. */
  linkSpan(): TokenStream {
    const link = this.tokens[this.i]?.link;
    const from = this.i;
    while (this.i < this.tokens.length && this.tokens[this.i]!.link === link) this.i++;
    return new TokenStream(this.tokens.slice(from, this.i));
  }
  get done(): boolean {
    return this.i >= this.tokens.length;
  }
  /** Where parsing stopped, as a character offset in the cell text. */
  get offset(): number {
    return this.tokens[this.i]?.start ?? this.tokens[this.tokens.length - 1]?.end ?? 0;
  }
}

/**
 * A parse failure inside a cell: the message and the character offset it points at. It is
 * control flow, always caught (detection tries every dialect on every cell and expects most to
 * fail), so it records no stack: capturing one cost more than the rest of detection.
 */
export class CellError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.offset = offset;
  }
}
