import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import { decodeDoc, listDocs, readError } from "./files.js";
import { parseDoc } from "./parse.js";
import type { DocFile } from "./types.js";

export { decodeDoc, listDocs, type DecodeResult } from "./files.js";

/** Read and parse every doc below `root`. */
export function readDocs(root: string, paths: readonly string[] = listDocs(root)): { docs: DocFile[]; diagnostics: Diagnostic[] } {
  const docs: DocFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(root, path));
    } catch (e) {
      diagnostics.push(readError(path, e));
      continue;
    }
    const decoded = decodeDoc(bytes, path);
    if ("diagnostic" in decoded) diagnostics.push(decoded.diagnostic);
    else docs.push(parseDoc(decoded.text, path));
  }
  return { docs, diagnostics };
}
