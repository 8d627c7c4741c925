import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

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

/** Load the templates, each from `overrideDir` when it has one, else ours. */
export function loadTemplates(overrideDir?: string): Templates {
  const handlebars = Handlebars.create();
  const texts = {} as Record<TemplateName, string>;
  const compiled = new Map<TemplateName, HandlebarsTemplateDelegate>();
  for (const name of TEMPLATE_NAMES) {
    const override = overrideDir ? join(overrideDir, `${name}.hbs`) : undefined;
    const path = override && existsSync(override) ? override : join(TEMPLATE_DIR, `${name}.hbs`);
    texts[name] = readFileSync(path, "utf8");
    compiled.set(name, handlebars.compile(texts[name], { noEscape: CODE_TEMPLATES.has(name), strict: false }));
  }
  return {
    render: (name, data) => compiled.get(name)!(data),
    sources: () => ({ ...texts }),
  };
}
