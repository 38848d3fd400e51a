// postgres.js (porsager/postgres): its tests are one file (tests/index.js) run by a small harness that stops
// running tests after the first failure. The runner's copy of the harness (in the scratch directory only) runs
// every test and prints one PGTOPO_TEST line per finished test, so each test is a unit of pass/fail. The
// suite's bootstrap (tests/bootstrap.js) makes its roles and database with psql through the endpoint tested.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractRepository, libpqEnv, runCommand, type DriverSuite, type SuiteResult } from './driver-suite.ts';

const SUITE_TIMEOUT_MS = 20 * 60_000;
const RESULT_PREFIX = 'PGTOPO_TEST ';
/**
 * Tests that need a replication connection, which the proxy refuses (0A000) in both modes: through it the first
 * one's unhandled error ends the test process, so they are reported failed without running and the rest run.
 */
const NEEDS_REPLICATION = ['subscribe', 'subscribe with transform', 'subscribe reconnects and calls onsubscribe'];
const SKIPPED = 'not run through the proxy: needs a replication connection';

/** The harness edits: keep running after a failure, report each test as it finishes, exit when done. */
const HARNESS_EDITS: [RegExp, string][] = [
  [
    /failed\s*\?\s*\(ignored\+\+, ignore\)\s*:\s*fn\(\)/,
    `(process.env.PGTOPO_SKIP_TESTS || '').split('|').includes(name) ? Promise.reject(new Error('${SKIPPED}')) : fn()`,
  ],
  [
    /\+\+done === Object\.keys\(tests\)\.length && exit\(\)/,
    `process.stdout.write('\\n${RESULT_PREFIX}' + JSON.stringify({ name: tests[line].name, line, ok: !!tests[line].succeeded, error: tests[line].error ? String(tests[line].error.message || tests[line].error).slice(0, 300) : null }) + '\\n'), ++done === Object.keys(tests).length && exit()`,
  ],
  // Connections a failed test left open would keep the process alive after the summary.
  [/function exit\(\) \{/, 'function exit() {\n  setTimeout(() => process.exit(), 3000)'],
];

interface TestLine {
  name: string;
  line: string;
  ok: boolean;
  error: string | null;
}

export const postgresJsSuite: DriverSuite = {
  name: 'postgres.js',
  roles: [
    { name: 'postgres_js_test', password: null, method: 'trust' },
    { name: 'postgres_js_test_md5', password: 'postgres_js_test_md5', method: 'md5' },
    { name: 'postgres_js_test_scram', password: 'postgres_js_test_scram', method: 'scram-sha-256' },
  ],
  async prepare(scratch, gitDir) {
    await extractRepository(gitDir, scratch);
    const harness = join(scratch, 'tests', 'test.js');
    let text = await readFile(harness, 'utf8');
    for (const [pattern, replacement] of HARNESS_EDITS) {
      if (!pattern.test(text)) throw new Error(`postgres.js harness changed: ${pattern} not found in tests/test.js`);
      text = text.replace(pattern, replacement);
    }
    await writeFile(harness, text);
  },
  async run(scratch, endpoint) {
    const throughProxy = endpoint.port !== endpoint.postgres.port;
    const env = libpqEnv(endpoint, throughProxy ? { PGTOPO_SKIP_TESTS: NEEDS_REPLICATION.join('|') } : {});
    const { output } = await runCommand(process.execPath, ['tests/index.js'], { cwd: scratch, env, timeoutMs: SUITE_TIMEOUT_MS });
    const result: SuiteResult = { passed: [], failed: new Map() };
    for (const line of output.split('\n')) {
      if (!line.startsWith(RESULT_PREFIX)) continue;
      const test = JSON.parse(line.slice(RESULT_PREFIX.length)) as TestLine;
      const name = `${test.name} (line ${test.line})`;
      if (test.ok) result.passed.push(name);
      else result.failed.set(name, test.error ?? 'failed');
    }
    if (result.passed.length + result.failed.size === 0) result.failed.set('tests/index.js', output.slice(-500));
    return result;
  },
};
