/** Text helpers for emitted code: whether lines use a name (outside string literals), and indentation. */
import { append } from "../../lists.js";

/**
 * Whether emitted lines use a name, or a piece of code (`usedIn`), string literals left out:
 * doc text enters the code only inside them, and an enum value "d" is not a use of the
 * parameter d (an unused parameter or local breaks users' strict compiler flags).
 */
export function uses(lines: readonly string[], code: string): boolean {
  return usedIn(lines.join("\n"), code);
}

/**
 * Whether `code` occurs in `text` outside its string literals ("…", as escape.ts writes them:
 * never across lines), as a whole word at each end that is a word character (as `\b` would
 * ask). One `indexOf` walk: a regex built per name (one per field of a wide model) and a copy
 * of each matching line with its literals emptied took 7% of emitModel's time in a profiled
 * vercel-ts run (79 of 1,109 ms); emit 5% faster in 8 interleaved runs, same bytes on every corpus.
 */
export function usedIn(text: string, code: string): boolean {
  const wordStart = isWordChar(code.charCodeAt(0));
  const wordEnd = isWordChar(code.charCodeAt(code.length - 1));
  for (let at = text.indexOf(code); at >= 0; at = text.indexOf(code, at + 1)) {
    if (wordStart && at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    const end = at + code.length;
    if (wordEnd && end < text.length && isWordChar(text.charCodeAt(end))) continue;
    if (!inStringLiteral(text, at)) return true;
  }
  return false;
}

/** [A-Za-z0-9_]: what `\w` matches. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Whether offset `at` is inside a string literal of its line: `"` up to the next unescaped `"`
 * on the line (a `"` with no closing one starts none). Quotes and backslashes are found with
 * `indexOf` in the line, not a character at a time: most of a line is code.
 */
function inStringLiteral(text: string, at: number): boolean {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  let end = text.indexOf("\n", at);
  if (end < 0) end = text.length;
  const line = text.slice(start, end);
  const target = at - start;
  let i = 0;
  while (i < target) {
    i = line.indexOf('"', i);
    if (i < 0 || i >= target) return false;
    const close = literalEnd(line, i);
    if (close < 0) {
      i++;
      continue;
    }
    if (target <= close) return true;
    i = close + 1;
  }
  return false;
}

/** The offset in `line` of the `"` closing the literal that opens at `open`, or -1 when the line ends first. */
function literalEnd(line: string, open: number): number {
  for (let j = open + 1; ; ) {
    const quote = line.indexOf('"', j);
    if (quote < 0) return -1;
    const escape = line.indexOf("\\", j);
    if (escape < 0 || escape > quote) return quote;
    // The backslash escapes the character after it.
    j = escape + 2;
  }
}

export function indent(lines: readonly string[]): string[] {
  return lines.map((l) => `    ${l}`);
}

/**
 * `head`, then `inner` one level in, then `tail`, as lines: `[...head, ...indent(inner), ...tail]`
 * without the array literal's spreads, which V8's lower tiers (where most of a run's emitter code
 * stays) walk item by item through the iterator protocol; `append` copies with one native `push`.
 */
export function block(head: readonly string[], inner: readonly string[], tail: readonly string[] = CLOSE): string[] {
  const out = head.slice();
  append(out, indent(inner));
  append(out, tail);
  return out;
}

/** `block(head, inner, tail).join("\n")`, without the intermediate lines: each group joined alone (`indent` joined is `"    "` before each line). */
export function blockText(head: readonly string[], inner: readonly string[], tail: readonly string[] = CLOSE): string {
  const parts: string[] = [];
  if (head.length > 0) parts.push(head.join("\n"));
  if (inner.length > 0) parts.push(`    ${inner.join("\n    ")}`);
  if (tail.length > 0) parts.push(tail.join("\n"));
  return parts.join("\n");
}

const CLOSE: readonly string[] = ["}"];
