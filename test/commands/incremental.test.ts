import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/api.js";
import { Cache } from "../../generator/cache/store.js";
import { DEFAULT_OPTIONS } from "../../generator/emit/context.js";
import { loadTemplates } from "../../generator/emit/templates.js";
import { runPipeline } from "../../generator/pipeline.js";
import { docs2ts, fieldsDoc, tempTree, valuesDoc } from "../helpers/cli.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";

const owner = "[::X::Shared::Owner](../../models/shared/owner.md)";
const kind = "[::X::Shared::Kind](../../models/shared/kind.md)";

/** A project (package.json, so the cache lives in node_modules/.cache/docs2ts) with four docs. */
function project(): string {
  return tempTree({
    "package.json": "{}\n",
    "docs/models/shared/owner.md": fieldsDoc("Owner", [["name", "*::String*", true]]),
    "docs/models/shared/pet.md": fieldsDoc("Pet", [
      ["id", "*::String*", true],
      ["owner", owner, true],
      ["kind", kind, true],
    ]),
    "docs/models/shared/kind.md": valuesDoc("Kind", ["cat", "dog"]),
    "docs/models/shared/tag.md": fieldsDoc("Tag", [["label", "*::String*", true]]),
  });
}

const gen = (root: string, ...extra: string[]) => docs2ts(["generate", "--input", "docs", "--out", "out", ...extra], root);

function files(dir: string, rel = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of files(dir, path)) out.set(k, v);
    else out.set(path, readFileSync(join(dir, path), "utf8"));
  }
  return out;
}

/** Set every output file's mtime to the epoch, so that a rewrite shows. */
function age(dir: string): void {
  for (const path of files(dir).keys()) utimesSync(join(dir, path), 0, 0);
}
// The manifest is docs2ts's own bookkeeping, rewritten whenever a run writes.
const touched = (dir: string) => [...files(dir).keys()].filter((p) => p !== ".docs2ts-manifest.json" && statSync(join(dir, p)).mtimeMs !== 0).sort();

