import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fieldsDoc, tempTree } from "../helpers/cli.js";
import { repoRoot } from "../helpers/shared.js";

/** The real binary in watch mode; its stderr read line by line. */
class Watcher {
  readonly child: ChildProcess;
  private buffer = "";
  readonly lines: string[] = [];
  private waiters: { re: RegExp; from: number; resolve: (line: string) => void }[] = [];

  constructor(cwd: string, args: string[]) {
    this.child = spawn(process.execPath, [join(repoRoot, "bin/docs2ts.js"), "generate", "--watch", ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stderr!.setEncoding("utf8");
    this.child.stderr!.on("data", (chunk: string) => {
      this.buffer += chunk;
      let nl;
      while ((nl = this.buffer.indexOf("\n")) >= 0) {
        this.lines.push(this.buffer.slice(0, nl));
        this.buffer = this.buffer.slice(nl + 1);
      }
      this.check();
    });
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => {
      const line = this.lines.slice(w.from).find((l) => w.re.test(l));
      if (line !== undefined) w.resolve(line);
      return line === undefined;
    });
  }

  /** The next line (after the `from`-th) matching `re`; fails after `ms`. */
  next(re: RegExp, from = this.lines.length, ms = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${ms} ms; got:\n${this.lines.slice(from).join("\n")}`)), ms);
      this.waiters.push({ re, from, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      this.check();
    });
  }

  stop(): Promise<number | null> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve(this.child.exitCode);
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
      this.child.once("exit", (code) => (clearTimeout(timer), resolve(code)));
      this.child.kill("SIGTERM");
    });
  }
}

let running: Watcher | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const owner = "[::X::Shared::Owner](../../models/shared/owner.md)";

describe("docs2ts generate --watch (the real binary)", () => {
  it("regenerates on a doc edit, survives a broken doc, recovers on the next save; config and templates too", async () => {
    const root = tempTree({
      // A project (package.json): its cache lives in node_modules/.cache, wherever the test runs.
      "package.json": "{}\n",
      "docs2ts.config.json": JSON.stringify({ input: "docs", out: "out", templates: "tpl" }),
      "tpl/banner.hbs": "// docs2ts {{{version}}}: {{{source}}}\n",
      "docs/models/shared/owner.md": fieldsDoc("Owner", [["name", "*::String*", true]]),
      "docs/models/shared/pet.md": fieldsDoc("Pet", [["id", "*::String*", true], ["owner", owner, true]]),
    });
    const w = (running = new Watcher(root, []));
    await w.next(/^docs2ts: 2 docs read, 2 models -> out: 6 written/);
    await w.next(/^docs2ts: watching docs, docs2ts\.config\.json, tpl for changes/, 0);

    // An edit: one line naming the doc, what was written, and the time.
    let from = w.lines.length;
    writeFileSync(join(root, "docs/models/shared/owner.md"), fieldsDoc("Owner", [["name", "*::Integer*", true]]));
    const edited = await w.next(/changed:/, from);
    expect(edited).toMatch(/^docs2ts: models\/shared\/owner\.md changed: 2 docs read, 2 models -> out: 3 written, 3 unchanged, 0 removed; 0 warnings, 0 errors \(\d+\.\d\ds; 1 doc parsed, 2 models emitted\)$/);
    expect(readFileSync(join(root, "out/models/Owner.ts"), "utf8")).toMatch(/name: number;/);

    // A doc broken mid-edit: diagnostics, the output kept as it was.
    const petBefore = readFileSync(join(root, "out/models/Pet.ts"), "utf8");
    from = w.lines.length;
    writeFileSync(join(root, "docs/models/shared/pet.md"), fieldsDoc("Pet", [["id", "*::Strin", true], ["owner", owner, true]]));
    const broken = await w.next(/changed:/, from);
    expect(broken).toMatch(/^docs2ts: models\/shared\/pet\.md changed: 2 docs read, 1 model, 1 error, 0 warnings; out left unchanged/);
    expect(w.lines.slice(from)).toContainEqual(expect.stringMatching(/^models\/shared\/pet\.md:7:\d+: error: .*\[unknown-type\]$/));
    expect(readFileSync(join(root, "out/models/Pet.ts"), "utf8")).toBe(petBefore);

    // The next save recovers.
    from = w.lines.length;
    writeFileSync(join(root, "docs/models/shared/pet.md"), fieldsDoc("Pet", [["id", "*::String*", true], ["owner", owner, true], ["age", "*T.nilable(::Integer)*", false]]));
    const fixed = await w.next(/changed:/, from);
    expect(fixed).toMatch(/^docs2ts: models\/shared\/pet\.md changed: 2 docs read, 2 models -> out: 3 written, 3 unchanged/);
    expect(readFileSync(join(root, "out/models/Pet.ts"), "utf8")).toMatch(/age\?: number \| null \| undefined;/);

    // A template: every file's banner changes.
    from = w.lines.length;
    writeFileSync(join(root, "tpl/banner.hbs"), "// made by docs2ts from {{{source}}}\n");
    const banner = await w.next(/changed:/, from);
    expect(banner).toMatch(/^docs2ts: templates\/banner\.hbs changed: .* -> out: 3 written, 3 unchanged/);
    expect(readFileSync(join(root, "out/models/Pet.ts"), "utf8")).toMatch(/^\/\/ made by docs2ts from models\/shared\/pet\.md\n/);

    // The config: a policy change regenerates.
    from = w.lines.length;
    writeFileSync(join(root, "docs2ts.config.json"), JSON.stringify({ input: "docs", out: "out", templates: "tpl", unknownKeys: "reject" }));
    const config = await w.next(/changed:/, from);
    expect(config).toMatch(/^docs2ts: docs2ts\.config\.json changed: .* -> out: 2 written, 4 unchanged/);

    // A broken config is reported; watching goes on.
    from = w.lines.length;
    writeFileSync(join(root, "docs2ts.config.json"), JSON.stringify({ input: "docs", out: "out", enums: "sometimes" }));
    expect(await w.next(/error:/, from)).toMatch(/"enums" must be "closed" or "open"; fix the config to go on$/);

    expect(await w.stop()).toBe(0);
  }, 240_000);
});
