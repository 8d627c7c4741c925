import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import { parseDoc } from "./parse.js";
import type { DocFile } from "./types.js";

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

/** A doc given in memory: its path relative to the input root and its bytes (or text). */
export interface DocSource {
  path: string;
  bytes: Uint8Array | string;
}

export interface ReadResult {
  docs: DocFile[];
  diagnostics: Diagnostic[];
}

/** Read and parse every doc below `root`. */
export function readDocs(root: string, paths: readonly string[] = listDocs(root)): ReadResult {
  const sources: DocSource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    try {
      sources.push({ path, bytes: readFileSync(join(root, path)) });
    } catch (e) {
      diagnostics.push({ severity: "error", file: path, line: 1, column: 1, code: "read-error", message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
    }
  }
  const parsed = parseSources(sources);
  return { docs: parsed.docs, diagnostics: [...diagnostics, ...parsed.diagnostics] };
}

/** Decode and parse docs held in memory, in path order. */
export function parseSources(sources: readonly DocSource[]): ReadResult {
  const docs: DocFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { path, bytes } of [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const decoded = typeof bytes === "string" ? decodeText(bytes, path) : decodeDoc(bytes, path);
    if ("diagnostic" in decoded) diagnostics.push(decoded.diagnostic);
    else docs.push(parseDoc(decoded.text, path));
  }
  return { docs, diagnostics };
}

function decodeText(text: string, path: string): DecodeResult {
  return decodeDoc(new TextEncoder().encode(text), path);
}
