import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultResultsPath } from '../../bench/results-file.ts';

let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('default results path', () => {
  it('names the file after the day and host, and numbers later runs of the day instead of overwriting', () => {
    dir = mkdtempSync(join(tmpdir(), 'pgtopo-bench-results-'));
    const startedAt = new Date('2026-11-24T05:00:00Z');
    const first = defaultResultsPath(startedAt, 'db host/1', dir);
    expect(basename(first)).toBe('2026-11-24-db_host_1.json');
    writeFileSync(first, '{}');
    const second = defaultResultsPath(startedAt, 'db host/1', dir);
    expect(basename(second)).toBe('2026-11-24-db_host_1-2.json');
    writeFileSync(second, '{}');
    expect(basename(defaultResultsPath(startedAt, 'db host/1', dir))).toBe('2026-11-24-db_host_1-3.json');
  });
});
