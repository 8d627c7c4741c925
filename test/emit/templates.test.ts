import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import fc from "fast-check";
import type HandlebarsModule from "handlebars";
import { describe, expect, it } from "vitest";
import { renderPlan, substitution } from "../../generator/emit/template-plan.js";
import { compileOptions, loadTemplates, TEMPLATE_NAMES, templatesFrom } from "../../generator/emit/templates.js";

const handlebars = (createRequire(import.meta.url)("handlebars") as typeof HandlebarsModule).create();

/**
 * A template of plain `{{{name}}}` values renders by substitution, without handlebars: it must
 * give exactly what handlebars gives, and leave to handlebars every template it does not read.
 */
describe("templates rendered by substitution", () => {
  it("the default banner is one, and renders as handlebars does", () => {
    const text = loadTemplates().sources().banner;
    const plan = substitution(text);
    expect(plan).toBeDefined();
    const data = { version: "1.2.3", source: "models/shared/phonenumber.md" };
    expect(renderPlan(plan!, data)).toBe(handlebars.compile(text, { noEscape: true, strict: false })(data));
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
        const plan = substitution(text);
        if (!plan) return;
        const data = { version, source };
        const mine = renderPlan(plan, data);
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
    expect(renderPlan(substitution("{{{x}}}")!, { x: 1 })).toBeUndefined(); // not a string: handlebars renders it
  });
});

/**
 * `npm run build` precompiles our templates (dist/templates.cjs), and a run renders those with
 * handlebars' runtime: the output must be what compiling the template then gives.
 */
describe("precompiled templates", () => {
  const precompiled = createRequire(import.meta.url)("../../dist/templates.cjs") as {
    handlebars: string;
    runtime: typeof HandlebarsModule;
    templates: Record<string, { text: string }>;
  };
  const texts = loadTemplates().sources();

  it("hold the texts of templates/ as they are, for the installed handlebars", () => {
    expect(precompiled.handlebars).toBe(handlebars.VERSION);
    expect(precompiled.runtime.VERSION).toBe(handlebars.VERSION);
    for (const name of TEMPLATE_NAMES) expect(precompiled.templates[name]?.text, name).toBe(texts[name]);
  });

  /** Handlebars' defaults, but for escaping: what the compile options may not change the output of. */
  const plainOptions = (name: (typeof TEMPLATE_NAMES)[number]) => ({ noEscape: compileOptions(name, texts[name]).noEscape, strict: false });

  it("render as handlebars with its default options does, with every switch on and off and hostile values", () => {
    const hostile = ["<b>&amp;</b>", "{{x}}", "`a` | b", "é\u2028", "*/ ${x}"];
    const flags = [true, false];
    let renders = 0;
    for (const types of flags)
      for (const validators of flags)
        for (const jsonschema of flags)
          for (const value of hostile) {
            const data = {
              version: value,
              source: value,
              banner: `// ${value}`,
              dialect: value,
              docCount: 3,
              types,
              validators,
              runtime: validators,
              jsonschema,
              diagram: types ? `graph ${value}` : "",
              diagramMax: 50,
              modules: [{ path: `./${value}.js`, types: value, values: validators ? value : "" }],
              models: [{ name: value, kind: "object", source: value }],
            };
            const rendered = templatesFrom(texts);
            for (const name of TEMPLATE_NAMES) {
              expect(rendered.render(name, data), name).toBe(handlebars.compile(texts[name], plainOptions(name))(data));
              renders++;
            }
          }
    expect(renders).toBe(8 * hostile.length * TEMPLATE_NAMES.length);
  });

  /** The files a fresh process loads with `require` while rendering `renders` (statements using `t`, our templates). */
  const loadedBy = (renders: string[]): string[] => {
    const script = [
      `import Module from "node:module";`,
      `const { loadTemplates } = await import(${JSON.stringify(new URL("../../dist/emit/templates.js", import.meta.url).href)});`,
      `const t = loadTemplates();`,
      ...renders,
      `console.log(JSON.stringify(Object.keys(Module._cache)));`,
    ].join("\n");
    return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, DOCS2TS_CODE_CACHE: "0" } })) as string[];
  };
  const precompiledFile = (loaded: string[]) => loaded.filter((f) => f.endsWith(join("dist", "templates.cjs")));
  const handlebarsFiles = (loaded: string[]) => loaded.filter((f) => f.includes(join("node_modules", "handlebars")));

  it("a run that renders our templates renders them from their plans: it loads no handlebars, not even the precompiled runtime", () => {
    const loaded = loadedBy([
      `t.render("banner", { version: "1", source: "a.md" });`,
      `t.render("index", { banner: "// b", modules: [{ path: "./A.js", types: "A", values: "isA" }], runtime: true });`,
      `t.render("readme", { version: "1", docCount: 1, models: [{ name: "A", kind: "object", source: "a.md" }], types: true, validators: true, diagramMax: 50 });`,
    ]);
    expect(precompiledFile(loaded)).toEqual([]);
    expect(handlebarsFiles(loaded)).toEqual([]);
  });

  it("data that a plan declines is rendered from the one precompiled file (handlebars' runtime inside), no package file of handlebars", () => {
    const loaded = loadedBy([`if (t.render("readme", { version: () => "v1", models: [] }).includes("docs2ts v1 ") !== true) throw new Error("not rendered by handlebars");`]);
    expect(precompiledFile(loaded)).toHaveLength(1);
    expect(handlebarsFiles(loaded)).toEqual([]);
  });

  it("the plans of our templates are built from their texts as they are", () => {
    const plans = createRequire(import.meta.url)("../../dist/template-plans.json") as Record<string, { text: string; plan: unknown[] }>;
    for (const name of TEMPLATE_NAMES) {
      expect(plans[name]?.text, name).toBe(texts[name]);
      expect(plans[name]?.plan.length, name).toBeGreaterThan(0);
    }
  });

  it("compile without @data and helper lookups where a template needs neither; an override still gets both", () => {
    for (const name of TEMPLATE_NAMES) expect(compileOptions(name, texts[name]), name).toMatchObject({ knownHelpersOnly: true, data: false });
    const models = [{ name: "A" }, { name: "B" }];
    const indexed = { ...texts, readme: "{{#each models}}{{@index}}={{name}} {{/each}}" };
    expect(templatesFrom(indexed).render("readme", { models })).toBe("0=A 1=B ");
    // No helper is registered: an unknown one is an error, at compile time now.
    const unknown = { ...texts, readme: "{{#shout models}}x{{/shout}}" };
    expect(() => templatesFrom(unknown).render("readme", { models })).toThrow(/shout/);
    // A value that is a function is called, as before.
    const lambda = { ...texts, readme: "{{name}}!" };
    expect(templatesFrom(lambda).render("readme", { name: () => "fn" })).toBe("fn!");
  });

  it("a template with another text than the precompiled one is compiled from its own text", () => {
    const texts2 = { ...texts, readme: `${texts.readme}\nextra {{version}}\n` };
    expect(templatesFrom(texts2).render("readme", { version: "<v>", models: [] })).toContain("extra &lt;v&gt;");
  });
});
