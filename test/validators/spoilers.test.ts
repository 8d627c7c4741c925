/**
 * Spoiler tests (in the style of typia's): a valid hand-written sample per model is accepted, and
 * each single corruption of it is rejected with exactly one issue, at the expected JSON Pointer.
 */
import { describe, expect, it } from "vitest";
import type { Field, Model } from "../../generator/api.js";
import { generated } from "../helpers/generated.js";
import { corpusPath } from "../helpers/shared.js";
import * as S from "./clerk-samples.js";
import type { Sample } from "./clerk-samples.js";

const corpus = generated(corpusPath("clerk-ruby-sorbet"), "clerk-ruby-sorbet");
const mod = await corpus.load();

interface Spoiler {
  name: string;
  corrupt: (o: any) => void;
  path: string;
}
interface Case {
  model: string;
  sample: () => Sample;
  spoilers: Spoiler[];
}

const cases: Case[] = [
  {
    model: "PhoneNumber",
    sample: S.phoneNumber,
    spoilers: [
      { name: "missing required key", corrupt: (o) => delete o.phone_number, path: "/phone_number" },
      { name: "missing required any-typed key", corrupt: (o) => delete o.verification, path: "/verification" },
      { name: "wrong primitive (string for boolean)", corrupt: (o) => (o.reserved = "yes"), path: "/reserved" },
      { name: "non-integer number for integer", corrupt: (o) => (o.updated_at = 1.5), path: "/updated_at" },
      { name: "bad enum value", corrupt: (o) => (o.object = "nope"), path: "/object" },
      { name: "null for required non-nullable", corrupt: (o) => (o.created_at = null), path: "/created_at" },
      { name: "object instead of array", corrupt: (o) => (o.linked_to = {}), path: "/linked_to" },
      { name: "bad array item (scalar list)", corrupt: (o) => (o.backup_codes[1] = 7), path: "/backup_codes/1" },
      { name: "bad array item deep: wrong id type", corrupt: (o) => (o.linked_to[1].id = 42), path: "/linked_to/1/id" },
      { name: "bad array item deep: bad enum", corrupt: (o) => (o.linked_to[0].type = "oauth_nope"), path: "/linked_to/0/type" },
    ],
  },
  {
    model: "User",
    sample: S.user,
    spoilers: [
      // User has no required field of its own: the required keys live in its items.
      { name: "missing required key (nested)", corrupt: (o) => delete o.email_addresses[0].reserved, path: "/email_addresses/0/reserved" },
      { name: "wrong primitive", corrupt: (o) => (o.username = 5), path: "/username" },
      { name: "string for integer", corrupt: (o) => (o.last_sign_in_at = "1700000000000"), path: "/last_sign_in_at" },
      { name: "bad enum value", corrupt: (o) => (o.object = "nope"), path: "/object" },
      { name: "array for a map", corrupt: (o) => (o.public_metadata = []), path: "/public_metadata" },
      { name: "null for required non-nullable (nested)", corrupt: (o) => (o.email_addresses[1].email_address = null), path: "/email_addresses/1/email_address" },
      { name: "bad array item deep (4 levels)", corrupt: (o) => (o.email_addresses[1].linked_to[0].type = "nope"), path: "/email_addresses/1/linked_to/0/type" },
      { name: "bad array item deep (phone)", corrupt: (o) => (o.phone_numbers[0].linked_to[1].id = false), path: "/phone_numbers/0/linked_to/1/id" },
      { name: "null item in a list", corrupt: (o) => (o.web3_wallets[0] = null), path: "/web3_wallets/0" },
      { name: "bad enum in a list item", corrupt: (o) => (o.web3_wallets[0].object = "wallet"), path: "/web3_wallets/0/object" },
    ],
  },
  {
    model: "Organization",
    sample: S.organization,
    spoilers: [
      { name: "missing required key", corrupt: (o) => delete o.slug, path: "/slug" },
      { name: "wrong primitive", corrupt: (o) => (o.max_allowed_memberships = "10"), path: "/max_allowed_memberships" },
      { name: "bad enum value", corrupt: (o) => (o.object = "nope"), path: "/object" },
      { name: "null for required non-nullable", corrupt: (o) => (o.name = null), path: "/name" },
      { name: "null for required map", corrupt: (o) => (o.public_metadata = null), path: "/public_metadata" },
      { name: "array for a map", corrupt: (o) => (o.private_metadata = ["x"]), path: "/private_metadata" },
      { name: "wrong primitive in optional", corrupt: (o) => (o.members_count = 1.25), path: "/members_count" },
    ],
  },
  {
    model: "EmailAddress",
    sample: () => S.emailAddress(0),
    spoilers: [
      { name: "missing required key", corrupt: (o) => delete o.email_address, path: "/email_address" },
      { name: "wrong primitive", corrupt: (o) => (o.reserved = 0), path: "/reserved" },
      { name: "enum value of another model", corrupt: (o) => (o.object = "phone_number"), path: "/object" },
      { name: "null for required non-nullable", corrupt: (o) => (o.created_at = null), path: "/created_at" },
      { name: "bad array item deep", corrupt: (o) => (o.linked_to[1].type = "nope"), path: "/linked_to/1/type" },
      { name: "missing key in array item", corrupt: (o) => delete o.linked_to[0].id, path: "/linked_to/0/id" },
      { name: "null array item", corrupt: (o) => (o.linked_to[0] = null), path: "/linked_to/0" },
    ],
  },
  {
    model: "Session",
    sample: () => S.session(0),
    spoilers: [
      { name: "missing required key", corrupt: (o) => delete o.user_id, path: "/user_id" },
      { name: "wrong primitive", corrupt: (o) => (o.last_active_at = "now"), path: "/last_active_at" },
      { name: "bad enum value", corrupt: (o) => (o.status = "nope"), path: "/status" },
      { name: "enum value with the wrong case", corrupt: (o) => (o.status = "ACTIVE"), path: "/status" },
      { name: "null for required non-nullable", corrupt: (o) => (o.id = null), path: "/id" },
      { name: "string for a map", corrupt: (o) => (o.actor = "x"), path: "/actor" },
      { name: "bad nested value", corrupt: (o) => (o.latest_activity.id = 1), path: "/latest_activity/id" },
      { name: "missing nested required key", corrupt: (o) => delete o.latest_activity.object, path: "/latest_activity/object" },
    ],
  },
  {
    model: "Client",
    sample: S.client,
    spoilers: [
      { name: "missing required key", corrupt: (o) => delete o.sign_in_id, path: "/sign_in_id" },
      { name: "wrong primitive", corrupt: (o) => (o.id = 1), path: "/id" },
      { name: "bad enum value", corrupt: (o) => (o.object = "nope"), path: "/object" },
      { name: "null for required non-nullable", corrupt: (o) => (o.sessions = null), path: "/sessions" },
      { name: "bad scalar array item", corrupt: (o) => (o.session_ids[1] = 3), path: "/session_ids/1" },
      { name: "bad array item deep: enum", corrupt: (o) => (o.sessions[1].status = "nope"), path: "/sessions/1/status" },
      { name: "bad array item deep: null", corrupt: (o) => (o.sessions[0].latest_activity.id = null), path: "/sessions/0/latest_activity/id" },
      { name: "bad array item deep: missing", corrupt: (o) => delete o.sessions[1].client_id, path: "/sessions/1/client_id" },
    ],
  },
  {
    model: "OrganizationMembership",
    sample: S.organizationMembership,
    spoilers: [
      { name: "missing required key (nested)", corrupt: (o) => delete o.organization.slug, path: "/organization/slug" },
      { name: "wrong primitive", corrupt: (o) => (o.role = 1), path: "/role" },
      { name: "bad enum value", corrupt: (o) => (o.object = "nope"), path: "/object" },
      { name: "bad nested enum value", corrupt: (o) => (o.organization.object = "org"), path: "/organization/object" },
      { name: "null for required non-nullable (nested)", corrupt: (o) => (o.organization.max_allowed_memberships = null), path: "/organization/max_allowed_memberships" },
      { name: "bad array item", corrupt: (o) => (o.permissions[2] = null), path: "/permissions/2" },
      { name: "wrong nested primitive", corrupt: (o) => (o.public_user_data.has_image = "true"), path: "/public_user_data/has_image" },
      { name: "array for a nested map", corrupt: (o) => (o.organization.public_metadata = []), path: "/organization/public_metadata" },
    ],
  },
  {
    model: "Invitation",
    sample: S.invitation,
    spoilers: [
      { name: "missing required key", corrupt: (o) => delete o.email_address, path: "/email_address" },
      { name: "missing required enum", corrupt: (o) => delete o.status, path: "/status" },
      { name: "wrong primitive", corrupt: (o) => (o.revoked = "no"), path: "/revoked" },
      { name: "bad enum value", corrupt: (o) => (o.status = "nope"), path: "/status" },
      { name: "null for required enum", corrupt: (o) => (o.object = null), path: "/object" },
      { name: "null for required non-nullable", corrupt: (o) => (o.created_at = null), path: "/created_at" },
      { name: "number for a map", corrupt: (o) => (o.public_metadata = 1), path: "/public_metadata" },
      { name: "NaN for integer", corrupt: (o) => (o.expires_at = Number.NaN), path: "/expires_at" },
    ],
  },
];

