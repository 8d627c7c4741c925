import { describe, expect, it } from "vitest";
import { docs2ts, fieldsDoc, tempTree, valuesDoc } from "../helpers/cli.js";

const pet = "[::X::Shared::Pet](../../models/shared/pet.md)";
const kind = "[::X::Shared::Kind](../../models/shared/kind.md)";

/** Two versions of a small API whose differences are known, one of each kind. */
const before = {
  "models/shared/pet.md": fieldsDoc("Pet", [
    ["id", "*::String*", true],
    ["age", "*T.nilable(::Integer)*", false],
    ["kind", kind, true],
  ]),
  "models/shared/kind.md": valuesDoc("Kind", ["cat", "dog"]),
  "models/shared/legacy.md": fieldsDoc("Legacy", [["x", "*::String*", true]]),
  "models/operations/createpetrequestbody.md": fieldsDoc("CreatePetRequestBody", [["pet", pet, true]]),
  "models/operations/getpetresponse.md": fieldsDoc("GetPetResponse", [
    ["pet", "[T.nilable(::X::Shared::Pet)](../../models/shared/pet.md)", false],
    ["status_code", "*::Integer*", true],
  ]),
};
const after = {
  "models/shared/pet.md": fieldsDoc("Pet", [
    ["id", "*::String*", true],
    ["age", "*T.nilable(::Float)*", false],
    ["kind", kind, true],
    ["name", "*::String*", true],
  ]),
  "models/shared/kind.md": valuesDoc("Kind", ["cat", "bird"]),
  "models/shared/owner.md": fieldsDoc("Owner", [["name", "*::String*", true]]),
  "models/operations/createpetrequestbody.md": before["models/operations/createpetrequestbody.md"],
  "models/operations/getpetresponse.md": fieldsDoc("GetPetResponse", [
    ["pet", "[T.nilable(::X::Shared::Pet)](../../models/shared/pet.md)", false],
    ["status_code", "*T.nilable(::Integer)*", false],
  ]),
};

const files = (dir: string, tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).map(([p, text]) => [`${dir}/${p}`, text]));

const TABLE = [
  "Model           Direction  Change              Field        Detail                    Breaking  Why",
  "--------------  ---------  ------------------  -----------  ------------------------  --------  -------------------------------------------------------",
  "GetPetResponse  output     required-changed    status_code  required -> optional      yes       readers must now handle its absence",
  "GetPetResponse  output     nullable-changed    status_code  not nullable -> nullable  yes       readers must now handle null",
  'Kind            both       enum-value-removed               "dog"                     yes       writers can no longer send it, and its constant is gone',
  'Kind            both       enum-value-added                 "bird"                    yes       readers may receive a value their code does not handle',
  "Legacy          both       model-removed                                              yes       code that uses it no longer compiles",
  "Owner           both       model-added                                                no        new models break nothing",
  "Pet             both       field-retyped       age          integer -> number         yes       widened: readers may receive values they did not expect",
  "Pet             both       field-added         name         required string           yes       writers must now set it",
  "1 model added, 1 removed, 3 changed, 1 unchanged; 7 breaking changes in 4 models",
  "",
].join("\n");

