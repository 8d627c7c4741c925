import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256 } from "../../generator/cache/fingerprint.js";

/** The definition: each part, then a NUL byte, through one Hash object. */
function reference(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const p of parts) hash.update(p).update("\0");
  return hash.digest("hex");
}

describe("sha256 (cache keys)", () => {
  it("the one-shot path for strings gives the same digest as the definition", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 5 }), (parts) => {
        expect(sha256(...parts)).toBe(reference(...parts));
      }),
      { numRuns: 2000, seed: 20261126 },
    );
  });

  it("bytes and strings mixed, and no parts at all", () => {
    const bytes = new Uint8Array([0, 1, 255]);
    expect(sha256("a", bytes)).toBe(reference("a", bytes));
    expect(sha256()).toBe(reference());
    expect(sha256("a", "b")).not.toBe(sha256("ab"));
  });
});
