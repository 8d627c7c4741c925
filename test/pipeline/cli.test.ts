import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docs2ts, fieldsDoc, tempTree } from "../helpers/cli.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";

const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };

const good = {
  "docs/models/shared/pet.md": fieldsDoc("Pet", [
    ["id", "*::String*", true],
    ["owner", "[T.nilable(::X::Shared::Owner)](../../models/shared/owner.md)", false],
  ]),
  "docs/models/shared/owner.md": fieldsDoc("Owner", [["name", "*::String*", true]]),
};

describe("docs2ts CLI", () => {
  it("--help and --version exit 0", () => {
    const help = docs2ts(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/docs2ts generate/);
    expect(help.stdout).toMatch(/docs2ts ir/);
    expect(help.stdout).toMatch(/docs2ts diff {5}OLD_DIR NEW_DIR \[--json\] \[--fail-on breaking\]/);
    expect(help.stdout).toMatch(/docs2ts graph/);
    expect(help.stdout).toMatch(/--watch/);
    expect(help.stdout).toMatch(/--no-cache/);
    const version = docs2ts(["--version"]);
    expect(version).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it("usage errors exit 2 without a stack trace", () => {
    for (const args of [["generate", "--nope"], ["frobnicate"], ["generate", "--watch", "--check", "--input", "specs", "--out", "x"], ["ir", "--json"], ["generate", "--input", "/no/such/dir", "--out", "x"], ["generate", "--dialect", "cobol", "--input", "specs", "--out", "x"], []]) {
      const r = docs2ts(args, tempTree({}));
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("symbolic links are not followed: one inside the input adds nothing, one leading outside or nowhere is a warning, and what it leads to stays out of the output", () => {
    const root = tempTree({ ...good, "secret/notes.md": fieldsDoc("Secret", [["token", "*::String*", true, "TOP-SECRET-TEXT"]]) });
    symlinkSync("shared", join(root, "docs/models/alias"));
    symlinkSync("owner.md", join(root, "docs/models/shared/also-owner.md"));
    symlinkSync("../../secret/notes.md", join(root, "docs/models/leak.md"));
    symlinkSync("../../secret", join(root, "docs/models/outside"));
    symlinkSync("gone.md", join(root, "docs/models/dangling.md"));
    const r = docs2ts(["generate", "--input", "docs", "--out", "out"], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2 docs read, 2 models/);
    const warnings = r.stderr.split("\n").filter((l) => l.includes("[skipped-link]"));
    expect(warnings).toEqual([
      "models/dangling.md:1:1: warning: a symbolic link, not followed: it leads nowhere [skipped-link]",
      expect.stringMatching(/^models\/leak\.md:1:1: warning: a symbolic link, not followed: it leads outside the input folder, to .*secret\/notes\.md; copy what it leads to into the folder, or pass that folder as --input \[skipped-link\]$/),
      expect.stringMatching(/^models\/outside:1:1: warning: a symbolic link, not followed: it leads outside the input folder, to .*secret; /),
    ]);
    const text = readdirSync(join(root, "out/models")).map((f) => readFileSync(join(root, "out/models", f), "utf8")).join("\n");
    expect(text).not.toMatch(/TOP-SECRET-TEXT|Secret/);
  });

  it("a .md entry that is no regular file (a named pipe) is a warning and is never opened, so the run does not wait on it", () => {
    const root = tempTree(good);
    const made = spawnSync("mkfifo", [join(root, "docs/models/pipe.md")]);
    expect(made.status, String(made.stderr)).toBe(0);
    // Opening a pipe for reading blocks until a writer comes: the run would never end.
    const r = spawnSync(process.execPath, [join(repoRoot, "bin/docs2ts.js"), "generate", "--input", "docs", "--out", "out"], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2 docs read, 2 models/);
    expect(r.stderr.split("\n").filter((l) => l.includes("[not-a-file]"))).toEqual(["models/pipe.md:1:1: warning: not a regular file but a named pipe: skipped [not-a-file]"]);
  });

  it("an empty --out, --input or --config (an unset shell variable) is a usage error, never the current folder", () => {
    const root = tempTree(good);
    for (const [args, flag] of [
      [["generate", "--input", "docs", "--out", ""], "--out"],
      [["generate", "--input", " ", "--out", "out"], "--input"],
      [["generate", "--config", "", "--input", "docs", "--out", "out"], "--config"],
      [["graph", "--input", "docs", "--out", ""], "--out"],
    ] as const) {
      const r = docs2ts([...args], root);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^docs2ts: error: ${flag} needs a path; it was given an empty one`, "m"));
    }
    expect(readdirSync(root)).toEqual(["docs"]);
  });

  it("an input that is a file, or a folder without docs, is said plainly", () => {
    const root = tempTree({ ...good, "empty/notes.txt": "not a doc\n" });
    const file = docs2ts(["generate", "--input", "docs/models/shared/pet.md", "--out", "out"], root);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/^docs2ts: error: the input folder .*pet\.md is a file, not a folder$/m);
    const missing = docs2ts(["generate", "--input", "nowhere", "--out", "out"], root);
    expect(missing.stderr).toMatch(/^docs2ts: error: the input folder .*nowhere does not exist$/m);
    const detect = docs2ts(["generate", "--input", "empty", "--out", "out"], root);
    expect(detect.code).toBe(1);
    expect(detect.stderr).toMatch(/^\.:1:1: error: the input folder holds no docs \(\.md files\) to detect the dialect from \[unknown-dialect\]$/m);
    // With the dialect given, still an error: an empty output is not written over the last one.
    expect(docs2ts(["generate", "--input", "docs", "--out", "out"], root).code).toBe(0);
    const before = readFileSync(join(root, "out/index.ts"), "utf8");
    const given = docs2ts(["generate", "--input", "empty", "--out", "out", "--dialect", "python"], root);
    expect(given.code, given.stderr).toBe(1);
    expect(given.stderr).toMatch(/^\.:1:1: error: the input folder holds no docs \(\.md files\): nothing to generate \[no-docs\]$/m);
    expect(readFileSync(join(root, "out/index.ts"), "utf8")).toBe(before);
  });

  it("an output folder that is a file, lies under one, or cannot be made is an error naming it (exit 2), never an internal error or a hang", () => {
    const root = tempTree({ ...good, "afile": "not a folder\n" });
    const file = docs2ts(["generate", "--input", "docs", "--out", "afile"], root);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/^docs2ts: error: the output folder .*afile is a file, not a folder$/m);
    const under = docs2ts(["generate", "--input", "docs", "--out", "afile/out"], root);
    expect(under.code).toBe(2);
    expect(under.stderr).toMatch(/^docs2ts: error: the output folder .*afile\/out cannot be made: .*afile is a file$/m);
    expect(readFileSync(join(root, "afile"), "utf8")).toBe("not a folder\n");
    // procfs answers ENOENT to mkdir under folders that exist: Node's recursive mkdir looped forever there.
    if (existsSync("/proc/self")) {
      for (const out of ["/proc/docs2ts-test-out", "/proc/docs2ts-test/out"]) {
        const r = spawnSync(process.execPath, [join(repoRoot, "bin/docs2ts.js"), "generate", "--input", "docs", "--out", out], { cwd: root, encoding: "utf8", timeout: 30_000 });
        expect(r.signal, "the run was stopped: it hung").toBe(null);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/^docs2ts: error: \/proc\/docs2ts-test[^:]*: cannot write \(ENOENT\)$/m);
        expect(r.stderr).not.toMatch(/internal error/);
      }
    }
  });

  it("generate writes the output, then --check is clean; an edit makes --check fail with exit 1", () => {
    const root = tempTree(good);
    const gen = docs2ts(["generate", "--input", "docs", "--out", "out"], root);
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stderr).toMatch(/dialect ruby-sorbet/);
    expect(gen.stderr).toMatch(/2 models -> out: 6 written, 0 unchanged, 0 removed; 0 warnings, 0 errors/);
    expect(readdirSync(join(root, "out/models")).sort()).toEqual(["Owner.ts", "Pet.ts"]);
    expect(docs2ts(["generate", "--input", "docs", "--out", "out", "--check"], root).code).toBe(0);

    writeFileSync(join(root, "docs/models/shared/owner.md"), fieldsDoc("Owner", [["name", "*::Integer*", true]]));
    const before = readFileSync(join(root, "out/models/Owner.ts"), "utf8");
    const check = docs2ts(["generate", "--input", "docs", "--out", "out", "--check"], root);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/models\/Owner\.ts \(stale\)/);
    expect(readFileSync(join(root, "out/models/Owner.ts"), "utf8")).toBe(before); // --check never writes
  });

  it("a second run writes only what changed and keeps other files' mtimes", () => {
    const root = tempTree(good);
    expect(docs2ts(["generate", "--input", "docs", "--out", "out"], root).code).toBe(0);
    const petTime = statSync(join(root, "out/models/Pet.ts")).mtimeMs;
    writeFileSync(join(root, "docs/models/shared/owner.md"), fieldsDoc("Owner", [["name", "*::Integer*", true]]));
    const r = docs2ts(["generate", "--input", "docs", "--out", "out"], root);
    expect(r.stderr).toMatch(/3 written, 3 unchanged, 0 removed/); // Owner.ts, the shapes record, the README's diagram
    expect(statSync(join(root, "out/models/Pet.ts")).mtimeMs).toBe(petTime);
  });

  it("removes files it wrote before and no longer generates, never other files", () => {
    const root = tempTree(good);
    expect(docs2ts(["generate", "--input", "docs", "--out", "out"], root).code).toBe(0);
    writeFileSync(join(root, "out/mine.txt"), "keep me");
    writeFileSync(join(root, "out/models/Mine.ts"), "export const mine = 1;\n");
    writeFileSync(join(root, "docs/models/shared/pet.md"), fieldsDoc("Pet", [["id", "*::String*", true]]));
    rmSync(join(root, "docs/models/shared/owner.md"));
    const r = docs2ts(["generate", "--input", "docs", "--out", "out"], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 removed/);
    expect(existsSync(join(root, "out/models/Owner.ts"))).toBe(false);
    expect(readFileSync(join(root, "out/mine.txt"), "utf8")).toBe("keep me");
    expect(readFileSync(join(root, "out/models/Mine.ts"), "utf8")).toBe("export const mine = 1;\n");
  });

  it("an output folder inside the input folder (or the input folder itself) is not read as docs on the next run; other docs beside it are", () => {
    for (const out of ["docs/generated", "docs"]) {
      const root = tempTree({ ...good, "docs/generated/notes.md": fieldsDoc("Notes", [["text", "*::String*", true]]) });
      const first = docs2ts(["generate", "--input", "docs", "--out", out], root);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/3 docs read, 3 models/);
      expect(existsSync(join(root, out, "README.md"))).toBe(true);
      // The generated README.md is not a doc: the same docs, models and files, nothing written, no warning.
      const again = docs2ts(["generate", "--input", "docs", "--out", out], root);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/3 docs read, 3 models -> .*: 0 written, \d+ unchanged, 0 removed; 0 warnings/);
      expect(docs2ts(["generate", "--input", "docs", "--out", out, "--check"], root).code).toBe(0);
      // A manifest that is not docs2ts's hides nothing: the README is read again (not a model, a warning).
      writeFileSync(join(root, out, ".docs2ts-manifest.json"), "{ not json");
      expect(docs2ts(["ir", "--input", "docs"], root).stderr).toMatch(/README\.md:1:1: warning: .*\[not-a-model\]/);
    }
  });

  it("a failed run leaves the previous output exactly as it was", () => {
    const root = tempTree(good);
    expect(docs2ts(["generate", "--input", "docs", "--out", "out"], root).code).toBe(0);
    const before = readdirSync(join(root, "out/models")).map((f) => [f, readFileSync(join(root, "out/models", f), "utf8")]);
    writeFileSync(join(root, "docs/models/shared/owner.md"), "");
    const r = docs2ts(["generate", "--input", "docs", "--out", "out"], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^models\/shared\/owner\.md:1:1: error: the file is empty \[empty-file\]$/m);
    expect(readdirSync(join(root, "out/models")).map((f) => [f, readFileSync(join(root, "out/models", f), "utf8")])).toEqual(before);
  });

  it("bad docs: diagnostics as file:line:col: error: message [code], exit 1, output untouched", () => {
    const root = tempTree({
      ...good,
      "docs/models/shared/bad.md": fieldsDoc("Bad", [
        ["a", "*::Strng*", true],
        ["b", "[::X::Shared::Gone](../../models/shared/gone.md)", true],
        ["a", "*::String*", true],
      ]),
    });
    const r = docs2ts(["generate", "--input", "docs", "--out", "out"], root);
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n").filter((l) => l.includes(": error: "));
    expect(lines).toEqual([
      "models/shared/bad.md:7:10: error: cannot read the type '::Strng': unknown type '::Strng' (not a Sorbet type, and not a link to a doc) [unknown-type]",
      "models/shared/bad.md:8:9: error: the link points to models/shared/gone.md, which is not a doc in the input folder [broken-link]",
      "models/shared/bad.md:9:3: error: field 'a' is already declared on line 7 [duplicate-field]",
    ]);
    expect(existsSync(join(root, "out"))).toBe(false);
  });

  it("ir prints the IR JSON of DESIGN.md", () => {
    const root = tempTree(good);
    const r = docs2ts(["ir", "--input", "docs"], root);
    expect(r.code).toBe(0);
    const ir = JSON.parse(r.stdout);
    expect(ir).toMatchObject({ version: 1, dialect: "ruby-sorbet", diagnostics: [] });
    expect(ir.models.map((m: { source: string; name: string }) => [m.source, m.name])).toEqual([
      ["models/shared/owner.md", "Owner"],
      ["models/shared/pet.md", "Pet"],
    ]);
    expect(ir.models[1].fields[1]).toEqual({
      name: "owner",
      type: { kind: "ref", target: "models/shared/owner.md" },
      required: false,
      nullable: true,
      nullableAssumed: true,
      line: 8,
    });
  });

  it("npm run generate uses docs2ts.config.json, and the committed generated/ is up to date", () => {
    const r = docs2ts(["generate", "--config", "docs2ts.config.json", "--check"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/generated is up to date/);
  });

  it("config errors are clear and exit 2", () => {
    const root = tempTree({ ...good, "bad.json": JSON.stringify({ input: "docs", enums: "sometimes" }) });
    const r = docs2ts(["generate", "--config", "bad.json"], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: "enums" must be "closed" or "open"/);
  });

  it("exits as soon as the command is done, with all its output: a large IR read slowly through a pipe, and every file of a large run", async () => {
    // bin/docs2ts.js ends the process itself once stdout and stderr have nothing left to write.
    const child = spawn(process.execPath, [join(repoRoot, "bin/docs2ts.js"), "ir", "--input", corpusPath("clerk-ruby-sorbet")], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 300);
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    const out = Buffer.concat(chunks);
    expect(out.length).toBeGreaterThan(400_000); // many times what a pipe holds (64 KiB on Linux)
    expect((JSON.parse(out.toString("utf8")) as { models: unknown[] }).models.length).toBe(414);

    const root = tempTree({});
    const r = docs2ts(["generate", "--input", corpusPath("clerk-ruby-sorbet"), "--out", "out", "--no-cache"], root);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/414 models -> out: 418 written/);
    expect(readdirSync(join(root, "out/models")).length).toBe(414);
  });
});
