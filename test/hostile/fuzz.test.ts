import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { type DocSource, generate } from "../../generator/api.js";
import { DIAGNOSTIC_CODES } from "../../generator/ir/codes.js";
import { docs2ts, tempTree } from "../helpers/cli.js";
import { corpusPath } from "../helpers/shared.js";

/**
 * Structured mutations of real docs: no input may make docs2ts throw, and every diagnostic must
 * be well formed. `npm test` runs a bounded number; `DOCS2TS_FUZZ_RUNS=10000 npx vitest run
 * test/hostile/fuzz.test.ts` runs a long campaign.
 */
const RUNS = Number(process.env.DOCS2TS_FUZZ_RUNS ?? 150);
const SEED = process.env.DOCS2TS_FUZZ_SEED ? Number(process.env.DOCS2TS_FUZZ_SEED) : 20261125;

// A closed set of real docs: PhoneNumber with the docs it links to, an enum, an operation response.
const corpus = corpusPath("clerk-ruby-sorbet");
const BASE = [
  "models/shared/phonenumber.md",
  "models/shared/phonenumberobject.md",
  "models/shared/identificationlink.md",
  "models/shared/type.md",
  "models/operations/createphonenumberresponse.md",
  "models/shared/clerkerrors.md",
  "models/shared/clerkerror.md",
  "models/shared/clerkerrorsmeta.md",
  "models/shared/meta.md",
].map((path) => ({ path, text: readFileSync(join(corpus, path), "utf8") }));

type Mutation = (bytes: Uint8Array, r: () => number) => Uint8Array;
const enc = new TextEncoder();
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const pick = <T,>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;
const lines = (b: Uint8Array) => dec(b).split("\n");
const join_ = (ls: string[]) => enc.encode(ls.join("\n"));

const MUTATIONS: Record<string, Mutation> = {
  dropPipe: (b, r) => {
    const s = dec(b);
    const at = [...s.matchAll(/\|/g)].map((m) => m.index!);
    if (at.length === 0) return b;
    const i = pick(at, r);
    return enc.encode(s.slice(0, i) + s.slice(i + 1));
  },
  swapCells: (b, r) => {
    const ls = lines(b);
    const rows = ls.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith("|"));
    if (rows.length === 0) return b;
    const [row, i] = pick(rows, r);
    const cells = row.split("|");
    const x = 1 + Math.floor(r() * (cells.length - 2));
    const y = 1 + Math.floor(r() * (cells.length - 2));
    [cells[x], cells[y]] = [cells[y]!, cells[x]!];
    ls[i] = cells.join("|");
    return join_(ls);
  },
  truncateLine: (b, r) => {
    const ls = lines(b);
    const i = Math.floor(r() * ls.length);
    ls[i] = ls[i]!.slice(0, Math.floor(r() * ls[i]!.length));
    return join_(ls);
  },
  truncateFile: (b, r) => b.slice(0, Math.floor(r() * b.length)),
  randomBytes: (b, r) => {
    const at = Math.floor(r() * (b.length + 1));
    const junk = Uint8Array.from({ length: 1 + Math.floor(r() * 8) }, () => Math.floor(r() * 256));
    return Uint8Array.from([...b.slice(0, at), ...junk, ...b.slice(at)]);
  },
  deleteHeading: (b, r) => {
    const ls = lines(b);
    const hs = ls.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith("#"));
    if (hs.length === 0) return b;
    ls.splice(pick(hs, r)[1], 1);
    return join_(ls);
  },
  hugeCell: (b, r) => {
    const ls = lines(b);
    const rows = ls.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith("| `"));
    if (rows.length === 0) return b;
    const [row, i] = pick(rows, r);
    const cells = row.split("|");
    const filler = pick(["x", "T::Array<", "*", "[", "`", "<br/>", "\\", "T.nilable("], r);
    cells[1 + Math.floor(r() * (cells.length - 2))] = ` ${filler.repeat(1000 + Math.floor(r() * 4000))} `;
    ls[i] = cells.join("|");
    return join_(ls);
  },
  markdownNoise: (b, r) => {
    const s = dec(b);
    const at = Math.floor(r() * (s.length + 1));
    const noise = pick(["[", "](", "*", "**", "`", "~~", "<", ">", "\\|", "<br/>", "\n", "\n## Fields\n", "\n# Again\n", "\n| a | b |\n| - | - |\n", "<!--", "```"], r);
    return enc.encode(s.slice(0, at) + noise + s.slice(at));
  },
  duplicateLine: (b, r) => {
    const ls = lines(b);
    const i = Math.floor(r() * ls.length);
    ls.splice(i, 0, ls[i]!);
    return join_(ls);
  },
  deleteLine: (b, r) => {
    const ls = lines(b);
    ls.splice(Math.floor(r() * ls.length), 1);
    return join_(ls);
  },
};

