import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { quoteName } from '../util/controls.js';

/** A problem with the input (missing file, empty directory…): printed as is, exit code 2. */
export class InputError extends Error {}

/**
 * File endings neardup refuses rather than misread: rows, not prose. Read as text, a CSV file with quoted
 * multi-line fields becomes hundreds of false paragraphs. (JSON Lines files are read record by record:
 * src/cli/jsonl.ts.)
 */
const REFUSED: Record<string, string> = {
  '.csv': 'CSV',
  '.tsv': 'tab-separated values',
};

/** The ending of a file name as --ext matches it: lower case, '' for a name without one. */
export function endingOf(name: string): string {
  return extname(name).toLowerCase();
}

export interface ListOptions {
  /** Told, once, how many files the directory walks skipped and their endings. */
  warn?: (message: string) => void;
  /** Files the walks leave out (the --out file, so a report is never read back as an input). */
  exclude?: string | readonly (string | undefined)[];
}

/**
 * The files to read, in a stable order: each path as given; directories searched recursively (sorted,
 * skipping node_modules and names starting with '.') for files whose ending, in any case, is one of
 * `extensions` ('' for names without an ending, '*' for every file but CSV); '-' is standard
 * input. Symbolic links to directories are followed, each directory walked once (by its real path), so
 * links cannot loop. A file reached twice is listed once. CSV files are refused with an InputError that
 * says how to read them.
 */
export async function listInputs(
  paths: readonly string[],
  extensions: readonly string[],
  { warn, exclude }: ListOptions = {},
): Promise<string[]> {
  const excluded = (typeof exclude === 'string' ? [exclude] : (exclude ?? [])).filter(
    (file): file is string => file !== undefined,
  );
  const walk = new Walk(extensions, new Set(excluded.map((file) => resolve(file))));
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
      throw new InputError(`neardup: cannot read ${quoteName(path)}: ${describeError(error)}`);
    });
    if (info.isDirectory()) {
      const found = await walk.directory(path);
      if (found === undefined) continue; // walked already, under another name
      if (found.length === 0) {
        throw new InputError(
          `neardup: no ${extensions.includes('*') ? '' : `${describeEndings(extensions)} `}files in directory ${quoteName(path)}${walk.skippedInLatestWalk()} (change the endings with --ext: --ext '' for names without one, --ext '*' for every file)`,
        );
      }
      for (const file of found) add(file);
    } else {
      refuseRecords(path);
      add(path);
    }
  }
  const skipped = walk.skippedSummary();
  if (skipped) warn?.(`neardup: ${skipped}`);
  return listed;
}

/** One search of directories: the endings wanted, the directories walked, the files skipped. */
class Walk {
  private readonly wanted: string[];
  private readonly walked = new Set<string>();
  /** Files skipped by ending ('' for none), in every walk and in the latest one. */
  private readonly skipped = new Map<string, number>();
  private skippedInLatest = new Map<string, number>();
  private outSkipped = false;
  /** --ext '*': every file but CSV, which it skips rather than refuses. */
  private readonly everything: boolean;

  constructor(
    extensions: readonly string[],
    private readonly exclude: ReadonlySet<string>,
  ) {
    this.wanted = [...new Set(extensions.map((e) => e.toLowerCase()))].filter((e) => e !== '*');
    this.everything = extensions.includes('*');
  }

  /** The matching files under `dir`, sorted; undefined when its real path was walked already. */
  async directory(dir: string): Promise<string[] | undefined> {
    this.skippedInLatest = new Map();
    const files: string[] = [];
    return (await this.into(dir, files)) ? files : undefined;
  }

  private async into(dir: string, files: string[]): Promise<boolean> {
    const real = await realpath(dir).catch(() => resolve(dir));
    if (this.walked.has(real)) return false;
    this.walked.add(real);
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`neardup: cannot read directory ${quoteName(dir)}: ${describeError(error)}`);
    });
    entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      const kind = await kindOf(entry, path);
      if (kind === 'directory') await this.into(path, files);
      else if (kind === 'file' && this.matches(entry.name)) this.take(path, files);
      else if (kind === 'file' && this.everything && !(endingOf(entry.name) in REFUSED))
        this.take(path, files);
      else this.skip(endingOf(entry.name));
    }
    return true;
  }

  private matches(name: string): boolean {
    const lower = name.toLowerCase();
    const ending = endingOf(name);
    // '' takes names without an ending; others match the end of the name (so '.tar.gz' works too).
    return this.wanted.some((e) => (e === '' ? ending === '' : lower.endsWith(e)));
  }

  private take(path: string, files: string[]): void {
    if (this.exclude.has(resolve(path))) {
      this.outSkipped = true;
      return;
    }
    refuseRecords(path);
    files.push(path);
  }

  private skip(ending: string): void {
    this.skipped.set(ending, (this.skipped.get(ending) ?? 0) + 1);
    this.skippedInLatest.set(ending, (this.skippedInLatest.get(ending) ?? 0) + 1);
  }

  /** What the latest directory held instead, for its "no files" error: "; it holds .html ×3". */
  skippedInLatestWalk(): string {
    return this.skippedInLatest.size === 0
      ? ''
      : `; it holds files with endings ${tally(this.skippedInLatest)}`;
  }

  /** "skipped 12 file(s) in directories (endings .html ×10, none ×2); …", or '' when none were. */
  skippedSummary(): string {
    let total = 0;
    for (const count of this.skipped.values()) total += count;
    const out = this.outSkipped ? 'the --out file' : '';
    if (total === 0) return out ? `skipped ${out} in directories` : '';
    return `skipped ${total} file(s) in directories (endings ${tally(this.skipped)}${out ? `; and ${out}` : ''}); choose endings with --ext (--ext '' for names without one, --ext '*' for every file)`;
  }
}

/** A directory entry as a walk sees it; symbolic links (and unknown types) by what they point to. */
async function kindOf(entry: Dirent, path: string): Promise<'directory' | 'file' | 'other'> {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice())
    return 'other';
  // A link, or a file system that does not say: what it points to. A dangling link counts as a file,
  // so reading it reports the broken link by name.
  const info: Stats | undefined = await stat(path).catch(() => undefined);
  if (info === undefined) return 'file';
  return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
}

/** The most frequent endings first: ".html ×10, none ×2, .pdf ×1 and 3 more". */
function tally(counts: Map<string, number>): string {
  const sorted = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const shown = sorted
    .slice(0, 5)
    .map(([ending, count]) => `${ending === '' ? 'none' : quoteEnding(ending)} ×${count}`);
  const more = sorted.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** An ending as written in messages: as is, control characters and quotes escaped. */
function quoteEnding(ending: string): string {
  return quoteName(ending).slice(1, -1);
}

/** ".txt or .md", ".txt, .md or extensionless" */
function describeEndings(extensions: readonly string[]): string {
  const names = extensions.map((e) => (e === '' ? 'extensionless' : quoteEnding(e)));
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** Throws the InputError for a CSV file, saying how to read it instead. */
function refuseRecords(path: string): void {
  const ending = endingOf(path);
  const kind = REFUSED[ending];
  if (kind === undefined) return;
  throw new InputError(
    `neardup: ${quoteName(path)} is ${kind} (${ending}): neardup reads prose, and would take its rows for paragraphs; write the text column to JSON Lines (.jsonl, one {"id", "text"} object a line), which neardup reads record by record, or to text files of their own`,
  );
}

export function describeError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return error.message;
  }
}
