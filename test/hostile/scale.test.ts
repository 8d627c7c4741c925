/**
 * Docs far larger than real ones, within the 16 MiB a doc may have: a model of 30,000 fields,
 * and as many broken rows. Lists built by copying (`[...list, x]`) made such a model's emit
 * quadratic (50,000 fields took 19 s to emit, now 1.4 s), and lists appended with
 * `push(...items)` overflowed the stack at ~150,000 items (an "internal error"). The binary runs
 * here with a fifth of Node's stack, so that 30,000 items are enough to overflow it where an
 * item is passed as an argument; a run must still finish with the files or the diagnostics.
 */
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/api.js";
import { MAX_EXAMPLE_DEPTH } from "../../generator/dialects/examples.js";
import { tempTree } from "../helpers/cli.js";
import { repoRoot } from "../helpers/shared.js";

const FIELDS = 30_000;

function wideDoc(type: string): string {
  const rows = Array.from({ length: FIELDS }, (_, i) => `| \`f${i}\` | ${type} | :heavy_minus_sign: | N/A |\n`).join("");
  return `# Wide\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| \`id\` | *::String* | :heavy_check_mark: | N/A |\n${rows}`;
}

function run(root: string) {
  return spawnSync(process.execPath, ["--stack-size=200", join(repoRoot, "bin/docs2ts.js"), "generate", "--input", "docs", "--out", "out", "--dialect", "ruby-sorbet", "--no-cache"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe("docs at scale, on a small stack", () => {
  it(`a model of ${FIELDS.toLocaleString("en")} fields is generated whole`, { timeout: 120_000 }, () => {
    const root = tempTree({ "docs/models/wide.md": wideDoc("*T.nilable(::String)*") });
    const r = run(root);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.status).toBe(0);
    const code = readFileSync(join(root, "out/models/Wide.ts"), "utf8");
    expect(code.match(/^ {4}f\d+\?: string \| null \| undefined;$/gm)?.length).toBe(FIELDS);
    // Every field has its case in the key-driven path's lookup.
    expect(new Set(code.match(/ === "f\d+"\) /g)).size).toBe(FIELDS);
  });

  it(`${FIELDS.toLocaleString("en")} broken rows are ${FIELDS.toLocaleString("en")} diagnostics and exit 1`, { timeout: 120_000 }, () => {
    const root = tempTree({ "docs/models/wide.md": wideDoc("*T.nilable(::Strin)*") });
    const r = run(root);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.status).toBe(1);
    const errors = r.stderr.split("\n").filter((l) => l.includes("error: cannot read the type"));
    expect(errors.length).toBe(FIELDS);
    expect(errors[FIELDS - 1]).toBe(`models/wide.md:${FIELDS + 7}:25: error: cannot read the type 'T.nilable(::Strin)': unknown type '::Strin' (not a Sorbet type, and not a link to a doc) [unknown-type]`);
  });
});

describe("examples nested deeper than any printer recurses", () => {
  const doc = (example: string) =>
    `# Ex\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n| \`a\` | *::Object* | :heavy_check_mark: | N/A | ${example} |\n`;
  const nested = (n: number) => "[".repeat(n) + "]".repeat(n);

  it("an Example of 5,000 nested arrays stays text (its JSON printed in the JSDoc overflowed the stack)", () => {
    const { ir, files } = generate(tempTree({ "models/ex.md": doc(nested(5_000)) }));
    expect(ir.diagnostics).toEqual([]);
    expect(ir.models[0]!.fields![0]!.example).toBe(nested(5_000));
    expect(files.find((f) => f.path === "models/Ex.ts")!.content).toContain("[[[[");
  });

  it(`up to ${MAX_EXAMPLE_DEPTH} levels an Example is its JSON value`, () => {
    const at = (n: number) => generate(tempTree({ "models/ex.md": doc(nested(n)) })).ir.models[0]!.fields![0]!.example;
    expect(Array.isArray(at(MAX_EXAMPLE_DEPTH))).toBe(true);
    expect(at(MAX_EXAMPLE_DEPTH + 1)).toBe(nested(MAX_EXAMPLE_DEPTH + 1));
  });
});
