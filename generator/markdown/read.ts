import { join } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import { decodeDoc, listDocs, readDocFile, readError } from "./files.js";
import { parseDoc } from "./parse.js";
import type { DocFile } from "./types.js";

export { decodeDoc, listDocs, type DecodeResult } from "./files.js";

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
      sources.push({ path, bytes: readDocFile(join(root, path)) });
    } catch (e) {
      diagnostics.push(readError(path, e));
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
    const decoded = decodeDoc(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes, path);
    if ("diagnostic" in decoded) diagnostics.push(decoded.diagnostic);
    else docs.push(parseDoc(decoded.text, path));
  }
  return { docs, diagnostics };
}
