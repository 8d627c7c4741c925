import type { EnumValue } from "../ir/types.js";
import type { Cell, ListItem, Section } from "../markdown/types.js";
import { CellError } from "./cell.js";
import type { Dialect } from "./dialect.js";
import { append } from "../lists.js";
import { clip, codePlace, columns, type Report } from "./sections.js";

/**
 * An enum doc's `## Values`: a table (Name | Value), a TypeScript code block, or a bulleted list of
 * literals; whether the docs mark the enum open; and whether a table writes every value as a number.
 */

/** The sentence newer TypeScript docs write above an open enum's values instead. */
const OPEN_ENUM_PROSE = /\bThis is an open enum\b/i;

/**
 * An enum's values, whether its Values section says it is open (`OPEN_ENUM_PROSE`; model.ts reads
 * the note in Example Usage code), and whether
 * its table writes every value as a number (`numericText`: the IR's numeric-enum policy then
 * decides their kind; the values stay the text as written here).
 */
export function readValues(section: Section, dialect: Dialect, report: Report): { values: EnumValue[]; open: boolean; numericText?: boolean } | undefined {
  const table = section.tables[0];
  const values: EnumValue[] = [];
  const code = section.code[0];
  let open = OPEN_ENUM_PROSE.test(section.text ?? "");
  if (!table && code && dialect.enumValuesFromCode) {
    try {
      const seen = new Set<string | number>();
      const read = dialect.enumValuesFromCode(code.value, code.lang);
      open ||= read.open;
      for (const value of read.values) {
        if (seen.has(value)) continue;
        seen.add(value);
        values.push({ value, line: code.line });
      }
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      report("error", "unknown-type", `cannot read the enum values: ${e.message}`, codePlace(code, e.offset));
      return undefined;
    }
  }
  if (table) {
    const cols = columns(table);
    const valueCol = cols.get("value");
    const nameCol = cols.get("name");
    if (valueCol === undefined) {
      report("error", "missing-column", "the Values table has no Value column", table);
      return undefined;
    }
    const seen = new Set<string | number>();
    for (const row of table.rows) {
      const at = row[0] ?? table;
      if (row.length !== table.header.length) {
        report("error", "ragged-row", `the row has ${row.length} cells where the header has ${table.header.length}`, at);
        return undefined;
      }
      const cell = row[valueCol]!;
      const text = rawValue(cell);
      const value = dialect.enumValue ? dialect.enumValue(text) : text;
      if (value === null) {
        report("warning", "null-enum-value", `'${clip(text)}' stands for null, which is not listed as a value of the enum: a field of this type accepts null where its own type says so`, cell);
        continue;
      }
      if (!isNewValue(seen, value, report, cell)) continue;
      const name = nameCol !== undefined ? row[nameCol]!.text.replace(/^`(.*)`$/s, "$1") : undefined;
      values.push({ ...(name ? { name } : {}), value, line: cell.line });
    }
  }
  if (!table && values.length === 0 && section.items.length > 0) {
    const read = listValues(section.items, report);
    if (!read) return undefined;
    append(values, read);
  }
  if (values.length === 0) {
    report("error", "empty-enum", "the enum lists no values", table ?? section);
    return undefined;
  }
  const numericText = table !== undefined && values.every((v) => typeof v.value === "string" && isNumeral(v.value));
  return { values, open, ...(numericText ? { numericText } : {}) };
}

/**
 * Whether `text` is a number as JavaScript writes it (so that reading it as a number loses
 * nothing): `0`, `-3`, `2.5`; not `007`, `1.0`, `1e3` or an integer beyond 2^53.
 */
function isNumeral(text: string): boolean {
  return NUMBER.test(text) && String(Number(text)) === text;
}

/**
 * Values written as a bulleted list, one literal in a code span per item (newer Python docs:
 * `` - `"auto"` ``): a quoted string is that string, a number that number, anything else the
 * text as written.
 */
function listValues(items: readonly ListItem[], report: Report): EnumValue[] | undefined {
  const values: EnumValue[] = [];
  const seen = new Set<string | number>();
  for (const item of items) {
    const only = item.nodes.filter((n) => n.type !== "text" || n.value.trim() !== "");
    if (only.length !== 1 || only[0]!.type !== "inlineCode") {
      report("error", "unknown-type", `a Values list item must hold one value in backticks, found '${clip(item.text)}'`, item);
      return undefined;
    }
    const value = literalValue(only[0]!.value);
    if (value === undefined) {
      report("error", "unknown-type", `cannot read the value ${clip(only[0]!.value)}`, item);
      return undefined;
    }
    if (isNewValue(seen, value, report, item)) values.push({ value, line: item.line });
  }
  return values;
}

/** Whether `value` is not in `seen` yet (it is then added); a value listed again is a warning at it. */
function isNewValue(seen: Set<string | number>, value: string | number, report: Report, at: { line: number; column: number }): boolean {
  if (seen.has(value)) {
    report("warning", "duplicate-enum-value", `enum value ${JSON.stringify(value)} is listed twice`, at);
    return false;
  }
  seen.add(value);
  return true;
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A literal as docs write it in a code span: `"a"` or `'a'` (quoted), `42`, or bare text. */
function literalValue(text: string): string | number | undefined {
  const t = text.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(t)) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return undefined;
    }
  }
  if (/^'[^'\\]*'$/.test(t)) return t.slice(1, -1);
  if (NUMBER.test(t)) return Number(t);
  return t === "" ? undefined : t;
}

/** An enum Value cell's wire value: its source text, or the content of a cell that is one code span. */
function rawValue(cell: Cell): string {
  const only = cell.nodes.length === 1 ? cell.nodes[0] : undefined;
  if (only?.type === "inlineCode") return only.value;
  const raw = cell.raw;
  return /<br\s*\/?>/i.test(raw) ? cell.text : raw;
}
