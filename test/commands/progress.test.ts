import { describe, expect, it } from "vitest";
import type { Io } from "../../generator/commands/command.js";
import { progress } from "../../generator/commands/progress.js";

function fakeIo(isTTY: boolean): Io & { text: string } {
  const io = { text: "", out: () => {}, err: (t: string) => void (io.text += t), cwd: "/", isTTY };
  return io;
}

describe("progress line", () => {
  it("on a terminal: nothing during the first second, then at most one update per 100 ms, erased at the end", () => {
    let now = 0;
    const io = fakeIo(true);
    const bar = progress(io, 0, () => now);
    now = 500;
    bar.update("parsing", 10, 400);
    expect(io.text).toBe("");
    now = 1200;
    bar.update("parsing", 120, 400);
    expect(io.text).toBe("\r\x1b[Kdocs2ts: parsing 120/400 docs…");
    now = 1250;
    bar.update("parsing", 130, 400); // too soon
    now = 1400;
    bar.update("emitting", 7, 400);
    expect(io.text).toBe("\r\x1b[Kdocs2ts: parsing 120/400 docs…\r\x1b[Kdocs2ts: emitting 7/400 models…");
    bar.clear();
    expect(io.text.endsWith("\r\x1b[K")).toBe(true);
  });

  it("never on a pipe or file, and a short run erases nothing", () => {
    let now = 5000;
    const pipe = fakeIo(false);
    const bar = progress(pipe, 0, () => now);
    bar.update("parsing", 1, 2);
    bar.clear();
    expect(pipe.text).toBe("");
    now = 100;
    const tty = fakeIo(true);
    const quick = progress(tty, 0, () => now);
    quick.update("reading", 1, 2);
    quick.clear();
    expect(tty.text).toBe("");
  });
});
