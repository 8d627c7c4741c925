import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type FileStamp, writeStamp } from "../../generator/cache/stamp.js";
import { Cache } from "../../generator/cache/store.js";
import { DEFAULT_OPTIONS } from "../../generator/emit/context.js";
import { loadTemplates } from "../../generator/emit/templates.js";
import { runPipeline } from "../../generator/pipeline.js";
import { docs2ts, fieldsDoc, tempTree, valuesDoc } from "../helpers/cli.js";

/**
 * The run stamp (generator/cache/stamp.ts): a run where nothing changed is decided from file
 * metadata, without the cache file. These tests prove it is used (the cache file is deleted and
 * the run still parses nothing) and that every change it must notice is noticed, including the
 * ones metadata alone would miss.
 */

function project(): string {
  return tempTree({
    "package.json": "{}\n",
    "docs/models/shared/owner.md": fieldsDoc("Owner", [["name", "*::String*", true]]),
    "docs/models/shared/pet.md": fieldsDoc("Pet", [
      ["id", "*::String*", true],
      ["owner", "[::X::Shared::Owner](../../models/shared/owner.md)", true],
    ]),
    "docs/models/shared/kind.md": valuesDoc("Kind", ["cat", "dog"]),
  });
}

const gen = (root: string, ...extra: string[]) => docs2ts(["generate", "--input", "docs", "--out", "out", ...extra], root);
const cacheDir = (root: string) => join(root, "node_modules/.cache/docs2ts");
const cacheFile = (root: string) => join(cacheDir(root), readdirSync(cacheDir(root)).find((f) => f.endsWith(".json"))!);
const stamp = (root: string) => cacheFile(root).replace(/\.json$/, ".stamp");

/** Run once, then delete the cache file: a later run that parses nothing must have used the stamp. */
function generated(): string {
  const root = project();
  const first = gen(root);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stderr).toMatch(/3 docs parsed/);
  expect(statSync(stamp(root)).isFile()).toBe(true);
  return root;
}

const parsedNothing = /-> out: 0 written, 7 unchanged, 0 removed; 0 warnings, 0 errors \(.*s; 0 docs parsed, 0 models emitted\)/;

