import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTopology, type LoadResult } from '../../../engine/topology/load-topology.ts';
import { crashPatterns, repoRoot, runPgtopo, type CliRun } from '../../cli/run-pgtopo.ts';
import { providerRegistry } from '../../../cli/provider-registry.ts';

// The CLI's providers (without PGTOPO_SIMULATE): their rules, local port clashes included, are part of loading.
const providers = providerRegistry({});

// No input may make pgtopo print a stack trace. The bulk runs in-process through parseTopology (fast); a
// representative ~20 files go through the real CLI.

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20221110);
const int = (below: number) => Math.floor(random() * below);

function randomBytes(length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => int(256)));
}

// Printable text biased towards YAML's own syntax so the parser's error paths get exercised, not only its scalars.
const yamlAlphabet = [...'abcdefxyz0123456789 ', ...':-[]{},&*!|>#\'"%@`?\n\n\n  ', 'version: 1\n', 'clusters:\n', '  dev:\n', 'environment: '];
function randomText(length: number): string {
  return Array.from({ length }, () => yamlAlphabet[int(yamlAlphabet.length)]).join('');
}

const examplesDir = join(repoRoot, 'examples');
const examples = readdirSync(examplesDir).filter((name) => name.endsWith('.yaml')).sort();
const exampleBytes = new Map(examples.map((name) => [name, readFileSync(join(examplesDir, name))]));

function truncations(bytes: Buffer, count: number): Buffer[] {
  return Array.from({ length: count }, () => bytes.subarray(0, int(bytes.length)));
}

function expectExplained(result: LoadResult, input: string): void {
  const diagnostics = result.ok ? result.value.warnings : result.diagnostics;
  for (const d of diagnostics) {
    expect(d.line, input).toBeGreaterThanOrEqual(1);
    expect(d.column, input).toBeGreaterThanOrEqual(1);
    expect(d.message.length, input).toBeGreaterThan(0);
    for (const pattern of crashPatterns) expect(d.message, input).not.toMatch(pattern);
  }
  if (!result.ok) expect(result.diagnostics.some((d) => d.severity === 'error'), input).toBe(true);
}

function parseSafely(text: string): LoadResult {
  try {
    return parseTopology(text, 'fuzz.yaml', providers);
  } catch (error) {
    throw new Error(`parseTopology threw on ${JSON.stringify(text.slice(0, 300))}: ${(error as Error).message}`, { cause: error });
  }
}

/** Every path in a parsed document, with the value found there. */
function leafAndBranchPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [path];
  const children = Object.entries(value).flatMap(([key, child]) =>
    leafAndBranchPaths(child, [...path, Array.isArray(value) ? Number(key) : key]));
  return [path, ...children];
}

function withValueAt(document: unknown, path: Array<string | number>, replacement: unknown): unknown {
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = replacement;
  return copy;
}

const wrongValues: unknown[] = [null, true, 0, -1, 1.5, '', 'x', 'ALL', [], [1, 2], {}, { a: 1 }];

describe('parseTopology on hostile input (in-process bulk)', () => {
  it('explains 100 files of random bytes without throwing', () => {
    for (let i = 0; i < 100; i++) {
      const text = randomBytes(int(2000)).toString('utf8');
      const result = parseSafely(text);
      expect(result.ok).toBe(false);
      expectExplained(result, text);
    }
  });

  it('explains 100 files of random YAML-ish text without throwing', () => {
    for (let i = 0; i < 100; i++) {
      const text = randomText(1 + int(400));
      const result = parseSafely(text);
      expect(result.ok).toBe(false);
      expectExplained(result, text);
    }
  });

  it('explains every example truncated at 30 random byte offsets', () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const [name, bytes] of exampleBytes) {
      for (const cut of truncations(bytes, 30)) expectExplained(parseSafely(cut.toString('utf8')), `${name} cut at ${cut.length}`);
    }
  });

  it('explains every example with any one value replaced by a value of the wrong kind', () => {
    let variants = 0;
    for (const [name, bytes] of exampleBytes) {
      const document = parse(bytes.toString('utf8')) as unknown;
      const paths = leafAndBranchPaths(document).filter((path) => path.length > 0);
      for (const path of paths) {
        for (const value of wrongValues) {
          expectExplained(parseSafely(stringify(withValueAt(document, path, value))), `${name} ${path.join('.')} = ${JSON.stringify(value)}`);
          variants++;
        }
      }
    }
    expect(variants).toBeGreaterThan(1000);
  });
});

