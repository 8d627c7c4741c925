import type { ParseArgsConfig } from "node:util";

/** Where a command prints; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  /** Whether stderr is a terminal (progress is shown only there). */
  isTTY?: boolean;
}

export type Values = Record<string, string | boolean | undefined>;

/** One `docs2ts <command>`: its options, how many positionals it takes, and what it does. */
export interface Command {
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Names of the positional arguments, for messages (all required). */
  positionals?: string[];
  run(values: Values, positionals: string[], io: Io): Promise<number>;
}

export { UsageError } from "../errors.js";
