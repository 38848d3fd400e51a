// A client probing the real proxy for user names: an unknown user, a known user with a wrong password and a known
// user no hba rule lists must see the same exchange (PostgreSQL's mock SCRAM), with a salt that stays the same per
// name across attempts and proxy processes; only the proxy's log tells the cases apart. A reject rule that names
// its user is told as PostgreSQL tells it (28000): it shows the rule's name, not whether such a user exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scramVerifierString } from '../../../proxy/auth/scram-verifier.ts';
import { createLogger } from '../../../proxy/log.ts';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.ts';
import { startProxyFor, type ProxyUnderTest } from '../proxy-fixture.ts';
import { loginOverSocket } from './socket-channel.ts';

let cluster: PgCluster;
let proxy: ProxyUnderTest;
let secondProxy: ProxyUnderTest;
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
  secondProxy = await startProxyFor(cluster, config);
});

afterAll(async () => {
  await proxy?.proxy.stop(0);
  await secondProxy?.proxy.stop(0);
  await cluster?.stop();
});

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
        salts.add((await probe(secondProxy.port, user, 'guess')).salt);
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
