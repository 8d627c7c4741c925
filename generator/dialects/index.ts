import type { Diagnostic, DialectName } from "../ir/types.js";
import type { Cell, DocFile } from "../markdown/types.js";
import { type FlatCell, flattenCell } from "./cell.js";
import { csharp } from "./csharp.js";
import type { Dialect } from "./dialect.js";
import { java } from "./java.js";
import { php } from "./php.js";
import { python } from "./python.js";
import { rubyCrystalline } from "./ruby-crystalline.js";
import { rubySorbet } from "./ruby-sorbet.js";

export type { Dialect, TypeContext, TypeResult } from "./dialect.js";
export { toModel, type DraftModel } from "./model.js";

/** Every dialect docs2ts reads, by name, in registry order (which breaks harmless ties). */
export const DIALECTS: ReadonlyMap<DialectName, Dialect> = new Map<DialectName, Dialect>(
  [rubySorbet, rubyCrystalline, python, java, csharp, php].map((d) => [d.name, d]),
);

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
 * Pick the dialect the docs are written in. Each doc scores every dialect by how many of its Type
 * cells that dialect's grammar reads in its own vocabulary; docs without Type cells (enums) do not
 * vote. A doc whose best score belongs to one dialect votes for it; a doc whose cells read equally
 * well in several (`*string*` is C#, PHP and TypeScript; `*::String*` Sorbet and Crystalline) votes
 * for none and only has to be readable by the winner. The dialect with the most votes wins; with
 * no votes, the one that reads the most cells. When several tie even then, they are compared: if
 * they read every cell into the same types and nullability, the first registered is used (an
 * `ambiguous-dialect` warning says so); if they would read the docs differently, it is an
 * `ambiguous-dialect` error. A doc that voted for another dialect is reported (`mixed-dialects`)
 * unless the winner reads it whole.
 */
export function detectDialect(docs: readonly DocFile[]): Detection {
  const votes = new Map<DialectName, number>();
  const totals = new Map<DialectName, number>();
  const scored: { doc: DocFile; best: DialectName[]; cells: ScoredCell[] }[] = [];
  for (const doc of docs) {
    const cells = typeCells(doc);
    const best = bestDialects(doc.path, cells, totals);
    if (best.length === 0) continue;
    scored.push({ doc, best, cells });
    if (best.length === 1) votes.set(best[0]!, (votes.get(best[0]!) ?? 0) + 1);
  }
  const diagnostics: Diagnostic[] = [];
  const at = (file: string) => ({ file, line: 1, column: 1 });
  if (scored.length === 0) {
    diagnostics.push({ severity: "error", ...at(docs[0]?.path ?? "."), code: "unknown-dialect", message: "no doc has a Type cell in a dialect docs2ts knows; pass --dialect" });
    return { votes, diagnostics };
  }
  const order = [...DIALECTS.keys()];
  const rank = (a: DialectName, b: DialectName) =>
    (votes.get(b) ?? 0) - (votes.get(a) ?? 0) || (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || order.indexOf(a) - order.indexOf(b);
  const names = [...totals.keys()].sort(rank);
  const winner = names[0]!;
  if (!votes.get(winner)) {
    const tied = names.filter((n) => totals.get(n) === totals.get(winner));
    if (tied.length > 1) {
      const same = tied.every((n) => scored.every((s) => sameReading(s.doc.path, s.cells, DIALECTS.get(winner)!, DIALECTS.get(n)!)));
      if (!same) {
        diagnostics.push({ severity: "error", ...at(scored[0]!.doc.path), code: "ambiguous-dialect", message: `every Type cell reads equally well as ${tied.join(", ")}, and they would read them differently; pass --dialect` });
        return { votes, diagnostics };
      }
      diagnostics.push({ severity: "warning", ...at(scored[0]!.doc.path), code: "ambiguous-dialect", message: `every Type cell reads equally well as ${tied.join(", ")}, with the same types; using ${winner} (pass --dialect to choose)` });
    }
  }
  const chosen = DIALECTS.get(winner)!;
  const against = new Map<string, string[]>();
  for (const { doc, best, cells } of scored) {
    if (best.includes(winner)) continue;
    // A doc that reads better in another dialect but that the winner reads whole is not mixed
    // (`*int*`, `*bool*` and `[models.X](…)` are several dialects' words).
    if (readsAll(doc.path, cells, chosen)) continue;
    const key = best.join(" or ");
    against.set(key, [...(against.get(key) ?? []), doc.path]);
  }
  for (const [name, files] of against) {
    diagnostics.push({
      severity: "error",
      ...at(files[0]!),
      code: "mixed-dialects",
      message: `written in ${name} while most docs are ${winner}: ${files.slice(0, 5).join(", ")}${files.length > 5 ? ` and ${files.length - 5} more` : ""}`,
    });
  }
  return { dialect: chosen, votes, diagnostics };
}

interface ScoredCell {
  cell: Cell;
  flat?: FlatCell;
}

/** The dialects that read the most Type cells of the doc (none when no dialect reads any); adds every score to `totals`. */
function bestDialects(path: string, cells: ScoredCell[], totals: Map<DialectName, number>): DialectName[] {
  let best: DialectName[] = [];
  let bestScore = 0;
  for (const dialect of DIALECTS.values()) {
    const score = scoreCells(cells, path, dialect);
    if (score > 0) totals.set(dialect.name, (totals.get(dialect.name) ?? 0) + score);
    if (score > bestScore) {
      best = [dialect.name];
      bestScore = score;
    } else if (score === bestScore && score > 0) best.push(dialect.name);
  }
  return best;
}

function typeCells(doc: DocFile): ScoredCell[] {
  const cells: ScoredCell[] = [];
  for (const section of doc.sections) {
    for (const table of section.tables) {
      const typeCol = table.header.findIndex((c) => c.text.toLowerCase() === "type");
      if (typeCol < 0) continue;
      for (const row of table.rows) {
        const cell = row[typeCol];
        if (cell) cells.push({ cell });
      }
    }
  }
  return cells;
}

/** Detection judges the grammar only: every name a cell uses without a link is taken to resolve. */
const detectionContext = (path: string) => ({ doc: path, byName: (name: string) => name });

function flat(c: ScoredCell, path: string): FlatCell {
  c.flat ??= flattenCell(c.cell.nodes, c.cell, path);
  return c.flat;
}

/** What a dialect reads a cell as (types and nullability), or undefined when it cannot. */
function reading(c: ScoredCell, path: string, dialect: Dialect): string | undefined {
  try {
    const r = dialect.parseType(flat(c, path), detectionContext(path));
    return JSON.stringify([r.type, dialect.nullable(true, r), dialect.nullable(false, r)]);
  } catch {
    return undefined; // not this dialect's grammar
  }
}

/** Type cells of the doc that the dialect both recognises and parses. */
function scoreCells(cells: ScoredCell[], path: string, dialect: Dialect): number {
  let score = 0;
  for (const c of cells) if (dialect.looksLike(c.cell.text) && reading(c, path, dialect) !== undefined) score++;
  return score;
}

function readsAll(path: string, cells: ScoredCell[], dialect: Dialect): boolean {
  return cells.every((c) => reading(c, path, dialect) !== undefined);
}

function sameReading(path: string, cells: ScoredCell[], a: Dialect, b: Dialect): boolean {
  return cells.every((c) => reading(c, path, a) === reading(c, path, b));
}
