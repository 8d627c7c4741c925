import type {} from "handlebars"; // its types declare the global `hbs.AST` namespace

/**
 * A handlebars template rendered without handlebars: a *plan* is the template's parsed form
 * (after handlebars' own whitespace rules, so standalone `{{#if}}` lines and `~` are already
 * applied) reduced to what our own templates use — literal text, `{{name}}` / `{{{name}}}`
 * values, and `{{#if}}`, `{{#unless}}`, `{{#each}}` blocks with an `{{else}}` — as plain JSON.
 * `npm run build` makes the plans of our templates (scripts/precompile-templates.mjs); an
 * override gets one from handlebars' parser. Rendering a plan is a loop that appends strings:
 * vercel-ts's index and README (2,381 models each) took handlebars' runtime ~0.2 G instructions.
 *
 * A plan only renders what it renders exactly as handlebars would (same compile options: no
 * helpers but handlebars' own, `strict: false`); for anything else `renderPlan` gives
 * `undefined` and the caller renders with handlebars: a template outside the subset has no plan
 * (`planOf` declines it), and data outside it (a value that is a function, an object, an
 * inherited property, a number where handlebars would add numbers…) declines at render time.
 * `test/emit/template-plan.test.ts` compares both on random templates and data.
 */
export type Plan = readonly Step[];

export type Step =
  /** Literal text. */
  | string
  /** A value of the context; `escape`: HTML-escaped (`{{name}}` in a template that escapes). */
  | { readonly value: string; readonly escape: boolean }
  /** A block: `then` when the value passes (for `each`: once per item, with the item as context), else `else`. */
  | { readonly block: "if" | "unless" | "each"; readonly value: string; readonly then: Plan; readonly else: Plan };

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;

const BLOCKS = new Set(["if", "unless", "each"]);

/** Names that are handlebars' helpers or context words, not values, when they stand alone. */
const NOT_VALUES = new Set(["blockHelperMissing", "each", "helperMissing", "if", "unless", "log", "lookup", "with", "this"]);

/**
 * The plan of a template as handlebars parsed it (`Handlebars.parse`, which applies the
 * whitespace rules), or `undefined` when it uses anything else: partials, decorators,
 * helpers with arguments or hash options, paths (`a.b`, `../a`, `@index`, `this`), literals.
 * `noEscape`: the compile option (then `{{name}}` is not escaped either).
 */
export function planOf(program: Program, noEscape: boolean): Plan | undefined {
  const steps: Step[] = [];
  for (const node of program.body) {
    const step = stepOf(node, noEscape);
    if (step === undefined) return undefined;
    if (step !== null) steps.push(step);
  }
  return steps;
}

/** A node's step; `null` for one that renders nothing (a comment, empty text). */
function stepOf(node: Node, noEscape: boolean): Step | null | undefined {
  switch (node.type) {
    case "ContentStatement": {
      const value = (node as hbs.AST.ContentStatement).value;
      return value === "" ? null : value;
    }
    case "CommentStatement":
      return null;
    case "MustacheStatement": {
      const m = node as hbs.AST.MustacheStatement;
      const value = plainName(m.path);
      if (value === undefined || NOT_VALUES.has(value) || m.params.length > 0 || m.hash) return undefined;
      return { value, escape: m.escaped && !noEscape };
    }
    case "BlockStatement": {
      const b = node as hbs.AST.BlockStatement;
      const block = plainName(b.path);
      const value = b.params.length === 1 ? plainName(b.params[0]!) : undefined;
      if (block === undefined || !BLOCKS.has(block) || value === undefined || NOT_VALUES.has(value) || b.hash) return undefined;
      if ((b.program as { blockParams?: unknown[] } | undefined)?.blockParams?.length) return undefined; // `as |x|`
      const then = b.program ? planOf(b.program, noEscape) : [];
      const otherwise = b.inverse ? planOf(b.inverse, noEscape) : [];
      if (then === undefined || otherwise === undefined) return undefined;
      return { block: block as "if" | "unless" | "each", value, then, else: otherwise };
    }
    default:
      return undefined;
  }
}

/** `name` of a path that is one plain name of the current context (not `a.b`, `../a`, `@a`, `this.a`, `[a]`). */
function plainName(node: Node): string | undefined {
  if (node.type !== "PathExpression") return undefined;
  const p = node as hbs.AST.PathExpression;
  if (p.data || p.depth !== 0 || p.parts.length !== 1 || p.original !== p.parts[0]) return undefined;
  return p.parts[0];
}

