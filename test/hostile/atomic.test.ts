import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, type OutputFile } from "../../generator/api.js";
import { MANIFEST } from "../../generator/output/manifest.js";
import { planOutput, writeOutput } from "../../generator/output/write.js";
import { tempTree } from "../helpers/cli.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";

/** Every file below `dir` (relative paths) with its text, hidden docs2ts work files (staging, journal, lock) excluded. */
function snapshot(dir: string, rel = ""): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(join(dir, rel))) return out;
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (path === ".docs2ts-staging" || path.startsWith(".docs2ts-journal") || path === ".docs2ts-lock") continue;
    if (e.isDirectory()) Object.assign(out, snapshot(dir, path));
    else out[path] = readFileSync(join(dir, path), "utf8");
  }
  return out;
}

function expected(files: readonly OutputFile[], extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { ...extra };
  for (const f of files) out[f.path] = f.content;
  out[MANIFEST] = JSON.stringify({ generator: "docs2ts", files: files.map((f) => f.path).sort() }, null, 2) + "\n";
  return out;
}

const specs = generate(join(repoRoot, "specs")).files;
const corpus = generate(corpusPath("clerk-ruby-sorbet")).files;

describe("atomic output", () => {
  it("a run interrupted after its commit point is completed by the next run", async () => {
    const out = join(tempTree({}), "out");
    writeOutput(out, specs);
    writeFileSync(join(out, "user-notes.txt"), "mine");
    // The state a run killed mid-apply leaves: some staged files moved, a committed journal.
    const staged = corpus.slice(0, 50);
    mkdirSync(join(out, ".docs2ts-staging/models"), { recursive: true });
    for (const f of staged.slice(10)) writeFileSync(join(out, ".docs2ts-staging", f.path), f.content);
    for (const f of staged.slice(0, 10)) {
      mkdirSync(join(out, "models"), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    const journal = { write: staged.map((f) => f.path), remove: [], manifest: { generator: "docs2ts", files: [...specs, ...staged].map((f) => f.path).sort() } };
    writeFileSync(join(out, ".docs2ts-journal.json"), JSON.stringify(journal));
    // --check (read-only) does not touch it; the next real run completes it, then applies its own plan.
    planOutput(out, corpus);
    expect(existsSync(join(out, ".docs2ts-journal.json"))).toBe(true);
    writeOutput(out, corpus);
    expect(snapshot(out)).toEqual(expected(corpus, { "user-notes.txt": "mine" }));
    expect(existsSync(join(out, ".docs2ts-journal.json"))).toBe(false);
    expect(existsSync(join(out, ".docs2ts-staging"))).toBe(false);
  });

  it("a new output folder is written beside it and renamed into place whole; a killed run's work folder is removed by the next", async () => {
    const parent = tempTree({});
    const out = join(parent, "out");
    // What a run killed while writing a new folder leaves: no output folder, a work folder beside it.
    mkdirSync(join(parent, "out.docs2ts-new-99999/models"), { recursive: true });
    writeFileSync(join(parent, "out.docs2ts-new-99999/models/Half.ts"), "export const half = ");
    writeFileSync(join(parent, "other.txt"), "not ours");
    const plan = writeOutput(out, specs);
    expect(plan.changed.sort()).toEqual(specs.map((f) => f.path).sort());
    expect(snapshot(out)).toEqual(expected(specs));
    expect(readdirSync(parent).sort()).toEqual(["other.txt", "out"]);
    // The next run over it takes the usual way (manifest, only changed files written).
    expect((writeOutput(out, specs)).changed).toEqual([]);
  });

  it("a run interrupted before its commit point leaves the old output; its staging is dropped", async () => {
    const out = join(tempTree({}), "out");
    writeOutput(out, specs);
    const before = snapshot(out);
    mkdirSync(join(out, ".docs2ts-staging/models"), { recursive: true });
    writeFileSync(join(out, ".docs2ts-staging/models/Half.ts"), "export const half = ");
    writeFileSync(join(out, ".docs2ts-journal.json.tmp"), '{"write": ["models/Ha');
    expect(snapshot(out)).toEqual(before);
    writeOutput(out, specs);
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(join(out, ".docs2ts-staging"))).toBe(false);
    expect(existsSync(join(out, ".docs2ts-journal.json.tmp"))).toBe(false);
  });

  it("a real process killed at random moments leaves the old output, the new one, or a committed journal", async () => {
    const root = tempTree({});
    const out = join(root, "out");
    writeOutput(out, specs);
    const oldState = snapshot(out);
    const newState = expected(corpus);
    const outcomes = new Set<string>();
    for (const delay of [150, 400, 700, 1000, 1300, 1600, 2000, 2500]) {
      const child = spawn(process.execPath, [join(repoRoot, "bin/docs2ts.js"), "generate", "--input", corpusPath("clerk-ruby-sorbet"), "--out", out], { stdio: "ignore" });
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await exited;
      const now = snapshot(out);
      const committed = existsSync(join(out, ".docs2ts-journal.json"));
      // Compared without regard to order: a finished run lists its files in the folder's order.
      const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
      const which = same(now, oldState) ? "old" : same(now, newState) ? "new" : committed ? "committed" : "torn";
      outcomes.add(which);
      expect(which, `killed after ${delay} ms`).not.toBe("torn");
      // Put the old output back for the next trial (the next run first completes any journal, and
      // takes over the lock the killed run left).
      writeOutput(out, corpus);
      writeOutput(out, specs);
      expect(snapshot(out)).toEqual(oldState);
      expect(existsSync(join(out, ".docs2ts-lock"))).toBe(false);
    }
    expect(outcomes.size).toBeGreaterThan(0);
    writeOutput(out, corpus);
    expect(snapshot(out)).toEqual(newState);
    rmSync(root, { recursive: true, force: true });
  });
});
