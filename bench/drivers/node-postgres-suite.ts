// node-postgres (brianc/node-postgres, packages/pg): its integration tests are one Node script per file, run
// as its Makefile does (`node <file> postgres://`), each exiting non-zero at its first failed test. The unit of
// pass/fail is the file; a file's tests print "name ✔" as they pass.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { extractRepository, libpqEnv, npmInstall, runCommand, type DriverSuite, type SuiteResult } from './driver-suite.ts';

const PACKAGE = 'packages/pg';
/** Development dependencies the integration tests require (the rest build and test the Cloudflare variant). */
const TEST_DEPENDENCIES = ['async', 'bluebird', 'co', 'pg-copy-streams'];
const FILE_TIMEOUT_MS = 120_000;

export const nodePostgresSuite: DriverSuite = {
  name: 'node-postgres',
  roles: [],
  async prepare(scratch, gitDir) {
    await extractRepository(gitDir, scratch, [PACKAGE]);
    const manifest = JSON.parse(await readFile(join(scratch, PACKAGE, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const wanted = { ...manifest.dependencies, ...Object.fromEntries(TEST_DEPENDENCIES.map((name) => [name, manifest.devDependencies[name]])) };
    // The workspace siblings (pg-protocol, pg-pool, ...) come from the registry at the versions pg asks for.
    await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'pgtopo-driver-scratch', private: true }));
    await npmInstall(scratch, Object.entries(wanted).map(([name, range]) => `${name}@${range}`));
  },
  async run(scratch, endpoint) {
    const root = join(scratch, PACKAGE);
    const files = (await testFiles(join(root, 'test', 'integration'))).sort();
    const env = libpqEnv(endpoint, { SCRAM_TEST_PGUSER: endpoint.user, SCRAM_TEST_PGPASSWORD: endpoint.password });
    const result: SuiteResult = { passed: [], failed: new Map() };
    for (const file of files) {
      const name = relative(join(root, 'test', 'integration'), file);
      const { code, output } = await runCommand(process.execPath, [file, 'postgres://'], { cwd: root, env, timeoutMs: FILE_TIMEOUT_MS });
      if (code === 0) result.passed.push(name);
      else result.failed.set(name, firstFailure(output, code));
    }
    return result;
  },
};

async function testFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('-tests.js')).map((e) => join(e.parentPath, e.name));
}

/** The failed test's line and the first line of its error, as the suite prints them. */
function firstFailure(output: string, code: number | null): string {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const failed = lines.findIndex((line) => /FAILED!|Error|assert|did not complete/i.test(line));
  if (failed < 0) return code === null ? 'killed after the timeout' : `exit ${code}: ${lines.at(-1) ?? ''}`;
  return lines.slice(Math.max(0, failed - 1), failed + 2).join(' | ').slice(0, 300);
}
