// PgInstance failure paths: errors carry the server log tail, never the password.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateFreePort, PortTakenError } from '../../../providers/local/free-port.ts';
import { PgInstance, PgInstanceError, pgInstancePaths } from '../../../providers/local/pg-instance.ts';
import { PgCommandError } from '../../../providers/local/pg-command.ts';

const password = 'Sup3r-Secret-Pw';
let rootDir: string;
let primary: PgInstance;
const started: PgInstance[] = [];

async function instance(name: string, port?: number): Promise<PgInstance> {
  return new PgInstance({ name, port: port ?? (await allocateFreePort()), ...pgInstancePaths(join(rootDir, name)) });
}

beforeAll(async () => {
  rootDir = await mkdtemp(join(tmpdir(), 'pgtopo-inst-'));
  await chmod(rootDir, 0o755);
  primary = await instance('primary');
  await primary.initPrimary({ superuserPassword: password, durability: 'unsafe-fast' });
  started.push(primary);
  await primary.start();
});

afterAll(async () => {
  await Promise.all(started.map((each) => each.stop('immediate')));
  await rm(rootDir, { recursive: true, force: true });
});

describe('PgInstance errors', () => {
  it('fails start with the server log tail and the password masked', async () => {
    const broken = await instance('broken');
    // The password as a setting value makes PostgreSQL print it in its log.
    await broken.initPrimary({ superuserPassword: password, durability: 'unsafe-fast', settings: { shared_buffers: password } });
    started.push(broken);
    expect(broken.isInitialized()).toBe(true);
    const failure = await broken.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(PgCommandError);
    const message = (failure as Error).message;
    expect(message).toMatch(/invalid value for parameter "shared_buffers": "\*\*\*"/);
    expect(message).not.toContain(password);
    expect(broken.status().running).toBe(false);
  });

  it('refuses to start on a port another process listens on', async () => {
    const clash = await instance('clash', primary.port);
    await clash.initPrimary({ superuserPassword: password, durability: 'unsafe-fast' });
    await expect(clash.start()).rejects.toThrow(PortTakenError);
  });

  it('reports a failed clone with the authentication error and without the password', async () => {
    const standby = await instance('standby-bad-password');
    const wrong = 'Wrong-Pw-123';
    const failure = await standby.cloneStandby({ primary, superuserPassword: wrong, durability: 'unsafe-fast' }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(/password authentication failed for user "postgres"/);
    expect(failure?.message).not.toContain(wrong);
  });

  it('rejects a socket directory path too long for a unix socket', () => {
    const deep = join(rootDir, 'x'.repeat(120));
    expect(() => new PgInstance({ name: 'deep', port: 5432, ...pgInstancePaths(deep) })).toThrow(PgInstanceError);
  });

  it('stop and kill9 are no-ops on an instance that is not running', async () => {
    const idle = await instance('never-started');
    expect(idle.isInitialized()).toBe(false);
    await idle.stop();
    expect(await idle.kill9()).toBe(false);
    expect(idle.status()).toEqual({ running: false });
  });
});
