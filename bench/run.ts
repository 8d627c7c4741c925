/**
 * `npm run bench`: runs bench/validators.js once per comparison (payload set x shape regime x
 * valid/invalid), each in its own process, then prints the medians and the ratios against ajv,
 * and checks the targets. `--record` also writes bench/RESULTS.md.
 *
 *   node dist-bench/bench/run.js [--record] [--quick] [--only NAME,...] [--kinds valid,invalid] [--regimes mixed,full]
 *                                [--stability N]
 *
 * The machine's load average is printed (and recorded) at the start and the end: on a shared
 * machine the figures of a loaded run are not comparable with a quiet one. `--stability N`
 * (default 3 with --record) runs the comparisons that have a hand-written checker N more times
 * and prints its time in each run: a benchmark whose fixed reference moves between runs by more
 * than a few percent cannot resolve the ratios it prints.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SETS } from "./sets.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const repo = resolve(here, "../..");

const { values: args } = parseArgs({
  options: {
    record: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    kinds: { type: "string", default: "valid,invalid" },
    regimes: { type: "string", default: "mixed,full" },
    stability: { type: "string" },
  },
});

const load = () => loadavg().map((x) => x.toFixed(1)).join(", ");
const loadStart = load();
process.stderr.write(`load average at the start: ${loadStart} (${cpus().length} cores)\n`);

interface Row {
  set: string;
  regime: string;
  kind: string;
  /** Median ns per validation. */
  nsPerOp: Record<string, number>;
  /** 10th percentile of the rounds: the least disturbed by other processes. */
  p10: Record<string, number>;
  /** Interquartile range of the rounds / median. */
  spread: Record<string, number>;
}

const only = args.only?.split(",");
const sets = SETS.filter((s) => !only || only.includes(s.name));
const rows: Row[] = [];

/** One comparison, in its own process. */
function compare(set: string, regime: string, kind: string): Row {
  const extra = args.quick ? ["--rounds", "11", "--warmup-ms", "150"] : [];
  const r = spawnSync(process.execPath, [join(here, "validators.js"), "--set", set, "--regime", regime, "--kind", kind, ...extra], { encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`comparison ${set} / ${regime} / ${kind} failed`);
  }
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Row;
}
for (const kind of args.kinds.split(",")) {
  for (const regime of args.regimes.split(",")) {
    for (const s of sets) {
      const row = compare(s.name, regime, kind);
      rows.push(row);
      process.stderr.write(`  ${kind.padEnd(7)} ${regime.padEnd(5)} ${s.name}: isX ${(row.nsPerOp["ajv"]! / row.nsPerOp["docs2ts isX"]!).toFixed(2)}x ajv\n`);
    }
  }
}

const LIBS = ["docs2ts isX", "docs2ts validateX", "ajv", "ajv allErrors", "zod 4", "valibot 1", "hand-written"];
const geomean = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const fmtNs = (ns: number | undefined) => (ns === undefined ? "–" : ns >= 10_000 ? `${(ns / 1000).toFixed(0)} µs` : ns >= 1000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);
const fmtRatio = (x: number | undefined) => (x === undefined ? "–" : `${x.toFixed(2)}`);

function table(kind: string, regime: string): { text: string; ratios: Record<string, number[]> } {
  const sel = rows.filter((r) => r.kind === kind && r.regime === regime);
  const ratios: Record<string, number[]> = Object.fromEntries(LIBS.map((l) => [l, []]));
  const lines = [
    `#### ${kind} payloads, ${regime === "mixed" ? "mixed optional fields" : "all fields present"}`,
    "",
    "Median time per validation, and in brackets the speed relative to ajv (first-error mode): >1 is faster than ajv.",
    "",
    `| payload set | ${LIBS.join(" | ")} |`,
    `| --- | ${LIBS.map(() => "---:").join(" | ")} |`,
  ];
  for (const r of sel) {
    const ajv = r.nsPerOp["ajv"]!;
    const cells = LIBS.map((l) => {
      const ns = r.nsPerOp[l];
      if (ns === undefined) return "–";
      ratios[l]!.push(ajv / ns);
      return `${fmtNs(ns)} (${fmtRatio(ajv / ns)})`;
    });
    lines.push(`| ${r.set} | ${cells.join(" | ")} |`);
  }
  lines.push(`| **geometric mean vs ajv** | ${LIBS.map((l) => (ratios[l]!.length ? `**${fmtRatio(geomean(ratios[l]!))}**` : "–")).join(" | ")} |`);
  return { text: lines.join("\n"), ratios };
}

