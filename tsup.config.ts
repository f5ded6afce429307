import { defineConfig } from 'tsup';

// Runtime dependencies stay external; natural is an optional peer loaded lazily.
const external = ['xxhash-wasm', 'fast-levenshtein', /^natural(\/.*)?$/];

export default defineConfig([
  {
    // The library: runs in Node and browsers, so no node:* imports (test/api.test.ts checks).
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
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
