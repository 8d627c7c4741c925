import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";
import type { Command, Io, Values } from "./commands/command.js";
import { diffCommand } from "./commands/diff.js";
import { generateCommand } from "./commands/generate.js";
import { graphCommand } from "./commands/graph.js";
import { irCommand } from "./commands/ir.js";
import { CONFIG_FILE, ConfigError } from "./config.js";
import { DIALECT_NAMES } from "./dialects/names.js";
import { KEY_STYLES } from "./ir/keys.js";
import { NULLABILITY_POLICIES } from "./ir/policies.js";
import { OutputError } from "./output/write.js";
import { VERSION } from "./version.js";

export type { Io } from "./commands/command.js";

/** The command line: arguments are parsed here, the work is done in `commands/`. */

const HELP = `docs2ts ${VERSION}: markdown model docs (Speakeasy SDK docs) -> TypeScript types and validators

Usage:
  docs2ts generate [--input DIR] [--out DIR] [--config FILE] [--dialect NAME|auto] [--keys STYLE]
                   [--nullability POLICY] [--emit types,validators,jsonschema]
                   [--unknown-keys accept|reject] [--enums closed|open] [--check] [--watch] [--no-cache]
  docs2ts ir       [--input DIR] [--config FILE] [--dialect NAME|auto] [--keys STYLE] [--nullability POLICY]   IR JSON on stdout
  docs2ts diff     OLD_DIR NEW_DIR [--json] [--fail-on breaking] [--keys STYLE]   change report per model
  docs2ts graph    [--input DIR] [--config FILE] [--keys STYLE] [--nullability POLICY] [--from MODEL] [--out FILE]   Mermaid class diagram
  docs2ts --help | --version

Options:
  --input DIR      folder of model docs (default: config "input")
  --out DIR        generate: output folder (default: config "out")
  --config FILE    config file (default: ./${CONFIG_FILE} when it exists)
  --dialect NAME   ${DIALECT_NAMES.join(", ")}, or auto (default: detect)
  --keys STYLE     JSON keys: ${KEY_STYLES.join(", ")} (default: config "keys", else as-written)
  --nullability POLICY   null where the docs cannot say: ${NULLABILITY_POLICIES.join(", ")}
                   (default: config "nullability", else as-documented)
  --emit LIST      what to emit: types, validators, jsonschema (default: types,validators)
  --unknown-keys accept|reject   validators: keys a model does not declare (default: accept)
  --enums closed|open   closed: only the listed values; open: any string too (default: closed)
  --check          generate in memory; exit 1 if the output folder is stale, listing the
                   stale files and what changed per model; write nothing
  --watch          regenerate whenever a doc, the config or a template changes (Ctrl-C stops)
  --no-cache       neither read nor write the incremental cache (node_modules/.cache/docs2ts)
  --json           diff: the report as JSON
  --fail-on breaking   diff: exit 1 when a change breaks code that uses the old types
  --from MODEL     graph: only MODEL and the models it refers to, directly or not
  --out FILE       graph: write the diagram to FILE instead of stdout

Exit codes: 0 success (warnings allowed), 1 errors in the docs or stale output, 2 usage or environment error.
Diagnostics: path/to/doc.md:LINE:COL: error|warning: message [code]
`;

const COMMANDS: Record<string, Command> = {
  generate: generateCommand,
  ir: irCommand,
  diff: diffCommand,
  graph: graphCommand,
};

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  isTTY: process.stderr.isTTY === true,
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
  const name = commandName(argv);
  const command = name !== undefined ? COMMANDS[name] : undefined;
  if (name !== undefined && !command) throw new UsageError(`unknown command '${name}'; run 'docs2ts --help'`);
  const { values, positionals } = parse(argv, command);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (values.version) {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (!command) {
    io.err(HELP);
    return 2;
  }
  const args = positionals.slice(1);
  const wanted = command.positionals ?? [];
  if (args.length > wanted.length) throw new UsageError(`unexpected argument '${args[wanted.length]}'`);
  if (args.length < wanted.length) throw new UsageError(`missing ${wanted.slice(args.length).join(" ")}; run 'docs2ts --help'`);
  return command.run(values, args, io);
}

/** The first positional argument, knowing which options of any command take a value. */
function commandName(argv: readonly string[]): string | undefined {
  const options = Object.assign({}, ...Object.values(COMMANDS).map((c) => c.options)) as Command["options"];
  const { positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: false, options });
  return positionals[0];
}

function parse(argv: readonly string[], command: Command | undefined): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        ...(command?.options ?? {}),
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
    return { values: values as Values, positionals };
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun 'docs2ts --help' for usage.`);
  }
}
