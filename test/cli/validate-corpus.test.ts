import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../cli/program.ts';
import { corpus, entries, type Entry } from '../engine/topology/invalid-corpus-table.ts';
import { repoRoot } from './run-pgtopo.ts';

// `pgtopo validate` itself (the command, in-process: 80 spawns would be slow) on every fixture of the corpus: the
// exit code, and each expected finding printed as `file:line:column: error: message`.

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function validate(file: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await runCli(['--no-color', 'validate', file]);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

afterEach(() => {
  vi.restoreAllMocks();
  // runCli reports through process.exitCode; the test worker must not inherit it.
  process.exitCode = undefined;
});

async function check(name: string, entry: Entry): Promise<void> {
  const file = relative(repoRoot, join(corpus, name));
  const result = await validate(file);
  expect(result.code, result.stdout + result.stderr).toBe(entry.errors === 0 ? 0 : 1);
  for (const want of entry.expect) {
    const line = `${file}:${want.at}: ${want.severity ?? 'error'}: `;
    const printed = result.stderr.split('\n').filter((l) => l.startsWith(line));
    expect(printed.some((l) => l.includes(want.message)), `${line}${want.message} in\n${result.stderr}`).toBe(true);
  }
  if (entry.errors === 0) expect(result.stdout).toContain(`${file} is valid`);
  else expect(result.stderr).toContain(`✗ ${file}: ${entry.errors} error${entry.errors === 1 ? '' : 's'}`);
}

describe('pgtopo validate on the invalid corpus', () => {
  // Entries with a known defect are checked (as it.fails) by test/engine/topology/invalid-corpus.test.ts.
  for (const [name, entry] of entries.filter(([, e]) => !e.bug && !e.same)) {
    it(`${name}: exit ${entry.errors === 0 ? 0 : 1}, ${entry.expect.map((e) => e.at).join(', ')}`, () => check(name, entry));
  }
});
