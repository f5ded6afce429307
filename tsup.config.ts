import { defineConfig } from 'tsup';

// Runtime dependencies stay external; natural is an optional peer loaded lazily.
const external = ['xxhash-wasm', 'fast-levenshtein', /^natural(\/.*)?$/];

export default defineConfig([
  {
    // The library: runs in Node and browsers, so no node:* imports outside src/node and src/cli
    // (test/api.test.ts checks). neardup/node (worker threads) is built with it, so that both entries
    // share one copy of the core (one NearDupError class) through split chunks.
    entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
    format: ['esm', 'cjs'],
    splitting: true,
    shims: true,
    dts: { entry: { index: 'src/index.ts', node: 'src/node/index.ts' } },
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    external,
  },
  {
    // The verification thread of neardup/node: one self-contained ES module (a thread has its own copy
    // of everything anyway), started by both the ESM and the CommonJS build of neardup/node.
    entry: { 'node-worker': 'src/node/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    external,
  },
  {
    // The CLI: Node only.
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    external,
  },
]);
