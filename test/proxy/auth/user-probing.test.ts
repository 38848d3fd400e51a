// A client probing the real proxy for user names: an unknown user, a known user with a wrong password and a known
// user no hba rule lists must see the same exchange (PostgreSQL's mock SCRAM), with a salt that stays the same per
// name across attempts and proxy processes; only the proxy's log tells the cases apart. A reject rule that names
// its user is told as PostgreSQL tells it (28000): it shows the rule's name, not whether such a user exists.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateFreePort } from '../../../providers/local/free-port.ts';
import { scramVerifierString } from '../../../proxy/auth/scram-verifier.ts';
import { createLogger } from '../../../proxy/log.ts';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { loginOverSocket } from './socket-channel.ts';

let cluster: PgCluster;
let proxy: ProxyUnderTest;
/** The same config in a `pgtopo proxy` process of its own, as another worker or a restarted proxy would run it. */
let otherProcess: { child: ChildProcess; port: number };
const dir = mkdtempSync(join(tmpdir(), 'pgtopo-user-probing-'));
const logLines: Record<string, unknown>[] = [];

// The topology's default rules: one per configured user, so an unknown name matches none of them.
async function overrides(): Promise<Record<string, unknown>> {
  return {
    users: [
      { name: 'postgres', password: cluster.password, admin: true },
      // Not PostgreSQL's default iteration count: the mock exchange must use what the real users use.
      { name: 'app', secret: await scramVerifierString('app-password', { iterations: 8192 }) },
      { name: 'blocked', password: 'blocked-password' },
      { name: 'unlisted', password: 'unlisted-password' },
    ],
    hba: [
      { type: 'host', database: 'all', user: 'postgres', address: 'all', method: 'scram-sha-256' },
      { type: 'host', database: 'all', user: 'app', address: 'all', method: 'scram-sha-256' },
      { type: 'host', database: 'all', user: 'blocked,blocked-but-unknown', address: 'all', method: 'reject' },
    ],
  };
}

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0 });
  const log = createLogger('proxy', { write: (line) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  const config = await overrides();
  proxy = await startProxyFor(cluster, config, log);
  otherProcess = await startProxyProcess(config);
});

afterAll(async () => {
  if (otherProcess?.child.exitCode === null) {
    const exited = new Promise((resolve) => otherProcess.child.once('exit', resolve));
    otherProcess.child.kill('SIGTERM');
    await exited;
  }
  await proxy?.proxy.stop(0);
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function startProxyProcess(document: Record<string, unknown>): Promise<{ child: ChildProcess; port: number }> {
  const port = await allocateFreePort();
  const path = join(dir, 'proxy.json');
  const backends = [{ name: 'primary', host: cluster.primary.host, port: cluster.primary.port }];
  writeFileSync(path, JSON.stringify({ listen: { host: '127.0.0.1', port }, backends, ...document }));
  const child = spawn(process.execPath, [join(import.meta.dirname, '../../../bin/pgtopo'), 'proxy', '--config', path], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!stderr.includes('proxy listening') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (!stderr.includes('proxy listening')) throw new Error(`pgtopo proxy did not start: ${stderr}`);
  return { child, port };
}

interface Probe {
  /** Message type and authentication code of each server frame, e.g. ['R10', 'R11', 'E']. */
  kinds: string[];
  salt: string | undefined;
  iterations: string | undefined;
  sqlstate: string | undefined;
  message: string | undefined;
}

async function probe(port: number, user: string, password: string): Promise<Probe> {
  const { step, frames } = await loginOverSocket(port, user, password);
  const serverFirst = frames.find((f) => f[0] === 0x52 && f.readInt32BE(5) === 11)?.toString('utf8', 9) ?? '';
  const attribute = (name: string) => serverFirst.split(',').find((a) => a.startsWith(`${name}=`))?.slice(2);
  return {
    kinds: frames.map((f) => String.fromCharCode(f[0]) + (f[0] === 0x52 ? f.readInt32BE(5) : '')),
    salt: attribute('s'),
    iterations: attribute('i'),
    sqlstate: step.status === 'failed' ? step.error.sqlstate : undefined,
    message: step.status === 'failed' ? step.error.message : undefined,
  };
}

/** What a prober can compare between two names: everything but the name echoed in the message and the salt. */
function shape(result: Probe, user: string) {
  return { kinds: result.kinds, iterations: result.iterations, sqlstate: result.sqlstate, message: result.message?.replace(`"${user}"`, '"<user>"') };
}

describe('user names cannot be probed through the proxy', () => {
  it('answers an unknown user exactly like a known user with a wrong password', async () => {
    const ghost = await probe(proxy.port, 'ghost', 'guess');
    const app = await probe(proxy.port, 'app', 'guess');
    expect(shape(ghost, 'ghost')).toEqual({
      kinds: ['R10', 'R11', 'E'], iterations: '8192', sqlstate: '28P01', message: 'password authentication failed for user "<user>"',
    });
    expect(shape(app, 'app')).toEqual(shape(ghost, 'ghost'));
    expect(ghost.salt).toHaveLength(24); // 16 bytes in base64, like a real verifier's salt
  });

  it('answers an unknown user with the messages PostgreSQL itself sends', async () => {
    const proxied = shape(await probe(proxy.port, 'ghost', 'guess'), 'ghost');
    const direct = shape(await probe(cluster.primary.port, 'ghost', 'guess'), 'ghost');
    expect({ ...proxied, iterations: undefined }).toEqual({ ...direct, iterations: undefined });
  });

  it('answers a known user no hba rule lists like a wrong password, even with the right one', async () => {
    const unlisted = await probe(proxy.port, 'unlisted', 'unlisted-password');
    expect(shape(unlisted, 'unlisted')).toEqual(shape(await probe(proxy.port, 'app', 'guess'), 'app'));
  });

  it('tells a user its reject rule names that the rules reject it, as PostgreSQL does', async () => {
    for (const user of ['blocked', 'blocked-but-unknown']) {
      expect(await probe(proxy.port, user, 'blocked-password')).toMatchObject({
        kinds: ['E'], sqlstate: '28000', message: expect.stringContaining(`proxy hba rules reject connection for host "127.0.0.1", user "${user}"`),
      });
    }
  });

  it('gives a name the same salt at every attempt and in another proxy process with the same config', async () => {
    for (const user of ['ghost', 'ghost2', 'unlisted']) {
      const salts = new Set<string | undefined>();
      for (let attempt = 0; attempt < 3; attempt++) {
        salts.add((await probe(proxy.port, user, 'guess')).salt);
        salts.add((await probe(otherProcess.port, user, 'guess')).salt);
      }
      expect([...salts], user).toHaveLength(1);
    }
    expect((await probe(proxy.port, 'ghost', 'x')).salt).not.toBe((await probe(proxy.port, 'ghost2', 'x')).salt);
  });

  it('writes the reason the client was not told to the proxy log', async () => {
    logLines.length = 0;
    await probe(proxy.port, 'ghost', 'guess');
    await probe(proxy.port, 'unlisted', 'unlisted-password');
    const failures = logLines.filter((line) => line.msg === 'client authentication failed');
    expect(failures).toEqual([
      expect.objectContaining({ user: 'ghost', sqlstate: '28P01', reason: expect.stringContaining('no proxy hba rule matches connection') }),
      expect.objectContaining({ user: 'unlisted', sqlstate: '28P01', reason: expect.stringContaining('no proxy hba rule matches connection') }),
    ]);
    expect(JSON.stringify(logLines)).not.toContain('unlisted-password');
  });
});
