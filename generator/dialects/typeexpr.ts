import { CellError, type FlatCell, type Token, TokenStream, tokenize } from "./cell.js";

/**
 * The type-expression syntax that Java, C# and PHP docs share, read into a small syntax tree
 * that each of those dialects then interprets with its own vocabulary:
 *
 *   expr    := postfix ('|' postfix)*             PHP unions: `Components\A|Components\B|null`
 *   postfix := prefix ('[' ']' | '?')*            `byte[]`, C# `long?`
 *   prefix  := '?' prefix | atom                  PHP `?string`
 *   atom    := name ('<' expr (',' expr)* '>')?   `List<String>`, `Map<String, Object>`, `array<string, mixed>`
 *            | '?' (('extends' | 'super') atom)?   Java wildcards, as type arguments only: `HttpResponse<?>`
 *
 * Each dialect switches on only the operators it writes (`features`), so `|` in a Java cell or
 * `?` in a C# prefix is still an error.
 */
export type Syntax =
  | { kind: "name"; name: string; token: Token; args?: Syntax[]; start: number; end: number }
  | { kind: "array"; items: Syntax; start: number; end: number }
  | { kind: "nullable"; inner: Syntax; start: number; end: number }
  | { kind: "union"; members: Syntax[]; start: number; end: number };

export interface SyntaxOptions {
  nameStart: RegExp;
  nameChar: RegExp;
  /** `A|B` unions (PHP). */
  union?: boolean;
  /** `?T` (PHP). */
  prefixNullable?: boolean;
  /** `T?` (C#). */
  postfixNullable?: boolean;
  /** Java's wildcard type arguments: `?` (read as the name `?`), `? extends T` (read as `T`), `? super T` (as `?`). */
  wildcard?: boolean;
  /** A backslash before `<` or `>` is the generator's escape written twice, not part of the type (Java). */
  escapedAngles?: boolean;
}

export const MAX_DEPTH = 64;

export function parseSyntax(cell: FlatCell, options: SyntaxOptions): Syntax {
  const punct = "<>,[]" + (options.union ? "|" : "") + (options.prefixNullable || options.postfixNullable || options.wildcard ? "?" : "");
  const { tokens, badAt } = tokenize(cell, { nameStart: options.nameStart, nameChar: options.nameChar, punct, escapedAngles: options.escapedAngles });
  if (badAt !== undefined) throw new CellError(`unexpected character '${cell.text[badAt]}'`, badAt);
  if (tokens.length === 0) throw new CellError("empty type", 0);
  const ts = new TokenStream(tokens);
  const node = expr(ts, cell, options, 0);
  if (!ts.done) throw new CellError(`unexpected '${ts.peek()!.value}' after the type`, ts.offset);
  return node;
}

function expr(ts: TokenStream, cell: FlatCell, o: SyntaxOptions, depth: number): Syntax {
  if (depth > MAX_DEPTH) throw new CellError(`type nested deeper than ${MAX_DEPTH} levels`, ts.offset);
  const first = postfix(ts, cell, o, depth);
  if (!o.union || ts.peek()?.value !== "|") return first;
  const members = [first];
  while (ts.eat("|")) members.push(postfix(ts, cell, o, depth));
  return { kind: "union", members, start: first.start, end: members[members.length - 1]!.end };
}

function postfix(ts: TokenStream, cell: FlatCell, o: SyntaxOptions, depth: number): Syntax {
  let node = prefix(ts, cell, o, depth);
  for (;;) {
    const t = ts.peek();
    if (t?.kind !== "punct") return node;
    if (t.value === "[" && ts.peek(1)?.value === "]") {
      ts.next();
      const close = ts.next()!;
      node = { kind: "array", items: node, start: node.start, end: close.end };
    } else if (t.value === "?" && o.postfixNullable) {
      ts.next();
      node = { kind: "nullable", inner: node, start: node.start, end: t.end };
    } else return node;
  }
}

function prefix(ts: TokenStream, cell: FlatCell, o: SyntaxOptions, depth: number): Syntax {
  const t = ts.peek();
  if (t?.value === "?" && t.kind === "punct" && o.prefixNullable) {
    ts.next();
    const inner = prefix(ts, cell, o, depth + 1);
    return { kind: "nullable", inner, start: t.start, end: inner.end };
  }
  return atom(ts, cell, o, depth);
}

function atom(ts: TokenStream, cell: FlatCell, o: SyntaxOptions, depth: number): Syntax {
  const t = ts.next();
  if (!t) throw new CellError("the type ends too early", cell.text.length);
  if (t.kind === "punct" && t.value === "?" && o.wildcard && depth > 0) {
    const bound = ts.peek();
    if (bound?.kind === "name" && (bound.value === "extends" || bound.value === "super")) {
      ts.next();
      const type = atom(ts, cell, o, depth + 1);
      if (bound.value === "extends") return type;
    }
    return { kind: "name", name: "?", token: t, start: t.start, end: t.end };
  }
  if (t.kind !== "name") throw new CellError(`expected a type, found '${t.value}'`, t.start);
  if (!ts.eat("<")) return { kind: "name", name: t.value, token: t, start: t.start, end: t.end };
  const args = [expr(ts, cell, o, depth + 1)];
  while (ts.eat(",")) args.push(expr(ts, cell, o, depth + 1));
  const close = ts.peek();
  if (!ts.eat(">")) {
    throw new CellError(close ? `expected '>' or ',', found '${close.value}'` : `expected '>' before the end`, ts.offset);
  }
  return { kind: "name", name: t.value, token: t, args, start: t.start, end: close!.end };
}

/** The source text of a syntax node, as the cell shows it. */
export function textOf(cell: FlatCell, node: Syntax): string {
  return cell.text.slice(node.start, node.end);
}

/** The link covering a name token, if any. */
export function linkOf(cell: FlatCell, token: Token) {
  return token.link >= 0 ? cell.links[token.link] : undefined;
}

/** Throw unless the generic `node` has exactly `n` type arguments. */
export function arity(node: Syntax & { kind: "name" }, n: number, what: string): Syntax[] {
  const args = node.args ?? [];
  if (args.length !== n) {
    throw new CellError(`${node.name}<…> takes ${n === 1 ? "one type argument" : `${n} type arguments`} (${what}), found ${args.length}`, node.start);
  }
  return args;
}
