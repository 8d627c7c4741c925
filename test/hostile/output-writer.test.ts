import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, type OutputFile } from "../../generator/api.js";
import { makeFolder } from "../../generator/output/file.js";
import { LOCK_WAIT_MS, OutputError, OutputWriter, type Plan, THREAD_FROM, writeOutput } from "../../generator/output/write.js";
import { tempTree } from "../helpers/cli.js";
import { repoRoot } from "../helpers/shared.js";

/**
 * The output writer: the CLI gives it each file as soon as it is made, `writeOutput` gives it
 * every file at once; either way the folder must end as the files ask (only changed files
 * written, files no longer made removed), and stay as it was when the run fails or is dropped.
 */

/** Every file below `dir` (relative paths) with its text. */
function snapshot(dir: string, rel = ""): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(join(dir, rel))) return out;
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, snapshot(dir, path));
    else out[path] = readFileSync(join(dir, path), "utf8");
  }
  return out;
}

const specs = generate(join(repoRoot, "specs")).files;
/** The same files, some edited, one dropped, one added. */
const edited: OutputFile[] = [
  ...specs.slice(1).map((f, i) => (i % 3 === 0 ? { path: f.path, content: `${f.content}// edit ${i}\n` } : f)),
  { path: "models/Extra.ts", content: "export type Extra = string;\n" },
];

/** Stream `files` through a writer: half added one by one (as the pipeline does), the rest at `finish`. */
async function streamed(out: string, files: readonly OutputFile[], threadAfter: number): Promise<Plan> {
  const writer = new OutputWriter(out, threadAfter);
  for (const f of files.slice(0, files.length >> 1)) writer.add(f);
  return writer.finish(files);
}

/** Where a run writing a new folder `<parent>/out` puts its files until the commit. */
function workFolder(parent: string): string {
  return join(parent, `out.docs2ts-new-${process.pid}`);
}

function sortedPlan(p: Plan): Plan {
  return { changed: [...p.changed].sort(), unchanged: [...p.unchanged].sort(), removed: [...p.removed].sort(), conflicts: [...p.conflicts].sort() };
}

