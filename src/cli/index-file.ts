import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createIndex, type Options, type Report } from '../index.js';
import { redisStorage } from '../node/redis.js';
import { openSavedIndex } from '../store/lasting-index.js';
import { InputError } from './walk.js';

/**
 * `--index FILE`: loads the saved index (or starts one), skips inputs already indexed with the same
 * text, checks and adds the rest (a changed one replaces its old version only once it has been checked),
 * and saves the index back atomically (a temporary file in the same directory, then a rename), so a run
 * that fails or is interrupted leaves the old index file as it was.
 */
export async function checkAgainstIndex(
  file: string,
  documents: AsyncIterable<{ id: string; text: string }>,
  options: Options,
): Promise<{ report: Report; texts: Map<string, string>; skipped: number }> {
  const saved = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new InputError(`neardup: cannot read the index ${JSON.stringify(file)}: ${error.message}`);
  });
  const index = saved
    ? await openSavedIndex(
        new Uint8Array(saved.buffer, saved.byteOffset, saved.byteLength),
        options,
        `the index ${JSON.stringify(file)}`,
      )
    : await createIndex(options);
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
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, index.save());
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new InputError(
      `neardup: cannot save the index ${JSON.stringify(file)}: ${(error as Error).message}`,
    );
  }
  return { report, texts, skipped };
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
