import { existsSync, type FSWatcher, readdirSync, statSync, watch as fsWatch } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import type { Cache } from "../cache/store.js";
import { ConfigError } from "../config.js";
import { UsageError } from "../errors.js";
import { OutputError } from "../output/write.js";
import type { Io, Values } from "./command.js";
import { generateOnce, openCache } from "./generate.js";
import { generateSettings, type GenerateSettings } from "./settings.js";

/**
 * `docs2ts generate --watch`: generate, then regenerate whenever a doc, the config file or a
 * template changes (events within DEBOUNCE_MS are one run). One line per run says what changed
 * and what the run did. A run with errors prints its diagnostics and leaves the output as it
 * was (the last good output); the next save that fixes the doc regenerates. Stops on Ctrl-C
 * (SIGINT) or SIGTERM, with exit code 0.
 */
export const DEBOUNCE_MS = 100;

export async function watch(values: Values, io: Io, noCache: boolean): Promise<number> {
  let settings = generateSettings(values, io);
  let cache = openCache(settings, noCache, io, true);
  const first = await safeRun(settings, cache, io, false);
  io.err(`${first}\n`);

  const changed = new Set<string>();
  let configChanged = false;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const onChange = (what: string, config = false) => {
    changed.add(what);
    configChanged ||= config;
    schedule();
  };
  let watchers = watchAll(settings, onChange);
  io.err(`docs2ts: watching ${describeWatched(settings, io)} for changes (Ctrl-C to stop)\n`);

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void runAgain(), DEBOUNCE_MS);
  }

  async function runAgain(): Promise<void> {
    timer = undefined;
    if (running) return schedule();
    running = true;
    const what = [...changed].sort();
    changed.clear();
    const reconfigure = configChanged;
    configChanged = false;
    try {
      if (reconfigure) {
        try {
          const next = generateSettings(values, io);
          if (next.input !== settings.input || next.out !== settings.out) cache = openCache(next, noCache, io, true);
          settings = next;
          watchers.close();
          watchers = watchAll(settings, onChange);
        } catch (e) {
          if (!(e instanceof ConfigError || e instanceof UsageError)) throw e;
          io.err(`docs2ts: error: ${e.message}; fix the config to go on\n`);
          return;
        }
      }
      const line = await safeRun(settings, cache, io, true);
      io.err(`${line.replace(/^docs2ts: /, `docs2ts: ${summarize(what)} changed: `)}\n`);
    } catch (e) {
      io.err(`docs2ts: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    } finally {
      running = false;
    }
  }

  return new Promise<number>((done) => {
    const stop = () => {
      if (timer) clearTimeout(timer);
      watchers.close();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** One run that never throws: a problem's message is the run's line. */
async function safeRun(settings: GenerateSettings, cache: Cache, io: Io, quiet: boolean): Promise<string> {
  try {
    return (await generateOnce(settings, cache, io, { check: false, quiet })).summary;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof OutputError) return `docs2ts: error: ${e.message}`;
    // Watching goes on whatever happened (a folder removed mid-run…); the next change retries.
    return `docs2ts: internal error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function summarize(what: string[]): string {
  return what.length <= 3 ? what.join(", ") : `${what.slice(0, 3).join(", ")} and ${what.length - 3} more`;
}

function describeWatched(settings: GenerateSettings, io: Io): string {
  const rel = (p: string) => relative(io.cwd, p) || ".";
  return [rel(settings.input), settings.configPath && rel(settings.configPath), settings.config.templates && rel(settings.config.templates)].filter(Boolean).join(", ");
}

interface Closable {
  close(): void;
}

/** Watch the input tree (.md files), the config file and the templates folder (.hbs files). */
function watchAll(settings: GenerateSettings, onChange: (what: string, config?: boolean) => void): Closable {
  const out = resolve(settings.out) + sep;
  const parts: Closable[] = [
    new TreeWatcher(settings.input, (path) => {
      if ((path + sep).startsWith(out)) return;
      if (path.toLowerCase().endsWith(".md") || isDirectory(path)) onChange(relative(settings.input, path).split(sep).join("/") || ".");
    }),
  ];
  const config = settings.configPath;
  if (config) {
    parts.push(new TreeWatcher(dirname(config), (path) => basename(path) === basename(config) && onChange(basename(config), true), false));
  }
  const templates = settings.config.templates;
  if (templates && existsSync(templates)) {
    parts.push(new TreeWatcher(templates, (path) => path.endsWith(".hbs") && onChange(`templates/${basename(path)}`), false));
  }
  return { close: () => parts.forEach((p) => p.close()) };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * One `fs.watch` per directory (portable, unlike `recursive`), rescanned when entries appear,
 * so that new folders are watched too. Hidden folders and node_modules are skipped, as when
 * docs are listed.
 */
class TreeWatcher implements Closable {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(
    root: string,
    private readonly onEvent: (path: string) => void,
    private readonly deep = true,
  ) {
    this.add(root);
  }

  private add(dir: string): void {
    if (this.watchers.has(dir)) return;
    let w: FSWatcher;
    try {
      w = fsWatch(dir, (_type, name) => {
        const path = name ? join(dir, name.toString()) : dir;
        if (this.deep && isDirectory(path)) this.add(path);
        this.onEvent(path);
      });
    } catch {
      return; // gone already
    }
    w.on("error", () => {
      w.close();
      this.watchers.delete(dir);
    });
    this.watchers.set(dir, w);
    if (!this.deep) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") this.add(join(dir, e.name));
    }
  }

  close(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
