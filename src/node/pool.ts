import { Worker } from 'node:worker_threads';
import { NearDupError, type NearDupErrorCode } from '../errors.js';

interface Reply {
  ready?: boolean;
  error?: { code?: NearDupErrorCode; message: string };
  [key: string]: unknown;
}

/**
 * A fixed set of worker threads taking one task at a time from a shared queue (Node's own
 * worker_threads, nothing else). Each task is one message and its one reply.
 */
export class WorkerPool<Task, Result> {
  private readonly idle: Worker[] = [];
  private readonly queue: { task: Task; resolve: (r: Result) => void; reject: (e: Error) => void }[] = [];
  private readonly workers: Worker[] = [];
  private readonly running = new Map<Worker, { reject: (e: Error) => void }>();
  private failure: Error | undefined;

  private constructor() {}

  /** Starts `size` threads of `file` with `workerData`; resolves when every one is ready. */
  static async start<Task, Result>(
    file: URL,
    size: number,
    workerData: unknown,
  ): Promise<WorkerPool<Task, Result>> {
    const pool = new WorkerPool<Task, Result>();
    try {
      await Promise.all(
        Array.from({ length: size }, async () => {
          const worker = new Worker(file, { workerData });
          pool.workers.push(worker);
          await new Promise<void>((ready, fail) => {
            worker.once('message', (reply: Reply) => (reply.ready ? ready() : fail(toError(reply))));
            worker.once('error', fail);
          });
          worker.on('error', (error) => pool.fail(error));
          pool.idle.push(worker);
        }),
      );
    } catch (error) {
      await pool.close(); // the threads that did start would keep the process alive
      throw error;
    }
    return pool;
  }

  run(task: Task): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const job = this.queue.shift() as (typeof this.queue)[number];
      this.running.set(worker, job);
      worker.once('message', (reply: Reply) => {
        this.running.delete(worker);
        this.idle.push(worker);
        if (reply.error) job.reject(toError(reply));
        else job.resolve(reply as Result);
        this.dispatch();
      });
      worker.postMessage(job.task);
    }
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const job of this.queue.splice(0)) job.reject(error);
    for (const job of this.running.values()) job.reject(error);
    this.running.clear();
  }
}

function toError(reply: Reply): Error {
  const { code, message } = reply.error ?? { message: 'neardup: a worker thread failed' };
  return code ? new NearDupError(code, message) : new Error(message);
}
