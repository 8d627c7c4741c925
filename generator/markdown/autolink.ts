import type { Link, PhrasingContent, Text } from "mdast";
import { punctuation, space } from "./chars.js";
import { append } from "../lists.js";

/**
 * GFM autolink literals (`www.example.com`, `https://example.com/a`, `me@example.com`) as
 * micromark-extension-gfm-autolink-literal reads them inside a text: where one may start, and
 * where it ends. The fast inline reader (`inline.ts`) asks at each character that could start
 * one, in micromark's order (e-mail first, then `www.` or `http(s)://`).
 *
 * remark-gfm then runs a second, regex-based pass over the finished tree (mdast-util-gfm-autolink-
 * literal's transform, with mdast-util-find-and-replace) that turns what micromark left in text
 * outside links into links, and splits the text around them, all without positions:
 * `literalTransform` does the same.
 *
 * Codes are UTF-16 units, as micromark's are; -1 stands for micromark's `null` (the start or end
 * of the text).
 */

export interface Literal {
  /** Offset after the literal. */
  end: number;
  url: string;
}

/**
 * The literal starting at `k` in text[from, to), or undefined. `blocked`: a `[` or `![` is still
 * open before `k` (micromark makes no literal then).
 */
export function autolinkLiteral(text: string, k: number, from: number, to: number, blocked: boolean): Literal | undefined {
  if (blocked) return undefined;
  const c = text.charCodeAt(k);
  const previous = k === from ? -1 : text.charCodeAt(k - 1);
  if (atext(c) && previous !== 0x2f && !atext(previous)) {
    const end = emailEnd(text, k, to);
    if (end > 0) return { end, url: `mailto:${text.slice(k, end)}` };
  }
  if ((c === 0x77 || c === 0x57) && previousWww(previous)) {
    const end = wwwEnd(text, k, to);
    if (end > 0) return { end, url: `http://${text.slice(k, end)}` };
  }
  if ((c === 0x68 || c === 0x48) && !asciiAlpha(previous)) {
    const end = protocolEnd(text, k, to);
    if (end > 0) return { end, url: text.slice(k, end) };
  }
  return undefined;
}

/**
 * A literal start worth looking for in a text: without one, no literal can form anywhere in it.
 * A numeric character reference may decode to one (`&#64;`) for the regex pass.
 */
export const LITERAL_START = /@|www\.|https?:\/\/|&#/i;

function emailEnd(text: string, k: number, to: number): number {
  let i = k;
  while (i < to && atext(text.charCodeAt(i))) i++;
  if (i >= to || text.charCodeAt(i) !== 0x40) return -1;
  i++;
  let data = false;
  let dot = false;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      // A dot ends the domain unless a letter or digit follows it.
      if (i + 1 < to && asciiAlphanumeric(text.charCodeAt(i + 1))) {
        dot = true;
        i++;
        continue;
      }
      break;
    }
    if (c === 0x2d || c === 0x5f || asciiAlphanumeric(c)) {
      data = true;
      i++;
      continue;
    }
    break;
  }
  return data && dot && asciiAlpha(text.charCodeAt(i - 1)) ? i : -1;
}

function wwwEnd(text: string, k: number, to: number): number {
  // `www.` (any case) and something after it.
  for (let n = 0; n < 3; n++) {
    const c = k + n < to ? text.charCodeAt(k + n) : -1;
    if (c !== 0x77 && c !== 0x57) return -1;
  }
  if (k + 3 >= to || text.charCodeAt(k + 3) !== 0x2e || k + 4 >= to) return -1;
  const domain = domainEnd(text, k, to);
  return domain < 0 ? -1 : pathEnd(text, domain, to);
}

function protocolEnd(text: string, k: number, to: number): number {
  let i = k + 1;
  while (i < to && i - k < 5 && asciiAlpha(text.charCodeAt(i))) i++;
  if (i >= to || text.charCodeAt(i) !== 0x3a) return -1;
  const protocol = text.slice(k, i).toLowerCase();
  if (protocol !== "http" && protocol !== "https") return -1;
  if (text.charCodeAt(i + 1) !== 0x2f || text.charCodeAt(i + 2) !== 0x2f || i + 2 >= to) return -1;
  i += 3;
  if (i >= to) return -1;
  const c = text.charCodeAt(i);
  if (c < 0x20 || c === 0x7f || space(c) || punctuation(c)) return -1;
  const domain = domainEnd(text, i, to);
  return domain < 0 ? -1 : pathEnd(text, domain, to);
}

