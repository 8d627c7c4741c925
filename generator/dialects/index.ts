import type { Diagnostic, DialectName } from "../ir/types.js";
import type { DocFile } from "../markdown/types.js";
import { flattenCell } from "./cell.js";
import type { Dialect } from "./dialect.js";
import { go } from "./go.js";
import { rubySorbet } from "./ruby-sorbet.js";
import { typescript } from "./typescript.js";

export type { Dialect, TypeContext, TypeResult } from "./dialect.js";
export { toModel, type DraftModel } from "./model.js";

/** Every dialect docs2ts reads, by name. */
export const DIALECTS: ReadonlyMap<DialectName, Dialect> = new Map<DialectName, Dialect>([
  [rubySorbet.name, rubySorbet],
  [typescript.name, typescript],
  [go.name, go],
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
 * do not vote. Docs that vote against the winner are named in a diagnostic.
 */
export function detectDialect(docs: readonly DocFile[]): Detection {
  const votes = new Map<DialectName, number>();
  const voters = new Map<DialectName, string[]>();
  for (const doc of docs) {
    const best = bestDialect(doc);
    if (!best) continue;
    votes.set(best, (votes.get(best) ?? 0) + 1);
    const list = voters.get(best) ?? [];
    list.push(doc.path);
    voters.set(best, list);
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
  for (const [name] of ranked.slice(1)) {
    const files = voters.get(name)!;
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

function bestDialect(doc: DocFile): DialectName | undefined {
  let best: DialectName | undefined;
  let bestScore = 0;
  for (const dialect of DIALECTS.values()) {
    const score = scoreDoc(doc, dialect);
    if (score > bestScore) {
      best = dialect.name;
      bestScore = score;
    }
  }
  return best;
}

/** Type cells of the doc that the dialect both recognises and parses. */
function scoreDoc(doc: DocFile, dialect: Dialect): number {
  let score = 0;
  for (const section of doc.sections) {
    for (const table of section.tables) {
      const typeCol = table.header.findIndex((c) => c.text.toLowerCase() === "type");
      if (typeCol < 0) continue;
      for (const row of table.rows) {
        const cell = row[typeCol];
        if (!cell || !dialect.looksLike(cell.text)) continue;
        try {
          dialect.parseType(flattenCell(cell.nodes, cell, doc.path), { doc: doc.path, byName: () => undefined });
          score++;
        } catch {
          // not this dialect's grammar
        }
      }
    }
  }
  return score;
}
