// Two processes drawing ports at once never hand out the same one: each draw is reserved machine-wide before it is
// checked (port-reservations.ts). Without it, two draws of 300 from the 10,000 drawn ports overlap almost surely
// (the birthday bound: 1 - e^(-9) ≈ 99.99 %); nothing binds the ports here, so every one is free when checked.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const FREE_PORT = resolve(import.meta.dirname, '../../../providers/local/free-port.ts');
const DRAW = `import { allocateFreePort } from ${JSON.stringify(FREE_PORT)};
const ports = await Promise.all(Array.from({ length: 300 }, () => allocateFreePort()));
process.stdout.write(JSON.stringify(ports));`;

async function drawInAnotherProcess(): Promise<number[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', DRAW]);
  return JSON.parse(stdout) as number[];
}

describe('port reservations across processes', () => {
  it('two processes drawing 300 ports each at once hand out no port twice', async () => {
    const [first, second] = await Promise.all([drawInAnotherProcess(), drawInAnotherProcess()]);
    expect(first).toHaveLength(300);
    expect(second).toHaveLength(300);
    expect(first.filter((port) => second.includes(port))).toEqual([]);
  });
});
