import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
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
