import { createRequire } from "node:module";
import fc from "fast-check";
import type HandlebarsModule from "handlebars";
import { describe, expect, it } from "vitest";
import { loadTemplates, substitution } from "../../generator/emit/templates.js";

const handlebars = (createRequire(import.meta.url)("handlebars") as typeof HandlebarsModule).create();

/**
 * A template of plain `{{{name}}}` values renders by substitution, without handlebars: it must
 * give exactly what handlebars gives, and leave to handlebars every template it does not read.
 */
describe("templates rendered by substitution", () => {
  it("the default banner is one, and renders as handlebars does", () => {
    const text = loadTemplates().sources().banner;
    const render = substitution(text);
    expect(render).toBeDefined();
    const data = { version: "1.2.3", source: "models/shared/phonenumber.md" };
    expect(render!(data)).toBe(handlebars.compile(text, { noEscape: true, strict: false })(data));
  });

  it("random templates: substitution is either declined or equal to handlebars", () => {
    const piece = fc.constantFrom(
      "a", " ", "\n", "{", "}", "}}", "}}}", "\\", "\\{{", "{{{version}}}", "{{{source}}}", "{{version}}", "{{ source }}", "{{{ source }}}",
      "{{{log}}}", "{{{this}}}", "{{{missing}}}", "{{{{source}}}}", "{{!c}}", "{{#if x}}y{{/if}}", "{{{~source~}}}", "<", "&", "é",
    );
    const value = fc.string({ maxLength: 8 }).map((s) => s.replace(/x/g, "{"));
    let used = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), value, value, (pieces, version, source) => {
        const text = pieces.join("");
        const render = substitution(text);
        if (!render) return;
        const data = { version, source };
        const mine = render(data);
        if (mine === undefined) return;
        used++;
        for (const noEscape of [true, false]) {
          let theirs: string;
          try {
            theirs = handlebars.compile(text, { noEscape, strict: false })(data);
          } catch (e) {
            throw new Error(`handlebars refuses ${JSON.stringify(text)} that substitution accepted: ${String(e)}`);
          }
          expect(mine, JSON.stringify(text)).toBe(theirs);
        }
      }),
      { numRuns: 3000, seed: 20261126 },
    );
    expect(used).toBeGreaterThan(300);
  });

  it("declines what is not plain values", () => {
    for (const t of ["{{x}}", "{{{x}}", "\\{{{x}}}", "{{{log}}}", "{{#each a}}{{/each}}", "{{!-- c --}}", "{{{{x}}}}", "{{{ x }}}"]) {
      expect(substitution(t), t).toBeUndefined();
    }
    expect(substitution("{{{x}}}")!({ x: 1 })).toBeUndefined(); // not a string: handlebars renders it
  });
});
