// A server's FATAL reaches the client it was meant for, once. Driven by a scripted server, so what happens only by
// chance against PostgreSQL under load happens every round: a ReadyForQuery and a FATAL in one read (a backend
// terminated right after answering), and a FATAL forwarded from a writer (alwaysPrimary) backend.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { serialize } from 'pg-protocol';
import { errorResponse } from '../../../proxy/protocol/message-builders.ts';
import { parseProxyConfig } from '../../../proxy/proxy-config.ts';
import { silentLogger } from '../../../proxy/log.ts';
import { startProxy, type ProxyServer } from '../../../proxy/server.ts';
import { answered, startScriptedPostgres, type ScriptedPostgres, type ScriptedSession } from '../../support/scripted-postgres.ts';
import { WireClient } from '../wire-client.ts';

const TRUST = [{ type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'trust' }];
const ROUNDS = 3;
const TERMINATED = errorResponse('FATAL', '57P01', 'terminating connection due to administrator command');

/** `SELECT die`: answered, then the server's FATAL in the same write; the next request finds it gone. */
function script(sql: string, session: ScriptedSession): void {
  if (sql === 'SELECT die') {
    session.send(...answered(), TERMINATED);
    session.closeOnNextMessage();
  } else if (sql === 'SELECT fatal') {
    session.send(TERMINATED);
    session.socket.end();
  } else {
    session.send(...answered());
  }
}

let backend: ScriptedPostgres | undefined;
let proxy: ProxyServer | undefined;

async function proxyInFront(mode: 'transaction' | 'session', alwaysPrimary: boolean): Promise<number> {
  backend = await startScriptedPostgres({ script, parameters: { in_hot_standby: 'off', default_transaction_read_only: 'off' } });
  const config = parseProxyConfig({
    listen: { host: '127.0.0.1', port: 0 },
    backends: [{ name: 'writer', host: backend.host, port: backend.port, role: 'primary', alwaysPrimary }],
    users: [{ name: 'postgres', password: 'unused', admin: true }],
    hba: TRUST,
    pool: { mode, size: 1 },
  });
  proxy = await startProxy({ config, log: silentLogger });
  return proxy.port;
}

afterEach(async () => {
  await proxy?.stop(0);
  await backend?.close();
  proxy = undefined;
  backend = undefined;
});

afterAll(async () => {
  await proxy?.stop(0);
  await backend?.close();
});

describe('a FATAL after the ReadyForQuery that released the server (transaction pooling)', () => {
  it.each([false, true])('goes to nobody, and the next client on that server gets an error, not a silent close (alwaysPrimary %s)', async (alwaysPrimary) => {
    const port = await proxyInFront('transaction', alwaysPrimary);
    for (let round = 0; round < ROUNDS; round++) {
      const first = await WireClient.login(port);
      const released = await first.request(serialize.query('SELECT die'));
      expect(released).toEqual({ names: ['commandComplete', 'readyForQuery'], errors: [], firstColumn: [] });
      // Pool size 1: the next client is handed the server that sent the FATAL to nobody.
      const next = await WireClient.login(port);
      const lost = await next.request(serialize.query('SELECT 1'));
      await next.closed;
      expect(lost.errors).toEqual(['08006']);
      await first.end();
    }
  });
});

describe.each(['transaction', 'session'] as const)('a FATAL forwarded to its client (%s pooling)', (mode) => {
  it.each([false, true])('is the only error that client gets (alwaysPrimary %s)', async (alwaysPrimary) => {
    const port = await proxyInFront(mode, alwaysPrimary);
    for (let round = 0; round < ROUNDS; round++) {
      const client = await WireClient.login(port);
      const answer = await client.request(serialize.query('SELECT fatal'));
      await client.closed;
      expect([...answer.errors, ...client.take().errors]).toEqual(['57P01']);
    }
  });
});
