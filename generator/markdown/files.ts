import { closeSync, type Dirent, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync } from "node:fs";
import { join, sep } from "node:path";
import type { Diagnostic } from "../ir/types.js";
import { MANIFEST, manifestFiles } from "../output/manifest.js";

/**
 * Finding doc files and turning their bytes into text. No markdown parsing here, so that a run
 * whose docs did not change (the cache has them) never loads the markdown parser.
 */

/**
 * A path `listDocs` (or an output file list) gives, below its folder: by concatenation, since such
 * paths are relative, '/'-separated and normalized already; `path.join` normalizing each of the
 * ~4,800 paths a vercel-ts run reads or checks cost ~25 ms of a 0.3 s nothing-changed run
 * (interleaved runs: 295 -> 276 ms).
 */
export function pathIn(folder: string, relative: string): string {
  return folder.endsWith("/") || folder.endsWith(sep) ? folder + relative : `${folder}/${relative}`;
}

/**
 * Markdown files below `root`, as sorted '/'-separated relative paths (see `findDocs`).
 */
export function listDocs(root: string): string[] {
  return findDocs(root).paths;
}

export interface DocListing {
  paths: string[];
  /**
   * Entries left out that a warning should name: symbolic links that lead outside the input
   * folder or nowhere, and `.md` entries that are no regular file (a named pipe, whose read would
   * wait for a writer forever; a socket; a device).
   */
  skipped: { path: string; code: "skipped-link" | "not-a-file"; message: string }[];
}

/**
 * Markdown files below `root`, as sorted '/'-separated relative paths. Hidden entries and
 * `node_modules` are skipped, and so are the files docs2ts wrote into an output folder inside the
 * tree (its manifest lists them: the README.md of `--out docs/generated` is not a doc).
 *
 * Symbolic links are not followed. One that leads inside `root` leads to what is read at its own
 * path anyway (following it would read those docs twice, as other models); one that leads
 * outside it, or nowhere, is said in `skipped`: docs are untrusted, and a link named `x.md` to
 * `~/.ssh/…` would put that text into the generated code.
 */
export function findDocs(root: string): DocListing {
  const paths: string[] = [];
  const skipped: DocListing["skipped"] = [];
  const generated = new Set<string>();
  let top: string | undefined;
  const walk = (dir: string, rel: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.some((e) => e.name === MANIFEST && e.isFile())) for (const f of ownFiles(join(dir, MANIFEST))) generated.add(rel ? `${rel}/${f}` : f);
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md") && !generated.has(path)) paths.push(path);
      else if (entry.isSymbolicLink()) {
        const why = linkOutside(join(dir, entry.name), (top ??= realpathSync(root)));
        if (why) skipped.push({ path, code: "skipped-link", message: `a symbolic link, not followed: ${why}` });
      } else if (!entry.isFile() && entry.name.toLowerCase().endsWith(".md")) {
        skipped.push({ path, code: "not-a-file", message: `not a regular file but ${specialKind(entry)}: skipped` });
      }
    }
  };
  walk(root, "");
  return { paths, skipped };
}

/** What a directory entry that is neither a file, a folder nor a symbolic link is. */
function specialKind(entry: Dirent): string {
  if (entry.isFIFO()) return "a named pipe";
  if (entry.isSocket()) return "a socket";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "a device";
  return "a special file";
}

/** Why a symbolic link is worth a word: it leads nowhere, or outside `top` (a real path); else undefined. */
function linkOutside(link: string, top: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(link);
  } catch {
    return "it leads nowhere";
  }
  if (real === top || real.startsWith(top.endsWith(sep) ? top : top + sep)) return undefined;
  return `it leads outside the input folder, to ${real}; copy what it leads to into the folder, or pass that folder as --input`;
}

/** The files an output folder's manifest lists (none when it cannot be read). */
function ownFiles(manifest: string): string[] {
  try {
    return manifestFiles(readFileSync(manifest, "utf8")) ?? [];
  } catch {
    return [];
  }
}

/** Larger docs are refused: the largest real model doc we know is under 1 MB. */
export const MAX_BYTES = 16 * 1024 * 1024;

