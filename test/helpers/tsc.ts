import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { tmpRoot } from "./generated.js";
import { repoRoot } from "./shared.js";

/**
 * Type-check a folder of generated code with the compiler options of `tsconfig.generated.json`
 * (strict, plus the strictest extra flags users turn on). Returns formatted errors.
 */
export function typecheck(dir: string): string[] {
  const config = ts.readConfigFile(join(repoRoot, "tsconfig.generated.json"), (p) => readFileSync(p, "utf8"));
  const parsed = ts.parseJsonConfigFileContent({ ...config.config, include: [join(dir, "**/*.ts")] }, ts.sys, repoRoot);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : "";
    return where + ts.flattenDiagnosticMessageText(d.messageText, "\n");
  });
}

/**
 * Type-check a copy of a generated folder with one more module in it (user code that imports the
 * folder, as `./index.js`): the folder itself is left as it is.
 */
export function typecheckWith(dir: string, file: string, text: string): string[] {
  const copy = mkdtempSync(join(tmpRoot, "typecheck-"));
  cpSync(dir, copy, { recursive: true });
  writeFileSync(join(copy, file), text);
  return typecheck(copy);
}
