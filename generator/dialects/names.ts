import type { DialectName } from "../ir/types.js";

/** The dialects' names (apart from their grammars, for the command line and the config). */
export const DIALECT_NAMES: readonly DialectName[] = [
  "ruby-sorbet",
  "ruby-crystalline",
  "python",
  "typescript",
  "go",
  "java",
  "csharp",
  "php",
];
