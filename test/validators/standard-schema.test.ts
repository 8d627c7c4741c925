/**
 * Standard Schema v1: the generated `XSchema` objects against the spec's own types
 * (`@standard-schema/spec`), at type level (this file under `npm run typecheck`, and tsc run over
 * a generated folder from inside the test), and in a real consumer of Standard Schema: tRPC's
 * procedure `.input(schema)`, which validates through `~standard.validate` only.
 */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { initTRPC, TRPCError } from "@trpc/server";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type Tag, TagSchema } from "../../generated/index.js";
import { tempTree } from "../helpers/cli.js";
import { generated, tmpRoot } from "../helpers/generated.js";
import { corpusPath } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";
import { zooDocs } from "../helpers/zoo.js";
import * as S from "./clerk-samples.js";

const clerk = await generated(corpusPath("clerk-ruby-sorbet"), "clerk-ruby-sorbet").load();

describe("Standard Schema: the spec's types", () => {
  it("XSchema is a StandardSchemaV1<unknown, X> and InferOutput gives X (checked by npm run typecheck)", () => {
    const schema: StandardSchemaV1<unknown, Tag> = TagSchema;
    expectTypeOf(TagSchema).toExtend<StandardSchemaV1>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof TagSchema>>().toEqualTypeOf<Tag>();
    expectTypeOf<StandardSchemaV1.InferInput<typeof TagSchema>>().toEqualTypeOf<unknown>();
    expect(schema["~standard"].version).toBe(1);
  });

  it("tsc --strict accepts a generated folder used through the spec's types, and rejects a misuse", () => {
    const zoo = generated(tempTree(zooDocs), "zoo");
    const dir = mkdtempSync(join(tmpRoot, "std-"));
    cpSync(zoo.dir, dir, { recursive: true });
    writeFileSync(
      join(dir, "usage.ts"),
      [
        'import type { StandardSchemaV1 } from "@standard-schema/spec";',
        'import { EventSchema, PetSchema, type Event, type Pet } from "./index.js";',
        "export function take<S extends StandardSchemaV1>(s: S): S { return s; }",
        "take(EventSchema);",
        "take(PetSchema);",
        "export const out: StandardSchemaV1.InferOutput<typeof PetSchema> = { type: \"cat\", name: \"Tom\" } satisfies Pet;",
        "export async function run(v: unknown): Promise<Event | undefined> {",
        '  const r = await EventSchema["~standard"].validate(v);',
        "  if (r.issues) { for (const i of r.issues) void i.message; return undefined; }",
        "  return r.value;",
        "}",
        "// @ts-expect-error the output type is Pet, not a number",
        "export const wrong: StandardSchemaV1.InferOutput<typeof PetSchema> = 4;",
        "",
      ].join("\n"),
    );
    expect(typecheck(dir)).toEqual([]);
  });
});

describe("Standard Schema: tRPC (a library that accepts any Standard Schema) validates with it", () => {
  const t = initTRPC.create();
  const router = t.router({
    phone: t.procedure.input(clerk.PhoneNumberSchema as StandardSchemaV1<unknown, { phone_number: string }>).query(({ input }) => input.phone_number),
    tag: t.procedure.input(TagSchema).mutation(({ input }) => {
      expectTypeOf(input).toEqualTypeOf<Tag>();
      return input.label;
    }),
  });
  const caller = t.createCallerFactory(router)({});

  it("passes valid input through to the procedure", async () => {
    expect(await caller.phone(S.phoneNumber())).toBe("+15555550100");
    expect(await caller.tag({ id: "t1", label: "fiction", children: [{ id: "t2", label: "sf" }] })).toBe("fiction");
  });

  it("rejects invalid input with BAD_REQUEST, carrying our issues and their paths", async () => {
    const bad: Record<string, any> = { ...S.phoneNumber(), reserved: "no" };
    (bad.linked_to as any[])[1].id = 7;
    let thrown: unknown;
    try {
      await caller.phone(bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TRPCError);
    const err = thrown as TRPCError;
    expect(err.code).toBe("BAD_REQUEST");
    const issues = (err.cause as unknown as { issues: StandardSchemaV1.Issue[] }).issues;
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [["reserved"], "expected boolean, received string"],
      [["linked_to", "1", "id"], "expected string, received integer"],
    ]);
    await expect(caller.tag({ id: "t1" })).rejects.toThrow(/required property is missing/);
  });
});
