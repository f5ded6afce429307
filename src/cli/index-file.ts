import { createReadStream } from 'node:fs';
import { createIndex, NearDupError, type NearDupIndex, type Options, type Report } from '../index.js';
import { redisStorage } from '../node/redis.js';
import { decodeIndexFrom } from '../store/format-read.js';
import { openSavedIndex } from '../store/lasting-index.js';
import { removeStaleTemporaries, saveDurably } from './durable-save.js';
import { lockIndex } from './index-lock.js';
import { InputError } from './walk.js';

export interface IndexFileOptions {
  /** How long to wait for another run's lock on the index, in milliseconds. */
  lockTimeoutMs: number;
  /** Told when this run waits for another one's lock. */
  onWait?: (holder: string) => void;
  /** Test hook of saveDurably (NEARDUP_TEST_SAVE_STALL_MS). */
  stallMs?: number;
}

/**
 * `--index FILE`: takes the index's lock (FILE.lock: another run waits for it, see index-lock.ts),
 * removes what killed runs left beside FILE, loads the saved index (or starts one), skips inputs
 * already indexed with the same text, checks and adds the rest (a changed one replaces its old version
 * only once it has been checked), and saves the index back atomically and durably (durable-save.ts), so
 * a run that fails, is interrupted or killed leaves the old index file as it was. The file is read and
 * written in chunks, so its size is bounded by the disk, not by what one array holds.
 */
export async function checkAgainstIndex(
  file: string,
  documents: AsyncIterable<{ id: string; text: string }>,
  options: Options,
  { lockTimeoutMs, onWait, stallMs }: IndexFileOptions = { lockTimeoutMs: 0 },
): Promise<{ report: Report; texts: Map<string, string>; skipped: number }> {
  const lock = await lockIndex(file, { timeoutMs: lockTimeoutMs, onWait });
  try {
    await removeStaleTemporaries(file);
    const index = (await openIndexFile(file, options)) ?? (await createIndex(options));
    const fresh: { id: string; text: string }[] = [];
    let skipped = 0;
    for await (const doc of documents) {
      const known = index.document(doc.id);
      if (known?.text === doc.text) {
        skipped++;
        continue;
      }
      fresh.push(doc); // new, or changed since it was indexed
    }
    const report = index.addAndCheck(fresh, { replace: true });
    const texts = new Map<string, string>();
    for (const doc of report.documents) texts.set(doc.id, index.document(doc.id)?.text ?? '');
    await saveDurably(file, index.saveChunks(), { beforeRename: () => lock.check(), stallMs });
    return { report, texts, skipped };
  } finally {
    await lock.release();
  }
}

/** The index saved in FILE, read as a stream; undefined when there is no such file. */
async function openIndexFile(file: string, options: Options): Promise<NearDupIndex | undefined> {
  const stream = createReadStream(file);
  const opened = new Promise<boolean>((resolve, reject) => {
    stream.once('open', () => resolve(true));
    stream.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? resolve(false) : reject(error),
    );
  });
  try {
    if (!(await opened)) return undefined;
  } catch (error) {
    throw new InputError(
      `neardup: cannot read the index ${JSON.stringify(file)}: ${(error as Error).message}`,
    );
  }
  let saved: Awaited<ReturnType<typeof decodeIndexFrom>>;
  try {
    saved = await decodeIndexFrom(stream);
  } catch (error) {
    stream.destroy();
    if (!(error instanceof NearDupError))
      throw new InputError(
        `neardup: cannot read the index ${JSON.stringify(file)}: ${(error as Error).message}`,
      );
    throw error;
  }
  return openSavedIndex(saved, options, `the index ${JSON.stringify(file)}`);
}

/**
 * `--redis URL`: the same with an index shared in Redis. A changed input replaces its old version only
 * after it has been checked, all inputs together (as far as Redis allows: see SharedIndex.add), so a
 * failed run keeps the old versions.
 */
export async function checkAgainstRedis(
  url: string,
  documents: AsyncIterable<{ id: string; text: string }>,
  options: Options,
): Promise<{ report: Report; texts: Map<string, string>; skipped: number }> {
  const index = await createIndex({ ...options, storage: redisStorage({ url }) });
  try {
    const fresh: { id: string; text: string }[] = [];
    let skipped = 0;
    for await (const doc of documents) {
      const known = await index.document(doc.id);
      if (known?.text === doc.text) {
        skipped++;
        continue;
      }
      fresh.push(doc);
    }
    const report = await index.addAndCheck(fresh, { replace: true });
    const texts = new Map<string, string>();
    for (const doc of report.documents) texts.set(doc.id, (await index.document(doc.id))?.text ?? '');
    return { report, texts, skipped };
  } finally {
    await index.close();
  }
}
