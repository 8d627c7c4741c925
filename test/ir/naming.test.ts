import { describe, expect, it } from "vitest";
import { MAX_NAME_LENGTH, pascalCase, planNames } from "../../generator/ir/naming.js";

const plan = (...docs: [source: string, title: string][]) => {
  const { names, diagnostics } = planNames(docs.map(([source, title]) => ({ source, title, line: 1 })));
  return { names: docs.map(([source]) => names.get(source)), messages: diagnostics.map((d) => `${d.file} ${d.code}: ${d.message}`) };
};

describe("pascalCase", () => {
  it("keeps ASCII letters and digits; an empty name is Model, one starting with a digit gets Model in front", () => {
    expect(["phone number", "Café", "", "!!!", "3d model", "a_b-c"].map(pascalCase)).toEqual(["PhoneNumber", "Cafe", "Model", "Model", "Model3dModel", "ABC"]);
  });
});

describe("planNames", () => {
  it("the names index.ts exports beside the models are reserved", () => {
    const { names, messages } = plan(["models/r.md", "ValidationResult"], ["models/e.md", "ValidationError"]);
    expect(names).toEqual(["ValidationResult2", "ValidationError2"]);
    expect(messages).toEqual([
      "models/e.md name-collision: the name ValidationError is reserved (index.ts exports ValidationError); this model is named ValidationError2",
      "models/r.md name-collision: the name ValidationResult is reserved (index.ts exports ValidationResult); this model is named ValidationResult2",
    ]);
    expect(plan(["models/i.md", "ValidationIssue"], ["models/s.md", "StandardSchemaV1"]).names).toEqual(["ValidationIssue2", "StandardSchemaV12"]);
  });

  it("equal names in one folder are numbered in path order; in different folders they take the folders' names, as deep as it takes", () => {
    expect(plan(["models/a.md", "Actor"], ["models/b.md", "actor"])).toEqual({
      names: ["Actor", "Actor2"],
      messages: ["models/b.md name-collision: the name Actor is taken by another doc; this model is named Actor2"],
    });
    expect(plan(["models/operations/actor.md", "Actor"], ["models/shared/actor.md", "Actor"]).names).toEqual(["OperationsActor", "SharedActor"]);
    // the nearest folders are the same: one more level tells them apart
    expect(plan(["v1/x/actor.md", "Actor"], ["v2/x/actor.md", "Actor"]).names).toEqual(["V1XActor", "V2XActor"]);
  });

  it("a model may not take what another model's functions export", () => {
    // `isX`, `validateX`, `assertX` start in lower case, which a PascalCase name never does
    const { names, messages } = plan(["models/a.md", "User"], ["models/b.md", "isUser"]);
    expect(names).toEqual(["User", "IsUser"]);
    expect(messages).toEqual([]);
    // `XSchema` can clash: the doc whose name it is keeps it, the other model is numbered
    expect(plan(["models/a.md", "User"], ["models/b.md", "User Schema"])).toEqual({
      names: ["User2", "UserSchema"],
      messages: ["models/a.md name-collision: the name User would export UserSchema, which another doc's model uses; this model is named User2"],
    });
  });

  it(`names longer than ${MAX_NAME_LENGTH} characters are cut, with a warning; ${MAX_NAME_LENGTH} is kept whole`, () => {
    const exact = "A".repeat(MAX_NAME_LENGTH);
    expect(plan(["models/a.md", exact])).toEqual({ names: [exact], messages: [] });
    const { names, messages } = plan(["models/a.md", exact + "B"], ["models/b.md", exact + "C"]);
    expect(names).toEqual([exact, `${exact}2`]);
    expect(messages[0]).toBe(`models/a.md long-name: the model's name would be ${MAX_NAME_LENGTH + 1} characters long; it is cut to its first ${MAX_NAME_LENGTH}, since it also names the model's files`);
    expect(messages.map((m) => m.split(":")[0])).toEqual(["models/a.md long-name", "models/b.md long-name", "models/b.md name-collision"]);
  });
});
