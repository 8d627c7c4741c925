import { describe, expect, it } from "vitest";
import type { Field, IR, Model, TypeRef } from "../../generator/api.js";
import { compare, lacks, type CType, type Corpus } from "../helpers/agreement.js";

/**
 * Controls for the cross-dialect comparison (test/helpers/agreement.ts) on small hand-made IRs:
 * it must see a disagreement when one dialect reads a type differently, tell a naming variant
 * or a lost fact from a disagreement, and match models through links.
 */

const f = (name: string, type: TypeRef, required = true, nullable = false): Field => ({ name, type, required, nullable, line: 1 });
const obj = (source: string, fields: Field[]): Model => ({ source, line: 1, title: source.replace(/^.*\/|\.md$/g, ""), name: "X", kind: "object", fields });
const enm = (source: string, values: string[]): Model => ({ source, line: 1, title: "E", name: "E", kind: "enum", values: values.map((value) => ({ value })) });
const ir = (models: Model[]): IR => ({ version: 1, dialect: "test", models, diagnostics: [] });
const ref = (target: string): TypeRef => ({ kind: "ref", target });

/** Three dialects of one API: `a` and `b` folder-style, `c` flat like python. */
function corpora(overrides: { c?: Field[]; cLinked?: string } = {}): Corpus[] {
  const linked = overrides.cLinked ?? "models/ownerinfo.md";
  const a = ir([
    obj("models/components/Pet.md", [f("id", { kind: "string" }), f("born_at", { kind: "datetime" }), f("owner", ref("models/components/Owner.md"))]),
    obj("models/components/Owner.md", [f("name", { kind: "string" }), f("kind", ref("models/components/Kind.md"), false, true)]),
    enm("models/components/Kind.md", ["a", "b"]),
  ]);
  const b = ir([
    obj("Models/Components/Pet.md", [f("Id", { kind: "string" }), f("BornAt", { kind: "datetime" }), f("Owner", ref("Models/Components/Owner.md"))]),
    obj("Models/Components/Owner.md", [f("Name", { kind: "string" }), f("Kind", ref("Models/Components/Kind.md"), false)]),
    enm("Models/Components/Kind.md", ["a", "b"]),
  ]);
  const c = ir([
    obj("models/pet.md", overrides.c ?? [f("id", { kind: "string" }), f("born_at", { kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] }), f("owner", ref(linked))]),
    obj(linked, [f("name", { kind: "string" }), f("kind", ref("models/kind.md"), false, true)]),
    enm("models/kind.md", ["a", "b"]),
  ]);
  return [
    { name: "a", ir: a },
    { name: "b", ir: b },
    { name: "c", ir: c },
  ];
}

describe("the cross-dialect comparison (controls)", () => {
  it("matches a model named apart in one dialect through the field that links to it, and calls its refs a naming variant", () => {
    const cs = corpora();
    const r = compare(cs, cs);
    expect(r.matching.byLink.get("c")!.get("models/ownerinfo.md")).toBe("components/owner");
    expect(r.matching.unmatched.get("c")).toEqual([]);
    const owner = r.rows.find((x) => x.corpus === "c" && x.key === "components/pet.owner")!;
    expect([owner.type, owner.typeVerdict]).toEqual(["ref:components/owner", "same"]);
  });

  it("classifies date|datetime against datetime as a lost fact, not a disagreement", () => {
    const cs = corpora();
    const rows = compare(cs, cs).rows.filter((x) => x.key === "components/pet.bornat");
    expect(rows.map((x) => [x.corpus, x.typeVerdict, x.fact])).toEqual([
      ["a", "same", undefined],
      ["b", "same", undefined],
      ["c", "lacks", "date or date-time"],
    ]);
  });

  it("reports a type read differently, and a Required flag that differs, as disagreements", () => {
    const cs = corpora({ c: [f("id", { kind: "integer" }), f("born_at", { kind: "datetime" }, false), f("owner", ref("models/ownerinfo.md"))] });
    const r = compare(cs, cs);
    const c = r.rows.filter((x) => x.corpus === "c");
    expect(c.find((x) => x.key === "components/pet.id")).toMatchObject({ type: "integer", consensusType: "string", typeVerdict: "differs" });
    expect(c.find((x) => x.key === "components/pet.bornat")).toMatchObject({ required: false, consensusRequired: true, typeVerdict: "same" });
    const s = r.summaries.find((x) => x.corpus === "c")!;
    expect([s.matchedFields, s.typeDiffers, s.requiredSame]).toEqual([5, 1, 4]);
  });

  it("compares nullability only where the docs show it, and enum values by matched enum", () => {
    const cs = corpora();
    (cs[2]!.ir.models[2]!.values as { value: string }[]).push({ value: "c" });
    const r = compare(cs, cs, (corpus, required) => corpus !== "b" && !required);
    const kind = r.rows.filter((x) => x.key === "components/owner.kind");
    expect(kind.map((x) => [x.corpus, x.consensusNullable])).toEqual([
      ["a", true],
      ["b", undefined],
      ["c", true],
    ]);
    expect(r.enums.filter((e) => !e.same).map((e) => [e.corpus, e.values.join(",")])).toEqual([["c", "a,b,c"]]);
  });

  it("knows which wider types lose a fact, and says which", () => {
    const s = (name: string): CType => ({ kind: "scalar", name });
    const cases: [CType, CType, string | undefined][] = [
      [s("any"), s("string"), "any (the doc names no type)"],
      [s("string"), s("date"), "string for a date"],
      [s("number"), s("integer"), "number for an integer"],
      [s("string"), s("binary"), "string for binary content"],
      [s("boolean"), { kind: "literal", value: true }, "boolean for the constant true"],
      [s("string"), { kind: "ref", id: "x", enum: true }, "string for an enum"],
      [{ kind: "array", items: s("number") }, { kind: "array", items: s("integer") }, "number for an integer"],
      [s("integer"), s("number"), undefined],
      [s("string"), { kind: "ref", id: "x", enum: false }, undefined],
      [s("date"), s("datetime"), undefined],
    ];
    for (const [wide, narrow, want] of cases) expect(lacks(wide, narrow), JSON.stringify([wide, narrow])).toBe(want);
  });
});
