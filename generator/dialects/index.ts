import type { Diagnostic, DialectName } from "../ir/types.js";
import type { Cell, DocFile } from "../markdown/types.js";
import { type FlatCell, flattenCell } from "./cell.js";
import { csharp } from "./csharp.js";
import type { Dialect } from "./dialect.js";
import { go } from "./go.js";
import { java } from "./java.js";
import { php } from "./php.js";
import { python } from "./python.js";
import { rubyCrystalline } from "./ruby-crystalline.js";
import { rubySorbet } from "./ruby-sorbet.js";
import { typescript } from "./typescript.js";
import { pushTo } from "../lists.js";

export type { Dialect, TypeContext, TypeResult } from "./dialect.js";
export { toModel, type DraftModel } from "./model.js";

/** Every dialect docs2ts reads, by name, in registry order (which breaks harmless ties). */
export const DIALECTS: ReadonlyMap<DialectName, Dialect> = new Map<DialectName, Dialect>(
  [rubySorbet, rubyCrystalline, python, java, csharp, php, typescript, go].map((d) => [d.name, d]),
);

export { DIALECT_NAMES } from "./names.js";

export function getDialect(name: string): Dialect | undefined {
  return DIALECTS.get(name as DialectName);
}

export interface Detection {
  dialect?: Dialect;
  /** How many docs voted for each dialect. */
  votes: Map<DialectName, number>;
  diagnostics: Diagnostic[];
  /** What the CLI says about the choice: "dialect X (detected from N docs)". */
  note?: string;
}

/** Finds the doc a model name written without a link means (the IR stage's name rules). */
export type NameLookup = (name: string, fromDoc: string) => string | undefined;

/** Without the tree's names, every name a cell uses without a link is taken to resolve. */
const anyName: NameLookup = (name) => name;

/**
 * How one dialect reads one Type cell: `r` what it reads (types and nullability, as JSON), `l`
 * whether the cell is in the dialect's own vocabulary, `n` the model names it used without a link
 * (they count only if the tree has such docs).
 */
export interface CellReading {
  r: string;
  l: boolean;
  n?: string[];
}

/**
 * One doc's ballot: for each Type cell, how each dialect that parses it reads it. It depends on
 * the doc alone, so that it can be cached per doc; `tallyVotes` judges the names against the tree.
 *
 * By default a ballot is partial: a cell is tried only by the dialects that find it in their own
 * vocabulary (`looksLike`), the only readings that score; trying every grammar on every cell was
 * most of detection's cost (vercel-ts: 80% of it). The other readings matter only when the tally
 * compares dialects that tie, or asks whether the winner reads a doc that voted for another;
 * `ballotsToComplete` names the ballots it then needs whole, usually none.
 */
export interface Ballot {
  path: string;
  cells: Partial<Record<DialectName, CellReading>>[];
  /** For a partial ballot, per cell, the dialects not tried (bit i: the i-th of `DIALECTS`). */
  untried?: number[];
}

/** A ballot of `doc`: partial, or with every dialect tried on every cell (`whole`). */
export function ballotOf(doc: DocFile, whole = false): Ballot {
  const cells: Ballot["cells"] = [];
  const untried: number[] = [];
  for (const cell of typeCells(doc)) {
    const flat = flattenCell(cell.nodes, cell, doc.path);
    const key = flat.links.length <= MAX_KEYED_LINKS ? `${whole ? "w" : "p"}${readingKey(cell.text, flat)}` : undefined;
    let read = key === undefined ? undefined : knownReadings.get(key);
    if (read === undefined) {
      read = readCell(cell.text, flat, doc.path, whole);
      if (knownReadings.size >= MAX_KNOWN_READINGS) knownReadings.clear();
      if (key !== undefined) knownReadings.set(key, read);
    }
    cells.push(read.readings);
    untried.push(read.untried);
  }
  return whole ? { path: doc.path, cells } : { path: doc.path, cells, untried };
}

interface CellRead {
  readings: Partial<Record<DialectName, CellReading>>;
  /** The dialects not tried (bits, as `Ballot.untried`). */
  untried: number;
}