// Every file written on the main thread, every one by the helper thread, and both (the first
// three here, the rest there), as a large run does after THREAD_FROM files it did not announce.
describe.each([
  ["on the main thread", Infinity],
  ["by the helper thread", 0],
  ["first here, then by the helper thread", 3],
])("streaming output writer, files written %s", (_, threadAfter) => {
  it("ends in the folder and plan the files ask for, streamed or given at once: a new folder, then unchanged, edited, removed and added files", async () => {
    const a = join(tempTree({}), "out");
    const b = join(tempTree({}), "out");
    let before: readonly OutputFile[] = [];
    for (const files of [specs, specs, edited, specs]) {
      // What the plan must be, from the files written before and the ones asked for now.
      const old = new Map(before.map((f) => [f.path, f.content] as const));
      const paths = (list: readonly OutputFile[]) => list.map((f) => f.path).sort();
      const wanted: Plan = {
        changed: paths(files.filter((f) => old.get(f.path) !== f.content)),
        unchanged: paths(files.filter((f) => old.get(f.path) === f.content)),
        removed: paths(before.filter((f) => !files.some((g) => g.path === f.path))),
        conflicts: [],
      };
      const manifest = JSON.stringify({ generator: "docs2ts", files: paths(files) }, null, 2) + "\n";
      const atOnce = writeOutput(a, files);
      const got = await streamed(b, files, threadAfter);
      expect(sortedPlan(atOnce)).toEqual(wanted);
      expect(sortedPlan(got)).toEqual(sortedPlan(atOnce));
      expect(snapshot(b)).toEqual({ ...Object.fromEntries(files.map((f) => [f.path, f.content])), ".docs2ts-manifest.json": manifest });
      expect(snapshot(b)).toEqual(snapshot(a));
      before = files;
    }
    // Nothing else is left beside or in the folder (no work folder, staging or journal).
    expect(readdirSync(join(b, ".."))).toEqual(["out"]);
    expect(readdirSync(b).filter((e) => e.startsWith(".docs2ts-staging") || e.startsWith(".docs2ts-journal"))).toEqual([]);
  });

  it("writes a file when it is added (or, past threadAfter, sends it to the thread in a batch), into its work folder: the output folder appears only at the commit", async () => {
    const parent = tempTree({});
    const out = join(parent, "out");
    const writer = new OutputWriter(out, threadAfter);
    const first = specs.find((f) => f.path.startsWith("models/"))!;
    writer.add(first);
    const work = workFolder(parent);
    // On the main thread add() has written it; the thread gets files in batches, and one file
    // waits for more (or for finish(), which has not been called).
    if (threadAfter > 0) expect(readFileSync(join(work, first.path), "utf8")).toBe(first.content);
    else expect(existsSync(join(work, first.path))).toBe(false);
    expect(existsSync(out)).toBe(false);
    writer.finish(specs);
    expect(readdirSync(parent)).toEqual(["out"]);
    expect(readFileSync(join(out, first.path), "utf8")).toBe(first.content);
  });

  it("a dropped run (abort) leaves the output as it was, new or existing", async () => {
    const parent = tempTree({});
    const out = join(parent, "out");
    const fresh = new OutputWriter(out, threadAfter);
    for (const f of specs) fresh.add(f);
    fresh.abort(); // the work folder goes
    fresh.add(specs[0]!); // ignored from now on
    expect(readdirSync(parent)).toEqual([]);
    expect(() => fresh.finish(specs)).toThrow(/finish after abort/);

    writeOutput(out, specs);
    const before = snapshot(out);
    const again = new OutputWriter(out, threadAfter);
    for (const f of edited) again.add(f);
    again.abort();
    expect(snapshot(out)).toEqual(before);
  });

  it("files said to be kept on disk in a folder that is not there stop the run (it vanished meanwhile), writing nothing", async () => {
    const parent = tempTree({});
    const out = join(parent, "out");
    expect(() => new OutputWriter(out, threadAfter).finish(specs.slice(1), [specs[0]!.path])).toThrow(/disappeared while docs2ts ran/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it("a file in the way that docs2ts did not write is a conflict: an OutputError, and the output untouched", async () => {
    const out = join(tempTree({}), "out");
    writeOutput(out, specs);
    writeFileSync(join(out, "models/Extra.ts"), "// someone else's\n");
    const before = snapshot(out);
    await expect(streamed(out, edited, threadAfter)).rejects.toThrow(/models\/Extra\.ts exists and was not written by docs2ts/);
    expect(snapshot(out)).toEqual(before);
  });

  it("a write that fails is an OutputError naming the file, and the output is untouched, new or existing", async () => {
    // A file named like a folder that holds another file: its write fails (EISDIR), whoever runs it.
    const clash = (files: readonly OutputFile[]): OutputFile[] => [...files, { path: "models", content: "not a folder\n" }];
    const parent = tempTree({});
    const out = join(parent, "out");
    await expect(streamed(out, clash(specs), threadAfter)).rejects.toThrow(OutputError);
    await expect(streamed(out, clash(specs), threadAfter)).rejects.toThrow(/models: cannot write \(EISDIR\)/);
    expect(readdirSync(parent)).toEqual([]);
    writeOutput(out, specs);
    const before = snapshot(out);
    await expect(streamed(out, clash(edited), threadAfter)).rejects.toThrow(OutputError);
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(join(out, ".docs2ts-staging"))).toBe(false);
    // The other way round: a folder wanted where a file was just written (mkdir fails, ENOTDIR/EEXIST;
    // with the helper thread, the folder can be made before the thread writes the file, which then fails, EISDIR).
    const under = (files: readonly OutputFile[]): OutputFile[] => [{ path: "models", content: "a file\n" }, ...files];
    await expect(streamed(join(tempTree({}), "fresh"), under(specs), threadAfter)).rejects.toThrow(/cannot write \((ENOTDIR|EEXIST|EISDIR)\)/);
    await expect(streamed(out, under(edited), threadAfter)).rejects.toThrow(OutputError);
    expect(snapshot(out)).toEqual(before);
  });
});

describe("a run that says how many files it makes (expectFiles)", () => {
  /** Whether the writer wrote `file` at once (main thread) or sent it on to its helper thread. */
  const writtenAtOnce = (writer: OutputWriter, parent: string, file: OutputFile): boolean => {
    writer.add(file);
    return existsSync(join(workFolder(parent), file.path));
  };
  const models = specs.filter((f) => f.path.startsWith("models/"));
  // Files of a large run: the specs' files, copied under numbered folders.
  const many = (n: number): OutputFile[] => Array.from({ length: n }, (_, i) => ({ path: `c${i}/${specs[i % specs.length]!.path}`, content: specs[i % specs.length]!.content }));

  it(`from ${THREAD_FROM} files on, has the helper thread write from the next file on; fewer stay here (until threadAfter)`, () => {
    for (const [announced, here] of [[THREAD_FROM, false], [THREAD_FROM - 1, true], [5000, false], [0, true]] as const) {
      const parent = tempTree({});
      const writer = new OutputWriter(join(parent, "out"), THREAD_FROM);
      expect(writtenAtOnce(writer, parent, models[0]!), `before expectFiles(${announced})`).toBe(true);
      writer.expectFiles(announced);
      expect(writtenAtOnce(writer, parent, models[1]!), `after expectFiles(${announced})`).toBe(here);
      writer.finish(specs);
      expect(snapshot(join(parent, "out"))).toEqual({ ...Object.fromEntries(specs.map((f) => [f.path, f.content])), ".docs2ts-manifest.json": expect.any(String) });
    }
  });

  it(`a run that says nothing: ${THREAD_FROM} files written here, the next ones by the thread`, () => {
    const parent = tempTree({});
    const writer = new OutputWriter(join(parent, "out"));
    const files = many(THREAD_FROM + 1);
    for (const f of files.slice(0, THREAD_FROM)) expect(writtenAtOnce(writer, parent, f), f.path).toBe(true);
    expect(writtenAtOnce(writer, parent, files[THREAD_FROM]!)).toBe(false);
    writer.finish(files);
    expect(Object.keys(snapshot(join(parent, "out")))).toHaveLength(files.length + 1);
  });

  it("never starts the thread for a writer told to keep every write here (DOCS2TS_WRITE_THREAD=0)", () => {
    const parent = tempTree({});
    const writer = new OutputWriter(join(parent, "out"), Infinity);
    writer.expectFiles(10 * THREAD_FROM);
    expect(writtenAtOnce(writer, parent, models[0]!)).toBe(true);
    writer.abort();
  });

  it(`writeOutput given ${THREAD_FROM} files or more at once writes them all (on the thread), then again only the changed ones`, () => {
    const out = join(tempTree({}), "out");
    const files = many(THREAD_FROM + 7);
    expect(writeOutput(out, files).changed).toHaveLength(files.length);
    const { [".docs2ts-manifest.json"]: manifest, ...written } = snapshot(out);
    expect(written).toEqual(Object.fromEntries(files.map((f) => [f.path, f.content])));
    expect(JSON.parse(manifest!).files).toHaveLength(files.length);
    const edited = files.map((f, i) => (i % 2 ? { path: f.path, content: `${f.content}// ${i}\n` } : f));
    const plan = writeOutput(out, edited);
    expect(plan.changed).toHaveLength(edited.filter((_, i) => i % 2).length);
    expect(plan.unchanged).toHaveLength(files.length - plan.changed.length);
    expect(snapshot(out)).toEqual({ ...Object.fromEntries(edited.map((f) => [f.path, f.content])), ".docs2ts-manifest.json": manifest });
  });
});

describe("a manifest docs2ts cannot read", () => {
  it("stops the run with an OutputError naming it (remove it to start afresh), and the folder stays as it was", () => {
    for (const text of ["{ not json", JSON.stringify({ generator: "other", files: [] }), "null", JSON.stringify({ generator: "docs2ts", files: "x" })]) {
      const out = join(tempTree({}), "out");
      writeOutput(out, specs);
      writeFileSync(join(out, ".docs2ts-manifest.json"), text);
      const before = snapshot(out);
      expect(() => writeOutput(out, edited)).toThrow(OutputError);
      expect(() => writeOutput(out, edited)).toThrow(/\.docs2ts-manifest\.json: cannot read the manifest \(not a docs2ts manifest\); remove it to start afresh/);
      expect(snapshot(out)).toEqual(before);
    }
  });
});

describe("makeFolder (mkdir -p)", () => {
  it("makes the missing folders, again is a no-op, and a file in the way is the caller's error", () => {
    const root = tempTree({ "file.txt": "x" });
    makeFolder(join(root, "a/b/c"));
    makeFolder(join(root, "a/b/c"));
    expect(statSync(join(root, "a/b/c")).isDirectory()).toBe(true);
    expect(() => makeFolder(join(root, "file.txt"))).toThrow(/EEXIST/);
    expect(() => makeFolder(join(root, "file.txt/d"))).toThrow(/ENOTDIR/);
  });

  it.runIf(existsSync("/proc/self"))("gives up where mkdir answers ENOENT under a folder that exists (procfs), where Node's recursive mkdir loops", () => {
    expect(() => makeFolder("/proc/docs2ts-test/a")).toThrow(/ENOENT/);
  });
});

describe("one run at a time writes a folder (its lock)", () => {
  /** A process id that no process has: one that ran and ended. */
  const deadPid = (): number => {
    const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    return Number(r.stdout);
  };

  it("waits for a live holder, then gives up with an OutputError naming it and the lock file; the folder stays as it was", () => {
    expect(LOCK_WAIT_MS).toBe(10_000); // the wait the README states
    for (const exists of [true, false]) {
      const parent = tempTree({});
      const out = join(parent, "out");
      if (exists) writeOutput(out, specs);
      const lock = exists ? join(out, ".docs2ts-lock") : `${out}.docs2ts-lock`;
      writeFileSync(lock, `${process.pid}\n`); // this test's own process: alive
      const before = snapshot(parent);
      const started = Date.now();
      expect(() => new OutputWriter(out, Infinity, 200).finish(edited)).toThrow(OutputError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
      expect(() => new OutputWriter(out, Infinity, 0).finish(edited)).toThrow(
        new RegExp(`another docs2ts run \\(process ${process.pid}\\) is writing it; run again when it has ended, or remove .*\\.docs2ts-lock if no such run is left`),
      );
      expect(snapshot(parent)).toEqual(before);
    }
  });

  it("takes over a lock left by a run that no longer exists (or that holds no process id), and leaves none behind", () => {
    for (const holder of [String(deadPid()), "not a pid", ""]) {
      const out = join(tempTree({}), "out");
      writeOutput(out, specs);
      writeFileSync(join(out, ".docs2ts-lock"), holder);
      const plan = new OutputWriter(out, Infinity, 0).finish(edited);
      expect(plan.changed.length).toBeGreaterThan(0);
      expect(existsSync(join(out, ".docs2ts-lock"))).toBe(false);
      expect(snapshot(out)["models/Extra.ts"]).toBe("export type Extra = string;\n");
    }
  });

  it("a lock that is no file (a folder of that name) stops the run with an OutputError asking to remove it, at once", () => {
    const out = join(tempTree({}), "out");
    writeOutput(out, specs);
    mkdirSync(join(out, ".docs2ts-lock"));
    const before = snapshot(out);
    const started = Date.now();
    expect(() => new OutputWriter(out, Infinity).finish(edited)).toThrow(/\.docs2ts-lock: cannot read docs2ts's lock file \(EISDIR\); remove it/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(snapshot(out)).toEqual(before);
  });

  it("two CLI runs at once into the same folder both end well, one after the other, and the folder is exactly one run's output", async () => {
    const root = tempTree({});
    const out = join(root, "out");
    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [join(repoRoot, "bin/docs2ts.js"), "generate", "--input", join(repoRoot, "specs"), "--out", out, "--no-cache"], { cwd: root });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        child.on("close", (code) => done({ code, stderr }));
      });
    // Without the lock, some round failed (a run's work folder or staging removed by another) or
    // left a mixed folder; four rounds of four runs.
    for (let round = 0; round < 4; round++) {
      const results = await Promise.all([run(), run(), run(), run()]);
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const files = snapshot(out);
      expect(Object.keys(files).filter((f) => f !== ".docs2ts-manifest.json").sort()).toEqual(specs.map((f) => f.path).sort());
      for (const f of specs) expect(files[f.path]).toBe(f.content);
      expect(readdirSync(root).sort()).toEqual(["out"]);
    }
  });
});
