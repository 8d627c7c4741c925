import { describe, expect, it } from "vitest";
import { ballotOf, ballotsToComplete, detectDialect, tallyVotes } from "../../generator/dialects/index.js";
import { listDocs, readDocs } from "../../generator/markdown/read.js";
import type { DocFile } from "../../generator/markdown/types.js";
import { corpusPath } from "../helpers/shared.js";
import { nameResolver } from "../../generator/ir/links.js";
import { parseDoc } from "../../generator/markdown/parse.js";

/** A Fields doc whose Type cells are `types` (markdown, as the docs write them). */
function doc(path: string, ...types: string[]) {
  const rows = types.map((t, i) => `| \`f${i}\` | ${t} | :heavy_check_mark: | N/A |`).join("\n");
  return parseDoc(`# Doc\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n${rows}\n`, path);
}

describe("dialect detection between Java, C# and PHP (and Sorbet)", () => {
  it("a doc with distinctive cells decides; docs whose cells read in several dialects only have to agree", () => {
    // `*string*`/`*int*`/`*bool*` read as C# and as PHP alike; `*long*` as C# and Java.
    const docs = [doc("a.md", "*string*", "*int*"), doc("b.md", "*bool*"), doc("c.md", "*string*", "*long*"), doc("d.md", "*object*")];
    const d = detectDialect(docs);
    expect(d.dialect?.name).toBe("csharp");
    expect(d.diagnostics).toEqual([]);
  });

  // b.md (`*int*`) reads as Java, C# and PHP alike: it votes for none and agrees with each.
  it.each([
    ["java", ["*String*", "*Optional\\<Long>*"]],
    ["csharp", ["*string*", "Dictionary<String, *object*>"]],
    ["php", ["*string*", "*?string*"]],
    ["php", ["[Components\\Oauth\\|Components\\GoogleOneTap](x.md)"]],
  ])("detects %s from %j", (name, cells) => {
    const d = detectDialect([doc("a.md", ...cells), doc("b.md", "*int*")]);
    expect(d.dialect?.name).toBe(name);
    expect(d.diagnostics).toEqual([]);
  });

  it("a tree whose every cell reads alike in two dialects: the first is used, and the note says why", () => {
    const d = detectDialect([doc("a.md", "*string*", "*int*"), doc("b.md", "*bool*", "*float*")]);
    expect(d.dialect?.name).toBe("csharp");
    expect(d.diagnostics).toEqual([]);
    expect(d.note).toBe("dialect csharp (no doc decides between csharp, php, which read every Type cell alike)");
  });

  it("without a single deciding doc, the dialect that reads the most cells wins", () => {
    // a.md: C# and Java both read *long*, C# and PHP *string*: C# reads 2 cells, the others 1.
    const d = detectDialect([doc("a.md", "*long*", "*string*")]);
    expect(d.dialect?.name).toBe("csharp");
    expect(d.diagnostics).toEqual([]);
  });

  it("names the docs written in another dialect, including ones that tie between two others", () => {
    const docs = [doc("j1.md", "*String*"), doc("j2.md", "*boolean*"), doc("j3.md", "*Optional\\<Long>*"), doc("c.md", "Dictionary<String, *object*>"), doc("p.md", "*string*", "*bool*")];
    const d = detectDialect(docs);
    expect(d.dialect?.name).toBe("java");
    expect(d.diagnostics.map((x) => [x.code, x.file, x.message])).toEqual([
      ["mixed-dialects", "c.md", "written in csharp while most docs are java: c.md"],
      // `*string*` and `*bool*` are older Go docs' words too (a required string and bool)
      ["mixed-dialects", "p.md", "written in csharp or php or go while most docs are java: p.md"],
    ]);
  });

  it("no known Type cell at all: unknown-dialect", () => {
    const d = detectDialect([doc("a.md", "*Strng*")]);
    expect(d.diagnostics.map((x) => x.code)).toEqual(["unknown-dialect"]);
  });
});

