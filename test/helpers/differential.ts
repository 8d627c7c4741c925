/**
 * The differential oracle: ajv 8 (draft 2020-12, strict mode, ajv-formats) compiled from the JSON
 * Schema docs2ts emits, against the generated `isX` / `validateX` of the same IR and options.
 *
 * Agreement checked for a value v of model X:
 *   - verdict: isX(v) === validateX(v).ok === ajv(v)
 *   - when invalid, with one fault: validateX's first issue path === ajv's first error path
 *     (ajv's first-error mode); see `ajvErrorPath` for the mapping of `required` and
 *     `additionalProperties` errors, whose instancePath is the parent object.
 *   - when invalid: the set of validateX's issue paths === the set of ajv's error paths in
 *     allErrors mode, once ajv's reports about union branches that were not chosen are left out
 *     (`anyOf` summary errors, and the `type: "null"` branch of a nullable field).
 * Issue order: validateX reports in field order; ajv checks `required` (every missing key)
 * before `properties`. With a single fault both orders give the same first path; with several,
 * the sets are compared.
 */
import { createRequire } from "node:module";
import type { AnySchema, ErrorObject, ValidateFunction } from "ajv";
import { jsonSchemaFiles } from "../../generator/emit/jsonschema.js";
import { DEFAULT_OPTIONS, type EmitOptions } from "../../generator/emit/context.js";
import type { IR } from "../../generator/api.js";
import type { GeneratedModule } from "./generated.js";
import { ajvErrorPath } from "./arbitraries.js";

const require = createRequire(import.meta.url);
// ajv and ajv-formats are CommonJS; their default exports are the constructors / plugins.
const Ajv2020 = (require("ajv/dist/2020") as { default: new (o: object) => AjvInstance }).default;
const addFormats = (require("ajv-formats") as { default: (ajv: AjvInstance) => void }).default;

interface AjvInstance {
  addSchema(schema: AnySchema): AjvInstance;
  getSchema(key: string): ValidateFunction | undefined;
}

export interface Oracle {
  /** First-error mode. */
  first(model: string): ValidateFunction;
  /** allErrors mode. */
  all(model: string): ValidateFunction;
  schemas: Map<string, unknown>;
}

/** ajv for the emitted schemas of `ir`; `tamper` may edit a schema first (to test the test). */
export function oracle(ir: IR, options: Partial<EmitOptions> = {}, tamper?: (model: string, schema: any) => void): Oracle {
  const opts: EmitOptions = { ...DEFAULT_OPTIONS, ...options };
  const bySource = new Map(ir.models.map((m) => [m.source, m]));
  const files = jsonSchemaFiles(ir.models, bySource, opts);
  const schemas = new Map(files.map((f) => [f.path.replace(/^schemas\//, "").replace(/\.json$/, ""), JSON.parse(f.content) as unknown]));
  if (tamper) for (const [name, s] of schemas) tamper(name, s);
  const make = (allErrors: boolean) => {
    const ajv = new Ajv2020({ strict: true, allErrors, allowUnionTypes: true });
    addFormats(ajv);
    for (const s of schemas.values()) ajv.addSchema(s as AnySchema);
    return ajv;
  };
  const firstAjv = make(false);
  const allAjv = make(true);
  const get = (ajv: AjvInstance, model: string) => {
    const v = ajv.getSchema(`${model}.json`);
    if (!v) throw new Error(`ajv has no schema ${model}.json`);
    return v;
  };
  return { first: (m) => get(firstAjv, m), all: (m) => get(allAjv, m), schemas };
}

/** ajv allErrors paths, without the reports about union branches that were not taken. */
export function ajvPathSet(errors: readonly ErrorObject[]): Set<string> {
  const out = new Set<string>();
  for (const e of errors) {
    if (e.keyword === "anyOf") continue;
    if (e.keyword === "type" && e.params.type === "null" && /\/anyOf\/\d+\/type$/.test(e.schemaPath)) continue;
    out.add(ajvErrorPath(e));
  }
  return out;
}

export { ajvErrorPath };

interface Issue {
  path: string;
  message: string;
  received?: string;
}

/** A mismatch: fails the fast-check property with everything needed to see why. */
function mismatch(what: string, model: string, v: unknown, ours: unknown, ajv: unknown): never {
  throw new Error(`${model}: ${what} differs\n  value: ${JSON.stringify(v)}\n  docs2ts: ${JSON.stringify(ours)}\n  ajv:     ${JSON.stringify(ajv)}`);
}

/**
 * Whether ajv cannot see an issue: one at or below a field named `__proto__` that the model
 * declares. ajv leaves `__proto__` out of the `properties` it compiles (README "JSON Schema
 * output"), while the validators check it like any other field. An undeclared `__proto__` key is
 * another matter: both report it (`unknownKeys: "reject"`), and the comparison keeps it.
 */
export function unseenByAjv(issue: Issue): boolean {
  const segments = issue.path.split("/");
  const undeclaredKey = issue.received === "unknown property" ? segments.length - 1 : -1;
  return segments.some((s, i) => s === "__proto__" && i !== undeclaredKey);
}

/**
 * Checks agreement on one value (throws on a mismatch); returns whether it was valid.
 * `single`: the value has one fault, so the first paths must be equal. `subset`: the model has
 * unions, so docs2ts's paths must be among ajv's instead of equal to them. Issues with the
 * value of a `__proto__` field are docs2ts's alone (`unseenByAjv`): a value whose only issues are
 * those is one ajv accepts.
 */
export function agree(mod: GeneratedModule, o: Oracle, model: string, v: unknown, single: boolean, subset = false): boolean {
  const is = mod[`is${model}`](v) as boolean;
  const r = mod[`validate${model}`](v) as { ok: true } | { ok: false; errors: Issue[] };
  if (is !== r.ok) mismatch("isX and validateX verdict", model, v, { is, validate: r.ok }, "not asked");
  const first = o.first(model);
  const ajvOk = first(v) as boolean;
  const ours = r.ok ? [] : r.errors.filter((e) => !unseenByAjv(e)).map((e) => e.path);
  if ((r.ok || ours.length === 0) !== ajvOk) mismatch("verdict", model, v, { is, validate: r.ok, ...(r.ok ? {} : { errors: r.errors }) }, { valid: ajvOk, errors: first.errors });
  if (r.ok) return true;
  if (ours.length === 0) return false;
  if (single && !subset && ours[0] !== ajvErrorPath(first.errors![0]!)) mismatch("first issue path", model, v, r.errors, first.errors);
  const all = o.all(model);
  if (all(v)) mismatch("allErrors verdict", model, v, false, true);
  const theirs = ajvPathSet(all.errors!);
  if (subset) {
    // Unions: ajv reports every member's errors, docs2ts the chosen member's (or one issue).
    if (!ours.every((x) => theirs.has(x))) mismatch("issue paths (ours within ajv's)", model, v, r.errors, all.errors);
  } else {
    const a = [...theirs].sort().join(" ");
    const b = [...new Set(ours)].sort().join(" ");
    if (a !== b) mismatch("set of issue paths", model, v, r.errors, all.errors);
  }
  return false;
}

