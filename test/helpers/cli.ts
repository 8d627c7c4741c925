import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "./shared.js";

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real `bin/docs2ts.js` (built JavaScript, as users run it). */
export function docs2ts(args: string[], cwd = repoRoot): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, "bin/docs2ts.js"), ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temp folder holding the given files (path -> text). */
export function tempTree(files: Record<string, string>, into?: string): string {
  const root = into ?? mkdtempSync(join(tmpdir(), "docs2ts-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A Sorbet Fields table doc. */
export function fieldsDoc(title: string, rows: [name: string, type: string, required: boolean, description?: string][]): string {
  const lines = rows.map(([n, t, r, d]) => `| \`${n}\` | ${t} | ${r ? ":heavy_check_mark:" : ":heavy_minus_sign:"} | ${d ?? "N/A"} |`);
  return `# ${title}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n${lines.join("\n")}\n`;
}

/** A Sorbet Values (enum) doc. */
export function valuesDoc(title: string, values: string[]): string {
  const lines = values.map((v) => `| \`${v.toUpperCase()}\` | ${v} |`);
  return `# ${title}\n\n## Values\n\n| Name | Value |\n| --- | --- |\n${lines.join("\n")}\n`;
}

/** Every file below `dir` (relative '/'-separated paths) with its text. */
export function readTree(dir: string, rel = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of readTree(dir, path)) out.set(k, v);
    else out.set(path, readFileSync(join(dir, path), "utf8"));
  }
  return out;
}
