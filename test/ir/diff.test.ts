import { describe, expect, it } from "vitest";
import { diffModels } from "../../generator/ir/diff.js";
import type { FieldShape, ModelShape } from "../../generator/ir/shape.js";
import type { TypeRef } from "../../generator/ir/types.js";

const S: TypeRef = { kind: "string" };
const I: TypeRef = { kind: "integer" };
const N: TypeRef = { kind: "number" };
const ref = (target: string): TypeRef => ({ kind: "ref", target });

function field(name: string, type: TypeRef, required = true, nullable = false): FieldShape {
  return { name, type, required, nullable };
}
function obj(name: string, fields: FieldShape[], source = `models/${name.toLowerCase()}.md`): ModelShape {
  return { source, name, title: name, kind: "object", fields };
}
function enm(name: string, values: string[], source = `models/${name.toLowerCase()}.md`): ModelShape {
  return { source, name, title: name, kind: "enum", values };
}

/** A request and a response that both use `Pet`, so Pet is read and written ("both"). */
const wrap = (pet: ModelShape, extra: ModelShape[] = []) => [
  obj("CreatePetRequestBody", [field("pet", ref(pet.source))]),
  obj("GetPetResponse", [field("pet", ref(pet.source))]),
  pet,
  ...extra,
];

describe("diffModels: one change at a time, with the exact entry", () => {
  const cases: { name: string; before: ModelShape[]; after: ModelShape[]; want: unknown }[] = [
    {
      name: "optional field added to a model used both ways: not breaking",
      before: wrap(obj("Pet", [field("id", S)])),
      after: wrap(obj("Pet", [field("id", S), field("tag", S, false, true)])),
      want: [{ kind: "field-added", field: "tag", to: "optional string | null", breaking: false, reason: "an optional field breaks nothing" }],
    },
    {
      name: "required field added: breaking for writers",
      before: wrap(obj("Pet", [field("id", S)])),
      after: wrap(obj("Pet", [field("id", S), field("age", I)])),
      want: [{ kind: "field-added", field: "age", to: "required integer", breaking: true, reason: "writers must now set it" }],
    },
    {
      name: "field removed",
      before: wrap(obj("Pet", [field("id", S), field("age", I)])),
      after: wrap(obj("Pet", [field("id", S)])),
      want: [{ kind: "field-removed", field: "age", breaking: true, reason: "code that reads or sets it no longer compiles" }],
    },
    {
      name: "type widened integer -> number",
      before: wrap(obj("Pet", [field("age", I)])),
      after: wrap(obj("Pet", [field("age", N)])),
      want: [{ kind: "field-retyped", field: "age", from: "integer", to: "number", breaking: true, reason: "widened: readers may receive values they did not expect" }],
    },
    {
      name: "required -> optional",
      before: wrap(obj("Pet", [field("id", S)])),
      after: wrap(obj("Pet", [field("id", S, false)])),
      want: [{ kind: "required-changed", field: "id", from: "required", to: "optional", breaking: true, reason: "readers must now handle its absence" }],
    },
    {
      name: "enum value removed and added",
      before: wrap(obj("Pet", [field("kind", ref("models/kind.md"))]), [enm("Kind", ["cat", "dog"])]),
      after: wrap(obj("Pet", [field("kind", ref("models/kind.md"))]), [enm("Kind", ["cat", "bird"])]),
      want: [
        { kind: "enum-value-removed", value: "dog", breaking: true, reason: "writers can no longer send it, and its constant is gone" },
        { kind: "enum-value-added", value: "bird", breaking: true, reason: "readers may receive a value their code does not handle" },
      ],
    },
    {
      name: "enum opened (the docs mark it open now)",
      before: wrap(obj("Pet", [field("kind", ref("models/kind.md"))]), [enm("Kind", ["cat", "dog"])]),
      after: wrap(obj("Pet", [field("kind", ref("models/kind.md"))]), [{ ...enm("Kind", ["cat", "dog"]), open: true }]),
      want: [{ kind: "enum-opened", from: "closed", to: "open", breaking: true, reason: "readers may receive values it does not list" }],
    },
    {
      name: "enum closed",
      before: wrap(obj("Pet", [field("kind", ref("models/kind.md"))]), [{ ...enm("Kind", ["cat", "dog"]), open: true }]),
      after: wrap(obj("Pet", [field("kind", ref("models/kind.md"))]), [enm("Kind", ["cat", "dog"])]),
      want: [{ kind: "enum-closed", from: "open", to: "closed", breaking: true, reason: "writers can no longer send values it does not list" }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const report = diffModels(c.before, c.after);
      expect(report.models.map((m) => [m.name, m.status, m.direction])).toEqual([[c.name.startsWith("enum") ? "Kind" : "Pet", "changed", "both"]]);
      expect(report.models[0]!.changes).toEqual(c.want);
    });
  }
});