describe("incremental regeneration (the real CLI, cache in node_modules/.cache/docs2ts)", () => {
  it("a run where nothing changed parses and emits nothing and writes nothing", () => {
    const root = project();
    const first = gen(root);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/4 docs read, 4 models -> out: 8 written, 0 unchanged, 0 removed; 0 warnings, 0 errors \(.*s; 4 docs parsed, 4 models emitted\)/);
    expect(readdirSync(join(root, "node_modules/.cache/docs2ts")).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    age(join(root, "out"));
    const second = gen(root);
    expect(second.stderr).toMatch(/-> out: 0 written, 8 unchanged, 0 removed; 0 warnings, 0 errors \(.*s; 0 docs parsed, 0 models emitted\)/);
    expect(touched(join(root, "out"))).toEqual([]);
  });

  it("a one-doc edit re-parses that doc and re-emits it and the models that read it; only changed bytes are written", () => {
    const root = project();
    expect(gen(root).code).toBe(0);
    age(join(root, "out"));
    // Owner changes type: Owner.ts changes; Pet imports Owner, so it is re-emitted, but its bytes do not change.
    writeFileSync(join(root, "docs/models/shared/owner.md"), fieldsDoc("Owner", [["name", "*::Integer*", true]]));
    const r = gen(root);
    expect(r.stderr).toMatch(/-> out: 3 written, 5 unchanged, 0 removed; .*\(.*s; 1 doc parsed, 2 models emitted\)/);
    expect(touched(join(root, "out"))).toEqual([".docs2ts-models.json", "README.md", "models/Owner.ts"]); // the README's diagram shows field types

    // Kind gains a value: Pet's validator names Kind's values in its messages, so Pet.ts changes too.
    age(join(root, "out"));
    writeFileSync(join(root, "docs/models/shared/kind.md"), valuesDoc("Kind", ["cat", "dog", "bird"]));
    const k = gen(root);
    expect(k.stderr).toMatch(/-> out: 4 written, 4 unchanged, 0 removed; .*\(.*s; 1 doc parsed, 2 models emitted\)/);
    expect(touched(join(root, "out"))).toEqual([".docs2ts-models.json", "README.md", "models/Kind.ts", "models/Pet.ts"]);
    expect(readFileSync(join(root, "out/models/Pet.ts"), "utf8")).toContain('\\"bird\\"'); // in the message text: "cat" | "dog" | "bird"

    // A new doc: Tag and Owner untouched; index and README list it.
    age(join(root, "out"));
    writeFileSync(join(root, "docs/models/shared/toy.md"), fieldsDoc("Toy", [["pet", "[::X::Shared::Pet](../../models/shared/pet.md)", true]]));
    const t = gen(root);
    expect(t.stderr).toMatch(/5 docs read, 5 models -> out: 4 written, 5 unchanged, 0 removed; .*\(.*s; 1 doc parsed, 1 model emitted\)/);
    expect(touched(join(root, "out"))).toEqual([".docs2ts-models.json", "README.md", "index.ts", "models/Toy.ts"]);
  });

  it("a broken doc fails the run, and the next run after the fix reuses the cache", () => {
    const root = project();
    expect(gen(root).code).toBe(0);
    writeFileSync(join(root, "docs/models/shared/tag.md"), fieldsDoc("Tag", [["label", "*::Strng*", true]]));
    const bad = gen(root);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/4 docs read, 3 models, 1 error, 0 warnings; out left unchanged \(.*s; 1 doc parsed, 0 models emitted\)/);
    writeFileSync(join(root, "docs/models/shared/tag.md"), fieldsDoc("Tag", [["label", "*::String*", true]]));
    const fixed = gen(root);
    expect(fixed.stderr).toMatch(/-> out: 0 written, 8 unchanged, 0 removed; .*\(.*s; 0 docs parsed, 0 models emitted\)/);
  });

  it("--no-cache neither reads nor writes the cache", () => {
    const root = project();
    const r = gen(root, "--no-cache");
    expect(r.stderr).toMatch(/4 docs parsed, 4 models emitted, no cache\)/);
    expect(existsSync(join(root, "node_modules"))).toBe(false);
    expect(gen(root).stderr).toMatch(/4 docs parsed, 4 models emitted\)/);
    expect(gen(root, "--no-cache").stderr).toMatch(/4 docs parsed, 4 models emitted, no cache\)/);
  });

  it("a corrupt or foreign cache file is ignored (and said so), never used", () => {
    const root = project();
    expect(gen(root).code).toBe(0);
    const dir = join(root, "node_modules/.cache/docs2ts");
    const [name] = readdirSync(dir);
    const file = join(dir, name!);
    const good = readFileSync(file, "utf8");
    const before = files(join(root, "out"));
    // One changed byte in an emitted file's text: the checksum no longer matches.
    writeFileSync(file, good.replace("export interface Owner", "export interface Ownex"));
    const r = gen(root);
    expect(r.stderr).toMatch(/the cache file .* is unreadable or corrupt; it is ignored and rewritten/);
    expect(r.stderr).toMatch(/4 docs parsed, 4 models emitted\)/);
    expect(files(join(root, "out"))).toEqual(before);
    // Garbage.
    writeFileSync(file, "\u0000not a cache");
    expect(gen(root).stderr).toMatch(/is unreadable or corrupt/);
    // Written by another build of docs2ts (fingerprint differs): silently ignored.
    const body = JSON.stringify({ fingerprint: "0".repeat(64), docs: [], emits: [] });
    const sum = createHash("sha256").update(body).update("\0").digest("hex");
    writeFileSync(file, `docs2ts-cache 1 ${sum}\n${body}`);
    const other = gen(root);
    expect(other.stderr).not.toMatch(/corrupt/);
    expect(other.stderr).toMatch(/4 docs parsed, 4 models emitted\)/);
    expect(files(join(root, "out"))).toEqual(before);
  });
});

