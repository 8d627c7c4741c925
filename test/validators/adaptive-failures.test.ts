/**
 * Adaptive fast paths and invalid values (clerk's User). A value that fails leaves its shape
 * signature incomplete (it covers the fields before the fault), so a failure counts as a new
 * shape only when the fields before the failing one differ from the last failure there: invalid
 * users of one shape keep isUser reading by name (faster for them), invalid users in many shapes
 * switch it to the key-driven path. Its own file: the adaptive state is per module instance, and
 * vitest gives each test file its own.
 */
import { describe, expect, it } from "vitest";
import { generated } from "../helpers/generated.js";
import { corpusPath } from "../helpers/shared.js";
import * as S from "./clerk-samples.js";
import { isUserReadsByName, userWithout } from "./adaptive-probe.js";

const mod = await generated(corpusPath("clerk-ruby-sorbet"), "clerk-ruby-sorbet").load();
const isUser = mod.isUser as (v: unknown) => boolean;
const readsByName = () => isUserReadsByName(isUser);

/** One field of the wrong kind, in the sample's shape; fields early, late and nested in turn. */
const wrongs: Record<string, unknown>[] = [
  { id: 42 },
  { first_name: 42 },
  { banned: "no" },
  { email_addresses: [{}] },
  { created_at: 1.5 },
  { legal_accepted_at: "2024" },
];

describe("adaptive fast paths and invalid values (User)", () => {
  it("invalid users of one shape, failing at one field or another, keep isUser reading by name", () => {
    expect(readsByName()).toBe(true);
    // 600 failures: were each a new shape (4 points, 64 to switch), 17 would switch.
    for (let i = 0; i < 600; i++) expect(isUser({ ...S.user(), ...wrongs[i % wrongs.length] })).toBe(false);
    expect(readsByName()).toBe(true);
    // Valid users between them change nothing.
    for (let i = 0; i < 100; i++) expect(isUser(i % 2 ? S.user() : { ...S.user(), ...wrongs[i % wrongs.length] })).toBe(i % 2 === 1);
    expect(readsByName()).toBe(true);
  });

  it("invalid users in many shapes switch isUser to the key-driven path, with the same verdicts", () => {
    const probes = [S.user(), ...wrongs.map((w) => ({ ...S.user(), ...w })), ...wrongs.map((w, i) => ({ ...userWithout(i * 104729), ...w }))];
    const before = probes.map((v) => isUser(v));
    expect(before.filter((ok) => !ok)).toHaveLength(2 * wrongs.length);
    // A late field fails with the optional fields before it present or not.
    for (let i = 1; i <= 40; i++) expect(isUser({ ...userWithout(i * 7919), created_at: 1.5 })).toBe(false);
    expect(readsByName()).toBe(false);
    expect(probes.map((v) => isUser(v))).toEqual(before);
  });
});
