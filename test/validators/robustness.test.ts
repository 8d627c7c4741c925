/**
 * Validators never throw, and behave on hostile values: primitives, null-prototype objects,
 * own `__proto__` keys, frozen objects, huge arrays, throwing proxies and getters, inherited
 * properties, 10,000-level deep and cyclic values; plus assertX and the Standard Schema object.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { IR, Model, TypeRef } from "../../generator/api.js";
import { generated } from "../helpers/generated.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";
import * as S from "./clerk-samples.js";
import type { Sample } from "./clerk-samples.js";

const corpus = generated(corpusPath("clerk-ruby-sorbet"), "clerk-ruby-sorbet");
const specs = generated(join(repoRoot, "specs"), "specs");
const mod = await corpus.load();
const specsMod = await specs.load();

interface Issue {
  path: string;
  message: string;
}
type Any = any;

const samples: Record<string, () => Sample> = {
  PhoneNumber: S.phoneNumber,
  User: S.user,
  Organization: S.organization,
  Client: S.client,
  Invitation: S.invitation,
  OrganizationMembership: S.organizationMembership,
};
const models = Object.keys(samples);
/** Models with a key-driven path (8 or more optional fields): they list an object's keys. */
const adaptive = ["User", "OrganizationMembership"];
/** Models with at least one required field (an empty object is not one of them). */
const withRequired = ["PhoneNumber", "Organization", "Client", "Invitation"];

function api(m: Record<string, Any>, model: string) {
  return {
    is: (v: unknown): boolean => m[`is${model}`](v),
    validate: (v: unknown): { ok: true; value: unknown } | { ok: false; errors: Issue[] } => m[`validate${model}`](v),
    assert: (v: unknown): void => m[`assert${model}`](v),
    schema: m[`${model}Schema`]["~standard"] as {
      version: number;
      vendor: string;
      validate: (v: unknown) => { value?: unknown; issues?: { message: string; path?: unknown[] }[] };
    },
  };
}

function requiredPointers(ir: IR, model: string): string[] {
  const m = ir.models.find((x) => x.name === model)!;
  return m.fields!.filter((f) => f.required).map((f) => "/" + f.name);
}

/** Calls `fn` and fails the test (instead of erroring) when it throws. */
function noThrow<T>(fn: () => T): T {
  let out: T | undefined;
  expect(() => {
    out = fn();
  }).not.toThrow();
  return out as T;
}

function expectRejected(model: string, v: unknown, m: Record<string, Any> = mod): Issue[] {
  const x = api(m, model);
  expect(noThrow(() => x.is(v))).toBe(false);
  const r = noThrow(() => x.validate(v));
  expect(r.ok).toBe(false);
  if (r.ok) return [];
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(typeof e.path).toBe("string");
    expect(typeof e.message).toBe("string");
  }
  return r.errors;
}

function expectAccepted(model: string, v: unknown, m: Record<string, Any> = mod): void {
  const x = api(m, model);
  expect(noThrow(() => x.is(v))).toBe(true);
  const r = noThrow(() => x.validate(v));
  expect(r.ok).toBe(true);
  if (r.ok) expect(r.value).toBe(v);
}

function nullProtoDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(nullProtoDeep);
  if (v !== null && typeof v === "object") {
    const o = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of Object.entries(v)) o[k] = nullProtoDeep(x);
    return o;
  }
  return v;
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === "object") {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const hostile: [string, unknown][] = [
  ["null", null],
  ["undefined", undefined],
  ["0", 0],
  ["-1.5", -1.5],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["empty string", ""],
  ["string", "{\"id\":\"x\"}"],
  ["true", true],
  ["bigint", 10n],
  ["symbol", Symbol("x")],
  ["function", () => ({})],
  ["empty array", []],
  ["array of a valid sample", [S.phoneNumber()]],
];

describe("robustness: hostile values", () => {
  describe.each(models)("%s", (model) => {
    it.each(hostile)("rejects %s at the root, without throwing", (_name, v) => {
      const errors = expectRejected(model, v);
      expect(errors.map((e) => e.path)).toEqual([""]);
      expect(() => api(mod, model).assert(v)).toThrow(/invalid/);
    });

    it("accepts Object.create(null) objects (all the way down) with valid fields", () => {
      const o = nullProtoDeep(samples[model]!());
      expect(Object.getPrototypeOf(o)).toBe(null);
      expectAccepted(model, o);
    });

    it("accepts an own __proto__ key from JSON.parse, and nothing gets polluted", () => {
      const json = JSON.stringify(samples[model]!()).replace(/^\{/, '{"__proto__":{"polluted":"yes","id":42},');
      const o = JSON.parse(json);
      expect(Object.prototype.hasOwnProperty.call(o, "__proto__")).toBe(true);
      expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
      expectAccepted(model, o);
      api(mod, model).assert(o);
      api(mod, model).schema.validate(o);
      expect(({} as Any).polluted).toBe(undefined);
      expect((Object.prototype as Any).polluted).toBe(undefined);
    });

    it("accepts a deeply frozen valid object", () => {
      const o = deepFreeze(samples[model]!());
      expect(Object.isFrozen(o)).toBe(true);
      expectAccepted(model, o);
      expect(() => api(mod, model).assert(o)).not.toThrow();
    });

    it("rejects a Proxy whose get trap throws: is false, validate reports an issue, nothing thrown", () => {
      const p = new Proxy(samples[model]!(), {
        get() {
          throw new Error("boom from get trap");
        },
      });
      const errors = expectRejected(model, p);
      expect(errors.length).toBeGreaterThanOrEqual(1);
      let thrown: unknown;
      try {
        api(mod, model).assert(p);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).name).toBe("ValidationError");
      expect((thrown as Any).issues.length).toBeGreaterThanOrEqual(1);
      expect(noThrow(() => api(mod, model).schema.validate(p)).issues?.length).toBeGreaterThanOrEqual(1);
    });

    it("never throws on proxies with throwing traps: rejects revoked ones and ones whose fields cannot be read; judges by their fields those whose keys cannot be listed, unless the model lists keys (adaptive)", () => {
      const boom = () => {
        throw new Error("boom");
      };
      expectRejected(model, new Proxy(samples[model]!(), { has: boom, ownKeys: boom, getPrototypeOf: boom, get: boom }));
      // Keys or descriptors that cannot be listed: a model read by name reads its fields through
      // `get` and accepts them; an adaptive model, whose key-driven path lists the keys, rejects
      // the value on every path. isX and validateX agree either way (expectAccepted/Rejected).
      for (const t of [{ getOwnPropertyDescriptor: boom }, { ownKeys: boom }]) {
        const p = new Proxy(samples[model]!(), t);
        if (adaptive.includes(model)) expectRejected(model, p);
        else expectAccepted(model, p);
      }
      const { proxy, revoke } = Proxy.revocable(samples[model]!(), {});
      revoke();
      expectRejected(model, proxy);
    });

    it("a Proxy whose ownKeys trap throws, nested or not, is judged by its fields unless the model lists keys, and a failing value's keys are not listed (the adaptive models' guard runs once the fields passed)", () => {
      // Nested: an identification link (read by name) of a phone number, or the value itself.
      const boom = () => {
        throw new Error("boom from ownKeys");
      };
      const phone = S.phoneNumber();
      const link = (phone.linked_to as object[])[0]!;
      (phone.linked_to as object[])[0] = new Proxy(link, { ownKeys: boom });
      expectAccepted("PhoneNumber", phone);
      const top = new Proxy(samples[model]!(), { ownKeys: boom });
      if (adaptive.includes(model)) expectRejected(model, top);
      else expectAccepted(model, top);
      // A value that fails (its id is a number): isX says false without enumerating its keys
      // (by name models; adaptive ones may have switched to their key-driven path, which lists them).
      const listed: string[] = [];
      const bad = new Proxy(
        { ...samples[model]!(), id: 42 },
        {
          ownKeys(t) {
            listed.push("ownKeys");
            return Reflect.ownKeys(t);
          },
        },
      );
      expect(api(mod, model).is(bad)).toBe(false);
      if (model === "PhoneNumber" || model === "Organization" || model === "Invitation") expect(listed).toEqual([]);
    });
  });

  it("rejects an object with a throwing own getter, with an issue", () => {
    const o = S.phoneNumber();
    Object.defineProperty(o, "phone_number", {
      enumerable: true,
      get() {
        throw new Error("getter boom");
      },
    });
    expectRejected("PhoneNumber", o);
    const nested = S.client();
    Object.defineProperty((nested.sessions as Sample[])[1]!, "status", {
      enumerable: true,
      get() {
        throw new Error("nested getter boom");
      },
    });
    expectRejected("Client", nested);
  });
});

describe("robustness: own properties only", () => {
  it.each(withRequired)("%s: rejects an object whose prototype carries the required fields", (model) => {
    const o = Object.create(samples[model]!());
    const errors = expectRejected(model, o);
    expect(errors.map((e) => e.path)).toEqual(requiredPointers(corpus.ir, model));
  });

  it.each(withRequired)("%s: rejects a class instance whose getters (on the prototype) return valid fields", (model) => {
    const sample = samples[model]!();
    const proto: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(sample)) Object.defineProperty(proto, k, { get: () => v, enumerable: true });
    const o = Object.create(proto);
    expect(expectRejected(model, o).map((e) => e.path)).toEqual(requiredPointers(corpus.ir, model));
  });

  it.each(withRequired)("%s: lists a required field found only on the prototype when a later one fails, first in each validateX", (model) => {
    // The by-name fast path passes the inherited field and fails at the missing one; validateX
    // must not resume its slow path there (the fields before were not all own). The same value
    // first and in a row (validateX runs the slow path first after a run of invalid values).
    const required = requiredPointers(corpus.ir, model).map((p) => p.slice(1));
    const [first, last] = [required[0]!, required.at(-1)!];
    const make = () => {
      const sample = samples[model]!();
      const o = Object.assign(Object.create({ [first]: sample[first] }), sample);
      delete o[first];
      delete o[last];
      return o;
    };
    // A valid value first: it ends any run of invalid values that earlier tests left.
    expectAccepted(model, samples[model]!());
    for (let i = 0; i < 12; i++) expect(expectRejected(model, make()).map((e) => e.path)).toEqual([`/${first}`, `/${last}`]);
  });

  it("ignores invalid inherited values of optional fields", () => {
    const own = S.phoneNumber();
    delete own.id;
    delete own.backup_codes;
    const o = Object.assign(Object.create({ id: 42, backup_codes: "not an array" }), own);
    expectAccepted("PhoneNumber", o);
  });

  it("judges own optional values on any prototype: an own invalid one fails at its path, an inherited one is skipped", () => {
    // The by-name fast path reads fields before it knows the prototype (it checks it once they
    // all passed): an optional field's failure stands only when the value is the object's own.
    class Holder {}
    const own = Object.assign(new Holder(), S.phoneNumber(), { id: 42 });
    expect(expectRejected("PhoneNumber", own).map((e) => e.path)).toEqual(["/id"]);
    const ownList = Object.assign(Object.create({ id: "idn_inherited" }), S.phoneNumber(), { backup_codes: ["a", 7] });
    expect(expectRejected("PhoneNumber", ownList).map((e) => e.path)).toEqual(["/backup_codes/1"]);
    // An invalid inherited optional value, then a valid one for every field: accepted.
    const sample = S.phoneNumber();
    delete sample.backup_codes;
    expectAccepted("PhoneNumber", Object.assign(Object.create({ backup_codes: ["a", 7] }), sample));
    // Inherited invalid optional values and a missing required field: only the required one.
    delete sample.created_at;
    const o = Object.assign(Object.create({ id: 42, backup_codes: "not an array", created_at: 1 }), sample);
    for (let i = 0; i < 12; i++) expect(expectRejected("PhoneNumber", o).map((e) => e.path)).toEqual(["/created_at"]);
    // An array is never an object model, even one whose fields are all optional.
    expect(mod.isPhoneNumber([])).toBe(false);
  });

  it("rejects a valid array item inherited from the prototype of an object nested in a list", () => {
    const o = S.phoneNumber();
    (o.linked_to as unknown[])[0] = Object.create(S.identificationLink("saml", "idn_x"));
    expect(expectRejected("PhoneNumber", o).map((e) => e.path)).toEqual(["/linked_to/0/type", "/linked_to/0/id"]);
  });

  it.each(models)("%s: accepts a class instance whose own fields are valid (the route for objects that are not plain)", (model) => {
    class Holder {}
    const o = Object.assign(new Holder(), samples[model]!());
    expectAccepted(model, o);
    // The same fields on the prototype only: every required one is missing.
    if (withRequired.includes(model)) {
      const inherited = Object.create(Object.assign(new Holder(), samples[model]!()));
      expect(expectRejected(model, inherited).map((e) => e.path)).toEqual(requiredPointers(corpus.ir, model));
    }
  });

  it.each(models)("%s: a key added to Object.prototype does not satisfy a field, valid or not", (model) => {
    const m = corpus.ir.models.find((x) => x.name === model)!;
    const sample = samples[model]!();
    const required = m.fields!.filter((f) => f.required).map((f) => f.name);
    const optional = m.fields!.filter((f) => !f.required).map((f) => f.name);
    const proto = Object.prototype as Record<string, unknown>;
    try {
      // Enumerable, as `Object.prototype[key] = value` makes it: for-in sees it too.
      for (const k of required) proto[k] = sample[k];
      for (const k of optional) proto[k] = 12345n;
      const missing = Object.fromEntries(Object.entries(sample).filter(([k]) => !required.includes(k) && !optional.includes(k)));
      if (required.length > 0) expect(expectRejected(model, missing).map((e) => e.path)).toEqual(required.map((k) => "/" + k));
      else expectAccepted(model, missing);
      expectAccepted(model, sample);
    } finally {
      for (const k of [...required, ...optional]) delete proto[k];
    }
  });

  it("a JSON own __proto__ key holding the required fields does not satisfy them", () => {
    const o = JSON.parse(`{"__proto__": ${JSON.stringify(S.phoneNumber())}}`);
    const errors = expectRejected("PhoneNumber", o);
    expect(errors.map((e) => e.path)).toEqual(requiredPointers(corpus.ir, "PhoneNumber"));
    expect(({} as Any).phone_number).toBe(undefined);
  });
});