describe('pgtopo validate on hostile files (real CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const billionLaughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');
  const deepBlock = Array.from({ length: 3000 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n');

  const cases: Array<[string, string]> = [
    ...[1, 2].map((n): [string, string] => [`random bytes #${n}`, write(`bytes-${n}.yaml`, randomBytes(200 + int(4000)))]),
    ...[1].map((n): [string, string] => [`random text #${n}`, write(`text-${n}.yaml`, randomText(200 + int(800)))]),
    ...examples.map((name): [string, string] => [`truncated ${name}`, write(`cut-${name}`, truncations(exampleBytes.get(name)!, 1)[0]!)]),
    ['a directory', dir],
    ['a missing file', join(dir, 'does-not-exist.yaml')],
    ['an empty file', write('empty.yaml', '')],
    ['a binary file', write('binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1]))],
    ['invalid UTF-8', write('latin1.yaml', Buffer.from('version: 1\nname: caf\xe9\nclusters: {}\n', 'latin1'))],
    ['a YAML bomb (billion laughs)', write('bomb.yaml', billionLaughs)],
    ['deeply nested flow sequences', write('deep-flow.yaml', `${'['.repeat(20000)}${']'.repeat(20000)}`)],
    ['deeply nested block mappings', write('deep-block.yaml', deepBlock)],
  ];

  const runs = new Map<string, Promise<CliRun>>();
  const run = (label: string, file: string) => {
    if (!runs.has(label)) runs.set(label, runPgtopo(['validate', file]));
    return runs.get(label)!;
  };

  for (const [label, file] of cases) {
    // A cut can fall after the last meaningful line and leave a valid file; anything else must be refused.
    const mayBeValid = label.startsWith('truncated');
    it(`${label}: exit ${mayBeValid ? '0 or 1' : '1 with a located error'}, no stack trace`, async () => {
      const result = await run(label, file);
      if (mayBeValid && result.code === 0) expect(result.stdout).toContain('is valid');
      else {
        expect(result.code, result.stdout + result.stderr).toBe(1);
        expect(result.stderr).toMatch(/:\d+:\d+: error: /);
      }
      for (const pattern of crashPatterns) expect(result.stderr).not.toMatch(pattern);
    });
  }

  it('pgtopo features on hostile files: exit 1, no stack trace', async () => {
    // type-clusters-list.yaml once crashed the semantic rules ("Error: Cannot read properties of undefined").
    const files = [dir, join(dir, 'bomb.yaml'), join(repoRoot, 'test/fixtures/invalid/type-clusters-list.yaml')];
    const results = await Promise.all(files.map((file) => runPgtopo(['features', file])));
    for (const result of results) {
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(result.stdout).toBe('');
      for (const pattern of crashPatterns) expect(result.stderr).not.toMatch(pattern);
    }
  });

  it('an example: exit 0', async () => {
    const result = await runPgtopo(['validate', join(examplesDir, examples[0]!)]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('is valid');
  });

  it('the YAML bomb is refused as such, not expanded', async () => {
    const result = await run('a YAML bomb (billion laughs)', cases.find(([label]) => label.startsWith('a YAML bomb'))![1]);
    expect(result.stderr).toMatch(/alias/i);
  });

  // Once said "expected an object, got null null".
  it('an empty file is called empty', async () => {
    const result = await run('an empty file', join(dir, 'empty.yaml'));
    expect(result.stderr).toMatch(/empty/i);
    expect(result.stderr).not.toContain('null null');
  });

  // Once leaked "Invalid regular expression: /(.*?)\r?\n/sy: Stack overflow" and "Maximum call stack size exceeded".
  it('deep nesting is explained as too deep, not as a JavaScript stack overflow', async () => {
    for (const label of ['deeply nested flow sequences', 'deeply nested block mappings']) {
      const result = await run(label, cases.find(([l]) => l === label)![1]);
      expect(result.stderr).not.toMatch(/call stack|stack overflow|regular expression/i);
      expect(result.stderr).toMatch(/nest|deep/i);
    }
  });

  // Once said "EISDIR: illegal operation on a directory, read".
  it('a directory is called a directory, without errno codes', async () => {
    const result = await run('a directory', dir);
    expect(result.stderr).toMatch(/is a directory/);
    expect(result.stderr).not.toContain('EISDIR');
  });
});