describe("names written without a link", () => {
  const resolve = nameResolver([
    { path: "Models/Components/One.md", title: "One" },
    { path: "Models/Operations/One.md", title: "One" },
    { path: "Models/Components/VerificationOTP.md", title: "VerificationOTP" },
  ]);

  it("a qualifier picks the folder among same-named docs, whichever doc asks", () => {
    expect(resolve("Components\\One", "Models/Operations/GetX.md")).toBe("Models/Components/One.md");
    expect(resolve("Operations\\One", "Models/Components/X.md")).toBe("Models/Operations/One.md");
    expect(resolve("Models.Components.One", "Models/Operations/GetX.md")).toBe("Models/Components/One.md");
  });

  it("an unqualified shared name goes to the asking doc's folder; names ignore case", () => {
    expect(resolve("One", "Models/Operations/GetX.md")).toBe("Models/Operations/One.md");
    expect(resolve("One", "Models/Errors/E.md")).toBeUndefined();
    expect(resolve("VerificationOtp", "Models/Errors/E.md")).toBe("Models/Components/VerificationOTP.md");
  });
});

describe("ballots of equal cells", () => {
  // Ballots are remembered by what a cell's reading depends on; the same text must still read
  // differently where its links point elsewhere or its markup differs.
  const reading = (path: string, cell: string) => ballotOf(doc(path, cell), true).cells[0]!;

  it("a relative link read from two folders points at two docs", () => {
    const top = reading("a.md", "[models.Pet](./models/pet.md)");
    const nested = reading("sub/a.md", "[models.Pet](./models/pet.md)");
    expect(top.typescript?.r).toContain('"target":"models/pet.md"');
    expect(nested.typescript?.r).toContain('"target":"sub/models/pet.md"');
  });

  it("the same text with another link is another cell", () => {
    const linked = reading("c.md", "[Pet](pet.md)");
    const other = reading("d.md", "[Pet](dog.md)");
    expect(linked.typescript?.r).not.toBe(other.typescript?.r);
  });

  it("a remembered reading is reused, and agrees with the partial ballot's, computed apart", () => {
    const cells = ["*string*", "[models.Pet](./models/pet.md)", "T.nilable(::String)", "*Optional<Long>*", "[]*[models.Pet](pet.md)*"];
    const first = cells.map((c, i) => reading(`x${i}.md`, c));
    const again = cells.map((c, i) => reading(`y${i}.md`, c));
    expect(again).toEqual(first);
    // The same object: the second doc's cells came from the memo, not from the grammars again.
    again.forEach((r, i) => expect(r, cells[i]).toBe(first[i]));
    // Partial ballots are remembered under keys of their own; where a dialect finds the cell in its
    // vocabulary both must read it alike.
    cells.forEach((c, i) => {
      const partial = ballotOf(doc(`z${i}.md`, c)).cells[0]!;
      for (const [name, r] of Object.entries(first[i]!)) if (r!.l) expect(partial[name as keyof typeof partial], `${c} ${name}`).toEqual(r);
    });
  });
});

