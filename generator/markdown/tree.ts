import type { Heading, Nodes, Root, RootContent, Table as MdTable } from "mdast";
import type { Cell, DocFile, Section, Table } from "./types.js";
import { cleanDescription, plainText, richText } from "./text.js";

/**
 * From a markdown tree (mdast, as remark-parse with GFM gives it, or parseFast) to the doc's
 * structure; and which trees only remark-gfm reads right. No parser is loaded here, so that a run
 * whose docs parseFast reads never loads micromark.
 */

/**
 * What GFM's autolink literals, footnotes and task lists start with: `www.`, `http://`,
 * `https://`, the `@` of an e-mail address, `[^`, and a `[ ]` / `[x]` box. Any of these in a text
 * node, or a reference or definition (`[^1]: …` reads as one without the footnote extension),
 * sends the doc to remark-gfm. Without them the extensions read nothing, and the trees are the
 * same (test/markdown/parse.test.ts compares them on whole corpora).
 */
const GFM_ONLY = /www\.|https?:\/\/|@|\[\^|\[[ \txX]\]/i;

/**
 * Whether the text holds a start of what only remark-gfm reads: then parsing it with tables and
 * strikethrough first is wasted (remark-gfm's tree is right for any text; the other one only
 * cheaper).
 */
export function mayNeedFullGfm(text: string): boolean {
  return GFM_ONLY.test(text);
}

export function needsFullGfm(node: Nodes): boolean {
  switch (node.type) {
    case "text":
      return GFM_ONLY.test(node.value);
    case "definition":
    case "linkReference":
    case "imageReference":
    case "footnoteReference":
    case "footnoteDefinition":
      return true;
    default:
      return "children" in node && node.children.some(needsFullGfm);
  }
}

const DEPRECATED = /DEPRECATED/;

export function toDocFile(root: Root, path: string, source = ""): DocFile {
  const doc: DocFile = { path, titleCount: 0, deprecated: false, sections: [] };
  const descriptionParts: string[] = [];
  let section: Section | undefined;
  let target: Section | undefined; // the section (or subsection) receiving content
  let sectionText: string[] = [];

  const flushText = () => {
    if (target && sectionText.length > 0) {
      target.text = cleanDescription(sectionText.join("\n\n"));
    }
    sectionText = [];
  };

  for (const node of root.children) {
    if (node.type === "heading") {
      if (node.depth === 1) {
        if (doc.title && !target) {
          // A second `#` above every section is a heading of the API's own description, which
          // the generator copied under the title (Merge's `# The Url Object`): part of it.
          descriptionParts.push(`# ${richText(node.children).trim()}`);
          continue;
        }
        doc.titleCount++;
        if (!doc.title) {
          // Fields copied from start(), not spread: spreads are slow in V8's lower tiers (see toCell).
          const at = start(node);
          doc.title = { text: plainText(node.children).trim(), nodes: node.children, line: at.line, column: at.column };
        }
        continue;
      }
      flushText();
      const s = toSection(node);
      if (node.depth === 2 || !section) {
        doc.sections.push(s);
        section = s;
      } else {
        section.subsections.push(s);
      }
      target = s;
      continue;
    }
    if (!target) {
      // Between the H1 and the first `##`: the description and deprecation notes.
      if (node.type === "blockquote" && DEPRECATED.test(richText([node]))) {
        doc.deprecated = true;
      } else if (doc.title && node.type !== "table" && node.type !== "code") {
        descriptionParts.push(richText([node]));
      }
      continue;
    }
    collect(node, target, sectionText, source);
  }
  flushText();
  const description = cleanDescription(descriptionParts.join("\n\n"));
  if (description !== undefined) doc.description = description;
  return doc;
}

function collect(node: RootContent, target: Section, text: string[], source: string): void {
  switch (node.type) {
    case "table":
      target.tables.push(toTable(node, source));
      break;
    case "code": {
      const at = start(node);
      target.code.push(node.lang ? { line: at.line, column: at.column, value: node.value, lang: node.lang } : { line: at.line, column: at.column, value: node.value });
      break;
    }
    case "list":
      if (!node.ordered) {
        for (const item of node.children) {
          const only = item.children.length === 1 ? item.children[0] : undefined;
          const nodes = only?.type === "paragraph" ? only.children : [];
          target.items.push({ ...start(item), nodes, text: plainText(nodes).trim() });
        }
      }
      text.push(richText([node]));
      break;
    case "paragraph":
    case "blockquote":
      text.push(richText([node]));
      break;
    default:
      break;
  }
}

function toSection(node: Heading): Section {
  return {
    line: node.position?.start.line ?? 1,
    column: node.position?.start.column ?? 1,
    depth: node.depth,
    title: plainText(node.children).trim(),
    titleNodes: node.children,
    tables: [],
    code: [],
    items: [],
    subsections: [],
  };
}

function toTable(node: MdTable, source: string): Table {
  // Not `[head, ...body] =`: a rest element walks the iterator protocol row by row in V8's lower tiers.
  const head = node.children[0];
  const body = node.children.slice(1);
  const cell = (c: MdTable["children"][number]["children"][number]) => toCell(c, source);
  return {
    line: node.position?.start.line ?? 1,
    column: node.position?.start.column ?? 1,
    header: head ? head.children.map(cell) : [],
    rows: body.map((row) => row.children.map(cell)),
  };
}

function toCell(cell: MdTable["children"][number]["children"][number], source: string): Cell {
  // Point at the cell's content, not at its leading pipe.
  const first = cell.children[0];
  const last = cell.children[cell.children.length - 1];
  const from = first?.position?.start.offset;
  const to = last?.position?.end.offset;
  const raw = from !== undefined && to !== undefined && source ? unescapePipes(source.slice(from, to)).trim() : "";
  // Written out, not spread from start(): spreading into a literal took most of the time here.
  const at = (first ?? cell).position?.start;
  return { line: at?.line ?? 1, column: at?.column ?? 1, nodes: cell.children, text: plainText(cell.children).trim(), raw };
}

/** A cell's source with `\|` read as `|` (most cells hold none: no regex run then). */
function unescapePipes(text: string): string {
  return text.includes("\\|") ? text.replace(/\\\|/g, "|") : text;
}

function start(node: Nodes): { line: number; column: number } {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}
