import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate, type OutputFile } from "../../generator/api.js";
import { Cache } from "../../generator/cache/store.js";
import { DEFAULT_OPTIONS } from "../../generator/emit/context.js";
import { sortFiles } from "../../generator/emit/folder.js";
import { loadTemplates } from "../../generator/emit/templates.js";
import { runPipeline } from "../../generator/pipeline.js";
import { docs2ts, fieldsDoc, readTree, tempTree, valuesDoc } from "../helpers/cli.js";
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

const files = (dir: string) => readTree(dir);

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
    const cacheDir = join(root, "node_modules/.cache/docs2ts");
    age(cacheDir);
    const second = gen(root);
    expect(second.stderr).toMatch(/-> out: 0 written, 8 unchanged, 0 removed; 0 warnings, 0 errors \(.*s; 0 docs parsed, 0 models emitted\)/);
    expect(touched(join(root, "out"))).toEqual([]);
    // nor the cache file: nothing in it changed (the run stamp is rewritten: the output's mtimes changed)
    expect(touched(cacheDir).filter((f) => f.endsWith(".json"))).toEqual([]);
    writeFileSync(join(root, "docs/models/shared/tag.md"), fieldsDoc("Tag", [["label", "*::Integer*", true]]));
    expect(gen(root).code).toBe(0);
    expect(touched(cacheDir).filter((f) => f.endsWith(".json"))).toHaveLength(1); // an edit changes it
  });

  it("a cache filled with a named dialect serves a detecting run as a cold cache would (the ballots are read then)", () => {
    const named = project();
    expect(gen(named, "--dialect", "ruby-sorbet").code).toBe(0);
    const detected = gen(named);
    expect(detected.code, detected.stderr).toBe(0);
    expect(detected.stderr).toMatch(/\(.*s; 4 docs parsed, 0 models emitted\)/);
    const cold = project();
    expect(gen(cold).code).toBe(0);
    expect(files(join(named, "out"))).toEqual(files(join(cold, "out")));
    expect(gen(named).stderr).toMatch(/\(.*s; 0 docs parsed, 0 models emitted\)/);
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

  it("the folder's own files are kept by their hash, not held in the cache file; one changed by hand is made again", () => {
    const root = project();
    const out = join(root, "out");
    expect(gen(root).code).toBe(0);
    const folderFiles = ["README.md", "index.ts", "runtime.ts", ".docs2ts-models.json"];
    const original = new Map(folderFiles.map((f) => [f, readFileSync(join(out, f), "utf8")] as const));
    const cacheDir = join(root, "node_modules/.cache/docs2ts");
    const cacheText = () => readFileSync(join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith(".json"))!), "utf8");
    expect(cacheText()).not.toContain("This folder was generated by docs2ts");
    expect(cacheText()).not.toContain('from "./models/Owner.js"');
    const owner = join(root, "docs/models/shared/owner.md");
    // A description edit: the folder's files hash the same and stay as they are on disk.
    age(out);
    writeFileSync(owner, fieldsDoc("Owner", [["name", "*::String*", true, "Edited."]]));
    expect(gen(root).stderr).toMatch(/-> out: 1 written, 7 unchanged, 0 removed/);
    expect(touched(out)).toEqual(["models/Owner.ts"]);
    // The README changed by hand, the index removed: both made again, byte for byte.
    writeFileSync(join(out, "README.md"), "edited by hand\n");
    rmSync(join(out, "index.ts"));
    writeFileSync(owner, fieldsDoc("Owner", [["name", "*::String*", true, "Edited again."]]));
    const r = gen(root);
    expect(r.code, r.stderr).toBe(0);
    for (const f of folderFiles) expect(readFileSync(join(out, f), "utf8"), f).toBe(original.get(f));
    // And from the output alone when the stamp cannot vouch for it (no stamp): read back, not made again.
    for (const f of readdirSync(cacheDir)) if (f.endsWith(".stamp")) rmSync(join(cacheDir, f));
    age(out);
    writeFileSync(owner, fieldsDoc("Owner", [["name", "*::String*", true, "Edited a third time."]]));
    expect(gen(root).stderr).toMatch(/-> out: 1 written, 7 unchanged, 0 removed; .*1 doc parsed, 2 models emitted\)/);
    expect(touched(out)).toEqual(["models/Owner.ts"]);
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

  it('changing "keys" in the config between two cached runs re-emits every model with the new keys, and going back restores the bytes', () => {
    // Go docs show SDK names (ClientID); the key style is applied after the cached model reads.
    const goDoc = (title: string, rows: string[]) => `# ${title}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n${rows.join("\n")}\n`;
    const config = (keys: string) => JSON.stringify({ input: "docs", out: "out", keys });
    const root = tempTree({
      "package.json": "{}\n",
      "docs2ts.config.json": config("as-written"),
      "docs/models/components/client.md": goDoc("Client", ["| `ClientID` | `int64` | :heavy_check_mark: | N/A |", "| `LogoURI` | `*string` | :heavy_minus_sign: | N/A |", "| `Owner` | [components.Owner](../../models/components/owner.md) | :heavy_check_mark: | N/A |"]),
      "docs/models/components/owner.md": goDoc("Owner", ["| `DisplayName` | `string` | :heavy_check_mark: | N/A |"]),
    });
    const run = () => docs2ts(["generate"], root);
    const first = run();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/2 docs read, 2 models -> out: .*\(.*s; 2 docs parsed, 2 models emitted\)/);
    const asWritten = files(join(root, "out"));
    expect(asWritten.get("models/Client.ts")).toMatch(/ClientID: number;[\s\S]*LogoURI\?: string \| undefined;/);
    expect(asWritten.get("models/Client.ts")).toContain('"ClientID"'); // the validator reads the same key

    writeFileSync(join(root, "docs2ts.config.json"), config("camelCase"));
    const camel = run();
    expect(camel.code, camel.stderr).toBe(0);
    // The cache holds the docs' reads (nothing parsed), but every model file is emitted again.
    expect(camel.stderr).toMatch(/-> out: \d+ written, \d+ unchanged, 0 removed; .*\(.*s; 0 docs parsed, 2 models emitted\)/);
    const camelFiles = files(join(root, "out"));
    const client = camelFiles.get("models/Client.ts")!;
    expect(client).toMatch(/clientId: number;[\s\S]*logoUri\?: string \| undefined;[\s\S]*owner: Owner;/);
    expect(client).toContain('"clientId"');
    expect(client).not.toMatch(/ClientID|LogoURI/);
    expect(camelFiles.get("models/Owner.ts")).toContain("displayName: string;");
    expect(camelFiles.get(".docs2ts-models.json")).toContain('"name":"clientId"');
    // The same bytes as a run without a cache.
    const fresh = docs2ts(["generate", "--out", "fresh", "--no-cache"], root);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(files(join(root, "fresh"))).toEqual(camelFiles);

    writeFileSync(join(root, "docs2ts.config.json"), config("as-written"));
    const back = run();
    expect(back.stderr).toMatch(/\(.*s; 0 docs parsed, 2 models emitted\)/);
    expect(files(join(root, "out"))).toEqual(asWritten);
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
    const name = readdirSync(dir).find((f) => f.endsWith(".json"));
    const file = join(dir, name!);
    // Without the run stamp (cache/stamp.ts) the next runs read the cache file.
    const noStamp = () => rmSync(file.replace(/\.json$/, ".stamp"));
    const good = readFileSync(file, "utf8");
    const before = files(join(root, "out"));
    // One changed byte in a doc's title: the checksum no longer matches.
    expect(good).toContain('"title":"Owner"');
    writeFileSync(file, good.replace('"title":"Owner"', '"title":"Ownex"'));
    noStamp();
    const r = gen(root);
    expect(r.stderr).toMatch(/the cache file .* is unreadable or corrupt; it is ignored and rewritten/);
    expect(r.stderr).toMatch(/4 docs parsed, 4 models emitted\)/);
    expect(files(join(root, "out"))).toEqual(before);
    // Garbage.
    writeFileSync(file, "\u0000not a cache");
    noStamp();
    expect(gen(root).stderr).toMatch(/is unreadable or corrupt/);
    // Written by another build of docs2ts (fingerprint differs): silently ignored.
    const body = JSON.stringify({ fingerprint: "0".repeat(64), emits: [] });
    const sum = createHash("sha256").update(body).update("\0").digest("hex");
    const magic = good.split(" ", 2).join(" "); // the format line as this build writes it
    expect(magic).toMatch(/^docs2ts-cache \d+$/);
    writeFileSync(file, `${magic} ${sum}\n${body}`);
    noStamp();
    const other = gen(root);
    expect(other.stderr).not.toMatch(/corrupt/);
    expect(other.stderr).toMatch(/4 docs parsed, 4 models emitted\)/);
    expect(files(join(root, "out"))).toEqual(before);
    // In an older (or newer) format of the file: the same, silently.
    writeFileSync(file, `docs2ts-cache 1 ${sum}\n${body}`);
    noStamp();
    const older = gen(root);
    expect(older.stderr).not.toMatch(/corrupt/);
    expect(older.stderr).toMatch(/4 docs parsed, 4 models emitted\)/);
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
    // Every file made is handed to onFile as it is made (the CLI writes it then): all of them here.
    const made: string[] = [];
    // beforeParse is told, once and before any doc is parsed, how many will be (v8-budget.ts).
    const told: [number, number][] = [];
    const beforeParse = (n: number) => void told.push([n, made.length]);
    // beforeEmit is told, once and before the first model file is made, how many will be (the
    // CLI's writer chooses its thread by it).
    const toldEmit: [number, number][] = [];
    const beforeEmit = (n: number) => void toldEmit.push([n, made.length]);
    const run = await runPipeline(specs, { dialect: "auto", options: DEFAULT_OPTIONS, templates: loadTemplates(), cache, beforeParse, beforeEmit, onFile: (f) => made.push(f.path) });
    expect(told).toEqual([[20, 0]]);
    expect(toldEmit).toEqual([[lib.ir.models.length, 0]]);
    expect(run.files).toEqual(lib.files);
    expect(made.sort()).toEqual(lib.files.map((f) => f.path).sort());
    expect(run.ir).toEqual(lib.ir);
    cache.commit();
    made.length = 0;
    told.length = 0;
    toldEmit.length = 0;
    const again = await runPipeline(specs, { dialect: "auto", options: DEFAULT_OPTIONS, templates: loadTemplates(), cache, beforeParse, beforeEmit, onFile: (f) => made.push(f.path) });
    expect(told).toEqual([[0, 0]]); // every doc known to the cache: none to parse
    expect(toldEmit).toEqual([[0, 0]]); // every model file from the cache: none to emit
    expect(made).toEqual([]); // files from the cache are not made again
    expect(again.stats).toEqual({ docs: 20, parsed: 0, emitted: 0 });
    expect(again.files).toEqual(lib.files);
    expect(again.ir).toEqual(lib.ir);
    // A run without a cache (--no-cache) hands over every file too.
    const none = await runPipeline(specs, { dialect: "auto", options: DEFAULT_OPTIONS, templates: loadTemplates(), cache: Cache.none(), onFile: (f) => made.push(f.path) });
    expect(none.files).toEqual(lib.files);
    expect(made.sort()).toEqual(lib.files.map((f) => f.path).sort());
    // The CLI's run without a cache keeps no text it handed over (keepHanded: false): the result
    // lists every file by its path, and onFile got each one whole.
    const handed: OutputFile[] = [];
    const lean = await runPipeline(specs, { dialect: "auto", options: DEFAULT_OPTIONS, templates: loadTemplates(), cache: Cache.none(), onFile: (f) => handed.push(f), keepHanded: false });
    expect(lean.files).toEqual([]);
    expect(lean.handed).toEqual(lib.files.map((f) => f.path).sort());
    expect(sortFiles(handed)).toEqual(lib.files);
    expect(lean.ir).toEqual(lib.ir);
    // Without onFile, or with a cache, the texts are kept (the cache holds them anyway).
    const unhanded = await runPipeline(specs, { dialect: "auto", options: DEFAULT_OPTIONS, templates: loadTemplates(), cache: Cache.none(), keepHanded: false });
    expect(unhanded.files).toEqual(lib.files);
    const cachedRun = await runPipeline(specs, { dialect: "auto", options: DEFAULT_OPTIONS, templates: loadTemplates(), cache: new Cache(), onFile: () => {}, keepHanded: false });
    expect(cachedRun.files).toEqual(lib.files);
    expect(cachedRun.handed).toBeUndefined();
  });
});

