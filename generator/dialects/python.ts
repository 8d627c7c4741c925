import type { TypeRef } from "../ir/types.js";
import { CellError, type FlatCell, readAt, type Token, TokenStream, tokenize } from "./cell.js";
import type { Dialect, TypeContext, TypeResult } from "./dialect.js";
import { expectPunct as expect, nullableOf, unionDocOfLink } from "./grammar.js";
import { pushTo } from "../lists.js";

/**
 * Python SDK docs (Speakeasy, pydantic models):
 *   *str*  *int*  *float*  *bool*  Any  *Optional[T]*  *Nullable[T]*  *OptionalNullable[T]*
 *   List[T]  Dict[str, T]  Union[A, B]  *Literal[True]*  *Literal["x"]*
 *   *Union[bytes, IO[bytes], io.IOBase]* (file content)  [date](https://…)  [datetime](https://…)
 *   [models.X](../models/x.md)  [Optional[models.X]](../models/x.md)  List[[models.X](L)]
 *   [Optional[Union[Any, dict[str, shared.X]]]](../models/field.md) (older: the union's own doc)
 * Union docs list members as `` ### `models.X` `` headings (read with the same grammar, by name).
 *
 * The outermost wrapper says presence and nullability: `Optional` = may be absent, `Nullable` =
 * may be null, `OptionalNullable` = both; nested ones (`List[Optional[str]]`) make their part
 * accept null (Python's `Optional[T]` is `T | None`). `[date]` / `[datetime]` labels are swapped
 * relative to the API spec (README), so either reads as "a date or a date-time".
 */

const SCALARS: Record<string, TypeRef> = {
  str: { kind: "string" },
  int: { kind: "integer" },
  float: { kind: "number" },
  bool: { kind: "boolean" },
  Any: { kind: "any" },
  "typing.Any": { kind: "any" },
  object: { kind: "any" },
  None: { kind: "null" },
  Decimal: { kind: "decimal" },
  "decimal.Decimal": { kind: "decimal" },
  date: { kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] },
  "datetime.date": { kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] },
  datetime: { kind: "union", members: [{ kind: "datetime" }, { kind: "date" }] },
  "datetime.datetime": { kind: "union", members: [{ kind: "datetime" }, { kind: "date" }] },
};

/** Types of file content: read as binary. `IO[bytes]` is handled by the grammar. */
const BINARY = new Set(["bytes", "bytearray", "io.IOBase", "io.BytesIO", "io.BufferedReader", "BinaryIO", "typing.BinaryIO"]);

/** Wrappers: what the outermost one says about presence (`optional`) and null (`nullable`). */
const WRAPPERS: Record<string, { optional: boolean; nullable: boolean }> = {
  Optional: { optional: true, nullable: false },
  "typing.Optional": { optional: true, nullable: false },
  Nullable: { optional: false, nullable: true },
  OptionalNullable: { optional: true, nullable: true },
};

const LISTS = new Set(["List", "list", "typing.List", "Sequence", "typing.Sequence"]);
const DICTS = new Set(["Dict", "dict", "typing.Dict", "Mapping", "typing.Mapping"]);
const UNIONS = new Set(["Union", "typing.Union"]);
const LITERALS = new Set(["Literal", "typing.Literal"]);

/** Names the grammar reads itself: never a model. */
const KEYWORDS = new Set([...LISTS, ...DICTS, ...UNIONS, ...LITERALS, "IO", "typing.IO", "True", "False"]);

const TOKENS = { nameStart: /[A-Za-z_]/, nameChar: /[A-Za-z0-9_.]/, punct: "[]," };
const MAX_DEPTH = 64;

/** A parsed expression and the wrapper marks around it (set only by outermost wrappers). */
interface Parsed {
  type: TypeRef;
  optional: boolean;
  nullable: boolean;
}

class PythonParser {
  /** Per link: the model names in its text. */
  private readonly models = new Map<number, string[]>();
  /** Per link: how many type names (models and scalars) its text holds. */
  private readonly typeNames = new Map<number, number>();

  constructor(
    private readonly cell: FlatCell,
    private readonly ctx: TypeContext,
    tokens: readonly Token[],
  ) {
    for (const t of tokens) {
      if (t.kind !== "name" || t.link < 0) continue;
      const model = isModelName(t.value);
      if (model) pushTo(this.models, t.link, t.value);
      if (model || t.value in SCALARS || BINARY.has(t.value)) this.typeNames.set(t.link, (this.typeNames.get(t.link) ?? 0) + 1);
    }
  }

