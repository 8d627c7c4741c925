import type { Model } from "../../ir/types.js";
import type { FileContext } from "../context.js";

/**
 * The module state the emitted validators keep per file, and the names both paths share: where
 * the fast path last failed (validateX resumes its slow path there), the run of invalid values,
 * an adaptive model's flag and key list, and which models are too wide for one function.
 */

/**
 * Resuming (object models with fields): when the by-name fast path fails at field i, it records
 * i in a module variable (`return $failAt(i)`); validateX then starts the slow path at field i,
 * since the fields before it were found valid. Without it, validateX on an invalid value walked
 * the fields before the fault twice. Nested calls of the same model (unions, recursion) record
 * their own failures first; the outer failure site records last, so the variable holds the
 * outer one when $is_X returns false. A throw leaves it stale: validateX then starts over.
 */
export function resumeNames(model: Model, ctx: FileContext): { failedAt: string; failAt: string } {
  let names = resumes.get(ctx);
  if (!names) {
    names = { failedAt: ctx.local("$failedAt"), failAt: ctx.local("$failAt") };
    ctx.hoisted.push(
      [
        `/** The field at which $is_${model.name} last failed (its index; see validate${model.name}). */`,
        `let ${names.failedAt} = 0;`,
        `let ${INVALID_RUN} = 0;`,
        `function ${names.failAt}(i: number): false {`,
        `    ${names.failedAt} = i;`,
        `    return false;`,
        `}`,
      ].join("\n"),
    );
    resumes.set(ctx, names);
  }
  return names;
}

const resumes = new WeakMap<FileContext, { failedAt: string; failAt: string }>();

/**
 * validateX and a run of invalid values: the fast path's reads up to the fault, then the slow
 * path's from there, cost more than the slow path alone (it reads the object's fields again from
 * the fault, and its start repeats the fast path's: measured on invalid PhoneNumber, EmailAddress
 * and JWTTemplate payloads, 7-19% slower; bench/RESULTS.md). So validateX counts the invalid
 * values it meets (INVALID_RUN, a module variable of the model's file; one per file, hence a
 * fixed name) and after SLOW_FIRST_AFTER of them runs the slow path first; when that finds
 * nothing, the fast path decides (so the verdict is always isX's), and the count starts again
 * from zero: the next values go through the fast path first. Valid values then pay one
 * comparison, and a valid value after a run of invalid ones pays both paths once.
 */
export const INVALID_RUN = "$invalidRun";

export const SLOW_FIRST_AFTER = 8;

/** Whether a model's validateX resumes the slow path where the fast path failed (its fast path reads by name). */
export function resumable(model: Model): boolean {
  return model.kind === "object" && (model.fields ?? []).length > 0 && !isWide(model);
}

/**
 * TypeScript gives up on a function whose control flow is too long ("too large for control
 * flow analysis", a compile error for users): straight-line code of a few hundred fields of
 * nested types reaches it (measured: 1,000 fields failed in both by-name paths; the key-driven
 * `switch` passed). So a model with more fields than this is checked in functions of at most
 * this many fields each, and its fast path is the key-driven one alone (no by-name path to
 * chunk; objects that wide are mostly sparse, which key-driven code suits).
 */
export const FIELDS_PER_FUNCTION = 100;

export function isWide(model: Model): boolean {
  return (model.fields ?? []).length > FIELDS_PER_FUNCTION;
}

/** The names an adaptive fast path uses for its shape signature and state. */
export interface ShapeSignature {
  /** Local: the signature of this object (xor of the bits of its optional fields present). */
  h: string;
  /** Module state: the last signature, the score, whether the key-driven path took over. */
  last: string;
  score: string;
  useKeys: string;
  /** Hoisted: records a failure at field i, the signature so far h (see fastObjectAdaptive). */
  fail: string;
  /** The next field's bit, a fixed odd-looking constant (deterministic output). */
  bit: () => string;
}

/**
 * Per file and model (a file may hold several models): the module flag of an adaptive model,
 * true once its key-driven fast path took over, and its hoisted list of keys in the doc's order
 * (shared by both key-driven paths).
 */
export const adaptiveFlags = new WeakMap<FileContext, Map<Model, string>>();

export const keyLists = new WeakMap<FileContext, Map<Model, string>>();

export function perModel(map: WeakMap<FileContext, Map<Model, string>>, ctx: FileContext): Map<Model, string> {
  let m = map.get(ctx);
  if (!m) map.set(ctx, (m = new Map()));
  return m;
}