const out: string[] = [];
/** The targets, measured on one statistic of the rounds. */
function targetChecks(stat: "nsPerOp" | "p10"): { target: string; value: string; met: boolean }[] {
  const checks: { target: string; value: string; met: boolean }[] = [];
  for (const kind of args.kinds.split(",")) {
    for (const regime of args.regimes.split(",")) {
      const sel = rows.filter((r) => r.kind === kind && r.regime === regime);
      if (sel.length === 0) continue;
      const isx = sel.map((r) => r[stat]["ajv"]! / r[stat]["docs2ts isX"]!);
      if (kind === "valid") {
        const g = geomean(isx);
        const min = Math.min(...isx);
        checks.push({ target: `isX valid (${regime}): geometric mean >= 3x ajv`, value: `${g.toFixed(2)}x`, met: g >= 3 });
        checks.push({ target: `isX valid (${regime}): every set >= 2x ajv`, value: `min ${min.toFixed(2)}x (${sel[isx.indexOf(min)]!.set})`, met: min >= 2 });
        const slow = sel.map((r) => r[stat]["docs2ts validateX"]! / r[stat]["docs2ts isX"]!);
        const gs = geomean(slow);
        const worst = Math.max(...slow);
        checks.push({
          target: `validateX valid (${regime}): within 10% of isX`,
          value: `geometric mean ${((gs - 1) * 100).toFixed(1)}%, worst ${((worst - 1) * 100).toFixed(1)}% (${sel[slow.indexOf(worst)]!.set})`,
          met: gs <= 1.1,
        });
      } else {
        const g = geomean(isx);
        checks.push({ target: `isX invalid (${regime}): >= 3x ajv`, value: `${g.toFixed(2)}x (min ${Math.min(...isx).toFixed(2)}x)`, met: g >= 3 });
        const v = sel.map((r) => r[stat]["ajv allErrors"]! / r[stat]["docs2ts validateX"]!);
        const gv = geomean(v);
        checks.push({ target: `validateX invalid (${regime}), all issues: >= 1.5x ajv allErrors`, value: `${gv.toFixed(2)}x (min ${Math.min(...v).toFixed(2)}x)`, met: gv >= 1.5 });
      }
    }
  }
  return checks;
}
for (const kind of args.kinds.split(",")) {
  for (const regime of args.regimes.split(",")) out.push(table(kind, regime).text, "");
}
// Stability: the hand-written checker (fixed code, no generator involved) timed again in fresh processes.
const stabilityRuns = Number(args.stability ?? (args.record ? "3" : "0"));
const stability: string[] = [];
if (stabilityRuns > 0) {
  stability.push(
    `#### Stability: the hand-written checker in ${stabilityRuns + 1} runs (the table's and ${stabilityRuns} more, each a fresh process)`,
    "",
    "| comparison | runs (median ns per validation) | max / min | speed vs ajv in each run | spread of rounds (IQR / median) |",
    "| --- | --- | ---: | --- | ---: |",
  );
  for (const row of rows.filter((r) => r.nsPerOp["hand-written"] !== undefined)) {
    const again = Array.from({ length: stabilityRuns }, () => compare(row.set, row.regime, row.kind));
    const all = [row, ...again];
    const ns = all.map((r) => r.nsPerOp["hand-written"]!);
    const spreads = all.map((r) => r.spread?.["hand-written"] ?? NaN);
    stability.push(
      `| ${row.set}, ${row.kind}, ${row.regime} | ${ns.map((x) => x.toFixed(0)).join(", ")} | ${(Math.max(...ns) / Math.min(...ns)).toFixed(2)} | ${all.map((r) => (r.nsPerOp["ajv"]! / r.nsPerOp["hand-written"]!).toFixed(2)).join(", ")} | ${spreads.map((x) => (x * 100).toFixed(0) + "%").join(", ")} |`,
    );
  }
  out.push(stability.join("\n"), "");
}
const loadEnd = load();
const loadLine = `load average (1, 5, 15 min) at the start ${loadStart}, at the end ${loadEnd}, on ${cpus().length} cores`;
out.unshift(loadLine, "");
const med = targetChecks("nsPerOp");
const low = targetChecks("p10");
const targets = [
  "| target | measured (medians) | met | measured (10th percentiles) | met |",
  "| --- | --- | --- | --- | --- |",
  ...med.map((c, i) => `| ${c.target} | ${c.value} | ${c.met ? "yes" : "**no**"} | ${low[i]!.value} | ${low[i]!.met ? "yes" : "**no**"} |`),
].join("\n");
process.stdout.write(`\n${out.join("\n")}\n${targets}\n`);

if (args.record) {
  const version = (name: string) => (JSON.parse(readFileSync(join(repo, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  const cpu = cpus()[0]?.model ?? "unknown";
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    // nproc missing: os.cpus() count stands.
  }
  const doc = [
    "# Validator benchmark: results",
    "",
    "Written by `npm run bench -- --record` (see README, \"Benchmark\"); numbers from one run on the machine below.",
    "Each line of a table is one process (one payload set, one shape regime, valid or invalid payloads) that",
    "timed every validator in rounds of a seeded shuffled order, each timed batch after an untimed 3 ms lead-in; the figure is the median time per validation.",
    "",
    `- machine: ${nproc} cores (nproc), ${cpu}; ${loadLine}`,
    `- node ${process.version}; ajv ${version("ajv")}, zod ${version("zod")}, valibot ${version("valibot")}, docs2ts ${version("../")}`,
    `- date: ${new Date().toISOString().slice(0, 10)}${args.quick ? " (quick mode: fewer rounds)" : ""}`,
    "",
    "## Targets",
    "",
    targets,
    "",
    "## Tables",
    "",
    out.join("\n"),
  ].join("\n");
  // bench/RESULTS.md holds both benchmarks: this one's part sits between two markers, and its
  // hand-written "## Analysis" (what the numbers mean) is kept across runs; the rest of the file
  // (the generation benchmark's runs) is left as it is.
  const path = join(repo, "bench/RESULTS.md");
  const START = "<!-- npm run bench: start -->";
  const END = "<!-- npm run bench: end -->";
  let old = "";
  try {
    old = readFileSync(path, "utf8");
  } catch {
    // No earlier results.
  }
  const s = old.indexOf(START);
  const e = old.indexOf(END);
  const [before, section, after] = s >= 0 && e > s ? [old.slice(0, s), old.slice(s + START.length, e), old.slice(e + END.length)] : ["", "", old ? `\n${old}` : ""];
  const at = section.indexOf("\n## Analysis");
  const analysis = at >= 0 ? section.slice(at).trimEnd() + "\n" : "";
  writeFileSync(path, `${before}${START}\n${doc.trimEnd()}\n${analysis}${END}${after}`);
  process.stderr.write("wrote bench/RESULTS.md\n");
}
