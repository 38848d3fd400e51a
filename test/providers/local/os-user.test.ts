import { chmod, chown, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertReadableBy, dbSpawnIdentity, makeDbOwnedDir, resolveDbOsUser } from '../../../providers/local/os-user.ts';

const runningAsRoot = process.getuid?.() === 0;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'pgtopo-user-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('resolveDbOsUser', () => {
  it('never picks root to run PostgreSQL', () => {
    const user = resolveDbOsUser();
    expect(user.uid).not.toBe(0);
    expect(user.isRoot).toBe(runningAsRoot);
  });

  it.runIf(runningAsRoot)('prefers postgres, falls back to nobody, and fails clearly with neither', async () => {
    const passwd = join(scratch, 'passwd');
    await writeFile(passwd, 'root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\npostgres:x:101:104::/var/lib/postgresql:/bin/bash\n');
    expect(resolveDbOsUser(passwd)).toEqual({ name: 'postgres', uid: 101, gid: 104, isRoot: true });
    await writeFile(passwd, 'root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n');
    expect(resolveDbOsUser(passwd)).toEqual({ name: 'nobody', uid: 65534, gid: 65534, isRoot: true });
    await writeFile(passwd, 'root:x:0:0::/root:/bin/sh\n');
    expect(() => resolveDbOsUser(passwd)).toThrow(/neither a `postgres` nor a `nobody` user exists/);
  });

  it('switches identity only when root', () => {
    const user = resolveDbOsUser();
    expect(dbSpawnIdentity(user)).toEqual(runningAsRoot ? { uid: user.uid, gid: user.gid } : {});
  });
});

describe('makeDbOwnedDir', () => {
  it('creates a private dir owned by the database user with traversable parents', async () => {
    const user = resolveDbOsUser();
    const target = join(scratch, 'a', 'b', 'data');
    await makeDbOwnedDir(target, user);
    const info = await stat(target);
    expect({ uid: info.uid, mode: info.mode & 0o777 }).toEqual({ uid: user.uid, mode: 0o700 });
    expect((await stat(join(scratch, 'a'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(scratch, 'a', 'b'))).mode & 0o777).toBe(0o755);
  });
});

describe.skipIf(!runningAsRoot)('assertReadableBy', () => {
  it('refuses a root-only secret file the proxy (run as the database user) could not read, naming the fix', async () => {
    const user = resolveDbOsUser();
    await chmod(scratch, 0o755);
    const secret = join(scratch, 'proxy.secret');
    await writeFile(secret, 'pw\n', { mode: 0o600 });
    await expect(assertReadableBy(secret, user)).rejects.toThrow(`Run \`chown ${user.name} ${secret}\``);
    await chown(secret, user.uid, user.gid);
    await expect(assertReadableBy(secret, user)).resolves.toBeUndefined();
  });
});