/**
 * Link syntax whose parse cost grows with the square of its count on one line (`](` repeated):
 * real docs have at most a dozen per line; thousands are an attack on the parser, refused
 * before parsing.
 */
export const MAX_LINK_ENDS_PER_LINE = 1000;

/**
 * Runs of `*`, `_` or `~` that one paragraph or table row may hold, and the doc's budget for
 * them: micromark pairs emphasis in time that grows with the square of the runs in one paragraph
 * (20,000 took 6 s, 5,000 0.6 s), and a doc the fast reader gives up on is read by it. The
 * corpora and 30 other vendors' samples hold at most 31 in one block and 3,191 as the sum below;
 * a paragraph of thousands is an attack on the parser, refused before parsing. The budget (the
 * sum of each block's count squared, ~0.5 s of micromark) bounds a doc of many such blocks.
 */
export const MAX_EMPHASIS_RUNS = 2000;
export const MAX_EMPHASIS_WORK = 20_000_000;

/**
 * Blocks nested in one line (quotes `>`, list items `- `, `1. `) and the indentation (in columns)
 * of a line outside code blocks: micromark re-reads every open container on each line, which
 * made 500 nested list items take 8 s and 1,000 take 48 s, and 50,000 quote markers overflow the
 * stack. Real docs nest a few levels.
 */
export const MAX_NESTING = 100;
export const MAX_INDENT = 200;

const EMPHASIS_RUN = /([*_~])\1*/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** One container marker at the start of a line, with the white space after it. */
const CONTAINER = /^[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/;

function tooComplex(text: string): { message: string; line: number } | undefined {
  return tooManyLinkEnds(text) ?? tooComplexBlocks(text);
}

/** How many container markers open the line (at most MAX_NESTING + 1 are counted). */
function nesting(line: string): number {
  let n = 0;
  for (let rest = line, m = CONTAINER.exec(rest); m && m[0].length > 0 && n <= MAX_NESTING; m = CONTAINER.exec(rest)) {
    n++;
    rest = rest.slice(m[0].length);
  }
  return n;
}

/** The columns of a line's leading white space (a tab to the next multiple of 4). */
function indentation(line: string): number {
  let columns = 0;
  for (const c of line) {
    if (c === " ") columns++;
    else if (c === "\t") columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

/** A line that may open more than MAX_NESTING containers, or be indented past MAX_INDENT columns (checked line by line then). */
const MAYBE_TOO_DEEP = new RegExp(
  `(?:^|\\n)(?:[ \\t]*(?:>|[-+*](?=[ \\t\\n]|$)|\\d{1,9}[.)](?=[ \\t\\n]|$))){${MAX_NESTING + 1}}|(?:^|\\n)[ \\t]{${Math.ceil(MAX_INDENT / 4)}}`,
);

/** Whether the text holds more runs of `*`, `_` or `~` than one block may (counted up to one more). */
function manyEmphasisRuns(text: string): boolean {
  // A run is at least one of those characters: a doc with no more of them than one block may
  // hold runs has no more runs either. Counted by `indexOf` (a native scan), which for a model
  // doc costs a fraction of the regex below, whose match is tried at every character.
  if (countUpTo(text, "*", MAX_EMPHASIS_RUNS + 1) + countUpTo(text, "_", MAX_EMPHASIS_RUNS + 1) + countUpTo(text, "~", MAX_EMPHASIS_RUNS + 1) <= MAX_EMPHASIS_RUNS) {
    return false;
  }
  EMPHASIS_RUN.lastIndex = 0;
  let n = 0;
  // `test`, not `exec`: no match object per run.
  while (EMPHASIS_RUN.test(text)) if (++n > MAX_EMPHASIS_RUNS) return true;
  return false;
}

/** How many times `part` occurs in `text`, without overlaps, counting no further than `limit`. */
export function countUpTo(text: string, part: string, limit: number): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0 && n < limit; at = text.indexOf(part, at + part.length)) n++;
  return n;
}

/** Nesting and indentation of each line, and emphasis runs per paragraph or table row (see the limits above). */
function tooComplexBlocks(text: string): { message: string; line: number } | undefined {
  // Fewer runs in the whole doc than one block may hold: within both emphasis limits. Most docs
  // also have no line that could nest or indent too far, and are not read line by line at all.
  const countEmphasis = manyEmphasisRuns(text);
  if (!countEmphasis && !MAYBE_TOO_DEEP.test(text)) return undefined;
  const lines = text.split("\n");
  let work = 0;
  let block = 0;
  let blockLine = 0;
  let fence: string | undefined;
  const end = (): { message: string; line: number } | undefined => {
    if (block > MAX_EMPHASIS_RUNS) {
      return { message: `this paragraph or table row holds ${block} runs of '*', '_' or '~': docs2ts reads at most ${MAX_EMPHASIS_RUNS} in one`, line: blockLine };
    }
    work += block * block;
    block = 0;
    if (work > MAX_EMPHASIS_WORK) {
      return { message: `the doc's paragraphs and table rows up to this one hold too many runs of '*', '_' or '~' together: their emphasis would take minutes to read`, line: blockLine };
    }
    return undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const mark = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      // Code is not read for emphasis: skip to the fence that closes the block.
      if (mark !== undefined && mark[0] === fence[0] && mark.length >= fence.length && line.trim() === mark) fence = undefined;
      continue;
    }
    if (mark !== undefined) {
      fence = mark;
      const over = end();
      if (over) return over;
      continue;
    }
    const depth = nesting(line);
    if (depth > MAX_NESTING) return { message: `this line opens more than ${MAX_NESTING} nested quotes or lists: docs2ts reads at most ${MAX_NESTING}`, line: i + 1 };
    const indent = indentation(line);
    if (indent > MAX_INDENT) return { message: `this line is indented ${indent} columns: docs2ts reads at most ${MAX_INDENT} outside code blocks`, line: i + 1 };
    if (!countEmphasis) continue;
    const row = line.trimStart().startsWith("|");
    if (line.trim() === "" || row) {
      const over = end();
      if (over) return over;
    }
    if (line.trim() === "") continue;
    if (block === 0) blockLine = i + 1;
    block += line.match(EMPHASIS_RUN)?.length ?? 0;
    if (row) {
      const over = end();
      if (over) return over;
    }
  }
  return countEmphasis ? end() : undefined;
}

