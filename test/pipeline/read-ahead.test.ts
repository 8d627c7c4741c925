import { describe, expect, it } from "vitest";
import { generate } from "../../generator/api.js";
import { Cache } from "../../generator/cache/store.js";
import { DEFAULT_OPTIONS } from "../../generator/emit/context.js";
import { loadTemplates } from "../../generator/emit/templates.js";
import { guessTitle } from "../../generator/markdown/title.js";
import { runPipeline } from "../../generator/pipeline.js";
import { tempTree } from "../helpers/cli.js";

/**
 * The CLI's pipeline reads each doc's model as soon as the doc is parsed, with a guessed dialect
 * and guessed titles (pipeline.ts, `ReadAhead`). The guesses may only change the time a run
 * takes: a model read with a wrong one is read again. Each tree below makes a guess wrong where
 * it changes a model, and the pipeline must give what the library (which reads every model after
 * every doc is parsed) gives.
 */

describe("guessTitle", () => {
  it("reads a plain `#` first line as the parser would", () => {
    expect(guessTitle("# PhoneNumber\n\n## Fields\n")).toBe("PhoneNumber");
    expect(guessTitle("\n\n   # Spaced Out  \n")).toBe("Spaced Out");
    expect(guessTitle("# Closed ##\n")).toBe("Closed");
    expect(guessTitle("# ~~Decrypt~~\n")).toBe("Decrypt"); // a deprecated model's title
    expect(guessTitle("#\n")).toBe("");
  });

  it("gives up on what markdown may read otherwise", () => {
    expect(guessTitle("Pet\n===\n")).toBeUndefined(); // a setext heading
    expect(guessTitle("## Fields\n")).toBeUndefined();
    expect(guessTitle("#Tight\n")).toBeUndefined(); // not a heading at all
    expect(guessTitle("    # Code\n")).toBeUndefined(); // indented code
    expect(guessTitle("# Foo\\_Bar\n")).toBeUndefined();
    expect(guessTitle("# `code`\n")).toBeUndefined();
    expect(guessTitle("# ~~ spaced ~~\n")).toBeUndefined();
    expect(guessTitle("# [Link](x.md)\n")).toBeUndefined();
    expect(guessTitle("")).toBeUndefined();
  });
});

const pythonDoc = (title: string, rows: [string, string][], setext = false) =>
  `${setext ? `${title}\n===` : `# ${title}`}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n${rows
    .map(([n, t]) => `| \`${n}\` | ${t} | :heavy_check_mark: | N/A |`)
    .join("\n")}\n`;

async function pipeline(input: string, dialect: string, cache = Cache.none()) {
  return runPipeline(input, { dialect, options: DEFAULT_OPTIONS, templates: loadTemplates(), cache });
}

describe("models read ahead", () => {
  // `Pet` without a link is found by name: by a doc's title first, then by file name. The doc
  // titled "Pet" has a setext title, which the guess cannot read, so under the guessed titles the
  // name finds pet.md (titled "Creature"), under the real ones animal.md. Sixteen Python docs
  // before them (by path) make the dialect lead when it is detected, so that owner.md is read ahead.
  const tree = () => {
    const files: Record<string, string> = {
      "docs/models/owner.md": pythonDoc("Owner", [["pet", "*models.Pet*"]]),
      "docs/models/animal.md": pythonDoc("Pet", [["legs", "*int*"]], true),
      "docs/models/pet.md": pythonDoc("Creature", [["wings", "*int*"]]),
    };
    for (let i = 0; i < 16; i++) files[`docs/a/f${String(i).padStart(2, "0")}.md`] = pythonDoc(`F${i}`, [["z", "*Optional[str]*"]]);
    return tempTree(files) + "/docs";
  };

  for (const dialect of ["python", "auto"]) {
    it(`a model whose name question a wrong title guess answered is read again (--dialect ${dialect})`, async () => {
      const input = tree();
      const lib = generate(input, dialect === "auto" ? {} : { dialect: "python" });
      const owner = lib.ir.models.find((m) => m.name === "Owner")!;
      expect(owner.fields?.[0]?.type).toEqual({ kind: "ref", target: "models/animal.md" });
      for (const cache of [Cache.none(), new Cache()]) {
        const run = await pipeline(input, dialect, cache);
        expect(run.ir).toEqual(lib.ir);
        expect(run.files).toEqual(lib.files);
      }
    });
  }

  it("models read with the dialect the first docs lean to are read again when the tally picks another", async () => {
    // 16 docs first (by path) that only Sorbet reads, then 40 that only Python reads: after 16
    // ballots the Sorbet dialect leads, and the docs after them are read with it; Python wins.
    const files: Record<string, string> = {};
    for (let i = 0; i < 16; i++) files[`docs/a/s${String(i).padStart(2, "0")}.md`] = `# S${i}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| \`x\` | *T.nilable(::String)* | :heavy_minus_sign: | N/A |\n`;
    for (let i = 0; i < 40; i++) files[`docs/b/p${String(i).padStart(2, "0")}.md`] = pythonDoc(`P${i}`, [["y", "*Optional[str]*"]]);
    const input = tempTree(files) + "/docs";
    const lib = generate(input);
    expect(lib.ir.dialect).toBe("python");
    const run = await pipeline(input, "auto");
    expect(run.ir).toEqual(lib.ir);
    expect(run.files).toEqual(lib.files);
  });
});
