import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './run-pgtopo.ts';

// `bin/pgtopo` started by a Node too old to run TypeScript says which Node it needs and how to get it, instead of
// an internal error about the ".ts" file extension. The machine's own Node (outside node_modules) is such a Node
// on Debian's current release.

const MINIMUM = [22, 19];

function olderNode(): string | undefined {
  const found = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout.split('\n').filter((path) => path !== '' && !path.includes('node_modules'));
  return found.find((path) => {
    const [major, minor] = execFileSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.').map(Number);
    return major! < MINIMUM[0]! || (major === MINIMUM[0] && minor! < MINIMUM[1]!);
  });
}

const node = olderNode();

describe('bin/pgtopo on an old Node', () => {
  it.skipIf(node === undefined)(`names the Node it needs and how to get it (${node ?? 'no Node older than 22.19 here'})`, () => {
    const run = spawnSync(node!, [join(repoRoot, 'bin/pgtopo'), '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('pgtopo: needs Node.js 22.19 or newer; this is Node ');
    expect(run.stderr).toContain('`npm ci` installs Node 24 into node_modules and `npx pgtopo …` runs on it');
    expect(run.stderr).not.toContain('internal error');
    expect(run.stdout).toBe('');
  });
});