/** micromark's `domain`: up to whitespace, punctuation other than `-`, or a `.`/`_` that starts a trail. */
function domainEnd(text: string, k: number, to: number): number {
  let underscoreInLast = false;
  let underscoreInLastButOne = false;
  let seen = false;
  let i = k;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x5f) {
      if (trailEnds(text, i, to)) break;
      if (c === 0x5f) underscoreInLast = true;
      else {
        underscoreInLastButOne = underscoreInLast;
        underscoreInLast = false;
      }
      i++;
      continue;
    }
    if (space(c) || (c !== 0x2d && punctuation(c))) break;
    seen = true;
    i++;
  }
  return underscoreInLast || underscoreInLastButOne || !seen ? -1 : i;
}

/** micromark's `path`: up to whitespace or a trail; `)` is part of it while parentheses are open. */
function pathEnd(text: string, k: number, to: number): number {
  let open = 0;
  let close = 0;
  let i = k;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x28) {
      open++;
      i++;
      continue;
    }
    if (c === 0x29 && close < open) {
      close++;
      i++;
      continue;
    }
    if (TRAIL_OR_PATH_PUNCTUATION.has(c)) {
      if (trailEnds(text, i, to)) return i;
      if (c === 0x29) close++;
      i++;
      continue;
    }
    if (space(c)) return i;
    i++;
  }
  return i;
}

// ! " & ' ) * , . : ; < ? ] _ ~
const TRAIL_OR_PATH_PUNCTUATION = new Set([0x21, 0x22, 0x26, 0x27, 0x29, 0x2a, 0x2c, 0x2e, 0x3a, 0x3b, 0x3c, 0x3f, 0x5d, 0x5f, 0x7e]);
// ! " ' ) * , . : ; ? _ ~
const TRAIL_PUNCTUATION = new Set([0x21, 0x22, 0x27, 0x29, 0x2a, 0x2c, 0x2e, 0x3a, 0x3b, 0x3f, 0x5f, 0x7e]);

/** micromark's `trail` check: trailing punctuation (and `&name;`, `]`) up to the end, whitespace or `<`. */
function trailEnds(text: string, k: number, to: number): boolean {
  let i = k;
  for (;;) {
    if (i >= to) return true;
    const c = text.charCodeAt(i);
    if (TRAIL_PUNCTUATION.has(c)) {
      i++;
      continue;
    }
    if (c === 0x26) {
      i++;
      if (i >= to || !asciiAlpha(text.charCodeAt(i))) return false;
      while (i < to && asciiAlpha(text.charCodeAt(i))) i++;
      if (i >= to || text.charCodeAt(i) !== 0x3b) return false;
      i++;
      continue;
    }
    if (c === 0x5d) {
      i++;
      if (i >= to) return true;
      const d = text.charCodeAt(i);
      if (d === 0x28 || d === 0x5b || space(d)) return true;
      continue;
    }
    return c === 0x3c || space(c);
  }
}

function previousWww(c: number): boolean {
  // start, ( * _ [ ] ~, space or line ending
  return c === -1 || c === 0x28 || c === 0x2a || c === 0x5f || c === 0x5b || c === 0x5d || c === 0x7e || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function atext(c: number): boolean {
  return c === 0x2b || c === 0x2d || c === 0x2e || c === 0x5f || asciiAlphanumeric(c);
}

function asciiAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function asciiAlphanumeric(c: number): boolean {
  return asciiAlpha(c) || (c >= 0x30 && c <= 0x39);
}

/** One step of the regex pass: the replacement for a match, or false to leave it. */
type Replace = (match: RegExpExecArray) => PhrasingContent | PhrasingContent[] | false;

/**
 * The regex pass's four steps, in its order; each runs over every text outside links, including
 * the pieces earlier steps left. The expressions are the ones remark-gfm uses: they define what
 * it reads.
 */
const STEPS: [RegExp, Replace][] = [
  [/(?<![\da-z])(https?:\/\/|www(?=\.))([\w-]*\.[\w\-.]*)([^\t\n\r ]*)/gi, findUrl],
  [/(?<![\w+\-.@])xmpp:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)(\/(?:[\w\-/]|\.(?=[\dA-Za-z]))*)?/g, findXmpp],
  [/(?<![\w+\-.@])mailto:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g, findMailto],
  [/(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g, findEmail],
];

/** remark-gfm's regex pass over phrasing nodes (in place): links are left alone, other parents entered. */
export function literalTransform(nodes: PhrasingContent[]): void {
  // The nodes with each text node replaced by what the pass makes of it, once one changes.
  let out: PhrasingContent[] | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type === "text") {
      let list: PhrasingContent[] = [node];
      for (const [find, replace] of STEPS) {
        const next: PhrasingContent[] = [];
        for (const n of list) {
          if (n.type === "text") append(next, replaceIn(n, find, replace));
          else next.push(n);
        }
        list = next;
      }
      if (list.length !== 1 || list[0] !== node) {
        out ??= nodes.slice(0, i);
        append(out, list);
        continue;
      }
    } else if (node.type !== "link" && "children" in node) {
      literalTransform(node.children as PhrasingContent[]);
    }
    out?.push(node);
  }
  if (out) {
    nodes.length = 0;
    append(nodes, out);
  }
}

