/**
 * The one escaping layer: every piece of doc text that reaches generated code passes through
 * one of these functions. Strings become JSON string literals; keys are quoted unless they are
 * plain identifiers; comment text can never close its comment.
 */

/** A string literal for any text (JSON escapes; U+2028/2029 and `</` escaped too). */
export function stringLiteral(text: string): string {
  // Printable ASCII without `"` or `\` (most keys and type names) is its own JSON string text:
  // quoted directly, without JSON.stringify's set-up for each call.
  if (PLAIN_ASCII.test(text) && !text.includes("</")) return '"' + text + '"';
  const json = JSON.stringify(text);
  // Most texts hold none of the three: one test instead of three replaces.
  return NEEDS_ESCAPE.test(json) ? json.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/<\//g, "<\\/") : json;
}

const NEEDS_ESCAPE = /[\u2028\u2029]|<\//;
/** Characters from space to `~`, except `"` and `\`. */
const PLAIN_ASCII = /^[ !#-[\]-~]*$/;

/** A literal for an enum or const value. */
export function valueLiteral(value: string | number | boolean | null): string {
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a JSON number: ${value}`);
    return Object.is(value, -0) ? "0" : String(value);
  }
  return String(value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Words that may not be bare identifiers anywhere (ES reserved words, strict mode, TS). */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function " +
    "if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await arguments eval undefined NaN Infinity"
  ).split(" "),
);

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/** A property name for an interface member or object literal: bare when safe, else quoted. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) && name !== "__proto__" && name !== "constructor" ? name : stringLiteral(name);
}

/**
 * A key for an object *literal* (a value, not a type): `__proto__` must be computed there,
 * or it would set the prototype instead of a property.
 */
export function objectLiteralKey(name: string): string {
  return name === "__proto__" ? `[${stringLiteral(name)}]` : propertyKey(name);
}

/** `obj.key` when safe, else `obj["key"]`. */
export function memberAccess(obj: string, key: string): string {
  return IDENTIFIER.test(key) && key !== "__proto__" ? `${obj}.${key}` : `${obj}[${stringLiteral(key)}]`;
}

/**
 * Text for a JSDoc block: `*\/` cannot end the comment, a line starting with `@` cannot
 * become a tag, control characters are dropped. Returns lines (ts-morph adds the ` * `).
 */
export function docText(text: string): string {
  if (!DOC_TEXT_CHANGES.test(text)) return text;
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "/\\*")
    .split("\n")
    .map((line) => line.replace(/^(\s*)@/, "$1\\@").trimEnd())
    .join("\n");
}

/**
 * Whether `docText` could change the text: a character it removes or replaces, a comment
 * delimiter, an `@`, or whitespace it trims at the end of a line. Most descriptions have none.
 */
// eslint-disable-next-line no-control-regex
const DOC_TEXT_CHANGES = /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029@]|\*\/|\/\*|\s(?:\n|$)/;

/** Text for a `//` line comment: one line, no control characters. */
export function lineCommentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
}

/** JSON Pointer escaping of one segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
