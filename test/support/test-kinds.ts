// Which test files are integration tests: those that start PostgreSQL, PgBouncer, Pgpool-II or pgtopo processes,
// by themselves or through a test helper. Decided from what the files import (a module that starts processes, or a
// test helper that does, followed through test/), so a new test lands in the right project by itself. Should this
// miss one, the unit project's process guard (unit-process-guard.ts) fails it with a message saying so.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Imports that start processes: spawning directly, or the modules that run PostgreSQL, proxies and tools. */
const PROCESS_STARTERS = [
  /^node:child_process$/,
  /\/providers\/local\/(pg-instance|pg-command|proxy-process|primary-lock|local-provider|postgres-resource|proxy-resource|restart-parameters)\.ts$/,
  /\/cli\/program\.ts$/,
  /\/bench\/targets\//,
  /\/bench\/daemon-process\.ts$/,
];

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function testFiles(root: string): string[] {
  return walk(join(root, 'test')).filter((file) => file.endsWith('.test.ts')).map((file) => relative(root, file)).sort();
}

export function integrationTestFiles(root: string): string[] {
  const verdicts = new Map<string, boolean>();
  return testFiles(root).filter((file) => startsProcesses(resolve(root, file), root, verdicts));
}

function startsProcesses(file: string, root: string, verdicts: Map<string, boolean>): boolean {
  const known = verdicts.get(file);
  if (known !== undefined) return known;
  verdicts.set(file, false); // an import cycle adds nothing
  const specifiers = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((match) => match[1] ?? match[2]!);
  const verdict = specifiers.some((specifier) => {
    const target = specifier.startsWith('.') ? resolve(dirname(file), specifier) : specifier;
    if (PROCESS_STARTERS.some((pattern) => pattern.test(target))) return true;
    const insideTests = target.startsWith(join(root, 'test')) && existsSync(target);
    return insideTests && startsProcesses(target, root, verdicts);
  });
  verdicts.set(file, verdict);
  return verdict;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]);
}