/** mdast-util-find-and-replace on one text node: the nodes that replace it (itself when nothing matched). */
function replaceIn(node: Text, find: RegExp, replace: Replace): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  const add = (child: PhrasingContent) => {
    const previous = nodes[nodes.length - 1];
    if (previous && previous.type === "text" && child.type === "text") previous.value += child.value;
    else nodes.push(child);
  };
  let start = 0;
  let change = false;
  find.lastIndex = 0;
  let match = find.exec(node.value);
  while (match) {
    const position = match.index;
    const value = replace(match);
    if (value === false) {
      find.lastIndex = position + 1;
    } else {
      if (start !== position) add({ type: "text", value: node.value.slice(start, position) });
      if (Array.isArray(value)) for (const child of value) add(child);
      else add(value);
      start = position + match[0].length;
      change = true;
    }
    match = find.exec(node.value);
  }
  if (!change) return [node];
  if (start < node.value.length) add({ type: "text", value: node.value.slice(start) });
  return nodes;
}

/** A node the regex pass makes: it has a `position` key, set to undefined. */
function unplaced<T extends PhrasingContent>(node: Omit<T, "position">): T {
  return { ...node, position: undefined } as unknown as T;
}

function link(url: string, value: string): Link {
  return unplaced<Link>({ type: "link", title: null, url, children: [unplaced<Text>({ type: "text", value })] });
}

function findUrl(match: RegExpExecArray): PhrasingContent | PhrasingContent[] | false {
  let protocol = match[1]!;
  let domain = match[2]!;
  const path = match[3]!;
  const index = match.index;
  const before = match.input.charCodeAt(index - 1);
  if (!(index === 0 || space(before) || punctuation(before))) return false;
  let prefix = "";
  if (protocol[0] === "w" || protocol[0] === "W") {
    domain = protocol + domain;
    protocol = "";
    prefix = "http://";
  }
  if (punctuation(domain.charCodeAt(0)) || !isCorrectDomain(domain)) return false;
  const [url, trail] = splitUrl(domain + path);
  const result = link(prefix + protocol + url, protocol + url);
  return trail ? [result, unplaced<Text>({ type: "text", value: trail })] : result;
}

function findEmail(match: RegExpExecArray): PhrasingContent | false {
  const atext = match[1]!;
  const label = match[2]!;
  if (/[\d\-_]$/.test(label)) return false;
  return link(`mailto:${atext}@${label}`, `${atext}@${label}`);
}

function findMailto(match: RegExpExecArray): PhrasingContent | false {
  const label = match[2]!;
  if (/[\d\-_]$/.test(label)) return false;
  const value = `mailto:${match[1]!}@${label}`;
  return link(value, value);
}

function findXmpp(match: RegExpExecArray): PhrasingContent | false {
  const label = match[2]!;
  const resource = match[3];
  if (/[\d\-_]$/.test(label) || (resource && (!/[A-Za-z]$/.test(resource) || match.input.charAt(match.index + match[0].length) === "@"))) return false;
  const value = `xmpp:${match[1]!}@${label}${resource ?? ""}`;
  return link(value, value);
}

/** The last two labels of a domain hold a letter or digit and no `_`. */
function isCorrectDomain(domain: string): boolean {
  const parts = domain.split(".");
  if (parts.length < 2) return false;
  for (const part of [parts[parts.length - 1], parts[parts.length - 2]]) {
    if (part && (part.includes("_") || !/[\dA-Za-z]/.test(part))) return false;
  }
  return true;
}

/** The URL without its trailing punctuation, and that trail; a `)` stays while parentheses are open. */
function splitUrl(whole: string): [string, string | undefined] {
  let index = whole.length;
  while (index > 0 && SPLIT_TRAIL.has(whole.charCodeAt(index - 1))) index--;
  if (index === whole.length) return [whole, undefined];
  let trail = whole.slice(index);
  let url = whole.slice(0, index);
  let closingParenIndex = trail.indexOf(")");
  const opening = count(url, "(");
  let closing = count(url, ")");
  while (closingParenIndex !== -1 && opening > closing) {
    url += trail.slice(0, closingParenIndex + 1);
    trail = trail.slice(closingParenIndex + 1);
    closingParenIndex = trail.indexOf(")");
    closing++;
  }
  return [url, trail];
}

// ! " & ' ) , . : ; < > ? ] }
const SPLIT_TRAIL = new Set([0x21, 0x22, 0x26, 0x27, 0x29, 0x2c, 0x2e, 0x3a, 0x3b, 0x3c, 0x3e, 0x3f, 0x5d, 0x7d]);

function count(value: string, ch: string): number {
  let n = 0;
  for (let i = value.indexOf(ch); i >= 0; i = value.indexOf(ch, i + 1)) n++;
  return n;
}
