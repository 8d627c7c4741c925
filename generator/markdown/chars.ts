/**
 * Character classes as micromark uses them (by UTF-16 code unit), shared by the inline reader
 * (delimiter runs) and the autolink reader (literal boundaries).
 */

const UNICODE_WHITESPACE = /\s/;
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;

/** Whitespace or a line ending (micromark's markdownLineEndingOrSpace or unicodeWhitespace). */
export function space(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || (c > 0x7f && UNICODE_WHITESPACE.test(String.fromCharCode(c)));
}

/** ASCII punctuation (what a backslash escapes). */
export function asciiPunctuation(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

/** Unicode punctuation or symbol (micromark's unicodePunctuation). */
export function punctuation(c: number): boolean {
  return c < 0x80 ? asciiPunctuation(c) : UNICODE_PUNCTUATION.test(String.fromCharCode(c));
}
