import { readdirSync } from "node:fs";
import { join, sep } from "node:path";
import type { Diagnostic } from "../ir/types.js";

/**
 * Finding doc files and turning their bytes into text. No markdown parsing here, so that a run
 * whose docs did not change (the cache has them) never loads the markdown parser.
 */

/** Markdown files below `root`, as sorted '/'-separated relative paths. Hidden entries and symlinks are skipped. */
/**
 * A path `listDocs` (or an output file list) gives, below its folder: by concatenation, since such
 * paths are relative, '/'-separated and normalized already; `path.join` normalizing each of the
 * ~4,800 paths a vercel-ts run reads or checks cost ~25 ms of a 0.3 s nothing-changed run
 * (interleaved runs: 295 -> 276 ms).
 */
export function pathIn(folder: string, relative: string): string {
  return folder.endsWith("/") || folder.endsWith(sep) ? folder + relative : `${folder}/${relative}`;
}

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

/** Larger docs are refused: the largest real model doc we know is under 1 MB. */
export const MAX_BYTES = 16 * 1024 * 1024;

/**
 * Link syntax whose parse cost grows with the square of its count on one line (`](` repeated):
 * real docs have at most a dozen per line; thousands are an attack on the parser, refused
 * before parsing.
 */
export const MAX_LINK_ENDS_PER_LINE = 1000;

function tooComplex(text: string): { message: string; line: number } | undefined {
  if (text.split("](").length - 1 <= MAX_LINK_ENDS_PER_LINE) return undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const count = lines[i]!.split("](").length - 1;
    if (count > MAX_LINK_ENDS_PER_LINE) {
      return { message: `line ${i + 1} holds ${count} link ends '](': docs2ts reads at most ${MAX_LINK_ENDS_PER_LINE} per line`, line: i + 1 };
    }
  }
  return undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export type DecodeResult = { text: string } | { diagnostic: Diagnostic };

/** Bytes of a doc to text, or the reason they are not a markdown doc. */
export function decodeDoc(bytes: Uint8Array, path: string): DecodeResult {
  const fail = (code: string, message: string, line = 1, column = 1): DecodeResult => ({
    diagnostic: { severity: "error", file: path, line, column, code, message },
  });
  if (bytes.length === 0) return fail("empty-file", "the file is empty");
  if (bytes.length > MAX_BYTES) return fail("file-too-large", `the file has ${bytes.length} bytes; docs2ts reads docs of at most ${MAX_BYTES}`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) return fail("binary-file", `the file holds a NUL byte at offset ${nul}: not a text file`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail("invalid-utf8", "the file is not valid UTF-8");
  }
  if (text.trim() === "") return fail("empty-file", "the file holds only white space");
  const complex = tooComplex(text);
  if (complex) return fail("too-complex", complex.message, complex.line);
  return { text };
}

/** The diagnostic for a doc that could not be read. */
export function readError(path: string, e: unknown): Diagnostic {
  return { severity: "error", file: path, line: 1, column: 1, code: "read-error", message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
}
