import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/**
 * Files written by a helper thread, for runs that write many: creating a file cost 60-400 µs on
 * the machine measured (ext4 in a VM; bench/RESULTS.md), a tenth of a cold run's time, which the
 * main thread can spend emitting the next models instead while another core writes.
 *
 * Files go in batches (one message per `BATCH` files); `end()` blocks until the thread has
 * written everything sent (Atomics.wait on a shared flag, so the writer's callers stay
 * synchronous) and gives the first failure, if any. The thread is a few lines of plain
 * JavaScript run with `eval` (no file of its own to find in a bundle); it stops at `end()`.
 */
export interface WriteFailure {
  path: string;
  code: string;
}

const BATCH = 16;
/** How long `end()` waits for the thread: far more than any run's writes take. */
const WAIT_MS = 10 * 60_000;

/** The thread's code: write each file (its folder is made by the caller); after a failure, write nothing more. */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { writeFileSync } = require("node:fs");
const done = new Int32Array(workerData.done);
const port = workerData.port;
let failed = false;
parentPort.on("message", (batch) => {
  if (batch === null) {
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
    return;
  }
  for (let i = 0; i < batch.length && !failed; i += 2) {
    const path = batch[i];
    try {
      writeFileSync(path, batch[i + 1]);
    } catch (e) {
      failed = true;
      port.postMessage({ path: (e && e.path) || path, code: String((e && (e.code || e.message)) || e) });
    }
  }
});
`;

export class WriterThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  /** path, content, path, content… */
  private batch: string[] = [];
  private ended = false;
  /** Whether any file was sent (a thread started early for a run that writes nothing is not waited for). */
  private sent = false;
  private failure: WriteFailure | undefined;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(SOURCE, { eval: true, workerData: { done: this.done.buffer, port: port2 }, transferList: [port2] });
    this.worker.unref();
  }

  write(path: string, content: string): void {
    this.batch.push(path, content);
    if (this.batch.length >= 2 * BATCH) this.flush();
  }

  /** Wait until every file sent is written; the thread then stops. The first failure, if any. */
  end(): WriteFailure | undefined {
    if (!this.ended) {
      this.ended = true;
      this.flush();
      if (!this.sent) {
        void this.worker.terminate();
        this.port.close();
        return undefined;
      }
      this.worker.postMessage(null);
      // A thread that never answers (it could not start) is a failure, not a hang.
      const answered = Atomics.wait(this.done, 0, 0, WAIT_MS) !== "timed-out";
      void this.worker.terminate();
      const message = receiveMessageOnPort(this.port);
      this.port.close();
      this.failure = (message?.message as WriteFailure | undefined) ?? (answered ? undefined : { path: "", code: "the writer thread did not finish" });
    }
    return this.failure;
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.sent = true;
    this.worker.postMessage(this.batch);
    this.batch = [];
  }
}