describe("partial ballots", () => {
  it("leave out the readings of dialects whose vocabulary a cell is not in", () => {
    const d = doc("a.md", "*::String*", "[models.Pet](./pet.md)");
    const partial = ballotOf(d);
    const whole = ballotOf(d, true);
    expect(partial.untried).toHaveLength(2);
    expect(whole.untried).toBeUndefined();
    for (const [i, cell] of whole.cells.entries()) {
      for (const [name, r] of Object.entries(cell)) {
        if (r!.l) expect(partial.cells[i]![name as keyof typeof cell], name).toEqual(r);
        else expect(partial.cells[i]![name as keyof typeof cell], name).toBeUndefined();
      }
    }
    expect(whole.cells.some((c) => Object.values(c).some((r) => !r!.l))).toBe(true); // something was left out
  });

  it("the tally refuses a partial ballot it needs whole", () => {
    // b.md votes for Sorbet against the C# majority: whether C# reads it needs its whole ballot.
    const docs = [doc("a.md", "Dictionary<String, *object*>"), doc("c.md", "Dictionary<String, *long*>"), doc("b.md", "*T.nilable(::String)*")];
    expect(ballotsToComplete(docs.map((d) => ballotOf(d)))).toEqual(["b.md"]);
    expect(() => tallyVotes(docs.map((d) => ballotOf(d)))).toThrow(/needs the whole ballot of b.md/);
  });

  // A doc that votes against the winner (Crystalline's `Models::Shared::X` links against a Sorbet
  // majority) with a link to a doc that is not there, which no dialect reads: the cells the winner
  // was not tried on decide, so the tally has the ballot made whole (it used to stop at the link's
  // cell and then ask for the ballot), and the missing link is not taken for another dialect.
  describe("a doc that voted against the winner, with a link to a missing doc", () => {
    const enumDoc = (path: string, title: string) => parseDoc(`# ${title}\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| \`A\` | a |\n`, path);
    const sorbet = [doc("s1.md", "*T.nilable(::String)*", "*T.nilable(::Integer)*"), doc("s2.md", "*T.nilable(::String)*")];
    const enums = [enumDoc("kind.md", "Kind"), enumDoc("mode.md", "Mode")];
    const tree = (x: DocFile) => [...sorbet, x, ...enums];
    const names = (docs: DocFile[]) => nameResolver(docs.map((d) => ({ path: d.path, ...(d.title ? { title: d.title.text } : {}) })));

    it("read whole by the winner: no diagnostic, the same verdict as from whole ballots", () => {
      const x = doc("x.md", "*::String*", "[Models::Shared::Kind](kind.md)", "[Models::Shared::Mode](mode.md)", "[T.nilable(Models::Shared::Gone)](gone.md)");
      const docs = tree(x);
      expect(ballotsToComplete(docs.map((d) => ballotOf(d)), names(docs))).toEqual(["x.md"]);
      const got = detectDialect(docs, names(docs));
      expect(got.dialect?.name).toBe("ruby-sorbet");
      expect(got.diagnostics).toEqual([]);
      expect(got).toEqual(tallyVotes(docs.map((d) => ballotOf(d, true)), names(docs)));
    });

    it("a cell only the other dialect reads still makes it mixed", () => {
      const x = doc("x.md", "[Models::Shared::Kind](kind.md)", "*Crystalline::Nilable.new(::String)*", "[T.nilable(Models::Shared::Gone)](gone.md)");
      const docs = tree(x);
      const got = detectDialect(docs, names(docs));
      expect(got.dialect?.name).toBe("ruby-sorbet");
      expect(got.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([["mixed-dialects", "x.md", "written in ruby-crystalline while most docs are ruby-sorbet: x.md"]]);
      expect(got).toEqual(tallyVotes(docs.map((d) => ballotOf(d, true)), names(docs)));
    });
  });

  // Trees mixing two corpora (most docs from one, a few from another), and each corpus alone:
  // detection from partial ballots completed where needed equals the tally of whole ballots.
  const corpora = ["clerk-ruby-sorbet", "clerk-ruby-crystalline", "clerk-python", "clerk-java", "clerk-csharp", "clerk-php", "vercel-ts", "authlete-go"];
  const sample = new Map(
    corpora.map((name) => {
      const root = corpusPath(name);
      const paths = listDocs(root).filter((p) => /^(models|docs)\//i.test(p));
      const picked = paths.filter((_, i) => i % Math.max(1, Math.floor(paths.length / 24)) === 0).slice(0, 24);
      return [name, readDocs(root, picked).docs] as const;
    }),
  );
  const whole = (docs: DocFile[]) => tallyVotes(docs.map((d) => ballotOf(d, true)), anyNames(docs));
  const anyNames = (docs: DocFile[]) => nameResolver(docs.map((d) => ({ path: d.path, ...(d.title ? { title: d.title.text } : {}) })));
  it.each(corpora)("%s, alone and with a few docs of each other corpus", (name) => {
    const main = sample.get(name)!;
    expect(main.length).toBeGreaterThan(10);
    const trees = [main, ...corpora.filter((o) => o !== name).map((o) => [...main, ...sample.get(o)!.slice(0, 3).map((d) => ({ ...d, path: `other/${d.path}` }))])];
    for (const docs of trees) {
      const names = anyNames(docs);
      const got = detectDialect(docs, names);
      expect(got).toEqual(whole(docs));
    }
  });
});
