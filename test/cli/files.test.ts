import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InputDocument, streamInputs } from '../../src/cli/files.js';
import { main } from '../../src/cli/main.js';
import { listInputs } from '../../src/cli/walk.js';
import type { Report } from '../../src/index.js';
import { memoryIo } from './io.js';

const FILES = 3000;
let dir: string;
let expected: string[];

/** Files f-0.txt … f-2999.txt, written in a shuffled order; names unpadded, so sorted ≠ numeric. */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-files-'));
  mkdirSync(join(dir, 'many'));
  const order = Array.from({ length: FILES }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const i of order) writeFileSync(join(dir, 'many', `f-${i}.txt`), textOf(i));
  expected = Array.from({ length: FILES }, (_, i) => join(dir, 'many', `f-${i}.txt`)).sort();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function textOf(i: number): string {
  return `File number ${i} holds words of its own: ${i.toString(36)} alpha${i} beta${i * 3} gamma${i * 7}.\n`;
}

/** A reader that waits a little (longer for some files, so reads finish out of order) and counts. */
function trackingReader() {
  const stats = { started: 0, inFlight: 0, maxInFlight: 0 };
  const read = async (path: string): Promise<Uint8Array> => {
    stats.started++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, path.length % 3));
      return await readFile(path);
    } finally {
      stats.inFlight--;
    }
  };
  return { stats, read };
}

describe('streamInputs with thousands of files', () => {
  it('lists a directory of 3000 files in sorted order', async () => {
    expect(await listInputs([join(dir, 'many')], ['.txt'])).toEqual(expected);
  });

  it('yields every file, in that order, with at most 32 reads in flight', async () => {
    const ids = await listInputs([join(dir, 'many')], ['.txt']);
    const { stats, read } = trackingReader();
    const warnings: string[] = [];
    const seen: InputDocument[] = [];
    for await (const doc of streamInputs(ids, { warn: (m) => warnings.push(m), readFile: read })) {
      seen.push(doc);
      expect(stats.inFlight).toBeLessThanOrEqual(32);
    }
    expect(seen.map((d) => d.id)).toEqual(expected);
    for (const doc of seen) expect(doc.text).toBe(textOf(Number(/f-(\d+)\.txt$/.exec(doc.id)![1])));
    expect(stats.started).toBe(FILES);
    expect(stats.maxInFlight).toBe(32); // bounded, and the bound is used
    expect(warnings).toEqual([]);
  });

  it('does not read ahead of a slow consumer by more than the 32 in flight', async () => {
    const { stats, read } = trackingReader();
    const stream = streamInputs(expected, { warn: () => {}, readFile: read });
    await stream.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stats.started).toBe(33); // the one consumed and a window of 32
    await stream.return(undefined);
  });

  it('runs the CLI on the 3000 files: every document, in sorted order, in the report', async () => {
    const io = memoryIo();
    expect(await main(['--format', 'json', join(dir, 'many')], io)).toBe(0);
    const report = JSON.parse(io.stdout.text) as Report;
    expect(report.documents.map((d) => d.id)).toEqual(expected);
    expect(report.stats.paragraphs).toBe(FILES);
    expect(io.stderr.text).toBe('');
  });
});
