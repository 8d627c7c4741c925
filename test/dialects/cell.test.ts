import { describe, expect, it } from "vitest";
import { columnAt } from "../../generator/dialects/cell.js";
import { typeCell } from "../helpers/cells.js";

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