  /** A link whose text names more than one model: those names are resolved by name, not by the link. */
  private shared(link: number): boolean {
    return (this.models.get(link)?.length ?? 0) > 1;
  }

  /** The doc a `Union[…]` inside a link stands for as a whole, if any (see unionDocOfLink). */
  private unionDoc(t: Token): string | undefined {
    return t.link >= 0 ? unionDocOfLink(this.cell.links[t.link]?.target, this.models.get(t.link) ?? []) : undefined;
  }

  expr(ts: TokenStream, depth: number): Parsed {
    if (depth > MAX_DEPTH) throw new CellError(`type nested deeper than ${MAX_DEPTH} levels`, ts.offset);
    const t = ts.next();
    if (!t) throw new CellError("the type ends too early", this.cell.text.length);
    if (t.kind !== "name") throw new CellError(`expected a type, found '${t.value}'`, t.start);
    const wrapper = WRAPPERS[t.value];
    if (wrapper) {
      expect(ts, "[");
      const inner = this.expr(ts, depth + 1);
      expect(ts, "]");
      return {
        type: inner.type,
        optional: wrapper.optional || inner.optional,
        nullable: wrapper.nullable || inner.nullable,
      };
    }
    if (LISTS.has(t.value)) {
      expect(ts, "[");
      const items = embed(this.expr(ts, depth + 1));
      expect(ts, "]");
      return plain({ kind: "array", items });
    }
    if (DICTS.has(t.value)) {
      expect(ts, "[");
      const key = ts.next();
      if (!key || key.kind !== "name" || key.value !== "str") {
        throw new CellError("a Dict key must be str", key?.start ?? this.cell.text.length);
      }
      expect(ts, ",");
      const values = embed(this.expr(ts, depth + 1));
      expect(ts, "]");
      return plain({ kind: "map", values });
    }
    if (UNIONS.has(t.value)) {
      const doc = this.unionDoc(t);
      if (doc !== undefined) {
        skipBrackets(ts);
        return plain({ kind: "ref", target: doc });
      }
      expect(ts, "[");
      const members = [embed(this.expr(ts, depth + 1))];
      while (ts.eat(",")) members.push(embed(this.expr(ts, depth + 1)));
      expect(ts, "]");
      // File content: every member is a bytes-like type.
      if (members.every((m) => m.kind === "binary")) return plain({ kind: "binary" });
      return plain({ kind: "union", members });
    }
    if (LITERALS.has(t.value)) {
      expect(ts, "[");
      const values = [this.literal(ts)];
      while (ts.eat(",")) values.push(this.literal(ts));
      expect(ts, "]");
      return plain(values.length === 1 ? values[0]! : { kind: "union", members: values });
    }
    if (t.value === "IO" || t.value === "typing.IO") {
      expect(ts, "[");
      const inner = ts.next();
      if (!inner || inner.kind !== "name" || !/^(bytes|str)$/.test(inner.value)) {
        throw new CellError("IO[...] must hold bytes or str", inner?.start ?? this.cell.text.length);
      }
      expect(ts, "]");
      return plain({ kind: "binary" });
    }
    return plain(this.name(t));
  }

  private literal(ts: TokenStream): TypeRef {
    const t = ts.next();
    if (!t) throw new CellError("the type ends too early", this.cell.text.length);
    if (t.kind === "string") return { kind: "literal", value: t.value };
    if (t.kind === "number") return { kind: "literal", value: Number(t.value) };
    if (t.kind === "name" && t.value === "True") return { kind: "literal", value: true };
    if (t.kind === "name" && t.value === "False") return { kind: "literal", value: false };
    if (t.kind === "name" && t.value === "None") return { kind: "literal", value: null };
    throw new CellError(`a Literal value must be a string, a number, True, False or None, not '${t.value}'`, t.start);
  }