describe("docs2ts diff on a hand-made pair with known answers", () => {
  const root = tempTree({ ...files("old", before), ...files("new", after) });

  it("prints the exact table; exit 0 without --fail-on", () => {
    const r = docs2ts(["diff", "old", "new"], root);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(TABLE);
  });

  it("--fail-on breaking exits 1 when something breaks, 0 when nothing does", () => {
    expect(docs2ts(["diff", "old", "new", "--fail-on", "breaking"], root).code).toBe(1);
    const same = docs2ts(["diff", "old", "old", "--fail-on", "breaking"], root);
    expect(same).toEqual({ code: 0, stdout: "No changes.\n0 models added, 0 removed, 0 changed, 5 unchanged; 0 breaking changes in 0 models\n", stderr: "" });
    // Only non-breaking changes: an optional field added.
    const soft = tempTree({
      ...files("a", { "models/shared/pet.md": fieldsDoc("Pet", [["id", "*::String*", true]]) }),
      ...files("b", { "models/shared/pet.md": fieldsDoc("Pet", [["id", "*::String*", true], ["tag", "*T.nilable(::String)*", false]]) }),
    });
    const r = docs2ts(["diff", "a", "b", "--fail-on", "breaking", "--json"], soft);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      old: "a",
      new: "b",
      summary: { added: 0, removed: 0, changed: 1, unchanged: 0, breakingChanges: 0, breakingModels: 0 },
      models: [
        {
          name: "Pet",
          status: "changed",
          old: "models/shared/pet.md",
          new: "models/shared/pet.md",
          direction: "both",
          breaking: false,
          changes: [{ kind: "field-added", field: "tag", to: "optional string | null", breaking: false, reason: "an optional field breaks nothing" }],
        },
      ],
    });
  });

  it("--json gives the same report as data", () => {
    const r = docs2ts(["diff", "old", "new", "--json"], root);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ added: 1, removed: 1, changed: 3, unchanged: 1, breakingChanges: 7, breakingModels: 4 });
    expect(report.models.map((m: { name: string; status: string }) => `${m.name}:${m.status}`)).toEqual([
      "GetPetResponse:changed",
      "Kind:changed",
      "Legacy:removed",
      "Owner:added",
      "Pet:changed",
    ]);
    expect(report.models[4].changes[0]).toEqual({
      kind: "field-retyped",
      field: "age",
      from: "integer",
      to: "number",
      breaking: true,
      reason: "widened: readers may receive values they did not expect",
    });
  });

  it("a generated folder stands for its docs (its .docs2ts-models.json)", () => {
    expect(docs2ts(["generate", "--input", "old", "--out", "gen-old"], root).code).toBe(0);
    const r = docs2ts(["diff", "gen-old", "new"], root);
    expect(r.stdout).toBe(TABLE);
  });

  it("usage errors exit 2; docs with errors exit 1 and are named", () => {
    expect(docs2ts(["diff", "old"], root).code).toBe(2);
    expect(docs2ts(["diff", "old", "new", "--fail-on", "everything"], root).code).toBe(2);
    expect(docs2ts(["diff", "old", "missing"], root).code).toBe(2);
    const broken = tempTree({ ...files("a", before), ...files("b", { ...after, "models/shared/owner.md": fieldsDoc("Owner", [["name", "*::Strng*", true]]) }) });
    const r = docs2ts(["diff", "a", "b"], broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^b\/models\/shared\/owner\.md:7:\d+: error: .*\[unknown-type\]$/m);
  });
});

describe("generate --check says what changed per model", () => {
  it("lists stale files, then the changes from the shapes record", () => {
    const root = tempTree({ ...files("docs", before) });
    expect(docs2ts(["generate", "--input", "docs", "--out", "out"], root).code).toBe(0);
    const clean = docs2ts(["generate", "--input", "docs", "--out", "out", "--check"], root);
    expect(clean.code).toBe(0);
    const edited = tempTree({ ...files("docs", after) });
    const r = docs2ts(["generate", "--input", `${edited}/docs`, "--out", "out", "--check"], root);
    expect(r.code).toBe(1);
    const lines = r.stderr.slice(r.stderr.indexOf("docs2ts: out is out of date")).split("\n");
    const summary = lines.splice(-2, 1)[0]; // the run's summary line, last
    const text = lines.join("\n");
    expect(text).toBe(
      [
        "docs2ts: out is out of date:",
        "  .docs2ts-models.json (stale)",
        "  README.md (stale)",
        "  index.ts (stale)",
        "  models/GetPetResponse.ts (stale)",
        "  models/Kind.ts (stale)",
        "  models/Owner.ts (stale)",
        "  models/Pet.ts (stale)",
        "  models/Legacy.ts (no longer generated)",
        "What changed, per model:",
        "  GetPetResponse: required-changed status_code required -> optional (breaking: readers must now handle its absence)",
        "  GetPetResponse: nullable-changed status_code not nullable -> nullable (breaking: readers must now handle null)",
        '  Kind: enum-value-removed "dog" (breaking: writers can no longer send it, and its constant is gone)',
        '  Kind: enum-value-added "bird" (breaking: readers may receive a value their code does not handle)',
        "  Legacy: model-removed (breaking: code that uses it no longer compiles)",
        "  Owner: model-added (not breaking: new models break nothing)",
        "  Pet: field-retyped age integer -> number (breaking: widened: readers may receive values they did not expect)",
        "  Pet: field-added name required string (breaking: writers must now set it)",
        "",
      ].join("\n"),
    );
    expect(summary).toMatch(/^docs2ts: 5 docs read, 5 models: 7 files stale, 1 to remove, 2 up to date; 0 warnings, 0 errors \(.*\)\. Run 'docs2ts generate' to update out\.$/);
  });
});
