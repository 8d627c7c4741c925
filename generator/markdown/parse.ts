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
  return toDocFile(parseMarkdown(text), path, text);
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

function toTable(node: MdTable, source: string): Table {
  const [head, ...body] = node.children;
  const cell = (c: MdTable["children"][number]["children"][number]) => toCell(c, source);
  return {
    ...start(node),
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
  const raw = from !== undefined && to !== undefined && source ? source.slice(from, to).replace(/\\\|/g, "|").trim() : "";
  return { ...start(first ?? cell), nodes: cell.children, text: plainText(cell.children).trim(), raw };
}

function start(node: Nodes): { line: number; column: number } {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}
