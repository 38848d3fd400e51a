import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { integrationTestFiles, testFiles } from './test-kinds.ts';
import { startsServer } from './unit-process-guard.ts';

describe('test kinds', () => {
  const repoRoot = join(import.meta.dirname, '../..');
  const integration = integrationTestFiles(repoRoot);

  it('files that start PostgreSQL or pgtopo, directly or through a helper, are integration tests; the rest unit', () => {
    expect(integration).toEqual(expect.arrayContaining([
      'test/providers/local/pg-instance.test.ts', // PgInstance
      'test/proxy/pgbench.test.ts', // test/support/pg-cluster.ts
      'test/providers/local/sync-durability.test.ts', // durability-battery.ts → local-workspace.ts → run-pgtopo.ts
      'test/cli/node-version.test.ts', // spawns bin/pgtopo
    ]));
    const unit = testFiles(repoRoot).filter((file) => !integration.includes(file));
    expect(unit).toEqual(expect.arrayContaining(['test/proxy/router/sql-lexer.test.ts', 'test/engine/output/plan-renderers.test.ts']));
  });

  it('the unit guard refuses to start a server or pgtopo, but lets a binary tell its version', () => {
    expect(startsServer('/usr/lib/postgresql/17/bin/postgres', ['-D', '/data'])).toBe(true);
    expect(startsServer('pgbouncer', ['pgbouncer.ini'])).toBe(true);
    expect(startsServer('/repo/node_modules/.bin/node', ['/repo/bin/pgtopo', 'plan'])).toBe(true);
    expect(startsServer('/usr/lib/postgresql/17/bin/postgres', ['--version'])).toBe(false);
    expect(startsServer('flock', ['-x', 'lock'])).toBe(false);
  });
});