describe("the folder's own files from the cache", () => {
  it("are made again when a model's shape changes, not when only a description does; with JSON Schemas, on any change", async () => {
    const root = project();
    const docs = join(root, "docs");
    const cache = new Cache();
    for (const jsonschema of [false, true]) {
      const options = { ...DEFAULT_OPTIONS, emit: { ...DEFAULT_OPTIONS.emit, jsonschema } };
      const renders: string[] = [];
      const ours = loadTemplates();
      const templates = { ...ours, render: (name: Parameters<typeof ours.render>[0], data: object) => (renders.push(name), ours.render(name, data)) };
      const run = async () => {
        renders.length = 0;
        const r = await runPipeline(docs, { dialect: "auto", options, templates, cache });
        cache.commit();
        const lib = generate(docs, { emit: options.emit });
        expect(r.files).toEqual(lib.files);
        return renders.filter((n) => n !== "banner").sort();
      };
      await run();
      const owner = join(docs, "models/shared/owner.md");
      writeFileSync(owner, fieldsDoc("Owner", [["name", "*::String*", true, `Edited ${jsonschema}.`]]));
      expect(await run(), "description edited").toEqual(jsonschema ? ["index", "readme"] : []);
      writeFileSync(owner, fieldsDoc("Owner", [["name", "*::Integer*", true, `Edited ${jsonschema}.`]]));
      expect(await run(), "field retyped").toEqual(["index", "readme"]);
      writeFileSync(owner, fieldsDoc("Owner", [["name", "*::Integer*", true, `Edited ${jsonschema}.`], ["age", "*::Integer*", false]]));
      expect(await run(), "field added").toEqual(["index", "readme"]);
    }
  });
});