describe("robustness: huge arrays", () => {
  const N = 100_000;

  it("accepts 100k valid items in a list of objects, and pinpoints one bad item among them", () => {
    const o = S.phoneNumber();
    o.linked_to = Array.from({ length: N }, (_, i) => S.identificationLink("email_link", `idn_${i}`));
    expectAccepted("PhoneNumber", o);
    (o.linked_to as Sample[])[N - 1]!.id = 1;
    expect(expectRejected("PhoneNumber", o).map((e) => e.path)).toEqual([`/linked_to/${N - 1}/id`]);
  });

  it("accepts 100k strings in a list of strings, and reports every bad one", () => {
    const o = S.client();
    o.session_ids = Array.from({ length: N }, (_, i) => `sess_${i}`);
    expectAccepted("Client", o);
    const bad = o.session_ids as unknown[];
    bad[5] = 5;
    bad[N - 2] = null;
    expect(expectRejected("Client", o).map((e) => e.path)).toEqual(["/session_ids/5", `/session_ids/${N - 2}`]);
  });

  it("validates 100k invalid items without throwing (one issue each)", () => {
    const o = S.client();
    o.session_ids = new Array(N).fill(0);
    expect(expectRejected("Client", o)).toHaveLength(N);
  });

  it("rejects sparse arrays (holes are undefined, not strings)", () => {
    const o = S.client();
    const ids: unknown[] = ["a"];
    ids[3] = "b";
    o.session_ids = ids;
    expect(expectRejected("Client", o).map((e) => e.path)).toEqual(["/session_ids/1", "/session_ids/2"]);
  });
});