describe("the run stamp", () => {
  it("a run where nothing changed is answered from the stamp alone (the cache file is not needed)", () => {
    const root = generated();
    rmSync(cacheFile(root));
    const second = gen(root);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(parsedNothing);
    // --check is answered the same way.
    const check = gen(root, "--check");
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toMatch(/out is up to date: 3 docs read, 3 models, 7 files unchanged; 0 warnings, 0 errors/);
  });

  it("after an edit, the stamp records every output file as it is on disk; the edited model's from a new stat", () => {
    const root = generated();
    const outputs = () => new Map((JSON.parse(readFileSync(stamp(root), "utf8")).outputs as [string, ...unknown[]][]).map((o) => [o[0], JSON.stringify(o)] as const));
    // Old enough not to be racy: the next run vouches for the outputs by their metadata.
    const old = new Date(Date.now() - 60_000);
    for (const f of ["models/Owner.ts", "models/Pet.ts", "models/Kind.ts"]) utimesSync(join(root, "out", f), old, old);
    rmSync(stamp(root));
    expect(gen(root).code).toBe(0); // a stamp with those metadata
    const before = outputs();
    writeFileSync(join(root, "docs/models/shared/kind.md"), valuesDoc("Kind", ["cat", "dog", "eel"]));
    const edit = gen(root);
    expect(edit.code, edit.stderr).toBe(0);
    const after = outputs();
    expect(after.get("models/Owner.ts")).toBe(before.get("models/Owner.ts"));
    expect(after.get("models/Pet.ts")).toBe(before.get("models/Pet.ts"));
    expect(after.get("models/Kind.ts")).not.toBe(before.get("models/Kind.ts"));
    const st = statSync(join(root, "out/models/Kind.ts"));
    expect(JSON.parse(after.get("models/Kind.ts")!).slice(1, 5)).toEqual([st.size, st.mtimeMs, st.ctimeMs, st.ino]);
    // And the stamp holds: the next run is answered from it.
    rmSync(cacheFile(root));
    expect(gen(root).stderr).toMatch(/0 docs parsed, 0 models emitted/);
  });

  it("writeStamp takes a kept file's record as it is (no stat), and stats a file whose hash differs from its record", () => {
    const root = tempTree({ "out/a.ts": "a\n", "out/b.ts": "b\n" });
    const out = join(root, "out");
    const file = join(root, "run.stamp");
    // Records whose metadata no stat would give: taken as they are only when the hash matches.
    const kept = new Map<string, FileStamp>([
      ["a.ts", ["a.ts", 1, 2, 3, 4, "hash-a"]],
      ["b.ts", ["b.ts", 1, 2, 3, 4, "old-hash-b"]],
    ]);
    const report = { docs: 0, models: 0, files: 2, diagnostics: [] };
    writeStamp(file, "key", Date.now(), [], out, [{ path: "a.ts", hash: "hash-a" }, { path: "b.ts", hash: "hash-b" }], report, kept);
    const outputs = JSON.parse(readFileSync(file, "utf8")).outputs as FileStamp[];
    expect(outputs[0]).toEqual(["a.ts", 1, 2, 3, 4, "hash-a"]);
    const st = statSync(join(out, "b.ts"));
    expect(outputs[1]).toEqual(["b.ts", st.size, st.mtimeMs, st.ctimeMs, st.ino, "hash-b"]);
  });

  it("prints the recorded diagnostics and dialect note again", () => {
    const root = generated();
    writeFileSync(join(root, "docs/notes.md"), "# Notes\n\nNot a model.\n");
    const first = gen(root);
    expect(first.stderr).toMatch(/notes\.md:1:1: warning: .*\[not-a-model\]/);
    const again = gen(root);
    expect(again.stderr).toMatch(/0 docs parsed, 0 models emitted/);
    expect(again.stderr.split("\n").filter((l) => !/\(\d+\.\d+s;/.test(l))).toEqual(first.stderr.split("\n").filter((l) => !/\(\d+\.\d+s;/.test(l)));
  });

  it("an edit of the same size with the old mtime put back is still seen (ctime, or the content of a racy file)", () => {
    const root = generated();
    const doc = join(root, "docs/models/shared/owner.md");
    const before = statSync(doc);
    const text = readFileSync(doc, "utf8");
    const edited = text.replace("*::String*", "*::Integer*").replace("| N/A |", "| N/ |");
    expect(edited.length).toBe(text.length);
    writeFileSync(doc, edited);
    utimesSync(doc, before.atime, before.mtime);
    const r = gen(root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 doc parsed/);
    expect(readFileSync(join(root, "out/models/Owner.ts"), "utf8")).toMatch(/name: number/);
  });

  it("an old doc (not racy) edited in place is seen by its metadata", () => {
    const root = project();
    const old = new Date(Date.now() - 3600_000);
    for (const f of ["owner", "pet", "kind"]) utimesSync(join(root, `docs/models/shared/${f}.md`), old, old);
    expect(gen(root).code).toBe(0);
    const doc = join(root, "docs/models/shared/kind.md");
    writeFileSync(doc, valuesDoc("Kind", ["cat", "cow"]));
    const r = gen(root);
    expect(r.stderr).toMatch(/1 doc parsed/);
    expect(readFileSync(join(root, "out/models/Kind.ts"), "utf8")).toMatch(/"cow"/);
    // And then nothing changed again, while the stamp still has to compare racy files by content.
    expect(gen(root).stderr).toMatch(/0 docs parsed, 0 models emitted/);
  });

  it("a new doc, a removed doc, an edited or removed output file and other settings are not 'nothing changed'", () => {
    const root = generated();
    writeFileSync(join(root, "docs/models/shared/tag.md"), fieldsDoc("Tag", [["label", "*::String*", true]]));
    expect(gen(root).stderr).toMatch(/4 docs read, 4 models -> out: [1-9]\d* written, .*1 doc parsed, 1 model emitted/);
    rmSync(join(root, "docs/models/shared/tag.md"));
    expect(gen(root).stderr).toMatch(/3 docs read, 3 models -> out: [1-9]\d* written, \d+ unchanged, 1 removed/);

    const owner = join(root, "out/models/Owner.ts");
    const good = readFileSync(owner, "utf8");
    writeFileSync(owner, good.replace("name", "nome"));
    expect(gen(root).stderr).toMatch(/-> out: 1 written, 6 unchanged/);
    expect(readFileSync(owner, "utf8")).toBe(good);
    rmSync(owner);
    expect(gen(root).stderr).toMatch(/-> out: 1 written, 6 unchanged/);
    expect(readFileSync(owner, "utf8")).toBe(good);

    const types = gen(root, "--emit", "types");
    expect(types.code, types.stderr).toBe(0);
    expect(types.stderr).not.toMatch(/0 written/);
    expect(readFileSync(owner, "utf8")).not.toBe(good);
  });

  it("the cache file holds no model file texts: the output folder stands in for them, checked by hash", () => {
    const root = generated();
    const owner = join(root, "out/models/Owner.ts");
    const good = readFileSync(owner, "utf8");
    expect(good).toContain("export interface Owner");
    expect(readFileSync(cacheFile(root), "utf8")).not.toContain("export interface Owner");
    const kind = join(root, "docs/models/shared/kind.md");
    // A doc edit: only its model is emitted; the others are kept as they are on disk (the stamp vouches).
    writeFileSync(kind, valuesDoc("Kind", ["cat", "cow"]));
    expect(gen(root).stderr).toMatch(/1 doc parsed, 1 model emitted/);
    // An output file edited by hand, and a doc edit: that model's text is neither in the cache
    // nor on disk any more, so it is emitted again, and the file restored.
    writeFileSync(owner, good.replace("name", "nome"));
    writeFileSync(kind, valuesDoc("Kind", ["cat", "cod"]));
    const r = gen(root);
    expect(r.stderr).toMatch(/1 doc parsed, 2 models emitted/);
    expect(readFileSync(owner, "utf8")).toBe(good);
    // Without the stamp, files on disk are read and used when their hash is what was emitted.
    rmSync(stamp(root));
    writeFileSync(kind, valuesDoc("Kind", ["cat", "cow"]));
    expect(gen(root).stderr).toMatch(/1 doc parsed, 1 model emitted/);
    expect(readFileSync(owner, "utf8")).toBe(good);
  });

  it("a corrupt stamp is ignored: the run takes the cache's way", () => {
    const root = generated();
    writeFileSync(stamp(root), "{ not json");
    const r = gen(root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(parsedNothing);
    expect(r.stderr).not.toMatch(/error:|warning:/);
  });

  it("--no-cache writes no stamp", () => {
    const root = project();
    expect(gen(root, "--no-cache").code).toBe(0);
    expect(() => readdirSync(cacheDir(root))).toThrow();
  });

  it("a doc the stamp knows by its metadata is not read while the cache knows its hash (the pipeline trusts knownDoc)", async () => {
    const root = project();
    const cache = new Cache();
    const run = (knownDoc?: (path: string) => string | undefined) =>
      runPipeline(join(root, "docs"), { dialect: "auto", options: DEFAULT_OPTIONS, templates: loadTemplates(), cache, ...(knownDoc ? { knownDoc } : {}) });
    const first = await run();
    const recorded = new Map(first.sources.map((s) => [s[0], s[5]] as const));
    writeFileSync(join(root, "docs/models/shared/owner.md"), fieldsDoc("Owner", [["name", "*::Integer*", true]]));
    const owner = (r: Awaited<ReturnType<typeof run>>) => r.files.find((f) => f.path === "models/Owner.ts")!.content;
    // Told that owner.md still has its old hash, the pipeline does not read it: the old model stands.
    const trusted = await run((path) => recorded.get(path));
    expect(trusted.stats.parsed).toBe(0);
    expect(owner(trusted)).toBe(owner(first));
    // Told nothing, it reads the bytes and sees the edit.
    const read = await run();
    expect(read.stats.parsed).toBe(1);
    expect(owner(read)).toMatch(/name: number/);
  });
});
