import type { TypeRef } from "../ir/types.js";
import { CellError, type FlatCell, readAt, type Token, TokenStream, tokenize } from "./cell.js";
import type { Dialect, TypeContext, TypeResult } from "./dialect.js";
import { expectPunct as expect, linkedOrDotted, nullableOf } from "./grammar.js";

/**
 * Go SDK docs (Speakeasy), both styles of the family. Today types are code spans and links:
 *   `string`  `*string`  []`string`  [][]`string`  map[string]`any`  `*int64`
 *   [components.X](../../models/components/x.md)  [*components.X](…)  [][components.X](…)
 *   optionalnullable.OptionalNullable[`string`]  optionalnullable.OptionalNullable[[components.X](…)]
 *   [*http.Response](https://pkg.go.dev/net/http#Response)  [time.Time](https://pkg.go.dev/time#Time)
 *   [types.Date](../../types/date.md)  [*big.Int](…math/big#Int)  [*decimal.Big](…)
 * Older generators wrote the scalars in italics: *string*, **string* (a pointer), []*string*,
 * map[string]*any*, *[]byte*, *interface{}*. Flattened, both styles give the same text, so one
 * grammar reads them: `*` is a pointer, never emphasis.
 *
 * A pointer at the top marks a field that may be absent (optional) or null (a required pointer:
 * the generator points to what is optional *or* nullable); `OptionalNullable[T]` marks optional and
 * nullable; a pointer inside a slice or map makes its items nullable. `*big.Int`, `*decimal.Big`
 * and the `net/http` types are always pointers, so on them the `*` says nothing.
 */