/** Direct self-references: models with a field whose type refers to the model itself. */
function selfReferential(ir: IR): { model: Model; field: string; viaArray: boolean }[] {
  const out: { model: Model; field: string; viaArray: boolean }[] = [];
  const refs = (t: TypeRef, arr: boolean, acc: { target: string; arr: boolean }[]) => {
    if (t.kind === "ref") acc.push({ target: t.target, arr });
    else if (t.kind === "array") refs(t.items, true, acc);
    else if (t.kind === "map") refs(t.values, arr, acc);
    else if (t.kind === "union") for (const m of t.members) refs(m, arr, acc);
    return acc;
  };
  for (const m of ir.models) {
    for (const f of m.fields ?? []) {
      for (const r of refs(f.type, false, [])) {
        if (r.target === m.source || r.target === m.name) out.push({ model: m, field: f.name, viaArray: r.arr });
      }
    }
  }
  return out;
}

describe("robustness: deep nesting (specs/: Tag.parent, Tag.children, Comment.replies)", () => {
  const DEPTH = 10_000;
  const selfRefs = selfReferential(specs.ir);

  it("finds the self-referential models in the IR", () => {
    const names = selfRefs.map((s) => `${s.model.name}.${s.field}`).sort();
    expect(names).toEqual(["Comment.replies", "Tag.children", "Tag.parent"]);
  });

  function tag(i: number): Sample {
    return { id: `tag_${i}`, label: `Tag ${i}` };
  }
  function comment(i: number): Sample {
    return { id: `c_${i}`, body: "hi", author_member_id: "m_1", likes: 0, replies: [] };
  }
  function chain(make: (i: number) => Sample, link: (parent: Sample, child: Sample) => void, depth: number): Sample {
    const root = make(0);
    let cur = root;
    for (let i = 1; i < depth; i++) {
      const next = make(i);
      link(cur, next);
      cur = next;
    }
    return root;
  }
  const shapes: { name: string; model: string; make: (i: number) => Sample; link: (p: Sample, c: Sample) => void; seg: RegExp }[] = [
    { name: "Tag.parent", model: "Tag", make: tag, link: (p, c) => (p.parent = c), seg: /^(\/parent)+$/ },
    { name: "Tag.children", model: "Tag", make: tag, link: (p, c) => (p.children = [c]), seg: /^(\/children\/0)+$/ },
    { name: "Comment.replies", model: "Comment", make: comment, link: (p, c) => ((p.replies as Sample[])[0] = c), seg: /^(\/replies\/0)+$/ },
  ];

  it.each(shapes)("$name: a 100-level chain is valid", ({ model, make, link }) => {
    expectAccepted(model, chain(make, link, 100), specsMod);
  });

  it.each(shapes)("$name: a 10,000-level chain is rejected with a depth issue, never a stack overflow", ({ model, make, link, seg }) => {
    const v = chain(make, link, DEPTH);
    const errors = expectRejected(model, v, specsMod);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toMatch(seg);
    expect(errors[0]!.message).toMatch(/deeper|depth/i);
    let thrown: unknown;
    try {
      api(specsMod, model).assert(v);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Error).name).toBe("ValidationError");
    const std = noThrow(() => api(specsMod, model).schema.validate(v));
    expect(std.issues).toHaveLength(1);
  });

  it("Tag.parent: a cyclic value is rejected, never loops or overflows", () => {
    const t = tag(0);
    t.parent = t;
    const errors = expectRejected("Tag", t, specsMod);
    expect(errors).toHaveLength(1);
    const c = comment(0);
    (c.replies as Sample[]).push(c);
    expect(expectRejected("Comment", c, specsMod)).toHaveLength(1);
  });

  it("validateX resumes where isX failed and still reports every fault (nested ones of the same model too)", () => {
    // validateX starts the slow path at the field where the fast path failed; faults in later
    // fields and in nested values of the same model (whose own failures run first) must all be
    // reported, and none before the first.
    const paths = (v: unknown) => (noThrow(() => api(specsMod, "Comment").validate(v)) as { errors?: { path: string }[] }).errors?.map((e) => e.path);
    const a = comment(0);
    const reply = comment(1);
    reply.body = 5;
    reply.edited = "yes";
    a.likes = "many";
    a.replies = [comment(2), reply];
    expect(paths(a)).toEqual(["/likes", "/replies/1/body", "/replies/1/edited"]);
    const b = comment(0);
    const bad = comment(1);
    bad.id = 7;
    b.replies = [bad];
    b.extra = 1;
    delete b.author_member_id;
    expect(paths(b)).toEqual(["/author_member_id", "/replies/0/id"]);
    const c = comment(0);
    c.replies = [comment(1), { ...comment(2), likes: 1.5 }];
    expect(paths(c)).toEqual(["/replies/1/likes"]);
  });

  it("validateX after a run of invalid values (slow path first) gives the same issues and verdicts as before it", () => {
    const v = api(mod, "PhoneNumber");
    const noObject = S.phoneNumber();
    delete noObject.object;
    const probes: unknown[] = [
      { ...S.phoneNumber(), reserved: "no" },
      { ...S.phoneNumber(), linked_to: [{}, 1], updated_at: 1.5 },
      { ...noObject, created_at: "1" },
    ];
    // How often validateX reads `id` of a value whose id is wrong: the fast path fails there, then
    // the slow path reads it again (2); with the slow path first, once (1).
    const idReads = (): number => {
      let n = 0;
      const target = { ...S.phoneNumber(), id: 42 };
      const probe = new Proxy(target, { get: (t, k) => (k === "id" && n++, Reflect.get(t, k)) });
      expect(v.validate(probe).ok).toBe(false);
      return n;
    };
    // A valid value first: whatever earlier tests did, the next values go through the fast path first.
    expect(v.validate(S.phoneNumber()).ok).toBe(true);
    expect(idReads()).toBe(2);
    const fastFirst = probes.map((p) => v.validate(p));
    for (let i = 0; i < 20; i++) expect(v.validate(probes[i % probes.length]).ok).toBe(false);
    expect(idReads()).toBe(1); // the run switched validateX to the slow path first
    expect(probes.map((p) => v.validate(p))).toEqual(fastFirst);
    fastFirst.forEach((r) => expect(r.ok).toBe(false));
    // Hostile values while the slow path runs first: never thrown, and the verdict is isX's.
    const boom = () => {
      throw new Error("boom");
    };
    expectRejected("PhoneNumber", new Proxy(S.phoneNumber(), { get: boom }));
    expect(idReads()).toBe(1); // still the slow path first
    // Descriptors that cannot be read: the slow path (which asks for one, for the field of any
    // value) throws; the fast path reads the fields by name and accepts the value, as isX does.
    const opaque = new Proxy(S.phoneNumber(), { getOwnPropertyDescriptor: boom, ownKeys: boom });
    expect(v.is(opaque)).toBe(true);
    expect(v.validate(opaque)).toEqual({ ok: true, value: opaque });
    // A valid value after the run passes, and so do the next ones.
    for (let i = 0; i < 3; i++) expect(v.validate(S.phoneNumber())).toEqual({ ok: true, value: expect.anything() });
  });

  it("a 10,000-level value inside an untyped or map field is accepted without being walked", () => {
    let deep: unknown = { leaf: true };
    for (let i = 0; i < DEPTH; i++) deep = { next: deep, arr: [deep] };
    const o = S.organization();
    o.public_metadata = deep;
    expectAccepted("Organization", o);
    const p = S.phoneNumber();
    p.verification = deep;
    expectAccepted("PhoneNumber", p);
  });

  it("10,000 nested arrays where an object is expected are rejected at the first level", () => {
    let deep: unknown = [];
    for (let i = 0; i < DEPTH; i++) deep = [deep];
    const o = S.phoneNumber();
    o.linked_to = deep;
    expect(expectRejected("PhoneNumber", o).map((e) => e.path)).toEqual(["/linked_to/0"]);
  });
});

