import { createRequire } from "node:module";
import fc from "fast-check";
import type HandlebarsModule from "handlebars";
import { describe, expect, it } from "vitest";
import { planOf, renderPlan } from "../../generator/emit/template-plan.js";

const handlebars = (createRequire(import.meta.url)("handlebars") as typeof HandlebarsModule).create();

/** Handlebars' output, with the options templates.ts compiles with and with its defaults: both must agree. */
function theirs(text: string, data: object, noEscape: boolean): string {
  const ours = handlebars.compile(text, { noEscape, strict: false, knownHelpersOnly: true, data: text.includes("@") })(data);
  const defaults = handlebars.compile(text, { noEscape, strict: false })(data);
  expect(defaults, `${JSON.stringify(text)}: handlebars' own options disagree`).toBe(ours);
  return ours;
}

/** The plan's output, or undefined where it declines (the template, or this data). */
function mine(text: string, data: object, noEscape: boolean): string | undefined {
  const plan = planOf(handlebars.parse(text), noEscape);
  return plan && renderPlan(plan, data);
}

const names = ["v", "empty", "n", "zero", "b", "f", "missing", "list", "none", "obj", "nul", "words", "fn", "toString"];
const name = fc.constantFrom(...names);
const lists = fc.constantFrom("list", "none", "obj", "words", "v", "missing", "n", "zero", "f", "sparse");

/** Templates built from the pieces our templates use, the ones they do not, and stray characters. */
const template = fc.letrec<{ body: string }>((tie) => ({
  body: fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom("a", " ", "\n", "  ", "\n\n", "\r\n", "\t", "<&>", "=", "'\"`", "é", "-", "|") },
      { weight: 1, arbitrary: fc.constantFrom("{", "}", "\\", "\\{{v}}", "{{!c}}", "{{!-- {{v}} --}}", "{{{{raw}}}}x{{{{/raw}}}}", "{{> p}}") },
      { weight: 5, arbitrary: name.map((n) => `{{${n}}}`) },
      { weight: 3, arbitrary: name.map((n) => `{{{${n}}}}`) },
      { weight: 1, arbitrary: fc.constantFrom("{{~v~}}", "{{& v}}", "{{ v }}", "{{this}}", "{{obj.v}}", "{{@index}}", "{{../v}}", "{{this.v}}", "{{lookup obj v}}", "{{log v}}", "{{[v]}}", "{{'s'}}", "{{1}}", "{{if}}", "{{each}}") },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom("if", "unless"), name, tie("body"), fc.option(tie("body")), fc.constantFrom("", "~"), fc.constantFrom("", "\n"))
          .map(([b, n, then, otherwise, t, nl]) => `{{${t}#${b} ${n}${t}}}${nl}${then}${otherwise === null ? "" : `{{else}}${nl}${otherwise}`}{{${t}/${b}}}`),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(lists, tie("body"), fc.option(tie("body")), fc.constantFrom("", "\n"))
          .map(([n, then, otherwise, nl]) => `{{#each ${n}}}${nl}${then}${otherwise === null ? "" : `{{else}}${nl}${otherwise}`}{{/each}}${nl}`),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(name, name, tie("body"), tie("body"))
          .map(([a, b, x, y]) => `{{#if ${a}}}${x}{{else if ${b}}}${y}{{/if}}`),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom("{{^if v}}", "{{#with obj}}", "{{#each list as |x|}}", "{{#if v includeZero=true}}", "{{#v}}", "{{#if (lookup obj v)}}"), tie("body"))
          .map(([open, body]) => `${open}${body}{{/${open.slice(3).split(/[ }]/)[0]}}}`),
      },
    ),
    { maxLength: 6 },
  ).map((parts) => parts.join("")),
})).body;

const text = fc.string({ maxLength: 6 }).map((s) => s.replace(/x/g, "<").replace(/y/g, "&").replace(/z/g, "\n"));

