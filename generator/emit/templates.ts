import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import type HandlebarsModule from "handlebars";
import { requireWithCodeCache } from "../code-cache.js";
import { type Plan, planOf, renderPlan, substitution } from "./template-plan.js";

/** Our own templates: `templates/` at the package root. */
export const TEMPLATE_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

export const TEMPLATE_NAMES = ["banner", "index", "readme"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Templates that produce code are rendered unescaped from values we made safe; prose ones escape HTML. */
const CODE_TEMPLATES = new Set<TemplateName>(["banner", "index"]);

/**
 * How a template is compiled, at run time or ahead of it (`scripts/precompile-templates.mjs`).
 * No helper is registered in our environment, so every mustache is a value or one of
 * handlebars' own helpers (`knownHelpersOnly`: values are looked up directly, not first asked
 * of a helper; an unknown helper fails when the template is compiled instead of when it is
 * rendered). A template without `@` (no `@index`, `@key`, `@root`…) keeps no `@data` (`each`
 * makes no frame per item). Together they cut handlebars' rendering of vercel-ts's index and
 * README (2,381 models each) by a fifth of its instructions; handlebars now renders only what a
 * plan (`template-plan.ts`) does not take. `noEscape` here also decides a plan's escaping.
 */
export function compileOptions(name: TemplateName, text: string): CompileOptions {
  return { noEscape: CODE_TEMPLATES.has(name), strict: false, knownHelpersOnly: true, data: text.includes("@") };
}

/**
 * Our templates as `npm run build` precompiled them (`dist/templates.cjs`, beside dist/<stage>/
 * and dist/bundle/ alike): the handlebars version, its runtime (bundled in the same file), and
 * each template's text and compiled spec.
 */
const PRECOMPILED = new URL("../../dist/templates.cjs", import.meta.url);

interface Precompiled {
  handlebars: string;
  runtime: typeof HandlebarsModule;
  templates: Partial<Record<TemplateName, { text: string; spec: TemplateSpecification }>>;
}

export interface Templates {
  render(name: TemplateName, data: object): string;
  /** Template texts, for cache keys. */
  sources(): Record<TemplateName, string>;
}

/**
 * Load the templates, each from `overrideDir` when it has one, else ours. Handlebars is loaded
 * (with `require`: it is CommonJS) and a template compiled when it is first rendered, so that a
 * run that renders nothing (every file from the cache) does not load it; a template rendered from
 * its plan (ours, and an override that keeps to what a plan holds) never needs it.
 */
export function loadTemplates(overrideDir?: string): Templates {
  const texts = {} as Record<TemplateName, string>;
  for (const name of TEMPLATE_NAMES) {
    const override = overrideDir ? join(overrideDir, `${name}.hbs`) : undefined;
    const path = override && existsSync(override) ? override : join(TEMPLATE_DIR, `${name}.hbs`);
    texts[name] = readFileSync(path, "utf8");
  }
  return templatesFrom(texts);
}

/**
 * Templates from their texts (`sources()` of loaded ones: how a helper thread gets them). A
 * template renders from its plan (`template-plan.ts`) when it has one and the plan takes the
 * data, else with handlebars; handlebars is only loaded then.
 */
export function templatesFrom(sources: Readonly<Record<TemplateName, string>>): Templates {
  const texts = { ...sources };
  const compiled = new Map<TemplateName, HandlebarsTemplateDelegate>();
  const template = (name: TemplateName): HandlebarsTemplateDelegate => {
    let t = compiled.get(name);
    if (!t) {
      t = fromPrecompiled(name, texts[name]) ?? handlebarsCompiler().compile(texts[name], compileOptions(name, texts[name]));
      compiled.set(name, t);
    }
    return t;
  };
  const plans = new Map<TemplateName, Plan | null>();
  const plan = (name: TemplateName): Plan | null => {
    let p = plans.get(name);
    if (p === undefined) {
      p = substitution(texts[name]) ?? builtPlan(name, texts[name]) ?? parsedPlan(name, texts[name]) ?? null;
      plans.set(name, p);
    }
    return p;
  };
  return {
    render: (name, data) => {
      const p = plan(name);
      return (p && renderPlan(p, data)) ?? template(name)(data);
    },
    sources: () => ({ ...texts }),
  };
}

let compiler: typeof HandlebarsModule | undefined;
let runtime: typeof HandlebarsModule | undefined;
let precompiled: Precompiled | null | undefined;

/** Handlebars with its compiler (an environment of our own, so that no one's helpers leak in). */
function handlebarsCompiler(): typeof HandlebarsModule {
  return (compiler ??= requireWithCodeCache<typeof HandlebarsModule>(import.meta.url, "handlebars").create());
}

/**
 * The template from `dist/templates.cjs` when `text` is exactly the text precompiled there:
 * rendering it needs only handlebars' runtime, bundled in that file with the specs it compiled
 * (one file to load; the package's runtime is ~15 CommonJS files to resolve), and no compiling.
 * `undefined` otherwise (no build, an override).
 */
function fromPrecompiled(name: TemplateName, text: string): HandlebarsTemplateDelegate | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = createRequire(import.meta.url)(fileURLToPath(PRECOMPILED)) as Precompiled;
    } catch {
      precompiled = null;
    }
  }
  const entry = precompiled?.templates[name];
  if (!precompiled || !entry || entry.text !== text) return undefined;
  runtime ??= precompiled.runtime.create();
  if (runtime.VERSION !== precompiled.handlebars) return undefined;
  return runtime.template(entry.spec);
}

/**
 * The plans `npm run build` made of our templates (`dist/template-plans.json`, written by
 * scripts/precompile-templates.mjs with handlebars' parser), each with the text it was made
 * from: a run that renders our own templates loads neither handlebars nor its runtime.
 */
const PLANS = new URL("../../dist/template-plans.json", import.meta.url);

let builtPlans: Partial<Record<TemplateName, { text: string; plan: Plan }>> | null | undefined;

/** The plan `npm run build` made of `text`, if that is the text it was made from. */
function builtPlan(name: TemplateName, text: string): Plan | undefined {
  if (builtPlans === undefined) {
    try {
      builtPlans = JSON.parse(readFileSync(PLANS, "utf8")) as typeof builtPlans;
    } catch {
      builtPlans = null;
    }
  }
  const entry = builtPlans?.[name];
  return entry && entry.text === text ? entry.plan : undefined;
}

/**
 * The plan of a template we have no plan of (an override, or an edit not yet built), from
 * handlebars' parser; `undefined` when it has none or does not parse (handlebars, compiling it,
 * then reports the error as it always has).
 */
function parsedPlan(name: TemplateName, text: string): Plan | undefined {
  try {
    return planOf(handlebarsCompiler().parse(text), compileOptions(name, text).noEscape === true);
  } catch {
    return undefined;
  }
}