describe("diffModels: direction decides what breaks", () => {
  it("a field that becomes required breaks a request body, not a response", () => {
    const before = [obj("CreatePetRequestBody", [field("name", S, false)]), obj("GetPetResponse", [field("name", S, false)])];
    const after = [obj("CreatePetRequestBody", [field("name", S)]), obj("GetPetResponse", [field("name", S)])];
    const report = diffModels(before, after);
    expect(report.models.map((m) => [m.name, m.direction, m.breaking])).toEqual([
      ["CreatePetRequestBody", "input", true],
      ["GetPetResponse", "output", false],
    ]);
  });

  it("nullability: becoming nullable breaks readers, no longer nullable breaks writers", () => {
    const before = [obj("GetPetResponse", [field("a", S), field("b", S, true, true)]), obj("CreatePetRequest", [field("a", S), field("b", S, true, true)])];
    const after = [obj("GetPetResponse", [field("a", S, true, true), field("b", S)]), obj("CreatePetRequest", [field("a", S, true, true), field("b", S)])];
    const report = diffModels(before, after);
    const flags = report.models.map((m) => [m.name, m.changes.map((c) => `${c.field}:${c.from}->${c.to}:${c.breaking}`)]);
    expect(flags).toEqual([
      ["CreatePetRequest", ["a:not nullable->nullable:false", "b:nullable->not nullable:true"]],
      ["GetPetResponse", ["a:not nullable->nullable:true", "b:nullable->not nullable:false"]],
    ]);
  });

  it("narrowing an enum-typed field (string -> enum) breaks writers only", () => {
    const before = [obj("CreatePetRequestBody", [field("kind", S)]), obj("GetPetResponse", [field("kind", S)])];
    const kind = enm("Kind", ["cat"]);
    const after = [obj("CreatePetRequestBody", [field("kind", ref(kind.source))]), obj("GetPetResponse", [field("kind", ref(kind.source))]), kind];
    const report = diffModels(before, after);
    expect(report.models.map((m) => [m.name, m.status, m.changes.map((c) => [c.kind, c.from, c.to, c.breaking])])).toEqual([
      ["CreatePetRequestBody", "changed", [["field-retyped", "string", "Kind", true]]],
      ["GetPetResponse", "changed", [["field-retyped", "string", "Kind", false]]],
      ["Kind", "added", [["model-added", undefined, undefined, false]]],
    ]);
  });
});

describe("diffModels: pairing", () => {
  it("a doc that moved folders keeps its pairing; refs to it are not a retype", () => {
    const before = [obj("GetPetResponse", [field("pet", ref("models/shared/pet.md"))]), obj("Pet", [field("id", S)], "models/shared/pet.md")];
    const after = [obj("GetPetResponse", [field("pet", ref("models/components/pet.md"))]), obj("Pet", [field("id", S)], "models/components/pet.md")];
    expect(diffModels(before, after)).toEqual({ summary: { added: 0, removed: 0, changed: 0, unchanged: 2, breakingChanges: 0, breakingModels: 0 }, models: [] });
  });

  it("a doc whose TypeScript name changed is renamed (breaking), and refs follow it", () => {
    const before = [obj("GetPetResponse", [field("pet", ref("models/shared/pet.md"))]), obj("Pet", [field("id", S)], "models/shared/pet.md")];
    const after = [
      obj("GetPetResponse", [field("pet", ref("models/shared/pet.md"))]),
      obj("SharedPet", [field("id", S)], "models/shared/pet.md"),
      obj("OperationsPet", [field("id", S)], "models/operations/pet.md"),
    ];
    const report = diffModels(before, after);
    expect(report.models.map((m) => [m.name, m.status, m.changes.map((c) => [c.kind, c.from, c.to, c.breaking])])).toEqual([
      ["OperationsPet", "added", [["model-added", undefined, undefined, false]]],
      ["SharedPet", "changed", [["model-renamed", "Pet", "SharedPet", true]]],
    ]);
  });

  it("removed models are breaking, added ones are not; the summary counts them", () => {
    const report = diffModels([obj("A", []), obj("B", [])], [obj("B", []), obj("C", [])]);
    expect(report.summary).toEqual({ added: 1, removed: 1, changed: 0, unchanged: 1, breakingChanges: 1, breakingModels: 1 });
    expect(report.models.map((m) => [m.name, m.status, m.old, m.new, m.breaking])).toEqual([
      ["A", "removed", "models/a.md", undefined, true],
      ["C", "added", undefined, "models/c.md", false],
    ]);
  });
});
