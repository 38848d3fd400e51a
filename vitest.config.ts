import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { integrationTestFiles } from './test/support/test-kinds.ts';

// Two projects: `unit` (fast, no processes started) and `integration` (real PostgreSQL, PgBouncer, Pgpool-II and
// pgtopo processes). `npm test` runs both, `npm run test:unit` the first alone. test/support/test-kinds.ts decides
// which a file is.
const integration = integrationTestFiles(import.meta.dirname);
const shared = { pool: 'forks' as const, testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    globalSetup: ['test/support/node-compile-cache.ts'],
    // vitest's default, cores - 1, but at least two files at a time: on CI's 2 cores the default runs one file at a
    // time, while most of an integration file's time is spent waiting on the processes it started.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: integration, setupFiles: ['test/support/unit-process-guard.ts'] },
      },
      {
        // Integration tests start real PostgreSQL clusters; on a 2-core machine they need room.
        test: { ...shared, name: 'integration', include: integration.length > 0 ? integration : ['no-integration-tests'] },
      },
    ],
  },
});
