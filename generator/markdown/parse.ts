import type { Root } from "mdast";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { type Processor, unified } from "unified";
import { timed } from "../timings.js";
import { parseFast } from "./fast.js";
import { mayNeedFullGfm, needsFullGfm, toDocFile } from "./tree.js";
import type { DocFile } from "./types.js";

export { needsFullGfm, toDocFile } from "./tree.js";

/** Markdown with all of GitHub's extensions (remark-gfm): the grammar docs2ts reads. */
const gfmProcessor = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Only the two GitHub extensions that model docs use throughout: tables and strikethrough. The
 * other three (autolink literals, footnotes, task lists) cost a third of the parse, because the
 * autolink one is tried at every word; they are needed only when a doc holds what they read.
 */
function tablesAndStrikethrough(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmStrikethrough(), gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown());
}
const tableProcessor = unified().use(remarkParse).use(tablesAndStrikethrough).freeze();

/**
 * Parse markdown text into an mdast tree (positions on every node), as remark-gfm reads it.
 * A plain doc is read by `parseFast` (remark-gfm's tree), the others with tables and
 * strikethrough only; and again with remark-gfm when that tree holds text that the other
 * extensions could have read differently (`needsFullGfm`).
 */
export function parseMarkdown(text: string): Root {
  return parseFast(text) ?? remarkTree(text);
}

/** remark's tree, without trying `parseFast` first. */
function remarkTree(text: string): Root {
  const tree = mayNeedFullGfm(text) ? undefined : tableProcessor.parse(text);
  return !tree || needsFullGfm(tree) ? gfmProcessor.parse(text) : tree;
}

/** Read one doc's structure: heading, description, sections, tables, code blocks. */
export function parseDoc(text: string, path: string): DocFile {
  return timed("parse", () => toDocFile(parseMarkdown(text), path, text));
}

/** `parseDoc` for a doc that `parseFast` already gave up on (see steps.ts): remark only. */
export function parseDocWithRemark(text: string, path: string): DocFile {
  return timed("parse", () => toDocFile(remarkTree(text), path, text));
}

