import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import type HandlebarsModule from "handlebars";

/** Our own templates: `templates/` at the package root. */
export const TEMPLATE_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

export const TEMPLATE_NAMES = ["banner", "index", "readme"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Templates that produce code are rendered unescaped from values we made safe; prose ones escape HTML. */
const CODE_TEMPLATES = new Set<TemplateName>(["banner", "index"]);

export interface Templates {
  render(name: TemplateName, data: object): string;
  /** Template texts, for cache keys. */
  sources(): Record<TemplateName, string>;
}

/**
 * Load the templates, each from `overrideDir` when it has one, else ours. Handlebars is loaded
 * (with `require`: it is CommonJS) and a template compiled when it is first rendered, so that a
 * run that renders nothing (every file from the cache) does not load it.
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

/** Templates from their texts (`sources()` of loaded ones: how a helper thread gets them). */
export function templatesFrom(sources: Readonly<Record<TemplateName, string>>): Templates {
  const texts = { ...sources };
  let handlebars: typeof HandlebarsModule | undefined;
  const compiled = new Map<TemplateName, HandlebarsTemplateDelegate>();
  const template = (name: TemplateName): HandlebarsTemplateDelegate => {
    let t = compiled.get(name);
    if (!t) {
      handlebars ??= (createRequire(import.meta.url)("handlebars") as typeof HandlebarsModule).create();
      t = handlebars.compile(texts[name], { noEscape: CODE_TEMPLATES.has(name), strict: false });
      compiled.set(name, t);
    }
    return t;
  };
  return {
    render: (name, data) => template(name)(data),
    sources: () => ({ ...texts }),
  };
}