describe("robustness: assertX", () => {
  it("does not throw on valid input", () => {
    expect(api(mod, "PhoneNumber").assert(S.phoneNumber())).toBe(undefined);
  });

  it("throws a ValidationError listing every issue, with each path in the message", () => {
    const o = S.client();
    delete o.sign_in_id;
    o.object = "nope";
    (o.session_ids as unknown[])[0] = 1;
    ((o.sessions as Sample[])[1]!.latest_activity as Sample).id = null;
    const expected = api(mod, "Client").validate(o);
    expect(expected.ok).toBe(false);
    if (expected.ok) return;
    // In field order: object, id, session_ids, sessions, sign_in_id, ...
    expect(expected.errors.map((e) => e.path)).toEqual(["/object", "/session_ids/0", "/sessions/1/latest_activity/id", "/sign_in_id"]);
    let thrown: unknown;
    try {
      api(mod, "Client").assert(o);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    const err = thrown as Error & { issues: Issue[] };
    expect(err.name).toBe("ValidationError");
    expect(err.issues).toEqual(expected.errors);
    for (const i of err.issues) {
      expect(err.message).toContain(i.path);
      expect(err.message).toContain(i.message);
    }
  });
});

describe("robustness: Standard Schema v1", () => {
  const segs = (path: unknown[] | undefined): string[] =>
    (path ?? []).map((s) => (s !== null && typeof s === "object" ? String((s as { key: PropertyKey }).key) : String(s)));

  it.each(models)("%sSchema: version 1, returns { value } for valid input (synchronously)", (model) => {
    const std = api(mod, model).schema;
    expect(std.version).toBe(1);
    expect(typeof std.vendor).toBe("string");
    const v = samples[model]!();
    const r = std.validate(v);
    expect(r).not.toBeInstanceOf(Promise);
    expect(r.value).toBe(v);
    expect(r.issues).toBe(undefined);
  });

  it("returns { issues: [{ message, path }] } for invalid input, with path segments", () => {
    const o = S.user();
    ((o.email_addresses as Sample[])[1]!.linked_to as Sample[])[0]!.type = "nope";
    o.username = 1;
    const r = api(mod, "User").schema.validate(o);
    expect(r.value).toBe(undefined);
    expect(r.issues).toHaveLength(2);
    expect(r.issues!.map((i) => segs(i.path))).toEqual([["username"], ["email_addresses", "1", "linked_to", "0", "type"]]);
    for (const i of r.issues!) expect(typeof i.message).toBe("string");
  });

  it("reports a root issue with an empty path", () => {
    const r = api(mod, "PhoneNumber").schema.validate(null);
    expect(r.issues).toHaveLength(1);
    expect(segs(r.issues![0]!.path)).toEqual([]);
  });
});

describe("robustness: every validator in the index", () => {
  const values: unknown[] = [
    null,
    undefined,
    0,
    "",
    "x",
    true,
    [],
    [{}],
    {},
    Object.create(null),
    JSON.parse('{"__proto__": {"polluted": 1}}'),
    new Proxy(
      {},
      {
        get() {
          throw new Error("boom");
        },
      },
    ),
  ];

  it("never throws, and isX agrees with validateX(...).ok, on hostile values", () => {
    const names = Object.keys(mod)
      .filter((k) => k.startsWith("validate") && typeof mod[k] === "function")
      .map((k) => k.slice("validate".length));
    expect(names.length).toBeGreaterThan(300);
    for (const name of names) {
      for (const v of values) {
        const ok = noThrow(() => mod[`is${name}`](v));
        const r = noThrow(() => mod[`validate${name}`](v));
        expect({ name, ok: r.ok }).toEqual({ name, ok });
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }
    }
    expect(({} as Any).polluted).toBe(undefined);
  });
});
