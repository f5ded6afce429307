import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDuplicates, LANGUAGES } from '../../src/index.js';

describe('with natural installed', () => {
  it('stems words, so inflected copies become near duplicates', async () => {
    const a = 'The ministers discussed the agreements and signed the treaties quickly';
    const b = 'The minister discusses the agreement and signs the treaty quickly';
    const plain = await findDuplicates([a, b]);
    const stemmed = await findDuplicates([a, b], { stem: true });
    expect(plain.pairs).toEqual([]);
    expect(stemmed.options.stem).toBe('english');
    expect(stemmed.pairs).toHaveLength(1);
    expect(stemmed.pairs[0].kind).toBe('near'); // equal stems, different words: not exact
    expect(stemmed.pairs[0].jaccard).toBe(1);
  });

  it("drops natural's English stopwords, or a list of your own", async () => {
    const a = 'the cat sat on the mat near the door';
    const b = 'a cat sat on a mat near a door';
    expect((await findDuplicates([a, b])).pairs).toEqual([]);
    const english = await findDuplicates([a, b], { stopwords: true });
    expect(english.pairs[0]?.jaccard).toBe(1);
    const own = await findDuplicates([a, b], { stopwords: ['the', 'A'] });
    expect(own.pairs[0]?.jaccard).toBe(1);
    expect(own.options.stopwords).toEqual(['the', 'A']);
  });

  it('stems other languages through their own submodules', async () => {
    const report = await findDuplicates(['les chats mangent', 'le chat mange'], { stem: 'french' });
    expect(report.options.stem).toBe('french');
  });
});

describe("natural's package root is never loaded", () => {
  const root = resolve(__dirname, '..', '..');
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
  }, 120_000);

  // Every stemmer and stopword list through the built package, in a fresh process, which then prints the
  // natural modules in require.cache (CommonJS modules land there when ESM imports them, too).
  const body = `
    for (const stem of ${JSON.stringify(LANGUAGES)}) await findDuplicates(['the cats ran'], { stem });
    for (const stopwords of ${JSON.stringify(LANGUAGES.filter((l) => l !== 'german'))})
      await findDuplicates(['the cats ran'], { stopwords });
    const cache = createRequire(${JSON.stringify(join(root, 'package.json'))}).cache;
    process.stdout.write(JSON.stringify(Object.keys(cache).filter((k) => k.includes('natural'))));`;
  const esm = `import { createRequire } from 'node:module';
    import { findDuplicates } from ${JSON.stringify(join(root, 'dist', 'index.js'))};
    ${body}`;
  const cjs = `const { createRequire } = require('node:module');
    const { findDuplicates } = require(${JSON.stringify(join(root, 'dist', 'index.cjs'))});
    (async () => { ${body} })();`;

  it.each([
    ['ESM', 'module', esm],
    ['CJS', 'commonjs', cjs],
  ])(
    'loads only the submodules asked for (%s build), and nothing prints to stdout',
    (_build, type, source) => {
      const out = spawnSync(process.execPath, [`--input-type=${type}`], { input: source, encoding: 'utf8' });
      expect(out.stderr).toBe('');
      expect(out.stdout).toMatch(/^\[.*\]$/); // our one line only: natural's root would print
      const loaded = (JSON.parse(out.stdout) as string[]).map((path) =>
        path.replace(/^.*node_modules[\\/]/, '').replaceAll('\\', '/'),
      );
      expect(loaded).toContain('natural/lib/natural/stemmers/porter_stemmer.js');
      expect(loaded).toContain('natural/lib/natural/stemmers/porter_stemmer_sv.js');
      expect(loaded).toContain('natural/lib/natural/util/stopwords_fr.js');
      expect(loaded).not.toContain('natural/lib/natural/index.js');
      expect(
        loaded.filter(
          (path) => !/^natural\/lib\/natural\/(stemmers|util|tokenizers|normalizers)\//.test(path),
        ),
      ).toEqual([]);
    },
  );
});

describe('without natural installed (the built package in a project that lacks it)', () => {
  const root = resolve(__dirname, '..', '..');
  let project: string;

  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
    project = mkdtempSync(join(tmpdir(), 'neardup-no-natural-'));
    const modules = join(project, 'node_modules');
    mkdirSync(join(modules, 'neardup'), { recursive: true });
    // Copies, not links: Node resolves imports from a link's real path, which would find the repo's natural.
    cpSync(join(root, 'dist'), join(modules, 'neardup', 'dist'), { recursive: true });
    cpSync(join(root, 'package.json'), join(modules, 'neardup', 'package.json'));
    for (const dep of ['xxhash-wasm', 'fast-levenshtein'])
      symlinkSync(join(root, 'node_modules', dep), join(modules, dep));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  function run(source: string, file: string): { stdout: string; stderr: string; status: number | null } {
    writeFileSync(join(project, file), source);
    const result = spawnSync(process.execPath, [join(project, file)], { cwd: project, encoding: 'utf8' });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
  }

  it('works as long as stemming and stopwords are not asked for (ESM)', () => {
    const out = run(
      `import { findDuplicates } from 'neardup';
       const r = await findDuplicates(['a b c d', 'a b c d']);
       console.log(r.pairs[0].kind);`,
      'plain.mjs',
    );
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe('exact');
  });

  it('throws PEER_DEPENDENCY_MISSING saying how to install natural (CJS)', () => {
    const out = run(
      `const { findDuplicates } = require('neardup');
       findDuplicates(['a b c'], { stem: true }).then(
         () => console.log('no error'),
         (e) => console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })));`,
      'stem.cjs',
    );
    const error = JSON.parse(out.stdout);
    expect(error).toMatchObject({ name: 'NearDupError', code: 'PEER_DEPENDENCY_MISSING' });
    expect(error.message).toMatch(/^neardup:/);
    expect(error.message).toContain('npm install natural');
  });
});
