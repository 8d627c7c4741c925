import type { PhrasingContent } from "mdast";

/** A 1-based source position. */
export interface Place {
  line: number;
  column: number;
}

/** One table cell: its inline mdast nodes (for the dialects) and its plain text. */
export interface Cell extends Place {
  nodes: PhrasingContent[];
  /** Plain text of the cell, trimmed; `<br/>` becomes "\n". */
  text: string;
  /**
   * The cell's source text, trimmed, with `\|` unescaped. Generators write enum values raw, so a
   * value such as `__proto__` or `a*b*` must be read from the source, not from its markdown rendering.
   */
  raw: string;
}

export interface Table extends Place {
  header: Cell[];
  rows: Cell[][];
}

/** One item of a bulleted list: its inline mdast nodes (the item's one paragraph) and plain text. */
export interface ListItem extends Place {
  nodes: PhrasingContent[];
  text: string;
}

export interface CodeBlock extends Place {
  lang?: string;
  value: string;
}

/** A `##` (depth 2) or `###` (depth 3) section. */
export interface Section extends Place {
  depth: number;
  /** The heading's plain text. */
  title: string;
  /** The heading's inline nodes. */
  titleNodes: PhrasingContent[];
  /** Markdown-ish text of the paragraphs directly in this section. */
  text?: string;
  tables: Table[];
  code: CodeBlock[];
  /** The items of the bulleted lists directly in this section (their text is in `text` too). */
  items: ListItem[];
  /** `###` sections under a `##` one. */
  subsections: Section[];
}

/** One doc, as the markdown stage reads it. No dialect knowledge here. */
export interface DocFile {
  /** Path relative to the input root, '/' separators. */
  path: string;
  /** The `#` heading, if any. */
  title?: Place & { text: string; nodes: PhrasingContent[] };
  /**
   * Number of `#` headings that could name a model (a model doc has exactly one): the first, and
   * any after a `##` section; one between them is description text.
   */
  titleCount: number;
  /** Text between the H1 and the first `##`, without deprecation notes. */
  description?: string;
  /** The doc carries a `DEPRECATED` note under its heading. */
  deprecated: boolean;
  sections: Section[];
}