const mutationPlan = fc.record({
  seed: fc.integer(),
  steps: fc.array(fc.record({ doc: fc.nat(BASE.length - 1), op: fc.constantFrom(...Object.keys(MUTATIONS)) }), { minLength: 1, maxLength: 5 }),
});

function mutate(plan: { seed: number; steps: { doc: number; op: string }[] }): DocSource[] {
  let state = plan.seed >>> 0 || 1;
  const r = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const docs = BASE.map((d) => ({ path: d.path, bytes: enc.encode(d.text) as Uint8Array }));
  for (const step of plan.steps) docs[step.doc]!.bytes = MUTATIONS[step.op]!(docs[step.doc]!.bytes, r);
  return docs;
}

function checkRun(sources: DocSource[]): void {
  const result = generate(sources, { dialect: "auto" });
  const paths = new Set(sources.map((s) => s.path));
  for (const d of result.ir.diagnostics) {
    expect(d.code in DIAGNOSTIC_CODES, d.code).toBe(true);
    expect(paths.has(d.file), d.file).toBe(true);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message).not.toMatch(/[\r\n]/);
  }
  const errors = result.ir.diagnostics.some((d) => d.severity === "error");
  expect(result.files.length === 0).toBe(errors);
  for (const f of result.files.filter((x) => x.path.endsWith(".ts"))) {
    const sf = ts.createSourceFile(f.path, f.content, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const parseErrors = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
    expect(parseErrors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, " ")), f.path).toEqual([]);
  }
}