  /** A scalar, a bytes-like type, or a model (by its link, else by name). */
  private name(t: Token): TypeRef {
    const link = t.link >= 0 ? this.cell.links[t.link] : undefined;
    const scalar = SCALARS[t.value];
    // A scalar takes the link only when it is the link's one type name (`[date](…/date.md)`).
    if (scalar && (link?.target === undefined || this.typeNames.get(t.link)! > 1)) return structuredClone(scalar);
    if (BINARY.has(t.value)) return { kind: "binary" };
    if (link?.target !== undefined && !this.shared(t.link)) return { kind: "ref", target: link.target };
    if (link && link.target === undefined) return { kind: "external", name: t.value };
    if (isModelName(t.value)) {
      const doc = this.ctx.byName(t.value);
      if (doc !== undefined) return { kind: "ref", target: doc };
      throw new CellError(`unknown type '${t.value}' (no doc has that name${link ? "" : ", and it has no link"})`, t.start);
    }
    throw new CellError(`unknown type '${t.value}' (not a Python type, and not a link to a doc)`, t.start);
  }
}

/** A model name: `models.X`, a bare `X`, or any dotted path ending in one. */
function isModelName(s: string): boolean {
  return /^([a-z_]\w*\.)*[A-Za-z_]\w*$/.test(s) && !KEYWORDS.has(s) && !(s in SCALARS) && !(s in WRAPPERS) && !BINARY.has(s);
}

/** Consume `[ … ]`, nested brackets included (a union read as its linked doc). */
function skipBrackets(ts: TokenStream): void {
  expect(ts, "[");
  for (let depth = 1; depth > 0; ) {
    const t = ts.next();
    if (!t) throw new CellError("the type ends too early", ts.offset);
    if (t.kind === "punct" && t.value === "[") depth++;
    else if (t.kind === "punct" && t.value === "]") depth--;
  }
}

function plain(type: TypeRef): Parsed {
  return { type, optional: false, nullable: false };
}

/** A nested expression: any wrapper inside makes its part accept null (`Optional[T]` is `T | None`). */
function embed(p: Parsed): TypeRef {
  return p.optional || p.nullable ? nullableOf(p.type) : p.type;
}

export function parsePythonType(cell: FlatCell, ctx: TypeContext): TypeResult {
  const { tokens, badAt } = tokenize(cell, TOKENS);
  if (badAt !== undefined) throw new CellError(`unexpected character '${cell.text[badAt]}'`, badAt);
  if (tokens.length === 0) throw new CellError("empty type", 0);
  const ts = new TokenStream(tokens);
  const top = new PythonParser(cell, ctx, tokens).expr(ts, 0);
  if (!ts.done) throw new CellError(`unexpected '${ts.peek()!.value}' after the type`, ts.offset);
  return { type: top.type, optionalMark: top.optional, nullMark: top.nullable };
}

/**
 * A union member's type from the python block under an empty `### ` heading (older generators
 * write list and dict members so): the annotation of `name: <type> = /* values here *\/`.
 */
export function pythonMemberFromCode(code: string, lang: string | undefined, ctx: TypeContext): TypeRef {
  if (lang !== undefined && lang !== "python") throw new CellError(`a '${lang}' code block is not Python`, 0);
  const m = /^([ \t]*[A-Za-z_]\w*[ \t]*:[ \t]*)([^\n=]*?)[ \t]*(?:=|$)/m.exec(code);
  if (!m || m[2] === "") throw new CellError("expected `name: <type> = …`", 0);
  const start = m.index + m[1]!.length;
  const r = readAt(m[2]!, start, (cell) => parsePythonType(cell, ctx));
  return r.optionalMark || r.nullMark ? nullableOf(r.type) : r.type;
}

export const python: Dialect = {
  name: "python",
  parseType: parsePythonType,
  memberFromCode: pythonMemberFromCode,
  // Headings link or name the member; the code is read only under an empty heading.
  memberCodeWhen: "no-heading",
  // Python docs write nullability: Nullable / OptionalNullable accept null, Optional does not.
  // Lists, dicts and the linked dates never carry a wrapper, so an optional cell with none says
  // nothing either way: it accepts null, as in the Ruby dialects.
  nullable: (required, result) => result.nullMark || (!required && !result.optionalMark),
  assumesNull: (required, result) => !required && !result.nullMark && !result.optionalMark,
  looksLike: (text) =>
    /(^|[^\w.])(Optional|Nullable|OptionalNullable|List|Dict|Union|Literal)\[/.test(text) ||
    /^(str|int|float|bool|Any|date|datetime|models\.[A-Za-z_]\w*)$/.test(text.trim()),
  // pydantic collects the keys a model does not declare into `__pydantic_extra__`: it is no key.
  extraKeysField: (name) => name === "__pydantic_extra__",
};
