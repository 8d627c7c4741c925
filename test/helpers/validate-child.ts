/**
 * Run generated validators over many values in a plain Node child process. Importing thousands of
 * generated .ts modules through vitest's transform costs a minute on a large corpus; transpiling
 * them once with `ts.transpileModule` and letting Node import the JavaScript takes seconds. The
 * code run is exactly the generated code, with its types erased.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import type { OutputFile } from "../../generator/api.js";
import { tmpRoot } from "./generated.js";
import { repoRoot } from "./shared.js";

export interface Issue {
  path: string;
  message: string;
}

export interface Check {
  /** The generated model name: `validate<model>` is called. */
  model: string;
  value: unknown;
}

const prepared = new Map<string, { files: readonly OutputFile[]; dir: string }>();

/** Transpile `files` into `.vitest-tmp/<name>/` (once per process and name) and return the folder. */
function transpiled(files: readonly OutputFile[], name: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`bad output name '${name}'`);
  const hit = prepared.get(name);
  if (hit) {
    if (hit.files !== files) throw new Error(`validateInChild(): name '${name}' already used for other files`);
    return hit.dir;
  }
  const dir = join(tmpRoot, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true };
  for (const f of files) {
    if (!f.path.endsWith(".ts")) continue;
    const js = ts.transpileModule(f.content, { compilerOptions: options, fileName: f.path }).outputText;
    const path = join(dir, f.path.replace(/\.ts$/, ".js"));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, js);
  }
  prepared.set(name, { files, dir });
  return dir;
}

/** Validate each check with the generated code in `files` (transpiled under `.vitest-tmp/<name>/`); one issue list per check. */
export function validateInChild(files: readonly OutputFile[], name: string, checks: readonly Check[]): Issue[][] {
  const dir = transpiled(files, name);
  const checksPath = join(dir, `checks-${process.pid}-${prepared.size}-${Date.now()}.json`);
  writeFileSync(checksPath, JSON.stringify(checks));
  const r = spawnSync(process.execPath, [join(repoRoot, "test/helpers/validate-in-node.mjs"), dir, checksPath], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  rmSync(checksPath, { force: true });
  if (r.status !== 0) throw new Error(`the validator process failed (${r.status}): ${r.stderr}`);
  const results = JSON.parse(r.stdout) as Issue[][];
  if (results.length !== checks.length) throw new Error(`expected ${checks.length} results, got ${results.length}`);
  return results;
}