/**
 * The plan of a template that is only literal text and `{{{name}}}` values (the default banner
 * is), read without handlebars' parser: a banner override (rendered for every model file, by
 * every helper thread) then loads no handlebars. Anything else — other mustaches, comments,
 * escapes, raw blocks, helpers — is `undefined` here. `test/emit/templates.test.ts` compares it
 * with handlebars on random templates.
 */
export function substitution(text: string): Plan | undefined {
  const parts = text.split(/\{\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}\}/);
  for (let i = 0; i < parts.length; i += 2) {
    const literal = parts[i]!;
    if (literal.includes("{{") || literal.includes("\\")) return undefined;
    if ((i > 0 && literal.startsWith("}")) || (i + 1 < parts.length && literal.endsWith("{"))) return undefined;
  }
  for (let i = 1; i < parts.length; i += 2) if (NOT_VALUES.has(parts[i]!)) return undefined;
  return parts.flatMap((part, i): Step[] => (i % 2 === 1 ? [{ value: part, escape: false }] : part === "" ? [] : [part]));
}

/** Declined: handlebars renders this data. */
const DECLINE = Symbol("decline");

/** The template's output for `data`, or `undefined` when handlebars must render it. */
export function renderPlan(plan: Plan, data: object): string | undefined {
  const out = render(plan, data);
  return out === DECLINE ? undefined : out;
}

function render(plan: Plan, context: object): string | typeof DECLINE {
  let out = "";
  for (const step of plan) {
    if (typeof step === "string") {
      out += step;
      continue;
    }
    const value = lookup(context, step.value);
    if (value === DECLINE) return DECLINE;
    let text: string | typeof DECLINE;
    if (!("block" in step)) text = valueText(value, step.escape);
    else if (step.block === "each") text = each(step, value, context);
    else text = render(passes(value) === (step.block === "if") ? step.then : step.else, context);
    if (text === DECLINE) return DECLINE;
    out += text;
  }
  return out;
}

/**
 * A context's value as handlebars' `lookupProperty` gives it: an own property, or nothing
 * (null and undefined alike). A function (handlebars would call it) or an inherited value
 * (handlebars checks it against its prototype rules, and may log) is declined.
 */
function lookup(context: object, name: string): unknown {
  const value = (context as Record<string, unknown>)[name];
  if (value == null) return undefined;
  if (typeof value === "function" || !Object.prototype.hasOwnProperty.call(context, name)) return DECLINE;
  return value;
}

/**
 * A value's text. Escaped: handlebars' `escapeExpression` on a string, number or boolean.
 * Unescaped, handlebars appends the value with `+`: only strings are taken (two numbers in a row
 * would be added), and objects are declined either way (their `toString` / `toHTML`).
 */
function valueText(value: unknown, escape: boolean): string | typeof DECLINE {
  if (value === undefined) return "";
  if (typeof value === "string") return escape ? escapeHtml(value) : value;
  if (escape && (typeof value === "number" || typeof value === "boolean")) return String(value);
  return DECLINE;
}

/** Whether `{{#if}}` takes its first branch: handlebars' `if` helper without `includeZero`. */
function passes(value: unknown): boolean {
  return Boolean(value) && !(Array.isArray(value) && value.length === 0);
}

/**
 * `{{#each}}`: over an array of objects, each the context of one pass; `else` for an empty
 * array and for a value that is not an object (handlebars iterates nothing then). Anything else
 * that handlebars would iterate (an object's keys, an iterable, items that are not objects, a
 * sparse array) is declined.
 */
function each(step: Extract<Step, { block: string }>, value: unknown, context: object): string | typeof DECLINE {
  if (typeof value !== "object" || value === null) return render(step.else, context);
  if (!Array.isArray(value)) return DECLINE;
  if (value.length === 0) return render(step.else, context);
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!(i in value) || item === null || typeof item !== "object") return DECLINE;
    const text = render(step.then, item);
    if (text === DECLINE) return DECLINE;
    out += text;
  }
  return out;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "`": "&#x60;", "=": "&#x3D;" };
const UNSAFE = /[&<>"'`=]/;
const UNSAFE_ALL = /[&<>"'`=]/g;
const entity = (c: string): string => ESCAPES[c]!;

/** Handlebars' HTML escaping of a value's text (the same characters, the same entities). */
function escapeHtml(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, entity) : text;
}
