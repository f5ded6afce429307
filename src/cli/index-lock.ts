import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { InputError } from './walk.js';

// `neardup --index FILE` holds FILE.lock while it reads, checks and saves the index, so two runs at once
// take turns instead of one saving over the other's additions. The lock file names its holder: pid, host,
// the process's start time (so a reused pid is not taken for the holder) and a token of its own.

/** Who holds a lock, as its lock file says. */
interface Holder {
  pid: number;
  host: string;
  /** The holder's start time as /proc gives it (Linux), so a pid reused by another process is not it. */
  started?: string;
  /** Unique to one taking of the lock: tells the holder's file apart from any later one. */
  token: string;
}

export interface LockOptions {
  /** How long to wait for another run's lock, in milliseconds (0: refuse at once). */
  timeoutMs: number;
  /** Called once when the lock is held by another live run and this one starts waiting. */
  onWait?: (holder: string) => void;
}

/** A held lock: released at the end; check() before saving, in case it was taken over meanwhile. */
export interface IndexLock {
  readonly path: string;
  check(): Promise<void>;
  release(): Promise<void>;
}

/** First and longest pause between two attempts, in milliseconds. */
const FIRST_PAUSE = 25;
const LONGEST_PAUSE = 500;

/**
 * Takes `FILE.lock`: created exclusively with the holder's details in it (written to a temporary file
 * first, then hard-linked into place, so no one ever reads a half-written lock). A lock whose holder is
 * a dead process of this host is taken over; one held by a live run is waited for, up to timeoutMs, then
 * refused with an error that names the lock file and its holder (exit 2).
 */
export async function lockIndex(file: string, { timeoutMs, onWait }: LockOptions): Promise<IndexLock> {
  const path = `${file}.lock`;
  const mine: Holder = { pid: process.pid, host: os.hostname(), token: randomBytes(8).toString('hex') };
  const started = await startTime(process.pid);
  if (started !== undefined) mine.started = started;
  const content = JSON.stringify(mine);
  const deadline = Date.now() + timeoutMs;
  let pause = FIRST_PAUSE;
  let waiting = false;
  for (;;) {
    if (await create(path, content)) return heldLock(path, content);
    const seen = await readFile(path, 'utf8').catch(() => undefined);
    if (seen === undefined) continue; // released meanwhile: try again at once
    const holder = parse(seen);
    if (holder === undefined && seen !== '') {
      throw new InputError(
        `neardup: the index ${JSON.stringify(file)} is locked by ${JSON.stringify(path)}, which names no neardup run (${JSON.stringify(seen.slice(0, 80))}); remove it if no neardup run uses the index`,
      );
    }
    if (holder !== undefined && (await isDead(holder))) {
      await takeOver(path, seen);
      continue;
    }
    if (Date.now() >= deadline) {
      // An empty lock is one being written without hard links (createWithoutLinks), or whose writer died.
      const by = holder
        ? `is held by ${describe(holder)}`
        : 'is empty (its run may have died: remove it if none runs)';
      throw new InputError(
        `neardup: the index ${JSON.stringify(file)} is in use: ${JSON.stringify(path)} ${by}${timeoutMs > 0 ? `, still after ${timeoutMs / 1000} s` : ''}; try again when it is done, or wait longer with --lock-timeout SECONDS`,
      );
    }
    if (!waiting) onWait?.(holder ? describe(holder) : 'a run that is creating it');
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(1, deadline - Date.now()))));
    pause = Math.min(pause * 2, LONGEST_PAUSE);
  }
}

/** Creates the lock file with `content` unless it exists; false when it does. */
async function create(path: string, content: string): Promise<boolean> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
  await writeFile(temporary, content, { flag: 'wx' });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    return createWithoutLinks(path, content); // a file system without hard links
  } finally {
    await rm(temporary, { force: true });
  }
}

/** O_CREAT | O_EXCL: exclusive too, but briefly empty, which parse() then reads as no holder. */
async function createWithoutLinks(path: string, content: string): Promise<boolean> {
  const handle = await open(path, 'wx').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') return undefined;
    throw error;
  });
  if (handle === undefined) return false;
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Removes a dead holder's lock file, if it is still the one judged dead: it is moved aside first, and
 * put back when what was moved turns out to be a lock another run took in between.
 */
async function takeOver(path: string, judged: string): Promise<void> {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another run took it over first
    throw error;
  }
  try {
    if ((await readFile(aside, 'utf8')) !== judged) await link(aside, path).catch(() => {});
  } finally {
    await rm(aside, { force: true });
  }
}

function heldLock(path: string, content: string): IndexLock {
  const theirs = async () => {
    const now = await readFile(path, 'utf8').catch(() => '');
    return now === content ? undefined : (parse(now) ?? { pid: 0, host: '?', token: '' });
  };
  return {
    path,
    async check() {
      const other = await theirs();
      if (other) {
        throw new InputError(
          `neardup: the lock ${JSON.stringify(path)} was taken over by ${describe(other)} while this run held it; the index was not saved`,
        );
      }
    },
    async release() {
      if ((await theirs()) === undefined) await rm(path, { force: true });
    },
  };
}

function parse(content: string): Holder | undefined {
  try {
    const value = JSON.parse(content) as Partial<Holder>;
    if (Number.isSafeInteger(value.pid) && typeof value.host === 'string' && typeof value.token === 'string')
      return value as Holder;
  } catch {}
  return undefined;
}

/** A holder on this host whose process is gone (or whose pid now belongs to a process started later). */
async function isDead(holder: Holder): Promise<boolean> {
  if (holder.host !== os.hostname()) return false; // another machine's process: cannot tell
  if (processIsGone(holder.pid)) return true;
  if (holder.started === undefined) return false;
  const started = await startTime(holder.pid);
  return started !== undefined && started !== holder.started;
}

/** No process of this host has the pid (signal 0 says ESRCH; EPERM means one runs, another user's). */
export function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Field 22 of /proc/PID/stat, the process's start time in clock ticks since boot (Linux only). */
async function startTime(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function describe(holder: Holder): string {
  return `process ${holder.pid}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}`;
}