/** A context with every kind of value the templates above name. */
const context = (depth: number): fc.Arbitrary<Record<string, unknown>> =>
  fc.record({
    v: text,
    empty: fc.constant(""),
    n: fc.oneof(fc.integer(), fc.double()),
    zero: fc.constant(0),
    b: fc.boolean(),
    f: fc.constant(false),
    list: depth > 0 ? fc.array(context(depth - 1), { maxLength: 3 }) : fc.constant([]),
    none: fc.constant([]),
    obj: fc.constant({ v: "o" }),
    nul: fc.constant(null),
    words: fc.constant(["a", "b"]),
    fn: fc.constant(() => "called"),
    sparse: fc.constant([, { v: "s" }]), // eslint-disable-line no-sparse-arrays
  });

describe("template plans render as handlebars does", () => {
  it("random templates and data: a plan is declined or equal to handlebars", () => {
    let unplanned = 0;
    let rendered = 0;
    let declined = 0;
    fc.assert(
      fc.property(template, context(2), fc.boolean(), (t, data, noEscape) => {
        let parsed: hbs.AST.Program;
        try {
          parsed = handlebars.parse(t);
        } catch {
          return; // handlebars refuses it: so does every path of ours (no plan without a parse)
        }
        const plan = planOf(parsed, noEscape);
        if (!plan) {
          unplanned++;
          return;
        }
        const out = renderPlan(plan, data);
        if (out === undefined) {
          declined++;
          return;
        }
        rendered++;
        let expected: string;
        try {
          expected = theirs(t, data, noEscape);
        } catch (e) {
          throw new Error(`handlebars refuses ${JSON.stringify(t)}, which the plan rendered: ${String(e)}`);
        }
        expect(out, JSON.stringify(t)).toBe(expected);
      }),
      { numRuns: 4000, seed: 20261129 },
    );
    // The property must have compared many renders, and seen data and templates declined too.
    expect(rendered).toBeGreaterThan(1000);
    expect(declined).toBeGreaterThan(100);
    expect(unplanned).toBeGreaterThan(100);
  });

  it("standalone block lines and ~ are removed as handlebars removes them", () => {
    const t = "A\n  {{#if b}}\n  x={{v}}\n  {{else}}\n  none\n  {{/if}}\n{{#each list~}}\n [{{v}}]\n{{~/each}}\nZ\n";
    const data = { b: true, v: "<1>", list: [{ v: "p" }, { v: "q" }] };
    expect(mine(t, data, false)).toBe(theirs(t, data, false));
    expect(mine(t, data, false)).toBe("A\n  x=&lt;1&gt;\n[p][q]Z\n");
    expect(mine(t, { ...data, b: 0 }, true)).toBe("A\n  none\n[p][q]Z\n");
  });

  it("declines what it does not render exactly", () => {
    for (const t of ["{{> p}}", "{{@index}}", "{{a.b}}", "{{../a}}", "{{this}}", "{{lookup a b}}", "{{#with a}}{{/with}}", "{{#each a as |x|}}{{/each}}", "{{#if a includeZero=true}}{{/if}}", "{{#a}}{{/a}}", "{{log a}}", "{{'s'}}"]) {
      expect(planOf(handlebars.parse(t), false), t).toBeUndefined();
    }
    const plan = planOf(handlebars.parse("{{{a}}}{{b}}{{#each c}}{{d}}{{/each}}"), false)!;
    expect(renderPlan(plan, { a: "x", b: 1, c: [{ d: 2 }] })).toBe("x12");
    expect(renderPlan(plan, { a: 1 })).toBeUndefined(); // unescaped numbers: handlebars would add them up
    expect(renderPlan(plan, { a: () => "x" })).toBeUndefined(); // handlebars calls functions
    expect(renderPlan(plan, { a: { toString: () => "x" } })).toBeUndefined();
    expect(renderPlan(plan, Object.create({ a: "inherited" }) as object)).toBeUndefined();
    expect(renderPlan(plan, { c: { d: 1 } })).toBeUndefined(); // each over an object's keys
    expect(renderPlan(plan, { c: ["s"] })).toBeUndefined(); // items that are not objects
  });
});
