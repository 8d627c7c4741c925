import type { TypeRef } from "../ir/types.js";

/** A field's Example cell, read as the value it shows. */

/**
 * The Example cell as a JSON value where the type says it is one; strings stay strings, and so
 * does text that is not JSON, or JSON nested deeper than MAX_EXAMPLE_DEPTH (`JSON.parse` reads
 * any depth, but printing the value in the emitted JSDoc, the IR or the cache recurses, and
 * 5,000 levels overflowed the stack).
 */
export function readExample(text: string, type: TypeRef): unknown {
  const t = firstNumbered(text.trim());
  if (t === "" || OBJECT_TEXT.test(t)) return undefined;
  if (type.kind === "string" || type.kind === "date" || type.kind === "datetime") return t;
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch {
    return t;
  }
  return nestedDeeper(value, MAX_EXAMPLE_DEPTH) ? t : value;
}

/**
 * The first of several examples that newer generators write in one cell, numbered
 * (`**Example 1:** US<br/>**Example 2:** SE`, read as lines `Example 1: US`, `Example 2: SE`; a
 * JSON example may span lines of its own), as the field's example; other text as it is.
 */
function firstNumbered(text: string): string {
  if (!text.startsWith("Example 1:")) return text;
  const parts = text.split(/\n(?=Example [0-9]+:)/);
  if (parts.length < 2 || !parts[1]!.startsWith("Example 2:")) return text;
  return parts[0]!.slice("Example 1:".length).trim();
}

/**
 * JavaScript's text for an object (or a list of them): what some generator versions write in
 * place of an object example (Merge's and Livepeer's Go docs). It says nothing of the value.
 */
const OBJECT_TEXT = /^\[object Object\](,\[object Object\])*$/;

/** Real examples nest a few levels. */
export const MAX_EXAMPLE_DEPTH = 64;

/** Whether a JSON value has arrays or objects nested more than `max` deep (without recursing). */
function nestedDeeper(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