/**
 * How the dialects read one flattened Type cell (`cellText` is what `looksLike` judges): every
 * dialect when `whole`, else only those whose vocabulary it is in.
 */
function readCell(cellText: string, flat: FlatCell, docPath: string, whole: boolean): CellRead {
  const readings: Partial<Record<DialectName, CellReading>> = {};
  let untried = 0;
  let bit = 1;
  for (const dialect of DIALECTS.values()) {
    const looks = dialect.looksLike(cellText);
    if (!looks && !whole) {
      untried |= bit;
      bit <<= 1;
      continue;
    }
    bit <<= 1;
    const names: string[] = [];
    try {
      const r = dialect.parseType(flat, { doc: docPath, byName: (name) => (names.push(name), name) });
      const reading: CellReading = { r: JSON.stringify([r.type, dialect.nullable(true, r), dialect.nullable(false, r)]), l: looks };
      if (names.length > 0) reading.n = [...new Set(names)];
      readings[dialect.name] = reading;
    } catch {
      // not this dialect's grammar
    }
  }
  return { readings, untried };
}

/** The bit of a dialect in `Ballot.untried`. */
const DIALECT_BIT = new Map([...DIALECTS.keys()].map((name, i) => [name, 1 << i] as const));

/** Whether the ballot knows how `dialect` reads cell `i` (it was tried there). */
function knows(b: Ballot, i: number, dialect: DialectName): boolean {
  return b.untried === undefined || ((b.untried[i] ?? 0) & DIALECT_BIT.get(dialect)!) === 0;
}

/**
 * Readings of the Type cells seen so far, by `readingKey`. A tree writes the same few hundred
 * cells (`*string*`, `[models.X](./x.md)`) thousands of times (vercel-ts: 7,742 cells, 1,665
 * distinct), and trying eight grammars on each was the largest part of a cold run. A reading is a
 * function of its key alone, so the memo may outlive a run; it is bounded for `--watch`.
 */
const knownReadings = new Map<string, CellRead>();
const MAX_KNOWN_READINGS = 50_000;
/** `readingKey` spends one UTF-16 unit per character on style and link index (4 + 4 × index). */
const MAX_KEYED_LINKS = 4096;

/**
 * Everything a grammar's reading of a cell depends on: the text `looksLike` judges, the flattened
 * text, each character's style and the link that covers it (by what the link says, not by its
 * index). Columns and the doc's path are not part of it: they only place diagnostics, and
 * detection reports none from cells.
 */
function readingKey(cellText: string, flat: FlatCell): string {
  let key = `${cellText}\u0000${flat.text}\u0000`;
  for (let i = 0; i < flat.style.length; i++) key += String.fromCharCode(48 + flat.style[i]! + (flat.linkOf[i]! + 1) * 4);
  for (const link of flat.links) key += `\u0000${link.url}\u0001${link.target ?? ""}`;
  return key;
}

/**
 * Pick the dialect the docs are written in. Each doc scores every dialect by how many of its Type
 * cells that dialect's grammar reads in its own vocabulary; docs without Type cells (enums) do not
 * vote. A doc whose best score belongs to one dialect votes for it; a doc whose cells read equally
 * well in several (`*string*` is C#, PHP and TypeScript; `*::String*` Sorbet and Crystalline) votes
 * for none and only has to be readable by the winner. The dialect with the most votes wins; with
 * no votes, the one that reads the most cells. When several tie even then, they are compared: if
 * they read every cell into the same types and nullability, the first registered is used (the
 * choice makes no difference, and the note says so); if they would read the docs differently, it
 * is an `ambiguous-dialect` error. A doc that voted for another dialect is reported (`mixed-dialects`)
 * when the winner fails a Type cell that dialect reads; a cell no dialect reads (a link to a doc
 * that is not there) is left to the model reader's own diagnostics.
 */
export function detectDialect(docs: readonly DocFile[], byName: NameLookup = anyName): Detection {
  const ballots = docs.map((d) => ballotOf(d));
  const wanted = new Set(ballotsToComplete(ballots, byName));
  return tallyVotes(
    ballots.map((b, i) => (wanted.has(b.path) ? ballotOf(docs[i]!, true) : b)),
    byName,
  );
}

