import type { Diagnostic, DialectName } from "../ir/types.js";
import type { Cell, DocFile } from "../markdown/types.js";
import { flattenCell } from "./cell.js";
import type { Dialect } from "./dialect.js";
import { python } from "./python.js";
import { rubyCrystalline } from "./ruby-crystalline.js";
import { rubySorbet } from "./ruby-sorbet.js";

export type { Dialect, TypeContext, TypeResult } from "./dialect.js";
export { toModel, type DraftModel } from "./model.js";

/** Every dialect docs2ts reads, by name. */
export const DIALECTS: ReadonlyMap<DialectName, Dialect> = new Map<DialectName, Dialect>([
  [rubySorbet.name, rubySorbet],
  [rubyCrystalline.name, rubyCrystalline],
  [python.name, python],
]);

export const DIALECT_NAMES: readonly DialectName[] = [
  "ruby-sorbet",
  "ruby-crystalline",
  "python",
  "typescript",
  "go",
  "java",
  "csharp",
  "php",
];

export function getDialect(name: string): Dialect | undefined {
  return DIALECTS.get(name as DialectName);
}

export interface Detection {
  dialect?: Dialect;
  /** How many docs voted for each dialect. */
  votes: Map<DialectName, number>;
  diagnostics: Diagnostic[];
}

/**
 * Pick the dialect the docs are written in. Each doc votes for the dialect whose grammar reads
 * the most of its Type cells in that dialect's own vocabulary; docs without Type cells (enums)
 * do not vote, and neither do docs that several dialects read equally well (a doc of only
 * `*::String*` cells is Sorbet and Crystalline alike): those count only when no doc votes, for
 * the dialect most of them allow (the first registered on a tie). Docs that vote against the
 * winner are named in a diagnostic.
 */
export function detectDialect(docs: readonly DocFile[]): Detection {
  const votes = new Map<DialectName, number>();
  const voters = new Map<DialectName, string[]>();
  const allowed = new Map<DialectName, number>();
  for (const doc of docs) {
    const best = bestDialects(doc);
    if (best.length > 1) for (const name of best) allowed.set(name, (allowed.get(name) ?? 0) + 1);
    if (best.length !== 1) continue;
    const [name] = best as [DialectName];
    votes.set(name, (votes.get(name) ?? 0) + 1);
    const list = voters.get(name) ?? [];
    list.push(doc.path);
    voters.set(name, list);
  }
  if (votes.size === 0 && allowed.size > 0) {
    const order = [...DIALECTS.keys()];
    const [name, count] = [...allowed].sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))[0]!;
    votes.set(name, count);
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const diagnostics: Diagnostic[] = [];
  if (ranked.length === 0) {
    diagnostics.push({
      severity: "error",
      file: docs[0]?.path ?? ".",
      line: 1,
      column: 1,
      code: "unknown-dialect",
      message: "no doc has a Type cell in a dialect docs2ts knows; pass --dialect",
    });
    return { votes, diagnostics };
  }
  const [winner] = ranked[0]!;
  const chosen = DIALECTS.get(winner)!;
  const byPath = new Map(docs.map((d) => [d.path, d]));
  for (const [name] of ranked.slice(1)) {
    // A doc that reads better in another dialect but that the winner reads whole is not mixed
    // (`*int*`, `*bool*` and `[models.X](…)` are several dialects' words).
    const files = voters.get(name)!.filter((path) => !readsAll(byPath.get(path)!, chosen));
    if (files.length === 0) continue;
    diagnostics.push({
      severity: "error",
      file: files[0]!,
      line: 1,
      column: 1,
      code: "mixed-dialects",
      message: `written in ${name} while most docs are ${winner}: ${files.slice(0, 5).join(", ")}${files.length > 5 ? ` and ${files.length - 5} more` : ""}`,
    });
  }
  return { dialect: DIALECTS.get(winner), votes, diagnostics };
}

/** The dialects that read the most of the doc's Type cells (none when no dialect reads one). */
function bestDialects(doc: DocFile): DialectName[] {
  let best: DialectName[] = [];
  let bestScore = 0;
  for (const dialect of DIALECTS.values()) {
    const score = scoreDoc(doc, dialect);
    if (score > bestScore) {
      best = [dialect.name];
      bestScore = score;
    } else if (score === bestScore && score > 0) {
      best.push(dialect.name);
    }
  }
  return best;
}

/** Whether the dialect's grammar reads every Type cell of the doc. */
function readsAll(doc: DocFile, dialect: Dialect): boolean {
  return typeCells(doc).every((cell) => reads(doc, cell, dialect));
}

function reads(doc: DocFile, cell: Cell, dialect: Dialect): boolean {
  try {
    dialect.parseType(flattenCell(cell.nodes, cell, doc.path), { doc: doc.path, byName: () => undefined });
    return true;
  } catch {
    return false; // not this dialect's grammar
  }
}

function typeCells(doc: DocFile): Cell[] {
  const cells: Cell[] = [];
  for (const section of doc.sections) {
    for (const table of section.tables) {
      const typeCol = table.header.findIndex((c) => c.text.toLowerCase() === "type");
      if (typeCol < 0) continue;
      for (const row of table.rows) if (row[typeCol]) cells.push(row[typeCol]);
    }
  }
  return cells;
}

/** Type cells of the doc that the dialect both recognises and parses. */
function scoreDoc(doc: DocFile, dialect: Dialect): number {
  return typeCells(doc).filter((cell) => dialect.looksLike(cell.text) && reads(doc, cell, dialect)).length;
}
