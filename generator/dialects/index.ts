import type { Diagnostic, DialectName } from "../ir/types.js";
import type { Cell, DocFile } from "../markdown/types.js";
import { type FlatCell, flattenCell } from "./cell.js";
import { csharp } from "./csharp.js";
import type { Dialect } from "./dialect.js";
import { java } from "./java.js";
import { php } from "./php.js";
import { rubySorbet } from "./ruby-sorbet.js";

export type { Dialect, TypeContext, TypeResult } from "./dialect.js";
export { toModel, type DraftModel } from "./model.js";

/** Every dialect docs2ts reads, by name. */
export const DIALECTS: ReadonlyMap<DialectName, Dialect> = new Map<DialectName, Dialect>(
  [rubySorbet, java, csharp, php].map((d) => [d.name, d]),
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
 * well in several (`*string*` is C#, PHP and TypeScript) votes for none, and only has to agree
 * with the winner. When no doc votes, the dialect that reads the most cells wins, if one does;
 * else the tree is ambiguous (`ambiguous-dialect`). Docs that disagree with the winner are named
 * in a `mixed-dialects` diagnostic.
 */
export function detectDialect(docs: readonly DocFile[]): Detection {
  const votes = new Map<DialectName, number>();
  const against = new Map<string, string[]>();
  const totals = new Map<DialectName, number>();
  const scored: { path: string; best: DialectName[] }[] = [];
  for (const doc of docs) {
    const best = bestDialects(doc, totals);
    if (best.length === 0) continue;
    scored.push({ path: doc.path, best });
    if (best.length === 1) votes.set(best[0]!, (votes.get(best[0]!) ?? 0) + 1);
  }
  const diagnostics: Diagnostic[] = [];
  const at = (file: string) => ({ file, line: 1, column: 1 });
  if (scored.length === 0) {
    diagnostics.push({ severity: "error", ...at(docs[0]?.path ?? "."), code: "unknown-dialect", message: "no doc has a Type cell in a dialect docs2ts knows; pass --dialect" });
    return { votes, diagnostics };
  }
  const byCount = (m: Map<DialectName, number>) => (a: DialectName, b: DialectName) => (m.get(b) ?? 0) - (m.get(a) ?? 0);
  const names = [...totals.keys()].sort((a, b) => byCount(votes)(a, b) || byCount(totals)(a, b) || a.localeCompare(b));
  const winner = names[0]!;
  const runnerUp = names[1];
  if (!votes.get(winner) && runnerUp !== undefined && totals.get(runnerUp) === totals.get(winner)) {
    const tied = names.filter((n) => totals.get(n) === totals.get(winner));
    diagnostics.push({
      severity: "error",
      ...at(scored[0]!.path),
      code: "ambiguous-dialect",
      message: `every Type cell reads equally well as ${tied.join(", ")}; pass --dialect`,
    });
    return { votes, diagnostics };
  }
  for (const { path, best } of scored) {
    if (best.includes(winner)) continue;
    const key = best.join(" or ");
    against.set(key, [...(against.get(key) ?? []), path]);
  }
  for (const [name, files] of against) {
    diagnostics.push({
      severity: "error",
      ...at(files[0]!),
      code: "mixed-dialects",
      message: `written in ${name} while most docs are ${winner}: ${files.slice(0, 5).join(", ")}${files.length > 5 ? ` and ${files.length - 5} more` : ""}`,
    });
  }
  if (!votes.get(winner)) votes.set(winner, scored.filter((s) => s.best.includes(winner)).length);
  return { dialect: DIALECTS.get(winner), votes, diagnostics };
}

/** The dialects that read the most Type cells of the doc (none when no dialect reads any); adds every score to `totals`. */
function bestDialects(doc: DocFile, totals: Map<DialectName, number>): DialectName[] {
  const cells = typeCells(doc);
  let best: DialectName[] = [];
  let bestScore = 0;
  for (const dialect of DIALECTS.values()) {
    const score = scoreCells(cells, doc.path, dialect);
    if (score > 0) totals.set(dialect.name, (totals.get(dialect.name) ?? 0) + score);
    if (score > bestScore) {
      best = [dialect.name];
      bestScore = score;
    } else if (score === bestScore && score > 0) best.push(dialect.name);
  }
  return best;
}

interface ScoredCell {
  cell: Cell;
  flat?: FlatCell;
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

/** Type cells of the doc that the dialect both recognises and parses (each cell flattened once, when first needed). */
function scoreCells(cells: ScoredCell[], path: string, dialect: Dialect): number {
  let score = 0;
  // Detection judges the grammar only: every name a cell uses without a link is taken to resolve.
  const ctx = { doc: path, byName: (name: string) => name };
  for (const c of cells) {
    if (!dialect.looksLike(c.cell.text)) continue;
    c.flat ??= flattenCell(c.cell.nodes, c.cell, path);
    try {
      dialect.parseType(c.flat, ctx);
      score++;
    } catch {
      // not this dialect's grammar
    }
  }
  return score;
}
