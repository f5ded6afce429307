import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeValue } from '../src/errors.js';
import { createDetector, findDuplicates, NearDupError } from '../src/index.js';
import { ensureBuilt, root } from './cli/run.js';

describe('NearDupError', () => {
  it('has its name, its code, a neardup: message and an optional cause', () => {
    const cause = new Error('underneath');
    const error = new NearDupError('INVALID_OPTION', 'option x must be 1, got 2', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(NearDupError);
    expect(error.name).toBe('NearDupError');
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe('neardup: option x must be 1, got 2');
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe('NearDupError: neardup: option x must be 1, got 2');
    expect(error.stack).toContain('NearDupError: neardup: option x');
  });

  it('adds the neardup: prefix once', () => {
    expect(new NearDupError('INVALID_INPUT', 'neardup: already there').message).toBe(
      'neardup: already there',
    );
  });

  it('is what the API throws, with a stable code and the offending value named', async () => {
    const input = await findDuplicates('not documents' as never).catch((e: unknown) => e);
    expect(input).toBeInstanceOf(NearDupError);
    expect(input).toMatchObject({ name: 'NearDupError', code: 'INVALID_INPUT' });
    expect((input as NearDupError).message).toMatch(/^neardup: .*"not documents"/);
    const option = await createDetector({ threshold: 2 }).catch((e: unknown) => e);
    expect(option).toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('got 2') });
  });

  it('is not claimed by other errors or look-alikes', () => {
    expect(new Error('neardup: x')).not.toBeInstanceOf(NearDupError);
    expect({ name: 'NearDupError', code: 'INVALID_INPUT', message: 'neardup: x' }).not.toBeInstanceOf(
      NearDupError,
    );
    expect((null as unknown) instanceof NearDupError).toBe(false);
  });

  it('keeps its brand out of JSON and enumeration', () => {
    const error = new NearDupError('DUPLICATE_ID', 'x');
    expect(Object.keys(error).sort()).toEqual(['code', 'name']);
    expect(
      Object.getOwnPropertySymbols(error).map((s) => Object.getOwnPropertyDescriptor(error, s)?.enumerable),
    ).toEqual([false]);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'NearDupError', code: 'DUPLICATE_ID' });
  });

  it('is recognised across the ESM and CommonJS builds (instanceof both ways)', () => {
    ensureBuilt();
    const script = `
      import { createRequire } from 'node:module';
      import * as esm from ${JSON.stringify(join(root, 'dist', 'index.js'))};
      const cjs = createRequire(import.meta.url)(${JSON.stringify(join(root, 'dist', 'index.cjs'))});
      const fromCjs = await cjs.findDuplicates('x').catch((e) => e);
      const fromEsm = await esm.findDuplicates('x').catch((e) => e);
      console.log(JSON.stringify([esm.NearDupError === cjs.NearDupError, fromCjs instanceof esm.NearDupError,
        fromEsm instanceof cjs.NearDupError, fromCjs instanceof cjs.NearDupError, fromEsm.code, fromCjs.name]));`;
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual([false, true, true, true, 'INVALID_INPUT', 'NearDupError']);
  });
});

describe('describeValue', () => {
  it.each([
    ['abc', '"abc"'],
    ['x'.repeat(80), `"${'x'.repeat(57)}..."`],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    [true, 'true'],
    [10n, '10'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1, 2, 3], 'an array of length 3'],
    [() => 1, 'a function'],
    [{ a: 1 }, 'an object ([object Object])'],
    [new Map(), 'an object ([object Map])'],
  ])('shows %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });
});
