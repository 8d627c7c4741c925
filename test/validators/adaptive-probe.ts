/** Probes shared by the tests of adaptive fast paths (clerk's User). */
import { expect } from "vitest";
import * as S from "./clerk-samples.js";
import type { Sample } from "./clerk-samples.js";

/**
 * Whether `isUser` currently reads by name, seen through a Proxy: reading by name starts with a
 * `get`, the key-driven path with `ownKeys` (its for-in).
 */
export function isUserReadsByName(isUser: (v: unknown) => boolean): boolean {
  const traps: string[] = [];
  expect(isUser(tracing(S.user(), traps))).toBe(true);
  expect(["get", "ownKeys"]).toContain(traps[0]);
  return traps[0] === "get";
}

/** A valid User with only some of its optional fields: `mask` picks which (deterministic). */
export function userWithout(mask: number): Sample {
  const u = S.user();
  Object.keys(u).forEach((k, i) => {
    if ((mask >> i % 30) & 1) delete u[k];
  });
  return u;
}

/** A Proxy of `target` that records its `get` and `ownKeys` traps, in order, in `traps`. */
export function tracing(target: object, traps: string[]): object {
  return new Proxy(target, {
    get(t, k, r) {
      traps.push("get");
      return Reflect.get(t, k, r);
    },
    ownKeys(t) {
      traps.push("ownKeys");
      return Reflect.ownKeys(t);
    },
  });
}