function tooManyLinkEnds(text: string): { message: string; line: number } | undefined {
  if (countUpTo(text, "](", MAX_LINK_ENDS_PER_LINE + 1) <= MAX_LINK_ENDS_PER_LINE) return undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const count = countUpTo(lines[i]!, "](", Infinity);
    if (count > MAX_LINK_ENDS_PER_LINE) {
      return { message: `line ${i + 1} holds ${count} link ends '](': docs2ts reads at most ${MAX_LINK_ENDS_PER_LINE} per line`, line: i + 1 };
    }
  }
  return undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const utf16le = new TextDecoder("utf-16le", { fatal: true, ignoreBOM: false });
const utf16be = new TextDecoder("utf-16be", { fatal: true, ignoreBOM: false });

/**
 * Docs (and the config file) are UTF-8 (a byte-order mark is dropped); UTF-16 is read when the
 * file starts with its byte-order mark, as Windows PowerShell 5's `>` writes files. `undefined`
 * for bytes that are not text in either.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return (utf16Decoder(bytes) ?? utf8).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The UTF-16 decoder for bytes that start with its byte-order mark. */
function utf16Decoder(bytes: Uint8Array): typeof utf8 | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be;
  return undefined;
}

/** Whether bytes with NULs look like UTF-16 text without its byte-order mark (ASCII with a NUL beside every character). */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  return Math.max(even, odd) === n / 2 && Math.min(even, odd) === 0;
}

export type DecodeResult = { text: string } | { diagnostic: Diagnostic };

/** What `readDocFile` throws for a file of more than MAX_BYTES bytes (`size`, when known); `readError` reports it. */
export class DocTooLarge extends Error {
  constructor(readonly size?: number) {
    super("the file is too large to be a doc");
  }
}

/** Every doc's first read goes into this buffer (one per thread, reused): most docs fit in it. */
const FIRST_READ = 64 * 1024;
let firstRead: Buffer | undefined;