/**
 * The dialect these ballots lean to, before the tally (which may need whole ballots): the one
 * `tallyVotes` would pick from them if nothing tied with it, else undefined. A guess about the
 * docs not yet read, which the pipeline checks against the tally of all of them.
 */
export function leadingDialect(ballots: readonly Ballot[], byName: NameLookup = anyName): DialectName | undefined {
  const { winner, tied } = scoreOnce(ballots, byName);
  return tied.length > 0 ? undefined : winner;
}

/** The scores of a tally: votes, totals, each voting doc's best dialects, and the winner. */
interface Scores {
  votes: Map<DialectName, number>;
  totals: Map<DialectName, number>;
  scored: { ballot: Ballot; best: DialectName[] }[];
  winner?: DialectName;
  /** Dialects tied with the winner when no doc voted for it alone (they are then compared). */
  tied: DialectName[];
}

/** The last scores, for the same ballots and lookup (`ballotsToComplete` then `tallyVotes`). */
let lastScores: { ballots: Ballot[]; byName: NameLookup; scores: Scores } | undefined;

function score(ballots: readonly Ballot[], byName: NameLookup): Scores {
  const last = lastScores;
  if (last && last.byName === byName && last.ballots.length === ballots.length && last.ballots.every((b, i) => b === ballots[i])) return last.scores;
  const scores = scoreOnce(ballots, byName);
  lastScores = { ballots: [...ballots], byName, scores };
  return scores;
}

