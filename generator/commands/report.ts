import { formatDiagnostic } from "../ir/diagnostics.js";
import type { Diagnostic } from "../ir/types.js";
import type { Io } from "./command.js";

export function printDiagnostics(list: readonly Diagnostic[], io: Io, prefix = ""): void {
  if (list.length > 0) io.err(list.map((d) => prefix + formatDiagnostic(d)).join("\n") + "\n");
}

export function countErrors(list: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = list.filter((d) => d.severity === "error").length;
  return { errors, warnings: list.length - errors };
}

export function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(2);
}

/** `1 doc`, `2 docs`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
