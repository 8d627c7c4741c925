import type { Diagnostic } from "./types.js";

/**
 * Diagnostics as docs2ts reports them: sorted by place, cleaned for one line, formatted as
 * `file:line:col: severity: message [code]`. Apart from the IR stage so that a command printing a
 * report (a run the stamp vouches for) need not load it.
 */

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return list.map(cleanDiagnostic).sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.code, b.code));
}

/** Messages quote doc text: one line, no control characters, bounded length. */
function cleanDiagnostic(d: Diagnostic): Diagnostic {
  // eslint-disable-next-line no-control-regex
  let message = d.message.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
  if (message.length > 400) message = message.slice(0, 397) + "...";
  return message === d.message ? d : { ...d, message };
}

export function formatDiagnostic(d: Diagnostic): string {
  // eslint-disable-next-line no-control-regex
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
  return `${clean(d.file)}:${d.line}:${d.column}: ${d.severity}: ${clean(d.message)} [${d.code}]`;
}
