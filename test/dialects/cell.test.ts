import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { PhrasingContent } from "mdast";
import { describe, expect, it } from "vitest";
import { columnAt, flattenCell, flattenNodes, onePiece } from "../../generator/dialects/cell.js";
import { findDocs } from "../../generator/markdown/files.js";
import { parseDoc } from "../../generator/markdown/parse.js";
import type { Section } from "../../generator/markdown/types.js";
import { typeCell } from "../helpers/cells.js";
import { corpusPath, sharedPath } from "../helpers/shared.js";

/**
 * `columnAt` points diagnostics at the source column of a character of a flattened Type cell:
 * each character the cell's text holds as written (no escape, no entity) must be found at that
 * column of the table row it came from.
 */
const ROW_PREFIX = "| `f` | ";

const CELLS = [
  "*string*",
  "`Record<string, *any*>`",
  "*Optional[*[components.Foo](../models/foo.md)*]*",
  "List<[models.Pet](../../models/pet.md)>",
  "T.nilable(T::Array<::String>)",
  "**Crystalline::Nilable.new(*::Integer*)**",
  "*Union[str, int]* ~~old~~",
];

describe("columnAt", () => {
  for (const cell of CELLS) {
    it(`finds every character of ${cell} at its column`, () => {
      const flat = typeCell(cell);
      const row = ROW_PREFIX + cell;
      expect(flat.text.length).toBeGreaterThan(0);
      for (let i = 0; i < flat.text.length; i++) {
        const column = columnAt(flat, i);
        expect(row[column - 1], `${cell}: offset ${i} ('${flat.text[i]}') at column ${column}`).toBe(flat.text[i]);
      }
      // Past the end: the column after the last character; before the start: the first.
      expect(columnAt(flat, flat.text.length)).toBe(columnAt(flat, flat.text.length - 1) + 1);
      expect(columnAt(flat, flat.text.length + 5)).toBe(columnAt(flat, flat.text.length - 1) + 1);
      expect(columnAt(flat, -3)).toBe(columnAt(flat, 0));
    });
  }

  it("gives an empty cell's own column", () => {
    const flat = typeCell("");
    expect(flat.text).toBe("");
    expect(columnAt(flat, 0)).toBe(flat.place.column);
  });
});

/**
 * `flattenCell`'s shortcut for a cell that is one piece of text (`*string*`, a code span) must
 * give what the general path gives: every Type cell (the second column of every table row) and
 * `###` heading of every corpus, through both.
 */
describe("flattenCell's one-piece shortcut", () => {
  it("gives the general path's flat cell for every cell and heading of every corpus", () => {
    let cells = 0;
    let shortcut = 0;
    for (const corpus of readdirSync(sharedPath("corpora")).sort()) {
      const root = corpusPath(corpus);
      if (!statSync(root).isDirectory()) continue;
      for (const path of findDocs(root).paths) {
        const text = readFileSync(join(root, path), "utf8");
        const doc = parseDoc(text, path);
        const pieces: { nodes: PhrasingContent[]; place: { line: number; column: number } }[] = [];
        const visit = (sections: Section[]) => {
          for (const s of sections) {
            pieces.push({ nodes: s.titleNodes, place: s });
            for (const t of s.tables) for (const row of t.rows) if (row[1]) pieces.push({ nodes: row[1].nodes, place: row[1] });
            visit(s.subsections);
          }
        };
        visit(doc.sections);
        for (const { nodes, place } of pieces) {
          const general = flattenNodes(nodes, place, path);
          const flat = flattenCell(nodes, place, path);
          cells++;
          if (onePiece(nodes, place)) shortcut++;
          expect({ ...flat, linkOf: [...flat.linkOf], style: [...flat.style] }, `${corpus}/${path}:${place.line}`).toEqual({ ...general, linkOf: [...general.linkOf], style: [...general.style] });
        }
      }
    }
    // Most cells take the shortcut (code spans among them), and the comparison saw thousands.
    expect(cells).toBeGreaterThan(20_000);
    expect(shortcut / cells).toBeGreaterThan(0.5);
  });
});