/**
 * A doc file's bytes, never more than MAX_BYTES + 1 of them: a file larger than that is refused
 * by its size once its first 64 KiB are read (`DocTooLarge`: a 1 GB file named `.md` is not
 * loaded first), and one whose size fstat does not give (0, as for a `/proc` file or a device)
 * only until it passes MAX_BYTES. A doc that ends within its first read (nearly every one) needs
 * no fstat at all: its bytes are copied out of the shared buffer (open, read, read, close; the
 * fstat and its Stats object cost more than the copy: ~15% of reading vercel-ts's 2,382 docs).
 */
export function readDocFile(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const first = (firstRead ??= Buffer.allocUnsafe(FIRST_READ));
    let length = 0;
    for (let got; length < first.length && (got = readSync(fd, first, length, first.length - length, null)) > 0; ) length += got;
    // A copy of the bytes read (a Buffer: the typed array's species). `Buffer.from` of the same
    // subarray went through Buffer's pool and cost vercel-ts's 2,382 docs 29 M instructions, this 18 M.
    if (length < first.length) return Uint8Array.prototype.slice.call(first, 0, length);
    const size = fstatSync(fd).size;
    if (size > MAX_BYTES) throw new DocTooLarge(size);
    // Room for the size fstat gives and one byte more (a file that grew meanwhile is read on).
    let bytes = Buffer.allocUnsafe(Math.min(Math.max(size + 1, 2 * FIRST_READ), MAX_BYTES + 1));
    first.copy(bytes, 0, 0, length);
    for (;;) {
      if (length === bytes.length) {
        if (length > MAX_BYTES) throw new DocTooLarge();
        const more = Buffer.allocUnsafe(Math.min(2 * length, MAX_BYTES + 1));
        bytes.copy(more, 0, 0, length);
        bytes = more;
      }
      const got = readSync(fd, bytes, length, bytes.length - length, null);
      if (got === 0) break;
      length += got;
    }
    return bytes.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** The diagnostic for a doc file of more than MAX_BYTES bytes (`size`, when known). */
function tooLarge(path: string, size?: number): Diagnostic {
  const has = size === undefined ? `more than ${MAX_BYTES}` : String(size);
  return { severity: "error", file: path, line: 1, column: 1, code: "file-too-large", message: `the file has ${has} bytes; docs2ts reads docs of at most ${MAX_BYTES}` };
}

/** Bytes of a doc to text, or the reason they are not a markdown doc. */
export function decodeDoc(bytes: Uint8Array, path: string): DecodeResult {
  const fail = (code: string, message: string, line = 1, column = 1): DecodeResult => ({
    diagnostic: { severity: "error", file: path, line, column, code, message },
  });
  if (bytes.length === 0) return fail("empty-file", "the file is empty");
  if (bytes.length > MAX_BYTES) return { diagnostic: tooLarge(path, bytes.length) };
  // NUL bytes are a binary file's (or UTF-16's without a byte-order mark); in UTF-16, NUL characters.
  const utf16 = utf16Decoder(bytes);
  const nul = utf16 ? -1 : bytes.indexOf(0);
  if (nul >= 0) {
    const hint = looksLikeUtf16(bytes) ? " (it looks like UTF-16 without a byte-order mark: save it as UTF-8)" : "";
    return fail("binary-file", `the file holds a NUL byte at offset ${nul}: not a text file${hint}`);
  }
  const text = decodeText(bytes);
  if (text === undefined) return fail("invalid-utf8", utf16 ? "the file starts with a UTF-16 byte-order mark but is not valid UTF-16" : "the file is not valid UTF-8");
  const nulChar = utf16 ? text.indexOf("\0") : -1;
  if (nulChar >= 0) return fail("binary-file", `the file holds a NUL character (at character ${nulChar}): not a text file`);
  if (text.trim() === "") return fail("empty-file", "the file holds only white space");
  const complex = tooComplex(text);
  if (complex) return fail("too-complex", complex.message, complex.line);
  return { text };
}

/** The diagnostic for a doc that could not be read (or was too large to be: `readDocFile`). */
export function readError(path: string, e: unknown): Diagnostic {
  if (e instanceof DocTooLarge) return tooLarge(path, e.size);
  return { severity: "error", file: path, line: 1, column: 1, code: "read-error", message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
}
