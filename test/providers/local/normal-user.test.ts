// The local provider run by an ordinary user. The rest of the suite runs as whoever runs the tests: as root
// (CI) pgtopo starts PostgreSQL as the `postgres` OS user, as anyone else it runs everything as that user. This
// file covers the other case when the tests run as root: the whole CLI runs as `postgres`, no root anywhere.
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { repoRoot, runPgtopo } from '../../cli/run-pgtopo.ts';
import { PASSWORDS, devTopology, queryAs } from './local-workspace.ts';

const asRoot = process.getuid?.() === 0;
const user = asRoot ? resolveDbOsUser() : undefined;
// The user must be able to read the checkout (a checkout under a private home directory is not).
const canReadCheckout = user !== undefined
  && spawnSync('test', ['-r', join(repoRoot, 'bin/pgtopo'), '-a', '-x', join(repoRoot, 'node_modules/.bin/node')], { uid: user.uid, gid: user.gid }).status === 0;

const topology = devTopology('nu', 2, ['instances: 1']);

describe.skipIf(!canReadCheckout)(`the local provider run by the unprivileged ${user?.name} user`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-normal-user-'));
  const file = join(dir, 'pgtopo.yaml');
  const identity = { uid: user!.uid, gid: user!.gid };
  const env = { ...PASSWORDS, HOME: dir };
  const pgtopo = (...args: string[]) => runPgtopo([args[0]!, file, ...args.slice(1)], { env, as: identity });

  afterAll(async () => {
    await pgtopo('destroy', '--auto-approve');
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('applies a replicated cluster with a proxy that serves reads and writes, and destroys it', async () => {
    writeFileSync(file, topology);
    chownSync(dir, identity.uid, identity.gid);
    chownSync(file, identity.uid, identity.gid);
    const apply = await pgtopo('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(apply.stdout.slice(apply.stdout.indexOf('Outputs:')))?.[1]);
    // txid_current() writes (it assigns a transaction id), so the proxy sends it to the primary.
    const [written] = await queryAs(port, 'app', 'SELECT pg_is_in_recovery() AS standby, txid_current() > 0 AS wrote');
    expect(written).toEqual({ standby: false, wrote: true });
    const processes = spawnSync('ps', ['-eo', 'user:32,args']).stdout.toString().split('\n').filter((line) => line.includes(dir));
    expect(processes.length).toBeGreaterThan(0);
    expect(processes.filter((line) => !line.startsWith(`${user!.name} `))).toEqual([]);
    const destroy = await pgtopo('destroy', '--auto-approve');
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    expect(spawnSync('ps', ['-eo', 'args']).stdout.toString().split('\n').filter((line) => line.includes(dir))).toEqual([]);
  }, 180_000);
});