/** RFC 6901 escaping of one key. */
function pointer(...keys: (string | number)[]): string {
  return keys.map((k) => "/" + String(k).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

function paths(model: string, value: unknown): string[] {
  const r = mod[`validate${model}`](value);
  expect(r.ok).toBe(false);
  return r.errors.map((e: { path: string }) => e.path);
}

function irModel(name: string): Model {
  const m = corpus.ir.models.find((x) => x.name === name);
  if (!m) throw new Error(`model ${name} is not in the IR`);
  return m;
}

/** Every plain object inside `value` (including `value`). */
function plainObjects(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) plainObjects(v, out);
  else if (value !== null && typeof value === "object") {
    out.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) plainObjects(v, out);
  }
  return out;
}

describe("spoilers: the models are in the generated index", () => {
  it.each(cases.map((c) => c.model))("%s exports isX, validateX, assertX, XSchema", (model) => {
    expect(corpus.ir.models.some((m) => m.name === model)).toBe(true);
    expect(typeof mod[`is${model}`]).toBe("function");
    expect(typeof mod[`validate${model}`]).toBe("function");
    expect(typeof mod[`assert${model}`]).toBe("function");
    expect(typeof mod[`${model}Schema`]?.["~standard"]?.validate).toBe("function");
  });
});

describe.each(cases)("spoilers: $model", ({ model, sample, spoilers }) => {
  const is = (v: unknown): boolean => mod[`is${model}`](v);
  const validate = (v: unknown) => mod[`validate${model}`](v);

  it("accepts the valid sample", () => {
    const s = sample();
    expect(is(s)).toBe(true);
    const r = validate(s);
    expect(r).toEqual({ ok: true, value: s });
    expect(r.value).toBe(s);
    expect(() => mod[`assert${model}`](s)).not.toThrow();
  });

  it.each(spoilers)("rejects: $name -> $path", ({ corrupt, path }) => {
    const o = structuredClone(sample());
    corrupt(o);
    expect(is(o)).toBe(false);
    const r = validate(o);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    expect(typeof r.errors[0].message).toBe("string");
    expect(r.errors[0].message.length).toBeGreaterThan(0);
    expect(() => mod[`assert${model}`](o)).toThrow(path);
  });

  it("does not mutate the sample while validating a spoiled clone", () => {
    const original = sample();
    const before = structuredClone(original);
    for (const s of spoilers) {
      const o = structuredClone(original);
      s.corrupt(o);
      validate(o);
    }
    expect(original).toEqual(before);
  });

  it("accepts null in every optional field (Sorbet: optional fields are nilable)", () => {
    const optional = irModel(model).fields!.filter((f) => !f.required);
    for (const f of optional) {
      const o = structuredClone(sample());
      o[f.name] = null;
      expect({ field: f.name, ok: is(o) }).toEqual({ field: f.name, ok: true });
      expect(validate(o).ok).toBe(true);
    }
    const all = structuredClone(sample());
    for (const f of optional) all[f.name] = null;
    expect(is(all)).toBe(true);
  });

  it("accepts every optional field absent", () => {
    const o = structuredClone(sample());
    for (const f of irModel(model).fields!) if (!f.required) delete o[f.name];
    expect(is(o)).toBe(true);
    expect(validate(o).ok).toBe(true);
  });

  it("reports each missing required field at its own pointer, and only there", () => {
    const required: Field[] = irModel(model).fields!.filter((f) => f.required);
    for (const f of required) {
      const o = structuredClone(sample());
      delete o[f.name];
      expect(is(o)).toBe(false);
      expect(paths(model, o)).toEqual([pointer(f.name)]);
    }
    // All of them at once: one issue per field, in field order.
    if (required.length > 0) {
      const o = structuredClone(sample());
      for (const f of required) delete o[f.name];
      expect(paths(model, o)).toEqual(required.map((f) => pointer(f.name)));
    }
  });

  it("rejects null in every required non-nullable field, with exactly that path", () => {
    for (const f of irModel(model).fields!) {
      if (!f.required || f.nullable || f.type.kind === "any") continue;
      const o = structuredClone(sample());
      o[f.name] = null;
      expect(is(o)).toBe(false);
      expect(paths(model, o)).toEqual([pointer(f.name)]);
    }
  });

  it("accepts unknown extra keys, at the top and in every nested object", () => {
    const o = structuredClone(sample());
    for (const obj of plainObjects(o)) {
      obj["x_unknown_key"] = { anything: [1, "two", null] };
      obj["another-unknown"] = null;
    }
    expect(is(o)).toBe(true);
    expect(validate(o).ok).toBe(true);
  });
});

describe("spoilers: the table covers what it claims", () => {
  it("has deep paths (3+ segments) through arrays", () => {
    const deep = cases.flatMap((c) => c.spoilers.map((s) => s.path)).filter((p) => p.split("/").length - 1 >= 3);
    expect(deep.length).toBeGreaterThanOrEqual(6);
    expect(deep).toContain("/email_addresses/1/linked_to/0/type");
  });

  it("every sample is valid and every spoiler changes it", () => {
    for (const c of cases) {
      for (const s of c.spoilers) {
        const o = structuredClone(c.sample());
        s.corrupt(o);
        expect(o, `${c.model}: ${s.name}`).not.toEqual(c.sample());
      }
    }
  });
});
