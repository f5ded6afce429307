import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processIsGone } from './index-lock.js';
import { forgetOnSignal, removeOnSignal } from './signals.js';
import { InputError } from './walk.js';

// Saving `neardup --index FILE` so that nothing can leave it damaged: the new bytes go to a temporary file
// beside it (FILE.<pid>.<8 hex digits>.tmp), which is flushed to disk before it is renamed over FILE, and
// the directory is flushed too, so that after a crash or a power loss FILE is the old index or the new
// one. A run killed mid-save leaves its temporary file; the next run removes it.

export interface SaveOptions {
  /** Runs just before the rename (the lock's check); what it throws stops the save, file untouched. */
  beforeRename?: () => Promise<void>;
  /**
   * Test hook (the env variable NEARDUP_TEST_SAVE_STALL_MS, which only tests set): waits this long after
   * the first chunk is on disk, so a test can kill the run mid-save.
   */
  stallMs?: number;
}

/** Writes the chunks to FILE atomically and durably (see above); the error names FILE. */
export async function saveDurably(
  file: string,
  chunks: Iterable<Uint8Array>,
  { beforeRename, stallMs = 0 }: SaveOptions = {},
): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let saved = false;
  try {
    const handle = await open(temporary, 'wx');
    removeOnSignal(temporary); // Ctrl-C removes it at once; a kill leaves it to the next run
    try {
      let first = true;
      for (const chunk of chunks) {
        for (let at = 0; at < chunk.length; )
          at += (await handle.write(chunk, at, chunk.length - at)).bytesWritten;
        if (first && stallMs > 0) {
          await handle.sync();
          await new Promise((resolve) => setTimeout(resolve, stallMs));
        }
        first = false;
      }
      await handle.sync(); // the bytes are on disk before the name points at them
    } finally {
      await handle.close();
    }
    await syncDirectory(dirname(file));
    await beforeRename?.();
    await rename(temporary, file);
    saved = true;
    forgetOnSignal(temporary);
    await syncDirectory(dirname(file)); // the rename itself is on disk
  } catch (error) {
    if (!saved) await rm(temporary, { force: true });
    forgetOnSignal(temporary);
    if (error instanceof InputError) throw error;
    throw new InputError(
      `neardup: cannot save the index ${JSON.stringify(file)}: ${(error as Error).message}`,
    );
  }
}

/**
 * Removes what runs that died left beside FILE: temporary index files (FILE.<pid>.<hex>.tmp) and the
 * lock's own temporaries, of processes that no longer run. Names that do not match exactly are left
 * alone. Returns the names removed.
 */
export async function removeStaleTemporaries(file: string): Promise<string[]> {
  const directory = dirname(file);
  const name = escapeRegExp(basename(file));
  const patterns = [
    new RegExp(`^${name}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`), // the index's temporaries
    new RegExp(`^${name}\\.lock\\.(\\d+)\\.[0-9a-f]{8}\\.(?:new|stale)$`), // the lock's (index-lock.ts)
  ];
  const removed: string[] = [];
  const names = await readdir(directory).catch(() => [] as string[]);
  for (const entry of names) {
    const match = patterns[0].exec(entry) ?? patterns[1].exec(entry);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || !processIsGone(pid)) continue;
    await rm(join(directory, entry), { force: true });
    removed.push(entry);
  }
  return removed;
}

/** fsync of a directory, where the platform has one (not on Windows: nothing to do there). */
async function syncDirectory(directory: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