describe("the keys option through the cached pipeline (authlete-go)", () => {
  it("each style gives what the library's generate() gives; changing it re-emits every model file (it is part of the cache key); a warm rerun emits none", async () => {
    const docs = corpusPath("authlete-go");
    const cache = new Cache();
    const contents: Map<string, string>[] = [];
    for (const [i, keys] of (["camelCase", "snake_case", "as-written"] as const).entries()) {
      const lib = generate(docs, { keys });
      expect(lib.files.length, keys).toBeGreaterThan(300);
      const run = await runPipeline(docs, { dialect: "auto", keys, options: DEFAULT_OPTIONS, templates: loadTemplates(), cache });
      expect(run.ir, keys).toEqual(lib.ir);
      expect(run.files, keys).toEqual(lib.files);
      expect(run.stats.parsed, keys).toBe(i === 0 ? run.stats.docs : 0); // the docs' reads serve every style
      expect(run.stats.emitted, keys).toBe(run.ir.models.length); // enums too, whose IR no style changes
      cache.commit();
      const warm = await runPipeline(docs, { dialect: "auto", keys, options: DEFAULT_OPTIONS, templates: loadTemplates(), cache });
      expect(warm.stats, keys).toMatchObject({ parsed: 0, emitted: 0 });
      expect(warm.files, keys).toEqual(lib.files);
      cache.commit();
      contents.push(new Map(lib.files.map((f) => [f.path, f.content] as const)));
    }
    // The styles give different files: camelCase and as-written differ in more than 100 model files.
    const changed = [...contents[0]!].filter(([path, text]) => path.startsWith("models/") && contents[2]!.get(path) !== text);
    expect(changed.length).toBeGreaterThan(100);
  });
});

