import type { Change, DiffReport, ModelDiff } from "../ir/diff.js";
import { plural } from "./report.js";

/** The human forms of a diff report: an aligned table (`docs2ts diff`) and short lines (`--check`). */

function detail(c: Change): string {
  if (c.value !== undefined) return JSON.stringify(c.value);
  if (c.from !== undefined && c.to !== undefined) return `${c.from} -> ${c.to}`;
  return c.to ?? c.from ?? "";
}

function changeRows(m: ModelDiff): string[][] {
  return m.changes.map((c) => [m.name, m.direction, c.kind, c.field ?? "", oneLine(detail(c)), c.breaking ? "yes" : "no", c.reason]);
}

export function diffTable(report: DiffReport): string {
  const rows = [["Model", "Direction", "Change", "Field", "Detail", "Breaking", "Why"], ...report.models.flatMap(changeRows)];
  const widths = rows[0]!.map((_, i) => rows.reduce((max, r) => Math.max(max, [...r[i]!].length), 0));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]! + ([...cell].length - cell.length)))).join("  ").trimEnd());
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  return `${report.models.length === 0 ? "No changes.\n" : lines.join("\n") + "\n"}${summaryLine(report)}\n`;
}

export function summaryLine(report: DiffReport): string {
  const s = report.summary;
  return `${plural(s.added, "model")} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged; ${plural(s.breakingChanges, "breaking change")} in ${plural(s.breakingModels, "model")}`;
}

/** One line per change: `Owner: field-retyped name: string -> integer (breaking: …)`. */
export function diffLines(report: DiffReport, indent = "  "): string[] {
  return report.models.flatMap((m) =>
    m.changes.map((c) => {
      const what = [c.kind, c.field, detail(c)].filter(Boolean).join(" ");
      return `${indent}${m.name}: ${oneLine(what)} (${c.breaking ? "breaking" : "not breaking"}: ${c.reason})`;
    }),
  );
}

function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
}
