import { existsSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generate, loadIR, UsageError } from "./api.js";
import { CONFIG_FILE, type Config, ConfigError, parseEmit, readConfig } from "./config.js";
import { DIALECT_NAMES } from "./dialects/index.js";
import { loadTemplates } from "./emit/index.js";
import { formatDiagnostic } from "./ir/build.js";
import type { Diagnostic } from "./ir/types.js";
import { OutputError, planOutput, writeOutput } from "./output/write.js";
import { VERSION } from "./version.js";

const HELP = `docs2ts ${VERSION}: markdown model docs (Speakeasy SDK docs) -> TypeScript types and validators

Usage:
  docs2ts generate [--input DIR] [--out DIR] [--config FILE] [--dialect NAME|auto]
                   [--emit types,validators,jsonschema] [--check]
  docs2ts ir       [--input DIR] [--config FILE] [--dialect NAME|auto]     IR JSON on stdout
  docs2ts --help | --version

Options:
  --input DIR      folder of model docs (default: config "input")
  --out DIR        output folder (default: config "out")
  --config FILE    config file (default: ./${CONFIG_FILE} when it exists)
  --dialect NAME   ${DIALECT_NAMES.join(", ")}, or auto (default: detect)
  --emit LIST      what to emit: types, validators, jsonschema (default: types,validators)
  --check          generate in memory; exit 1 if the output folder is stale; write nothing

Exit codes: 0 success (warnings allowed), 1 errors in the docs or stale output, 2 usage or environment error.
Diagnostics: path/to/doc.md:LINE:COL: error|warning: message [code]
`;

/** Where the CLI prints; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

/** Run the CLI; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof OutputError) {
      io.err(`docs2ts: error: ${e.message}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`docs2ts: internal error: ${message}\n`);
    if (process.env.DOCS2TS_DEBUG && e instanceof Error) io.err(`${e.stack}\n`);
    return 2;
  }
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        input: { type: "string" },
        out: { type: "string" },
        config: { type: "string" },
        dialect: { type: "string" },
        emit: { type: "string" },
        check: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun 'docs2ts --help' for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (values.version) {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (!command) {
    io.err(HELP);
    return 2;
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (command !== "generate" && command !== "ir") throw new UsageError(`unknown command '${command}'; run 'docs2ts --help'`);

  const configPath = values.config ? resolve(io.cwd, values.config) : existsSync(resolve(io.cwd, CONFIG_FILE)) ? resolve(io.cwd, CONFIG_FILE) : undefined;
  const config: Config = configPath ? readConfig(configPath) : {};
  const input = values.input ? resolve(io.cwd, values.input) : config.input;
  if (!input) throw new UsageError("no input folder: pass --input DIR or set \"input\" in the config");
  if (!existsSync(input) || !statSync(input).isDirectory()) throw new UsageError(`the input folder ${input} does not exist`);
  const dialect = values.dialect ?? config.dialect ?? "auto";
  if (dialect !== "auto" && !(DIALECT_NAMES as readonly string[]).includes(dialect)) {
    throw new UsageError(`unknown dialect '${dialect}'; use one of ${DIALECT_NAMES.join(", ")} or auto`);
  }

  if (command === "ir") {
    const { ir } = loadIR(input, { dialect });
    io.out(JSON.stringify(ir, null, 2) + "\n");
    printDiagnostics(ir.diagnostics, io);
    return ir.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
  }

  const out = values.out ? resolve(io.cwd, values.out) : config.out;
  if (!out) throw new UsageError("no output folder: pass --out DIR or set \"out\" in the config");
  const emit = values.emit ? parseEmit(values.emit, (m) => { throw new UsageError(`--emit ${m}`); }) : config.emit;
  const started = performance.now();
  const result = generate(input, {
    dialect,
    ...(emit ? { emit } : {}),
    ...(config.unknownKeys ? { unknownKeys: config.unknownKeys } : {}),
    ...(config.enums ? { enums: config.enums } : {}),
    templates: loadTemplates(config.templates),
  });
  const { ir, files } = result;
  if (result.dialectNote) io.err(`docs2ts: ${result.dialectNote}\n`);
  printDiagnostics(ir.diagnostics, io);
  const errors = ir.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = ir.diagnostics.length - errors;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const where = relative(io.cwd, out) || ".";
  if (errors > 0) {
    io.err(`docs2ts: ${ir.models.length} models, ${errors} errors, ${warnings} warnings; ${where} left unchanged (${seconds}s)\n`);
    return 1;
  }
  if (values.check) {
    const plan = planOutput(out, files);
    const stale = [...plan.changed.map((p) => `  ${p} (${plan.conflicts.includes(p) ? "not written by docs2ts" : "stale"})`), ...plan.removed.map((p) => `  ${p} (no longer generated)`)];
    if (stale.length > 0) {
      io.err(`docs2ts: ${where} is out of date:\n${stale.join("\n")}\nRun 'docs2ts generate' to update it.\n`);
      return 1;
    }
    io.err(`docs2ts: ${where} is up to date (${files.length} files, ${warnings} warnings, ${seconds}s)\n`);
    return 0;
  }
  const plan = writeOutput(out, files);
  io.err(
    `docs2ts: ${ir.models.length} models -> ${where}: ${plan.changed.length} written, ${plan.unchanged.length} unchanged, ${plan.removed.length} removed; ${warnings} warnings, 0 errors (${seconds}s)\n`,
  );
  return 0;
}

function printDiagnostics(list: readonly Diagnostic[], io: Io): void {
  if (list.length > 0) io.err(list.map(formatDiagnostic).join("\n") + "\n");
}
