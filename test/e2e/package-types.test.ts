// The published types as a strict consumer sees them: the package is packed (npm pack), unpacked into a
// temporary project's node_modules, and a file importing neardup and neardup/node is compiled with
// skipLibCheck off under each module resolution TypeScript offers. No network: the runtime
// dependencies are linked from this repository's node_modules.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../cli/run.js';

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Uses both entries, the SARIF log's fields and redisStorage's options: what a consumer's code touches. */
const consumer = `import { createIndex, findDuplicates, NearDupError, toSarif, type Report } from 'neardup';
import { findDuplicatesParallel, redisStorage, type RedisStorageOptions } from 'neardup/node';

export async function check(): Promise<number> {
  const report: Report = await findDuplicates(['same words here', 'same words here']);
  const log = toSarif(report, { 'doc-1': 'same words here', 'doc-2': 'same words here' });
  const rule: string | undefined = log.runs[0].results?.[0]?.ruleId;
  const line: number | undefined = log.runs[0].results?.[0]?.locations?.[0]?.physicalLocation?.region?.startLine;
  const options: RedisStorageOptions = { url: 'redis://127.0.0.1:6379', prefix: 'news' };
  const index = await createIndex({ storage: redisStorage(options) });
  await index.close();
  const parallel = await findDuplicatesParallel(['x'], { threshold: 0.8 }, { threads: 1 });
  const error = new NearDupError('INVALID_OPTION', 'neardup: example');
  return report.pairs.length + parallel.pairs.length + (rule ? 1 : 0) + (line ?? 0) + error.code.length;
}
`;

/** With the optional peers installed: ioredis clients (single node and cluster) and @types/sarif's Log. */
const withPeers = `import { Cluster, Redis } from 'ioredis';
import type { Log } from 'sarif';
import { findDuplicates, toSarif } from 'neardup';
import { redisStorage } from 'neardup/node';

export async function check(): Promise<Log> {
  redisStorage({ client: new Redis({ lazyConnect: true }) });
  redisStorage({ client: new Cluster([{ host: '127.0.0.1', port: 7000 }], { lazyConnect: true }) });
  // @ts-expect-error a client without the commands the storage sends is refused
  redisStorage({ client: { get: async (key: string) => key } });
  const report = await findDuplicates(['same words here', 'same words here']);
  const log: Log = toSarif(report, { 'doc-1': 'same words here', 'doc-2': 'same words here' });
  return log;
}
`;

/** The module/moduleResolution pairs, with the files each compiles (.mts and .cts: both conditions). */
const MODES = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext', files: ['consumer.mts', 'consumer.cts'] },
  bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['consumer.ts'] },
  node10: { module: 'commonjs', moduleResolution: 'node10', files: ['consumer.ts'] },
} as const;

let work: string;

/** A consumer project: the unpacked package, the given packages linked, the source in every file name. */
function project(name: string, source: string, linked: string[]): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  execFileSync('tar', ['-xzf', join(work, 'neardup.tgz'), '-C', join(dir, 'node_modules')]);
  renameSync(join(dir, 'node_modules', 'package'), join(dir, 'node_modules', 'neardup'));
  for (const pkg of [...Object.keys(manifest.dependencies), ...linked])
    symlinkSync(join(root, 'node_modules', pkg), join(dir, 'node_modules', pkg), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true }));
  for (const file of ['consumer.ts', 'consumer.mts', 'consumer.cts']) writeFileSync(join(dir, file), source);
  return dir;
}

function compile(dir: string, mode: keyof typeof MODES, skipLibCheck = false): string {
  const { files, ...compiler } = MODES[mode];
  const config = `tsconfig.${mode}.json`;
  writeFileSync(
    join(dir, config),
    JSON.stringify({
      compilerOptions: {
        ...compiler,
        target: 'es2022',
        lib: ['es2022'],
        strict: true,
        skipLibCheck,
        noEmit: true,
        types: [],
      },
      files,
    }),
  );
  const out = spawnSync(process.execPath, [tsc, '-p', config], { cwd: dir, encoding: 'utf8' });
  return `${out.stdout}${out.stderr}`.trim() || (out.status === 0 ? '' : `tsc exited ${out.status}`);
}

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'neardup-consumer-'));
  // --ignore-scripts: pack the dist/ just built, without running prepare (a rebuild) under other tests.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  renameSync(join(work, packed[0].filename), join(work, 'neardup.tgz'));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('published types (npm pack, skipLibCheck: false)', () => {
  for (const mode of Object.keys(MODES) as (keyof typeof MODES)[]) {
    it(`compile for a consumer without the optional peers: ${mode}`, () => {
      expect(compile(project(`bare-${mode}`, consumer, []), mode)).toBe('');
    }, 60_000);
  }

  // What is checked here is the consumer's own code against neardup's types (ioredis' and @types/node's
  // declarations are not neardup's to check, and take most of a minute to).
  it("take an ioredis Redis and Cluster as redisStorage's client and give @types/sarif's Log", () => {
    const peers = ['ioredis', '@types/sarif', '@types/node'];
    expect(compile(project('peers', withPeers, peers), 'nodenext', true)).toBe('');
  }, 60_000);
});