const INTEGERS = ["int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "byte", "rune"];

const SCALARS: Record<string, TypeRef> = {
  string: { kind: "string" },
  bool: { kind: "boolean" },
  float32: { kind: "number" },
  float64: { kind: "number" },
  any: { kind: "any" },
  "time.Time": { kind: "datetime" },
  "types.Date": { kind: "date" },
  "big.Int": { kind: "bigint" },
  "decimal.Big": { kind: "decimal" },
  "io.Reader": { kind: "binary" },
  "io.ReadCloser": { kind: "binary" },
  ...Object.fromEntries(INTEGERS.map((n) => [n, { kind: "integer" } as TypeRef])),
};

/** Types that are always used through a pointer: their `*` is not an optional marker. */
const POINTER_TYPES = new Set(["big.Int", "decimal.Big", "http.Response", "http.Request"]);

/** SDK runtime types with no JSON shape. */
const EXTERNAL = new Set(["http.Response", "http.Request", "context.Context"]);

const WRAPPER = "optionalnullable.OptionalNullable";

const TOKENS = { nameStart: /[A-Za-z_]/, nameChar: /[A-Za-z0-9_.]/, punct: "*[]{}" };

const MAX_DEPTH = 64;

export function parseGoType(cell: FlatCell, ctx: TypeContext): TypeResult {
  const ts = streamOf(cell);
  let optionalMark = false;
  let nullMark = false;
  let type: TypeRef;
  if (ts.peek()?.value === WRAPPER) {
    ts.next();
    expect(ts, "[");
    type = parseType(ts, cell, ctx, 1);
    expect(ts, "]");
    optionalMark = true;
    nullMark = true;
  } else if (ts.peek()?.value === "*" && !POINTER_TYPES.has(ts.peek(1)?.value ?? "")) {
    ts.next();
    type = parseType(ts, cell, ctx, 1);
    optionalMark = true;
  } else {
    type = parseType(ts, cell, ctx, 0);
  }
  if (!ts.done) throw new CellError(`unexpected '${ts.peek()!.value}' after the type`, ts.offset);
  return { type, optionalMark, nullMark };
}

function streamOf(cell: FlatCell): TokenStream {
  const { tokens, badAt } = tokenize(cell, TOKENS);
  if (badAt !== undefined) throw new CellError(`unexpected character '${cell.text[badAt]}'`, badAt);
  if (tokens.length === 0) throw new CellError("empty type", 0);
  return new TokenStream(tokens);
}

function parseType(ts: TokenStream, cell: FlatCell, ctx: TypeContext, depth: number): TypeRef {
  if (depth > MAX_DEPTH) throw new CellError(`type nested deeper than ${MAX_DEPTH} levels`, ts.offset);
  const t = ts.next();
  if (!t) throw new CellError("the type ends too early", cell.text.length);
  if (t.kind === "punct") {
    switch (t.value) {
      case "*": {
        const next = ts.peek();
        if (next && POINTER_TYPES.has(next.value)) return parseType(ts, cell, ctx, depth + 1);
        return nullableOf(parseType(ts, cell, ctx, depth + 1));
      }
      case "[": {
        // `[]T` (a slice) or `[N]T` (an array)
        if (ts.peek()?.kind === "number") ts.next();
        expect(ts, "]");
        if (ts.peek()?.value === "byte" || ts.peek()?.value === "uint8") {
          ts.next();
          return { kind: "binary" };
        }
        return { kind: "array", items: parseType(ts, cell, ctx, depth + 1) };
      }
    }
    throw new CellError(`expected a type, found '${t.value}'`, t.start);
  }
  if (t.kind !== "name") throw new CellError(`expected a type, found '${t.value}'`, t.start);
  switch (t.value) {
    case "map": {
      expect(ts, "[");
      const key = ts.next();
      if (!key || key.kind !== "name" || key.value !== "string") {
        throw new CellError("a map key must be string", key?.start ?? cell.text.length);
      }
      expect(ts, "]");
      return { kind: "map", values: parseType(ts, cell, ctx, depth + 1) };
    }
    case WRAPPER: {
      expect(ts, "[");
      const inner = parseType(ts, cell, ctx, depth + 1);
      expect(ts, "]");
      return nullableOf(inner);
    }
    case "interface":
      expect(ts, "{");
      expect(ts, "}");
      return { kind: "any" };
  }
  return named(t, cell, ctx);
}

/** A type name: a built-in, a linked model, an SDK runtime type, or a model named without a link. */
function named(t: Token, cell: FlatCell, ctx: TypeContext): TypeRef {
  const link = t.link >= 0 ? cell.links[t.link] : undefined;
  // Built-in names win over their links: `[time.Time](pkg.go.dev)`, `[types.Date](../../types/date.md)`.
  const scalar = SCALARS[t.value];
  if (scalar) return { ...scalar };
  if (EXTERNAL.has(t.value)) return { kind: "external", name: t.value };
  return linkedOrDotted(t, link, ctx, "Go");
}



/**
 * A `## Supported Types` member of a Go union doc. Its `###` heading is the member's class name,
 * or empty for built-in members, so the type is read from the code block under it:
 * `x := components.CreateXStr(string{/* values here *\/})`, `…(components.Foo{…})`,
 * `…([]string{…})`, or for generic unions a typed zero value, `…(int64(0))`.
 */
export function goMemberFromCode(code: string, lang: string | undefined, ctx: TypeContext): TypeRef {
  if (lang !== undefined && lang !== "go") throw new CellError(`a '${lang}' code block is not Go`, 0);
  const m = /^[^\n]*?:?=\s*[A-Za-z_][\w.]*\(/.exec(code);
  if (!m) throw new CellError("expected `name := package.CreateX(value)`", 0);
  let start = m[0].length;
  while (code[start] === " ") start++;
  const rest = code.slice(start);
  const literal = /^("(?:[^"\\]|\\.)*"|true|false)\s*\)/.exec(rest);
  if (literal) return literal[1]!.startsWith('"') ? { kind: "string" } : { kind: "boolean" };
  // The type runs up to the `{` or `(` that opens its value.
  let end = 0;
  let brackets = 0;
  while (end < rest.length) {
    const c = rest[end]!;
    if (c === "[") brackets++;
    else if (c === "]") brackets--;
    else if (brackets === 0 && (c === "{" || c === "(")) {
      // `interface{}` and `map[string]interface{}` are types, not values
      if (c === "{" && rest.startsWith("{}", end) && /interface$/.test(rest.slice(0, end))) {
        end += 2;
        continue;
      }
      break;
    } else if (c === "\n" || c === ")") break;
    end++;
  }
  const typeText = rest.slice(0, end).trim();
  if (typeText === "" || end >= rest.length || (rest[end] !== "{" && rest[end] !== "(")) {
    throw new CellError(`cannot find the member type in '${rest.split("\n")[0]}'`, start);
  }
  return readAt(typeText, start, (cell) => {
    const ts = streamOf(cell);
    const type = parseType(ts, cell, ctx, 0);
    if (!ts.done) throw new CellError(`unexpected '${ts.peek()!.value}' after the type`, ts.offset);
    return type;
  });
}


/**
 * Every word Go docs write. Pointers, a `[]` prefix, `map[string]`, sized numbers and
 * `optionalnullable.` are Go's alone; `string`, `bool`, `any` and `components.X` are shared, so a
 * cell of only those abstains (DIALECTS.md §2.8 and the detection rules in index.ts).
 */
const GO_LOOK =
  /^(?:\*[A-Za-z]|\[\]|map\[string\]|optionalnullable\.|interface\{\}$|(?:string|bool|any|u?int(?:8|16|32|64)?|float(?:32|64)|byte)$|(?:time\.Time|types\.Date|big\.Int|decimal\.Big)$|(?:components|operations|shared|apierrors|errors)\.[A-Za-z_]\w*$)/;

export const go: Dialect = {
  name: "go",
  parseType: parseGoType,
  memberFromCode: goMemberFromCode,
  // `OptionalNullable[T]` is optional and nullable; a pointer on a required field can only mean
  // nullable; an optional pointer is taken as not nullable (README, "Required vs nullable").
  nullable: (required, result) => result.nullMark || (required && result.optionalMark),
  // Go never assumes null: an optional pointer is read as not nullable (`lenient` changes that).
  assumesNull: () => false,
  looksLike: (text) => GO_LOOK.test(text.trim()),
  // The Go SDK keeps a schema's `additionalProperties` in a field of that name (`map[string]any`,
  // tagged `json:"-"`): the type of the undeclared keys, not a key (authlete's Client).
  extraKeysField: (name) => name === "AdditionalProperties",
  // A nullable enum's null member, as Go prints nil (older generators list it as a value).
  enumValue: (text) => (text === "<nil>" ? null : text),
};
