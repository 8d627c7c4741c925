/**
 * Adaptive fast paths (models with many optional fields, e.g. clerk's User: 39 of them): isX reads
 * by name while objects keep one shape, and switches for good to its key-driven path once the set
 * of optional fields present keeps changing. The switch is invisible in the verdicts: this test
 * checks the same probes before and after it, and observes the path through a Proxy.
 */
import { describe, expect, it } from "vitest";
import { generated } from "../helpers/generated.js";
import { corpusPath } from "../helpers/shared.js";
import * as S from "./clerk-samples.js";
import { isUserReadsByName, tracing, userWithout } from "./adaptive-probe.js";

// Vitest gives each test file its own module instances: the adaptive state starts fresh here.
const mod = await generated(corpusPath("clerk-ruby-sorbet"), "clerk-ruby-sorbet").load();
const isUser = mod.isUser as (v: unknown) => boolean;
const validateUser = mod.validateUser as (v: unknown) => { ok: boolean; errors?: { path: string }[] };

const readsByName = () => isUserReadsByName(isUser);

const probes: [string, unknown, boolean][] = [
  ["the sample", S.user(), true],
  ["a field of the wrong kind", { ...S.user(), first_name: 42 }, false],
  ["a nullable field null", { ...S.user(), first_name: null }, true],
  ["a wrong item in an array of models", { ...S.user(), email_addresses: [{}] }, false],
  ["a wrong enum value", { ...S.user(), object: "not_a_user" }, false],
  ["an unknown key (accepted)", { ...S.user(), extra: 1 }, true],
  ["no fields at all", {}, true],
  ["Object.create(null) with the fields", Object.assign(Object.create(null), S.user()), true],
  ["an array", [], false],
  ["null", null, false],
  ["an own __proto__ key", JSON.parse(`{"__proto__": {"first_name": 1}, "first_name": "a"}`), true],
];

function verdicts(): { is: boolean; ok: boolean; paths: string[] }[] {
  return probes.map(([, v]) => {
    const r = validateUser(v);
    return { is: isUser(v), ok: r.ok, paths: (r.errors ?? []).map((e) => e.path) };
  });
}

describe("adaptive fast paths (User)", () => {
  it("reads by name while objects keep one shape, switches to the key-driven path when shapes keep changing, with the same verdicts", () => {
    expect(readsByName()).toBe(true);
    for (let i = 0; i < 200; i++) expect(isUser(S.user())).toBe(true);
    expect(readsByName()).toBe(true);
    const before = verdicts();
    probes.forEach(([name, , valid], i) => expect({ name, is: before[i]!.is, ok: before[i]!.ok }).toEqual({ name, is: valid, ok: valid }));
    // Probes of other shapes must not be enough to switch on their own.
    expect(readsByName()).toBe(true);

    // A few odd shapes among many of one shape (an API that sometimes omits a field): no switch.
    for (let i = 0; i < 400; i++) expect(isUser(i % 50 === 0 ? userWithout(i + 1) : S.user())).toBe(true);
    expect(readsByName()).toBe(true);

    // Every object its own shape: the key-driven path takes over.
    for (let i = 1; i <= 40; i++) expect(isUser(userWithout(i * 7919))).toBe(true);
    expect(readsByName()).toBe(false);
    expect(verdicts()).toEqual(before);
    // For good: one shape again does not switch back.
    for (let i = 0; i < 200; i++) expect(isUser(S.user())).toBe(true);
    expect(readsByName()).toBe(false);
  });

  it("validateUser's slow path reads by name while invalid users keep a few shapes, and goes key-driven when they come in many, with the same issues", () => {
    // The fast path key-driven (as the test above leaves it; done again so that this test stands alone).
    for (let i = 1; i <= 40; i++) expect(isUser(userWithout(i * 7919))).toBe(true);
    expect(readsByName()).toBe(false);
    expect(slowReadsByName()).toBe(true);
    const issues = () => invalidProbes.map((v) => validateUser(v).errors);
    const before = issues();
    before.forEach((errors) => expect(errors?.length).toBeGreaterThan(0));

    // Invalid users in a few shapes (one field of the wrong kind, in turn): the slow path stays by name.
    const wrong = ["first_name", "last_name", "username", "banned"];
    for (let i = 0; i < 400; i++) expect(validateUser({ ...S.user(), [wrong[i % 4]!]: 42 }).ok).toBe(false);
    expect(slowReadsByName()).toBe(true);
    expect(issues()).toEqual(before);

    // Invalid users in many shapes: the key-driven slow path takes over, with the same issues.
    for (let i = 1; i <= 40; i++) expect(validateUser({ ...userWithout(i * 7919), first_name: 42 }).ok).toBe(false);
    expect(slowReadsByName()).toBe(false);
    expect(issues()).toEqual(before);
  });
});

/** Invalid users whose issues are compared across the slow paths (several issues, nested ones, a missing field). */
const invalidProbes: unknown[] = [
  { ...S.user(), first_name: 42, banned: "no" },
  { ...S.user(), email_addresses: [{}, 1, null] },
  { ...S.user(), object: "not_a_user", public_metadata: [] },
  (() => {
    const u = S.user();
    delete u.id;
    return { ...u, created_at: 1.5 };
  })(),
];

/**
 * Whether validateUser's slow path currently reads by name (the fast path being key-driven),
 * seen through a Proxy of a user whose first key is invalid: the key-driven fast path fails at
 * its first `get`; then the by-name slow path starts with a `get`, the key-driven one with
 * `ownKeys` (its for-in).
 */
function slowReadsByName(): boolean {
  // After a run of invalid users validateUser runs its slow path first; a valid user sends it
  // back to the fast path first, which the trap order below assumes.
  expect(validateUser(S.user()).ok).toBe(true);
  const u = S.user();
  delete u.id;
  const traps: string[] = [];
  const r = validateUser(tracing({ id: 42, ...u }, traps));
  expect(r.ok).toBe(false);
  expect(r.errors!.map((e) => e.path)).toEqual(["/id"]);
  const first = traps.indexOf("get");
  expect(first).toBeGreaterThan(0);
  expect(["get", "ownKeys"]).toContain(traps[first + 1]);
  return traps[first + 1] === "get";
}
