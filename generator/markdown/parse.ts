import type { Heading, Nodes, Root, RootContent, Table as MdTable } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { Cell, DocFile, Section, Table } from "./types.js";
import { cleanDescription, plainText, richText } from "./text.js";

/** One frozen processor, reused for every doc. */
const processor = unified().use(remarkParse).use(remarkGfm).freeze();

/** Parse markdown text into an mdast tree (positions on every node). */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** Read one doc's structure: heading, description, sections, tables, code blocks. */
export function parseDoc(text: string, path: string): DocFile {
  return toDocFile(parseMarkdown(text), path);
}

const DEPRECATED = /DEPRECATED/;

export function toDocFile(root: Root, path: string): DocFile {
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
        doc.titleCount++;
        if (!doc.title) {
          doc.title = { text: plainText(node.children).trim(), nodes: node.children, ...start(node) };
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
    collect(node, target, sectionText);
  }
  flushText();
  const description = cleanDescription(descriptionParts.join("\n\n"));
  if (description !== undefined) doc.description = description;
  return doc;
}

function collect(node: RootContent, target: Section, text: string[]): void {
  switch (node.type) {
    case "table":
      target.tables.push(toTable(node));
      break;
    case "code":
      target.code.push({ ...start(node), value: node.value, ...(node.lang ? { lang: node.lang } : {}) });
      break;
    case "paragraph":
    case "blockquote":
    case "list":
      text.push(richText([node]));
      break;
    default:
      break;
  }
}

function toSection(node: Heading): Section {
  return {
    ...start(node),
    depth: node.depth,
    title: plainText(node.children).trim(),
    titleNodes: node.children,
    tables: [],
    code: [],
    subsections: [],
  };
}

function toTable(node: MdTable): Table {
  const [head, ...body] = node.children;
  return {
    ...start(node),
    header: head ? head.children.map(toCell) : [],
    rows: body.map((row) => row.children.map(toCell)),
  };
}

function toCell(cell: MdTable["children"][number]["children"][number]): Cell {
  // Point at the cell's content, not at its leading pipe.
  const first = cell.children[0];
  return { ...start(first ?? cell), nodes: cell.children, text: plainText(cell.children).trim() };
}

function start(node: Nodes): { line: number; column: number } {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}
