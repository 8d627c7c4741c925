/**
 * A tiny reader for the `## Example Usage` blocks of TypeScript SDK docs:
 *
 *   import { X } from "@vendor/sdk/models/x.js";
 *
 *   let value: X = { camelKey: "text", count: 5, when: new Date("2017-04-26T23:00:34.232Z") };
 *
 * It finds the `value` declaration and reads its initialiser as data — object and array literals,
 * strings, numbers, true/false/null — never evaluating anything. `new Date("…")` is read as its
 * ISO string, the JSON form the generated validators check (README: dates are strings).
 * Anything else (identifiers, calls, spreads) is an error saying where it is.
 */
export class LiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
  }
}

/** The example's value, or `undefined` when the block declares none ("// No examples available"). */
export function exampleValue(code: string): unknown {
  const r = new Reader(code);
  r.skip();
  while (!r.done) {
    if (r.word("let") || r.word("const") || r.word("var")) {
      r.skip();
      if (r.word("value")) {
        r.skip();
        r.expect(":");
        r.skipTypeUntil("=");
        r.expect("=");
        const value = r.value(0);
        r.skip();
        r.eat(";");
        r.skip();
        if (!r.done) throw new LiteralError("unexpected code after the value", r.i);
        return value;
      }
    }
    r.skipStatement();
  }
  return undefined;
}

const MAX_DEPTH = 256;

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  get done(): boolean {
    return this.i >= this.s.length;
  }

  /** Skip white space and comments. */
  skip(): void {
    for (;;) {
      while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
      if (this.s.startsWith("//", this.i)) {
        while (this.i < this.s.length && this.s[this.i] !== "\n") this.i++;
      } else if (this.s.startsWith("/*", this.i)) {
        const end = this.s.indexOf("*/", this.i + 2);
        if (end < 0) throw new LiteralError("unclosed comment", this.i);
        this.i = end + 2;
      } else return;
    }
  }

  word(w: string): boolean {
    if (this.s.startsWith(w, this.i) && !/[\w$]/.test(this.s[this.i + w.length] ?? "")) {
      this.i += w.length;
      return true;
    }
    return false;
  }

  eat(c: string): boolean {
    if (this.s[this.i] === c) {
      this.i++;
      return true;
    }
    return false;
  }

  expect(c: string): void {
    this.skip();
    if (!this.eat(c)) throw new LiteralError(`expected '${c}'`, this.i);
  }

  /** Skip a statement we do not read (imports): up to the next `;` or line end outside strings. */
  skipStatement(): void {
    while (!this.done) {
      const c = this.s[this.i]!;
      if (c === '"' || c === "'" || c === "`") {
        this.string();
        continue;
      }
      this.i++;
      if (c === ";" || c === "\n") break;
    }
    this.skip();
  }

  /** Skip a type annotation up to `stop` at bracket depth 0. */
  skipTypeUntil(stop: string): void {
    let depth = 0;
    while (!this.done) {
      const c = this.s[this.i]!;
      if (depth === 0 && c === stop) return;
      if ("<([{".includes(c)) depth++;
      else if (">)]}".includes(c)) depth--;
      else if (c === '"' || c === "'") {
        this.string();
        continue;
      }
      this.i++;
    }
    throw new LiteralError(`expected '${stop}'`, this.i);
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new LiteralError("nested too deep", this.i);
    this.skip();
    const c = this.s[this.i];
    if (c === undefined) throw new LiteralError("expected a value", this.i);
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"' || c === "'" || c === "`") return this.string();
    if (c === "-" || c === "+" || c === "." || (c >= "0" && c <= "9")) return this.number();
    if (this.word("true")) return true;
    if (this.word("false")) return false;
    if (this.word("null")) return null;
    if (this.word("new")) {
      this.skip();
      if (!this.word("Date")) throw new LiteralError("only `new Date(\"…\")` is read", this.i);
      this.expect("(");
      this.skip();
      const arg = this.value(depth + 1);
      this.expect(")");
      if (typeof arg !== "string") throw new LiteralError("`new Date(…)` without a string", this.i);
      return arg;
    }
    const word = /^[A-Za-z_$][\w$.]*/.exec(this.s.slice(this.i))?.[0];
    throw new LiteralError(word ? `'${word}' is code, not a literal` : `unexpected '${c}'`, this.i);
  }

  object(depth: number): Record<string, unknown> {
    this.i++; // {
    const out: Record<string, unknown> = {};
    for (;;) {
      this.skip();
      if (this.eat("}")) return out;
      const c = this.s[this.i];
      let key: string;
      if (c === '"' || c === "'") key = this.string();
      else {
        const m = /^[A-Za-z_$][\w$]*|^[0-9]+/.exec(this.s.slice(this.i));
        if (!m) throw new LiteralError("expected a property name", this.i);
        key = m[0];
        this.i += key.length;
      }
      this.expect(":");
      Object.defineProperty(out, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
      this.skip();
      if (this.eat(",")) continue;
      this.skip();
      if (this.eat("}")) return out;
      throw new LiteralError("expected ',' or '}'", this.i);
    }
  }

  array(depth: number): unknown[] {
    this.i++; // [
    const out: unknown[] = [];
    for (;;) {
      this.skip();
      if (this.eat("]")) return out;
      out.push(this.value(depth + 1));
      this.skip();
      if (this.eat(",")) continue;
      this.skip();
      if (this.eat("]")) return out;
      throw new LiteralError("expected ',' or ']'", this.i);
    }
  }

  string(): string {
    const q = this.s[this.i]!;
    const start = this.i;
    this.i++;
    let out = "";
    while (this.i < this.s.length && this.s[this.i] !== q) {
      const c = this.s[this.i]!;
      if (q === "`" && c === "$" && this.s[this.i + 1] === "{") throw new LiteralError("template substitution", this.i);
      if (c === "\n" && q !== "`") throw new LiteralError("unterminated string", start);
      if (c === "\\") {
        const n = this.s[this.i + 1];
        if (n === "u") {
          const hex = /^u(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/.exec(this.s.slice(this.i + 1));
          if (!hex) throw new LiteralError("bad \\u escape", this.i);
          out += String.fromCodePoint(parseInt(hex[1]!.replace(/[{}]/g, ""), 16));
          this.i += 1 + hex[0].length;
          continue;
        }
        if (n === "x") {
          out += String.fromCharCode(parseInt(this.s.slice(this.i + 2, this.i + 4), 16));
          this.i += 4;
          continue;
        }
        const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0", "\n": "" };
        out += n !== undefined && n in simple ? simple[n] : (n ?? "");
        this.i += 2;
        continue;
      }
      out += c;
      this.i++;
    }
    if (this.s[this.i] !== q) throw new LiteralError("unterminated string", start);
    this.i++;
    return out;
  }

  number(): number | string {
    const m = /^[+-]?(0x[0-9a-fA-F]+|(\d[\d_]*)?\.?\d[\d_]*([eE][+-]?\d+)?)(n?)/.exec(this.s.slice(this.i));
    if (!m || m[0] === "" || m[0] === "-" || m[0] === "+") throw new LiteralError("bad number", this.i);
    this.i += m[0].length;
    const text = m[0].replace(/_/g, "").replace(/n$/, "");
    const n = Number(text);
    if (!Number.isFinite(n)) throw new LiteralError("bad number", this.i);
    // A BigInt literal beyond 2^53 stays exact as a digit string (the IR's bigint accepts both).
    return m[4] === "n" && !Number.isSafeInteger(n) ? text : n;
  }
}
