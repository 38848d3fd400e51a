import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgBinaries, PgBinariesError } from '../../../providers/local/pg-binaries.ts';

let emptyDir: string;

beforeAll(async () => {
  emptyDir = await mkdtemp(join(tmpdir(), 'pgtopo-bin-'));
  await writeFile(join(emptyDir, 'initdb'), '#!/bin/sh\n', { mode: 0o755 });
});

afterAll(async () => {
  await rm(emptyDir, { recursive: true, force: true });
});

describe('findPgBinaries', () => {
  it('finds an installed server with initdb, postgres and pg_ctl and reads its major version', () => {
    const found = findPgBinaries({});
    expect(['pg_config', 'debian']).toContain(found.source);
    expect(found.version).toBeGreaterThanOrEqual(10);
    expect(found.tool('pg_basebackup')).toBe(join(found.binDir, 'pg_basebackup'));
  });

  it('uses PGTOPO_PG_BIN when it holds the server binaries', () => {
    const installed = findPgBinaries({});
    const found = findPgBinaries({ PGTOPO_PG_BIN: installed.binDir });
    expect(found).toMatchObject({ binDir: installed.binDir, source: 'PGTOPO_PG_BIN', version: installed.version });
  });

  it('names the missing binaries when PGTOPO_PG_BIN points at the wrong directory', () => {
    expect(() => findPgBinaries({ PGTOPO_PG_BIN: emptyDir })).toThrow(PgBinariesError);
    expect(() => findPgBinaries({ PGTOPO_PG_BIN: emptyDir })).toThrow(
      `PGTOPO_PG_BIN=${emptyDir} does not contain postgres, pg_ctl`,
    );
  });

  it('rejects a PGTOPO_PG_BIN that does not exist', () => {
    expect(() => findPgBinaries({ PGTOPO_PG_BIN: '/nonexistent/pg/bin' })).toThrow(/does not contain initdb, postgres, pg_ctl/);
  });
});
