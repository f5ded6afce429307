import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A problem with the input (missing file, empty directory…): printed as is, exit code 2. */
export class InputError extends Error {}

export interface InputDocument {
  id: string;
  text: string;
}

/**
 * The files to read, in a stable order: each path as given; directories searched recursively (sorted,
 * skipping node_modules and names starting with '.') for files ending in one of `extensions`;
 * '-' is standard input. A file reached twice is listed once.
 */
export async function listInputs(paths: readonly string[], extensions: readonly string[]): Promise<string[]> {
  const listed: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    const key = id === '-' ? '-' : resolve(id);
    if (!seen.has(key)) {
      seen.add(key);
      listed.push(id);
    }
  };
  for (const path of paths) {
    if (path === '-') {
      add('-');
      continue;
    }
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`neardup: cannot read ${JSON.stringify(path)}: ${describe(error)}`);
    });
    if (info.isDirectory()) {
      const found = await walk(path, extensions);
      if (found.length === 0) {
        throw new InputError(
          `neardup: no ${extensions.join(' or ')} files in directory ${JSON.stringify(path)} (change the endings with --ext)`,
        );
      }
      for (const file of found) add(file);
    } else {
      add(path);
    }
  }
  return listed;
}

async function walk(dir: string, extensions: readonly string[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`neardup: cannot read directory ${JSON.stringify(dir)}: ${describe(error)}`);
  });
  entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path, extensions)));
    else if ((entry.isFile() || entry.isSymbolicLink()) && extensions.some((e) => entry.name.endsWith(e))) {
      files.push(path);
    }
  }
  return files;
}

/**
 * Reads the listed inputs as UTF-8 and yields them in order, with at most `concurrency` reads in
 * flight, so detection indexes each file while the next ones load. Invalid UTF-8 is decoded with U+FFFD
 * replacement characters and reported through `warn`, naming the file.
 */
export async function* streamInputs(
  ids: readonly string[],
  {
    concurrency = 32,
    warn,
    stdin = process.stdin,
    readFile: readBytes = readFile,
  }: {
    concurrency?: number;
    warn: (message: string) => void;
    stdin?: NodeJS.ReadableStream;
    /** Reads one file's bytes (default: node:fs/promises readFile); its errors become InputErrors. */
    readFile?: (path: string) => Promise<Uint8Array>;
  },
): AsyncGenerator<InputDocument> {
  const read = async (id: string): Promise<InputDocument> => {
    const bytes = id === '-' ? await readStream(stdin) : await readFileBytes(id, readBytes);
    return { id, text: decode(bytes, id, warn) };
  };
  const pending: Promise<InputDocument>[] = [];
  let next = 0;
  const start = () => {
    const reading = read(ids[next++]);
    reading.catch(() => {}); // handled when its turn comes; not an unhandled rejection meanwhile
    pending.push(reading);
  };
  while (next < ids.length && pending.length < concurrency) start();
  while (pending.length > 0) {
    const document = await (pending.shift() as Promise<InputDocument>);
    if (next < ids.length) start();
    yield document;
  }
}

async function readFileBytes(
  path: string,
  readBytes: (path: string) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  return Promise.resolve()
    .then(() => readBytes(path))
    .catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`neardup: cannot read ${JSON.stringify(path)}: ${describe(error)}`);
    });
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

// ignoreBOM keeps a byte-order mark as U+FEFF, as readFileSync(path, 'utf8') does, so offsets in the
// CLI's report are the same as findDuplicates gives for the same file read by hand.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

function decode(bytes: Uint8Array, id: string, warn: (message: string) => void): string {
  try {
    return strict.decode(bytes);
  } catch {
    warn(
      `neardup: warning: ${id === '-' ? 'standard input' : JSON.stringify(id)} is not valid UTF-8; invalid bytes were replaced with U+FFFD`,
    );
    return lenient.decode(bytes);
  }
}

function describe(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error.message;
  }
}