describe("a run where nothing changed loads neither the pipeline, ts-morph, the markdown parser nor handlebars", () => {
  it("watches module resolution in a real process", () => {
    const root = project();
    // A description with a named character reference: markdown/fast.ts leaves it to remark, so
    // the cold run loads remark.
    const tag = join(root, "docs/models/shared/tag.md");
    writeFileSync(tag, readFileSync(tag, "utf8").replace(/^# Tag\n/, "# Tag\n\nTags &amp; labels.\n"));
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
        // As bin/docs2ts.js loads the CLI: the CommonJS bundle, with the V8 code cache.
        'const { createRequire } = await import("node:module");',
        `const codeCache = createRequire(import.meta.url)(${JSON.stringify(join(repoRoot, "dist/bundle/code-cache.cjs"))});`,
        `const { main } = codeCache.loadWithCodeCache(import.meta.url, ${JSON.stringify(join(repoRoot, "dist/bundle/cli.cjs"))});`,
        'const code = await main(["generate", "--input", "docs", "--out", "out"], { out: () => {}, err: () => {}, cwd: process.cwd() });',
        "await new Promise((r) => setTimeout(r, 200));",
        "port1.close();",
        // The bundle and ts-morph are loaded with `require`, which the ESM hooks do not see.
        "urls.push(...Object.keys(createRequire(import.meta.url).cache));",
        "console.log(JSON.stringify({ code, urls }));",
      ].join("\n"),
    );
    const loaded = () => {
      const r = spawnSync(process.execPath, [runner], { cwd: root, encoding: "utf8" });
      const { code, urls } = JSON.parse(r.stdout) as { code: number; urls: string[] };
      expect(code, r.stderr).toBe(0);
      return (name: string) => urls.some((u) => u.includes(/\.c?js$/.test(name) ? name : `/node_modules/${name}/`));
    };
    const cold = loaded();
    // The probe sees them when they are loaded: the emitter and remark are chunks of the bundle
    // (dist/bundle/, what bin/docs2ts.js runs), imported when needed; our templates render from
    // the plans the build made of them (dist/template-plans.json, read as JSON), without
    // handlebars or its runtime (dist/templates.cjs). (ts-morph itself is loaded only for a
    // structure emit/print.ts does not print, which these docs do not make.)
    expect(cold("/dist/bundle/emit.cjs")).toBe(true);
    expect(cold("/dist/bundle/parse.cjs")).toBe(true);
    expect(cold("/dist/templates.cjs")).toBe(false);
    expect(cold("handlebars")).toBe(false);
    expect(cold("ts-morph")).toBe(false);
    const warm = loaded();
    expect(warm("/dist/templates.cjs")).toBe(false); // the index and README come from the cache too
    expect(warm("handlebars")).toBe(false);
    expect(warm("/dist/bundle/emit.cjs")).toBe(false);
    expect(warm("/dist/bundle/parse.cjs")).toBe(false);
    expect(warm("ts-morph")).toBe(false);
    // nor the pipeline, its dialects and the fast markdown reader: the run stamp answers alone
    expect(cold("/dist/bundle/pipeline.cjs")).toBe(true);
    expect(cold("/dist/bundle/fast.cjs")).toBe(true);
    expect(warm("/dist/bundle/pipeline.cjs")).toBe(false);
    expect(warm("/dist/bundle/fast.cjs")).toBe(false);
    // and the unbundled modules are not what runs
    expect(cold("/dist/emit/module.js") || cold("/dist/cli.js")).toBe(false);
  });
});