describe("fuzz: mutated real docs", () => {
  it("huge cells of every kind parse in bounded time and give diagnostics", () => {
    for (const filler of ["x", "T::Array<", "*", "[", "`", "<br/>", "\\", "T.nilable(", "<"]) {
      const docs = BASE.map((d) => ({ path: d.path, bytes: d.text }));
      docs[0] = { path: docs[0]!.path, bytes: docs[0]!.bytes.replace("| *::String*", `| ${filler.repeat(20_000)}`) };
      checkRun(docs);
    }
    const attack = BASE.map((d) => ({ path: d.path, bytes: d.text }));
    attack[0] = { path: attack[0]!.path, bytes: attack[0]!.bytes.replace("| *::String*", `| ${"](".repeat(50_000)}`) };
    const result = generate(attack);
    expect(result.ir.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([
      "models/operations/createphonenumberresponse.md:11 broken-link",
      "models/shared/phonenumber.md:12 too-complex",
    ]);
  });

  it("emphasis runs by the thousand in one cell or across a doc are refused before parsing; fewer are read", () => {
    const withCell = (cell: string, rows = 1) => {
      const docs = BASE.map((d) => ({ path: d.path, bytes: d.text }));
      const row = docs[0]!.bytes.split("\n").find((l) => l.includes("| *::String*"))!;
      const extra = Array.from({ length: rows - 1 }, () => row.replace("| *::String*", `| ${cell}`)).join("\n");
      docs[0] = { path: docs[0]!.path, bytes: docs[0]!.bytes.replace(row, `${row.replace("| *::String*", `| ${cell}`)}${extra ? `\n${extra}` : ""}`) };
      return generate(docs).ir.diagnostics.filter((d) => d.code === "too-complex").map((d) => `${d.file}:${d.line} ${d.message}`);
    };
    // Each of these is 20,000 runs (a backslash-escaped backslash sends the doc to remark, whose
    // emphasis pairing is quadratic: this one took 23 s before the limit).
    for (const filler of ["*a", "_a ", "~a", "\\\\*", "**a*"]) {
      expect(withCell(filler.repeat(20_000)), filler).toEqual([
        expect.stringMatching(/^models\/shared\/phonenumber\.md:12 this paragraph or table row holds \d+ runs of '\*', '_' or '~': docs2ts reads at most 2000 in one$/),
      ]);
    }
    // Under the limit in every row, over the doc's budget together.
    expect(withCell("*a".repeat(1_500), 20)).toEqual([
      expect.stringMatching(/^models\/shared\/phonenumber\.md:\d+ the doc's paragraphs and table rows up to this one hold too many runs of '\*', '_' or '~' together/),
    ]);
    // Within both: read (as the corpora are: at most 31 runs in a block).
    expect(withCell("*a".repeat(1_500), 3)).toEqual([]);
    expect(withCell("\\\\*".repeat(1_500))).toEqual([]);
  });

  it("quotes and lists nested by the hundred, or lines indented past 200 columns, are refused before parsing; code blocks may indent", () => {
    const withTail = (tail: string) => {
      const docs = BASE.map((d) => ({ path: d.path, bytes: d.text }));
      docs[0] = { path: docs[0]!.path, bytes: `${docs[0]!.bytes}\n${tail}` };
      const lines = docs[0].bytes.split("\n").length;
      return { lines, found: generate(docs).ir.diagnostics.filter((d) => d.code === "too-complex").map((d) => `${d.line} ${d.message}`) };
    };
    const first = withTail("").lines; // the line after the doc's own text
    // 50,000 quote markers overflowed remark's stack after 23 s; 1,000 nested list items took 48 s.
    expect(withTail(`${">".repeat(50_000)} x\n`).found).toEqual([`${first} this line opens more than 100 nested quotes or lists: docs2ts reads at most 100`]);
    expect(withTail(`${"- ".repeat(5_000)}x\n`).found).toEqual([`${first} this line opens more than 100 nested quotes or lists: docs2ts reads at most 100`]);
    expect(withTail(`${"> 1. ".repeat(60)}x\n`).found).toEqual([`${first} this line opens more than 100 nested quotes or lists: docs2ts reads at most 100`]);
    const nested = (n: number) => Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}- x\n`).join("");
    expect(withTail(nested(1_000)).found).toEqual([`${first + 101} this line is indented 202 columns: docs2ts reads at most 200 outside code blocks`]);
    // Within the limits: read. Code is not nested markdown, however far it is indented.
    expect(withTail(nested(99)).found).toEqual([]);
    expect(withTail(`\`\`\`json\n${" ".repeat(500)}{}\n\`\`\`\n`).found).toEqual([]);
  });

  it("the unmutated set generates cleanly (the baseline the mutations start from)", () => {
    const result = generate(BASE.map((d) => ({ path: d.path, bytes: d.text })));
    expect(result.ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ir.models.length).toBe(BASE.length);
  });

  it(`never throws, and reports well-formed diagnostics (${RUNS} runs)`, { timeout: 60_000 + RUNS * 1_000 }, () => {
    fc.assert(
      fc.property(mutationPlan, (plan) => {
        checkRun(mutate(plan));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("the real binary exits 0, 1 or 2 with no stack trace on mutated trees", () => {
    const plans = fc.sample(mutationPlan, { numRuns: 4, seed: SEED });
    for (const plan of plans) {
      const root = tempTree({});
      for (const s of mutate(plan)) {
        mkdirSync(dirname(join(root, "docs", s.path)), { recursive: true });
        writeFileSync(join(root, "docs", s.path), s.bytes);
      }
      const r = docs2ts(["generate", "--input", "docs", "--out", "out"], root);
      expect([0, 1, 2]).toContain(r.code);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});
