import type { Diagnostic } from "../ir/types.js";
import type { CodeBlock, Section, Table } from "../markdown/types.js";

/**
 * What the doc readers (model.ts, values.ts) share: how they report a diagnostic, a section's
 * table and its columns, places inside code blocks, and text clipped for a message.
 */

export type Report = (severity: Diagnostic["severity"], code: string, message: string, at: { line: number; column: number }) => void;

/** A section's table: an error when it has none, a warning when it has several (the first is read). */
export function singleTable(section: Section, report: Report): Table | undefined {
  if (section.tables.length === 0) {
    report("error", "missing-table", `'## ${section.title}' has no table`, section);
    return undefined;
  }
  if (section.tables.length > 1) {
    report("warning", "extra-table", `'## ${section.title}' has ${section.tables.length} tables; only the first is read`, section.tables[1]!);
  }
  return section.tables[0];
}

/** A table's columns by header text, lower-cased (the first of equal ones). */
export function columns(table: Table): Map<string, number> {
  const map = new Map<string, number>();
  table.header.forEach((cell, i) => {
    const key = cell.text.toLowerCase();
    if (!map.has(key)) map.set(key, i);
  });
  return map;
}

/**
 * Where an offset into a fenced code block's text is in the doc: its content starts on the line
 * after the fence, at the fence's column (markdown strips the fence's indentation from it).
 */
export function codePlace(code: CodeBlock, offset: number): { line: number; column: number } {
  const before = code.value.slice(0, Math.max(0, Math.min(offset, code.value.length)));
  const lines = before.split("\n");
  return { line: code.line + lines.length, column: code.column + lines[lines.length - 1]!.length };
}

/** Text on one line, at most 80 characters, for a message. */
export function clip(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > 80 ? one.slice(0, 77) + "..." : one;
}