function scoreOnce(ballots: readonly Ballot[], byName: NameLookup): Scores {
  const votes = new Map<DialectName, number>();
  const totals = new Map<DialectName, number>();
  const scored: Scores["scored"] = [];
  for (const ballot of ballots) {
    let best: DialectName[] = [];
    let bestScore = 0;
    for (const name of DIALECTS.keys()) {
      let score = 0;
      for (const c of ballot.cells) if (c[name]?.l && valid(ballot, c[name], byName)) score++;
      if (score > 0) totals.set(name, (totals.get(name) ?? 0) + score);
      if (score > bestScore) {
        best = [name];
        bestScore = score;
      } else if (score === bestScore && score > 0) best.push(name);
    }
    if (best.length === 0) continue;
    scored.push({ ballot, best });
    if (best.length === 1) votes.set(best[0]!, (votes.get(best[0]!) ?? 0) + 1);
  }
  if (scored.length === 0) return { votes, totals, scored, tied: [] };
  const order = [...DIALECTS.keys()];
  const rank = (a: DialectName, b: DialectName) =>
    (votes.get(b) ?? 0) - (votes.get(a) ?? 0) || (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || order.indexOf(a) - order.indexOf(b);
  const names = [...totals.keys()].sort(rank);
  const winner = names[0]!;
  const tied = votes.get(winner) ? [] : names.filter((n) => totals.get(n) === totals.get(winner));
  return { votes, totals, scored, winner, tied: tied.length > 1 ? tied : [] };
}

const valid = (b: Ballot, c: CellReading | undefined, byName: NameLookup) => c !== undefined && (c.n ?? []).every((n) => byName(n, b.path) !== undefined);

/**
 * The partial ballots the tally must have whole, by path: when dialects tie, those holding a cell
 * that a tied dialect did not try (do they read the docs alike?); else those of docs that voted
 * against the winner where only a cell it did not try can tell whether it fails one that their
 * dialect reads (`failsVoter`). Usually none.
 */
export function ballotsToComplete(ballots: readonly Ballot[], byName: NameLookup = anyName): string[] {
  const { scored, winner, tied } = score(ballots, byName);
  if (winner === undefined) return [];
  const unknown = (b: Ballot, d: DialectName) => b.cells.some((_, i) => !knows(b, i, d));
  if (tied.length > 0) return scored.filter((s) => tied.some((d) => unknown(s.ballot, d))).map((s) => s.ballot.path);
  return scored.filter(({ ballot, best }) => !best.includes(winner) && failsVoter(ballot, best, winner, byName) === undefined).map((s) => s.ballot.path);
}

/**
 * Whether `winner` fails a Type cell that one of `best`, the dialects a doc voted for, reads: the
 * doc is then written in another dialect. Undefined when only a cell the winner was not tried on
 * could tell (the tally needs that ballot whole).
 */
function failsVoter(b: Ballot, best: readonly DialectName[], winner: DialectName, byName: NameLookup): boolean | undefined {
  let open = false;
  for (let i = 0; i < b.cells.length; i++) {
    const c = b.cells[i]!;
    if (!best.some((d) => valid(b, c[d], byName))) continue;
    if (!knows(b, i, winner)) open = true;
    else if (!valid(b, c[winner], byName)) return true;
  }
  return open ? undefined : false;
}

/** Count the ballots (in doc order) with names judged by `byName`; those `ballotsToComplete` names must be whole. */
export function tallyVotes(ballots: readonly Ballot[], byName: NameLookup = anyName): Detection {
  const { votes, totals, scored, winner, tied } = score(ballots, byName);
  const diagnostics: Diagnostic[] = [];
  const at = (file: string) => ({ file, line: 1, column: 1 });
  if (winner === undefined) {
    const message = ballots.length === 0 ? "the input folder holds no docs (.md files) to detect the dialect from" : "no doc has a Type cell in a dialect docs2ts knows; pass --dialect";
    diagnostics.push({ severity: "error", ...at(ballots[0]?.path ?? "."), code: "unknown-dialect", message });
    return { votes, diagnostics };
  }
  const partial = (b: Ballot) => new Error(`internal: the tally needs the whole ballot of ${b.path}`);
  /** Cell `i`'s reading by `d` as the tally uses it: its reading if valid, else "". */
  const known = (b: Ballot, i: number, d: DialectName): string => {
    if (!knows(b, i, d)) throw partial(b);
    const c = b.cells[i]![d];
    return valid(b, c, byName) ? c!.r : "";
  };
  let tiedNote: string | undefined;
  const reading = (b: Ballot, d: DialectName) => b.cells.map((_, i) => known(b, i, d)).join("\u0000");
  if (tied.length > 0) {
    const same = tied.every((n) => scored.every((s) => reading(s.ballot, n) === reading(s.ballot, winner)));
    if (!same) {
      diagnostics.push({ severity: "error", ...at(scored[0]!.ballot.path), code: "ambiguous-dialect", message: `every Type cell reads equally well as ${tied.join(", ")}, and they would read them differently; pass --dialect` });
      return { votes, diagnostics };
    }
    // The same types whichever is chosen: no problem to report, only a note.
    tiedNote = `no doc decides between ${tied.join(", ")}, which read every Type cell alike`;
  }
  const against = new Map<string, string[]>();
  for (const { ballot, best } of scored) {
    if (best.includes(winner)) continue;
    // A doc that reads better in another dialect is mixed only where the winner fails a cell that
    // dialect reads (`*int*`, `*bool*` and `[models.X](…)` are several dialects' words; a link to
    // a missing doc fails in every dialect and is reported as such).
    const fails = failsVoter(ballot, best, winner, byName);
    if (fails === undefined) throw partial(ballot);
    if (fails) pushTo(against, best.join(" or "), ballot.path);
  }
  for (const [name, files] of against) {
    diagnostics.push({
      severity: "error",
      ...at(files[0]!),
      code: "mixed-dialects",
      message: `written in ${name} while most docs are ${winner}: ${files.slice(0, 5).join(", ")}${files.length > 5 ? ` and ${files.length - 5} more` : ""}`,
    });
  }
  const note = `dialect ${winner} (${tiedNote ?? (votes.get(winner) ? `detected from ${votes.get(winner)} docs` : `read best by ${totals.get(winner)} Type cells`)})`;
  return { dialect: DIALECTS.get(winner)!, votes, diagnostics, note };
}

function typeCells(doc: DocFile): Cell[] {
  const cells: Cell[] = [];
  for (const section of doc.sections) {
    for (const table of section.tables) {
      const typeCol = table.header.findIndex((c) => c.text.toLowerCase() === "type");
      if (typeCol < 0) continue;
      for (const row of table.rows) {
        const cell = row[typeCol];
        if (cell) cells.push(cell);
      }
    }
  }
  return cells;
}
