import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../ir/types.js";

/**
 * Finding doc files and turning their bytes into text. No markdown parsing here, so that a run
 * whose docs did not change (the cache has them) never loads the markdown parser.
 */

/** Markdown files below `root`, as sorted '/'-separated relative paths. Hidden entries and symlinks are skipped. */
export function listDocs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md")) out.push(path);
    }
  };
  walk(root, "");
  return out;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export type DecodeResult = { text: string } | { diagnostic: Diagnostic };

/** Bytes of a doc to text, or the reason they are not a markdown doc. */
export function decodeDoc(bytes: Uint8Array, path: string): DecodeResult {
  const fail = (code: string, message: string, line = 1, column = 1): DecodeResult => ({
    diagnostic: { severity: "error", file: path, line, column, code, message },
  });
  if (bytes.length === 0) return fail("empty-file", "the file is empty");
  const nul = bytes.indexOf(0);
  if (nul >= 0) return fail("binary-file", `the file holds a NUL byte at offset ${nul}: not a text file`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail("invalid-utf8", "the file is not valid UTF-8");
  }
  if (text.trim() === "") return fail("empty-file", "the file holds only white space");
  return { text };
}

/** The diagnostic for a doc that could not be read. */
export function readError(path: string, e: unknown): Diagnostic {
  return { severity: "error", file: path, line: 1, column: 1, code: "read-error", message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
}
