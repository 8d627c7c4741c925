import type { DiagnosticCode } from "../ir/codes.js";
import type { DialectName, TypeRef } from "../ir/types.js";
import type { FlatCell } from "./cell.js";

/** What a Type cell says: the type, and the markers the dialect writes around it. */
export interface TypeResult {
  type: TypeRef;
  /** The cell shows an "optional / may be nil" marker (`T.nilable`, `Optional[...]`, `?T`, `*T` …). */
  optionalMark: boolean;
  /** The cell shows that null is accepted (`Nullable[...]`, `|null` …). */
  nullMark: boolean;
  /**
   * What the cell's link texts say about the docs they link to, where that is more than "the
   * linked doc's model": Crystalline links a union-typed field to the union's doc, which is only a
   * `# Title`, and names the members in the link text (`[Crystalline::Union.new(A, B)](L)`). The IR
   * stage gives a heading-only doc the type its links describe (ir/build.ts).
   */
  describes?: LinkedType[];
}

/** A link's target doc and the type its link text spells out (names resolved with `byName`). */
export interface LinkedType {
  target: string;
  type: TypeRef;
}

/** What a grammar may ask about the doc tree while it reads a cell. */
export interface TypeContext {
  /** Path of the doc being read. */
  doc: string;
  /**
   * The doc path of a model named without a link (TypeScript unions `*models.X*`, union member
   * headings such as `` ### `models.X` `` or `### Name`): by heading, then by file name; `undefined`
   * when no doc (or more than one) has that name.
   */
  byName(name: string): string | undefined;
  /**
   * Report a warning at the cell (or heading) being read: a choice the docs left to the dialect,
   * such as a union member whose name matches no doc. Absent while detecting the dialect.
   */
  warn?(code: DiagnosticCode, message: string): void;
}

/**
 * One SDK language's doc dialect. A dialect only knows how its docs write types; the shared
 * model reader (`model.ts`) handles sections and tables, the IR stage links and names.
 */
export interface Dialect {
  name: DialectName;
  /**
   * Parse a flattened Type cell (or a `### ` member heading). Throws `CellError` with an
   * offset into `cell.text` for anything it does not know: no guessing.
   */
  parseType(cell: FlatCell, ctx: TypeContext): TypeResult;
  /**
   * Parse a `### ` member heading under `## Supported Types`. Defaults to `parseType`.
   */
  parseMember?(cell: FlatCell, ctx: TypeContext): TypeRef;
  /**
   * The member type of a `### ` union member read from the code block under its heading, for
   * dialects whose headings do not name the type (Go: empty headings for built-in members).
   * Takes precedence over `parseMember` when the subsection has a code block, unless
   * `memberCodeWhen` is `"no-heading"`. Throws `CellError` with an offset into the code.
   */
  memberFromCode?(code: string, lang: string | undefined, ctx: TypeContext): TypeRef;
  /**
   * When `memberFromCode` is used: for every member with a code block (`"always"`, the default),
   * or only for members whose heading is empty (`"no-heading"`: Python, whose headings link the
   * member's doc, while older generators leave some headings empty).
   */
  memberCodeWhen?: "always" | "no-heading";
  /**
   * Enum values written as a code block under `## Values` (TypeScript docs write a literal
   * union, `"a" | "b"`), and whether the block says the enum is open (newer TypeScript docs end
   * an open enum's union with `Unrecognized<string>`). Throws `CellError` (offset into the
   * code) for anything else.
   */
  enumValuesFromCode?(code: string, lang: string | undefined): { values: (string | number)[]; open: boolean };
  /** Whether null is an accepted value, from the Required column and the cell's markers. */
  nullable(required: boolean, result: TypeResult): boolean;
  /**
   * Whether `nullable` said yes only because the docs cannot tell (an optional field written
   * the same way whether or not the API sends null). The `nullability` policy decides those.
   */
  assumesNull(required: boolean, result: TypeResult): boolean;
  /** Whether a Type cell is written in this dialect's own vocabulary (for detection). */
  looksLike(cellText: string): boolean;
  /**
   * Whether a field stands for the object's undeclared keys rather than for a key of its own
   * (pydantic's `__pydantic_extra__`): its type, a map, becomes the model's `additionalProperties`.
   */
  extraKeysField?(name: string): boolean;
  /**
   * The wire value of an enum's Value cell. Defaults to the text as a string. `null` when the
   * cell is the SDK's way of writing null (Go's `<nil>`), which the enum's values leave out.
   */
  enumValue?(text: string): string | number | null;
}