describe("cached and uncached runs give identical bytes (clerk-ruby-sorbet, with edits)", () => {
  it("cold cache, warm cache after edits, --no-cache and the library agree byte for byte", () => {
    const root = tempTree({ "package.json": "{}\n" });
    cpSync(corpusPath("clerk-ruby-sorbet"), join(root, "docs"), { recursive: true });
    rmSync(join(root, "docs/SOURCE.md"), { force: true });
    expect(gen(root).code).toBe(0); // cold: fills the cache
    // Edits: a field retyped, a field removed from a linked model, a doc removed, a doc added.
    const edit = (path: string, f: (s: string) => string) => writeFileSync(join(root, "docs", path), f(readFileSync(join(root, "docs", path), "utf8")));
    edit("models/shared/phonenumber.md", (s) => s.replace("*::String*", "*::Integer*"));
    edit("models/shared/identificationlink.md", (s) => s.split("\n").filter((l) => !l.startsWith("| `id`")).join("\n"));
    rmSync(join(root, "docs/models/shared/samlaccount.md"));
    edit("models/shared/user.md", (s) => s.replace(/\[T\.nilable\(::ClerkSDKBackend::Shared::SAMLAccount\)\]\(\.\.\/\.\.\/models\/shared\/samlaccount\.md\)|T::Array<\[::ClerkSDKBackend::Shared::SAMLAccount\]\(\.\.\/\.\.\/models\/shared\/samlaccount\.md\)>/g, "*::Object*"));
    writeFileSync(join(root, "docs/models/shared/zzznew.md"), fieldsDoc("ZzzNew", [["user", "[::X::Shared::User](../../models/shared/user.md)", true]]));
    const warm = gen(root);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stderr).toMatch(/\(.*s; 4 docs parsed, \d+ models emitted\)/);
    const fresh = docs2ts(["generate", "--input", "docs", "--out", "fresh", "--no-cache"], root);
    expect(fresh.code, fresh.stderr).toBe(0);
    const a = files(join(root, "out"));
    const b = files(join(root, "fresh"));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, text] of a) expect(text, path).toBe(b.get(path));
    const lib = generate(join(root, "docs"));
    expect(lib.files.length).toBeGreaterThan(400);
    for (const f of lib.files) expect(a.get(f.path), f.path).toBe(f.content);
  });

  it("the pipeline with an empty cache gives what the library's generate() gives (specs/)", async () => {
    const specs = join(repoRoot, "specs");
    const lib = generate(specs);
    const cache = new Cache();
    const run = await runPipeline(specs, { dialect: "auto", options: DEFAULT_OPTIONS, templates: loadTemplates(), cache });
    expect(run.files).toEqual(lib.files);
    expect(run.ir).toEqual(lib.ir);
    cache.commit();
    const again = await runPipeline(specs, { dialect: "auto", options: DEFAULT_OPTIONS, templates: loadTemplates(), cache });
    expect(again.stats).toEqual({ docs: 20, parsed: 0, emitted: 0 });
    expect(again.files).toEqual(lib.files);
    expect(again.ir).toEqual(lib.ir);
  });
});

describe("a run where nothing changed loads neither ts-morph nor the markdown parser", () => {
  it("watches module resolution in a real process", () => {
    const root = project();
    const hooks = join(root, "hooks.mjs");
    writeFileSync(hooks, "let port;\nexport async function initialize(data) { port = data.port; }\nexport async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }\n");
    const runner = join(root, "runner.mjs");
    writeFileSync(
      runner,
      [
        'import { register } from "node:module";',
        'import { MessageChannel } from "node:worker_threads";',
        "const { port1, port2 } = new MessageChannel();",
        "const urls = [];",
        "port1.on('message', (u) => urls.push(u));",
        `register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { port: port2 }, transferList: [port2] });`,
        `const { main } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, "dist/cli.js")).href)});`,
        'const code = await main(["generate", "--input", "docs", "--out", "out"], { out: () => {}, err: () => {}, cwd: process.cwd() });',
        "await new Promise((r) => setTimeout(r, 200));",
        "port1.close();",
        "console.log(JSON.stringify({ code, urls }));",
      ].join("\n"),
    );
    const loaded = () => {
      const r = spawnSync(process.execPath, [runner], { cwd: root, encoding: "utf8" });
      const { code, urls } = JSON.parse(r.stdout) as { code: number; urls: string[] };
      expect(code, r.stderr).toBe(0);
      return (name: string) => urls.some((u) => u.includes(`/node_modules/${name}/`));
    };
    const cold = loaded();
    expect(cold("ts-morph")).toBe(true); // the probe sees them when they are loaded
    expect(cold("remark-parse")).toBe(true);
    const warm = loaded();
    expect(warm("handlebars")).toBe(true);
    expect(warm("ts-morph")).toBe(false);
    expect(warm("remark-parse")).toBe(false);
    expect(warm("unified")).toBe(false);
  });
});
