#!/usr/bin/env node
/**
 * Instructions one stage of docs2ts executes, counted by valgrind (cachegrind): a measure of a
 * small change that wall time on a shared machine cannot show (its runs move by ±30% there,
 * bench/RESULTS.md, twenty-second session). V8 runs single-threaded (no compiler or collector
 * threads racing the main one) with fixed hash and random seeds, so a count repeats within
 * about 0.1% run after run (the IR stage within 0.3%); compare two builds by running this in each.
 *
 *   npm run build && node bench/instructions.mjs [parse|ir|emit|all] [--corpus DIR] [--dialect NAME]
 *
 * `parse` reads every doc of the corpus in one process (`parsePlainDoc`, the fast reader, with
 * the CLI's parse budget); `ir` reads each parsed doc's model with the dialect and finishes the
 * IR (`readModel`, `finishIR`: a run's "ir" stage without a cache; the docs are parsed in both
 * processes); `emit` emits every model of its IR (`modelFile`, with the CLI's emit budget), the
 * IR made first outside valgrind by `docs2ts ir`. Each count is the stage's alone:
 * the same process without the stage loop (start-up, reading the docs or the IR) is counted too
 * and taken off. Needs valgrind on the PATH; a run takes about a minute per stage.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const dist = (path) => pathToFileURL(join(root, "dist", path)).href;

if (process.argv[2] === "--child") await child(process.argv[3], process.argv[4], process.argv[5] === "1", process.argv[6]);
else await main();

async function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const stage = args[0] !== undefined && !args[0].startsWith("--") ? args[0] : "all";
  if (!["parse", "ir", "emit", "all"].includes(stage)) fail(`unknown stage '${stage}': parse, ir, emit or all`);
  const corpus = resolve(option("--corpus", join(root, "..", "shared", "corpora", "vercel-ts")));
  const dialect = option("--dialect", "typescript");
  if (!existsSync(corpus)) fail(`no corpus at ${corpus}`);
  if (!existsSync(join(root, "dist", "emit", "index.js"))) fail("no build: run `npm run build` first");
  if (spawnSync("valgrind", ["--version"]).status !== 0) fail("valgrind is not on the PATH");
  const { RAISED_BUDGET, EMIT_BUDGET } = await import(dist("v8-budget.js"));
  const tmp = mkdtempSync(join(tmpdir(), "docs2ts-instructions-"));
  try {
    const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
    console.log(`docs2ts instructions — build ${commit || "?"}, node ${process.version}, corpus ${corpus}`);
    if (stage === "parse" || stage === "all") report("parse", corpus, RAISED_BUDGET);
    if (stage === "ir" || stage === "all") report("ir", corpus, RAISED_BUDGET, dialect);
    if (stage === "emit" || stage === "all") {
      const ir = join(tmp, "ir.json");
      const made = spawnSync(process.execPath, [join(root, "bin", "docs2ts.js"), "ir", "--input", corpus, "--dialect", dialect], { encoding: "utf8", maxBuffer: 1 << 30 });
      if (made.status !== 0) fail(`docs2ts ir failed: ${made.stderr.trim().split("\n").pop()}`);
      writeFileSync(ir, made.stdout);
      report("emit", ir, EMIT_BUDGET);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Count the stage and the same process without it; print the difference. */
function report(stage, input, budget, dialect = "") {
  const whole = count(stage, input, budget, true, dialect);
  const rest = count(stage, input, budget, false, dialect);
  console.log(`${stage}: ${(whole.refs - rest.refs).toLocaleString("en-US")} instructions (whole process ${whole.refs.toLocaleString("en-US")}, without the stage ${rest.refs.toLocaleString("en-US")}); ${whole.note}`);
}

function count(stage, input, budget, run, dialect) {
  const r = spawnSync(
    "valgrind",
    [
      "--tool=cachegrind",
      "--cache-sim=no",
      "--cachegrind-out-file=/dev/null",
      "--smc-check=all-non-file",
      process.execPath,
      "--single-threaded",
      "--hash-seed=1",
      "--random-seed=1",
      `--interrupt-budget=${budget}`,
      fileURLToPath(import.meta.url),
      "--child",
      stage,
      input,
      run ? "1" : "0",
      dialect,
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const refs = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
  if (r.status !== 0 || !refs) fail(`valgrind run failed (${stage}): ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  return { refs: Number(refs[1].replace(/,/g, "")), note: r.stdout.trim() };
}

/** The stage loop, run under valgrind: `run` false does everything but the loop. */
async function child(stage, input, run, irDialect) {
  if (stage === "parse" || stage === "ir") {
    const { parsePlainDoc } = await import(dist("markdown/fast.js"));
    const docs = [];
    const walk = (dir) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.name.endsWith(".md")) docs.push([relative(input, path), readFileSync(path, "utf8")]);
      }
    };
    walk(input);
    if (stage === "parse") {
      let read = 0;
      if (run) for (const [path, text] of docs) if (parsePlainDoc(text, path)) read++;
      console.log(`${docs.length} docs, ${run ? `${read} read by the fast reader` : "not parsed"}`);
      return;
    }
    // ir: as a run without a cache reads models, each doc's right after its parse, so that its
    // tree dies young (the docs' titles, which the link rules need, come from a first parse in
    // both processes). Each doc is parsed again in both processes; only reading the models and
    // finishing the IR (`finishIR`) are the stage's. Holding every tree at once instead made
    // the count move by 0.3 G from one process to the next (the collector's old generation).
    const { parseText, readModel } = await import(dist("steps.js"));
    const { docResolvers, finishIR } = await import(dist("ir/build.js"));
    const { getDialect } = await import(dist("dialects/index.js"));
    const tree = [];
    for (const [path, text] of docs) {
      const doc = await parseText(path, text);
      tree.push({ path: doc.path, ...(doc.title ? { title: doc.title.text } : {}) });
    }
    const dialect = getDialect(irDialect);
    const resolvers = docResolvers(tree);
    const results = [];
    for (const [path, text] of docs) {
      const doc = await parseText(path, text);
      if (run) results.push(readModel(doc, dialect, resolvers, false));
    }
    const models = run ? finishIR(dialect.name, results, [], { keys: "as-written" }).models.length : 0;
    console.log(`${docs.length} docs, ${run ? `${models} models read` : "not read"}`);
    return;
  }
  const { modelFile, loadTemplates, DEFAULT_OPTIONS } = await import(dist("emit/index.js"));
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const ir = JSON.parse(readFileSync(input, "utf8"));
  const models = new Map(ir.models.map((m) => [m.source, m]));
  const settings = { ...DEFAULT_OPTIONS, version };
  const templates = loadTemplates();
  let bytes = 0;
  if (run) for (const m of ir.models) bytes += modelFile(m, models, settings, templates).content.length;
  console.log(`${ir.models.length} models${run ? `, ${bytes.toLocaleString("en-US")} characters emitted` : ", not emitted"}`);
}

function fail(message) {
  console.error(`instructions: ${message}`);
  process.exit(1);
}
