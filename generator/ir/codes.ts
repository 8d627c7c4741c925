/**
 * The catalogue of diagnostic codes. Every diagnostic docs2ts reports uses one of these codes;
 * a test checks that the sources use no other and that the README lists them all.
 */
export const DIAGNOSTIC_CODES = {
  // Files
  "no-models": "the input holds docs, and none is a model doc (each is skipped; see the warnings): nothing is generated, and the output is left as it is",
  "no-docs": "the input folder holds no `.md` files: nothing is generated, and the output is left as it is (with dialect detection, `unknown-dialect`)",
  "read-error": "the file could not be read",
  "skipped-link": "a symbolic link that leads outside the input folder, or nowhere (warning; no link is followed, and one inside the folder leads to what is read anyway)",
  "not-a-file": "a `.md` entry that is no regular file (a named pipe, a socket, a device): skipped unread (warning; reading a pipe would wait for a writer forever)",
  "empty-file": "the file is empty or only white space",
  "binary-file": "the file holds NUL bytes (or NUL characters, in UTF-16): not a text file",
  "invalid-utf8": "the file is not valid UTF-8 (or, after a UTF-16 byte-order mark, not valid UTF-16)",
  "file-too-large": "the file is larger than 16 MiB",
  "too-complex": "a line holds more than 1,000 link ends `](`, a paragraph or table row more than 2,000 runs of `*`, `_` or `~`, or the doc's rows and paragraphs too many such runs together, or a line opens more than 100 nested quotes or lists or is indented more than 200 columns outside code (their parse cost grows quadratically or worse)",
  // Doc structure
  "missing-title": "the doc has no `# Title` heading, or an empty one",
  "multiple-titles": "the doc has more than one `#` heading after a section (warning; the first names the model; one above every section is description text)",
  "unknown-section": "a `##` section that is not Fields, Values, Supported Types or Example Usage (warning; one before the model section is read as part of the description instead)",
  "conflicting-sections": "the doc has two of Fields / Values / Supported Types",
  "empty-doc": "a linked doc with no model section: read as a value of any type (warning)",
  "not-a-model": "a doc with no model section that nothing links to, or an SDK page (a Fields table without Required): skipped (warning)",
  "missing-table": "a Fields or Values section without a table",
  "extra-table": "a section with more than one table; the first is read (warning)",
  "missing-column": "a Fields table without Field, Type or Required, or a Values table without Value",
  "ragged-row": "a table row whose cell count differs from its header's",
  // Fields
  "empty-field-name": "a Field cell is empty",
  "duplicate-field": "two fields with one name in a model",
  "key-collision": "two fields of a model become one JSON key under the `keys` option",
  "bad-required": "a Required cell that is neither :heavy_check_mark: nor :heavy_minus_sign:",
  "unknown-type": "a Type cell (or union member) the dialect's grammar cannot read",
  // Links
  "broken-link": "a type links to a doc that does not exist",
  "dead-link": "a type links to a missing path; the doc of that file name is used (warning; one per missing folder, with a count)",
  "unusable-link": "a type links to a doc that has errors",
  "external-text": "a Type cell that is one link out of the docs whose text the dialect cannot read (`[AxiosResponse>](https://…)`): read as a type from outside the docs, any value (warning)",
  "not-a-doc-link": "a type links to a relative path that is no `.md` doc: read as a type from outside the docs, any value (warning)",
  // Enums and unions
  "numeric-enum": "an enum's Values table writes every value as a number, which the docs cannot tell from a numeric string: read as numbers until config `numericEnums` chooses (warning)",
  "duplicate-enum-value": "an enum lists a value twice; the repeat is ignored (warning)",
  "null-enum-value": "an enum lists null as the SDK writes it (Go's `<nil>`): it is left out of the values (warning)",
  "empty-enum": "an enum lists no values",
  "empty-union": "a Supported Types section lists no member types",
  "unresolved-member": "a union member names no doc: the doc whose name ends the member's name is used, else the member accepts any value (warning)",
  // Whole tree
  "unknown-dialect": "no doc is written in a dialect docs2ts knows",
  "mixed-dialects": "docs written in different dialects in one tree",
  "ambiguous-dialect": "the docs read equally well, and differently, in several dialects; pass --dialect",
  "long-name": "a model's name would be longer than 200 characters: it is cut to 200, since it also names the model's files (warning)",
  "name-collision": "a model's TypeScript name was taken; it got a number (warning)",
  // Config
  "unknown-override": "a config `nullable` override names no field (`ModelName.field`), or a `numericEnums` entry names no enum whose values the docs write as numbers",
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
