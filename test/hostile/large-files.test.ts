import { existsSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/api.js";
import { DocTooLarge, MAX_BYTES, readDocFile } from "../../generator/markdown/files.js";
import { readDocs } from "../../generator/markdown/read.js";
import { docs2ts, fieldsDoc, tempTree } from "../helpers/cli.js";

// A doc larger than MAX_BYTES is refused by its size, read no further than its first 64 KiB
// (what every doc's first read takes; only a doc that fills it is sized). A 1 GiB file named
// `.md` used to be loaded whole first (5 s and 1.1 GB of memory here, before the same
// diagnostic), and one over 2 GiB failed the read itself ("cannot read the file:
// ERR_FS_FILE_TOO_LARGE"). The files here are sparse: they take no disk.

const HUGE = 4 * 1024 * 1024 * 1024;
const refused = (path: string, size: number | string) => `${path}:1:1: error: the file has ${size} bytes; docs2ts reads docs of at most ${MAX_BYTES} [file-too-large]`;

/** A doc tree with one good doc and, at models/huge.md, a sparse file of `size` bytes. */
function treeWithHugeDoc(size: number, extra: Record<string, string> = {}): string {
  const root = tempTree({ "docs/models/a.md": fieldsDoc("A", [["id", "*::String*", true]]), ...extra });
  writeFileSync(join(root, "docs/models/huge.md"), "");
  truncateSync(join(root, "docs/models/huge.md"), size);
  return root;
}

describe("a doc file too large to be a doc", () => {
  it("is refused by its size, all but unread: readDocFile throws the size, not the bytes", () => {
    const root = treeWithHugeDoc(HUGE);
    expect(() => readDocFile(join(root, "docs/models/huge.md"))).toThrow(DocTooLarge);
    expect(() => readDocFile(join(root, "docs/models/huge.md"))).toThrow(expect.objectContaining({ size: HUGE }));
    const { docs, diagnostics } = readDocs(join(root, "docs"));
    expect(docs.map((d) => d.path)).toEqual(["models/a.md"]);
    expect(diagnostics).toEqual([{ severity: "error", file: "models/huge.md", line: 1, column: 1, code: "file-too-large", message: `the file has ${HUGE} bytes; docs2ts reads docs of at most ${MAX_BYTES}` }]);
  });

  it("is read whole up to the limit, and an empty file is read as empty", () => {
    const root = treeWithHugeDoc(MAX_BYTES, { "docs/models/empty.md": "" });
    const bytes = readDocFile(join(root, "docs/models/huge.md"));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(MAX_BYTES);
    const text = (path: string) => new TextDecoder().decode(readDocFile(join(root, path)));
    expect(text("docs/models/empty.md")).toBe("");
    expect(text("docs/models/a.md")).toBe(fieldsDoc("A", [["id", "*::String*", true]]));
  });

  it("is read byte for byte around the first read's 64 KiB, and well past it", () => {
    const root = tempTree({});
    for (const size of [1, 65_535, 65_536, 65_537, 131_072, 200_001]) {
      const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 7 + size) % 251);
      const path = join(root, `doc-${size}.md`);
      writeFileSync(path, bytes);
      const read = readDocFile(path);
      expect(read.length, String(size)).toBe(size);
      expect(Buffer.compare(Buffer.from(read), Buffer.from(bytes)), String(size)).toBe(0);
    }
    // Each doc's bytes are its own: the buffer of the first read is reused, never handed out.
    const a = readDocFile(join(root, "doc-1.md"));
    readDocFile(join(root, "doc-65535.md"));
    expect([...a]).toEqual([1]);
    // A Buffer (decodeDoc searches it with Buffer's native indexOf), whichever way it is copied.
    expect(Buffer.isBuffer(a)).toBe(true);
  });

  it("whose size the system does not give (0) is read until it ends or passes the limit", () => {
    // Linux: /proc files say 0 bytes and hold text; /dev/zero says 0 and never ends.
    expect(new TextDecoder().decode(readDocFile("/proc/self/status"))).toMatch(/^Name:/);
    expect(() => readDocFile("/dev/zero")).toThrow(expect.objectContaining({ size: undefined }));
    const { diagnostics } = readDocs("/dev", ["zero"]);
    expect(diagnostics.map((d) => d.message)).toEqual([`the file has more than ${MAX_BYTES} bytes; docs2ts reads docs of at most ${MAX_BYTES}`]);
  });

  it("fails the CLI run with its diagnostic and leaves no output, with and without the cache", () => {
    for (const cache of [["--no-cache"], []]) {
      const root = treeWithHugeDoc(HUGE, { "package.json": "{}\n" });
      const r = docs2ts(["generate", "--input", "docs", "--out", "out", "--dialect", "ruby-sorbet", ...cache], root);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr.split("\n")).toContain(refused("models/huge.md", HUGE));
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(join(root, "out"))).toBe(false);
    }
  });

  it("given in memory, is refused the same way (the library's own bytes)", () => {
    const big = new Uint8Array(MAX_BYTES + 1).fill(0x61);
    const result = generate([{ path: "models/big.md", bytes: big }], { dialect: "ruby-sorbet" });
    expect(result.files).toEqual([]);
    expect(result.ir.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`)).toContain(refused("models/big.md", MAX_BYTES + 1));
  });
});
