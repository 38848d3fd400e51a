// The error a client is disconnected with reaches it after everything written before it, however slowly the
// client reads: the proxy ends the connection once its writes are flushed instead of destroying the socket while
// the kernel still holds them. A socket closed with bytes unsent is reset as soon as the client sends anything
// more (a pipelining driver does), and the reset discards what was not yet sent: the tail of the result and the
// error that explains the end. Bounded: a peer that never reads is cut after a timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialize } from 'pg-protocol';
import { dataRow, errorResponse, rowDescription } from '../../../proxy/protocol/message-builders.ts';
import { parseProxyConfig } from '../../../proxy/proxy-config.ts';
import { silentLogger } from '../../../proxy/log.ts';
import { startProxy, type ProxyServer } from '../../../proxy/server.ts';
import { eventually } from '../../support/pg-cluster.ts';
import { answered, startScriptedPostgres, type ScriptedPostgres, type ScriptedSession } from '../../support/scripted-postgres.ts';
import { WireClient } from '../wire-client.ts';

const TRUST = [{ type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'trust' }];
const ROUNDS = 3;
const ROW_BYTES = 1024 * 1024;

/** `SELECT big`: a large row, then the FATAL of a backend terminated while sending it, then the close. */
function script(sql: string, session: ScriptedSession): void {
  if (sql !== 'SELECT big') {
    session.send(...answered());
    return;
  }
  session.send(rowDescription(['x']), dataRow(['x'.repeat(ROW_BYTES)]), errorResponse('FATAL', '57P01', 'terminating connection due to administrator command'));
  session.socket.end();
}

let backend: ScriptedPostgres;
let proxy: ProxyServer;

beforeAll(async () => {
  backend = await startScriptedPostgres({ script });
  const config = parseProxyConfig({
    listen: { host: '127.0.0.1', port: 0 },
    backends: [{ name: 'primary', host: backend.host, port: backend.port, role: 'primary' }],
    users: [{ name: 'postgres', password: 'unused', admin: true }],
    hba: TRUST,
    pool: { mode: 'transaction', size: 1 },
  });
  proxy = await startProxy({ config, log: silentLogger });
});

afterAll(async () => {
  await proxy?.stop(0);
  await backend?.close();
});

describe('the last error of a connection the proxy closes', () => {
  it('reaches a client that reads slowly and sends more meanwhile, after the whole result', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const client = await WireClient.login(proxy.port);
      client.socket.pause();
      client.socket.write(serialize.query('SELECT big'));
      // The proxy has the whole answer and is done with the client; most of it still waits in the kernel.
      await eventually('the proxy to let the client go', () => Promise.resolve(proxy.context.clients.size), (n) => n === 0);
      client.socket.write(serialize.query('SELECT 1')); // pipelined: written before the client read the answer
      client.socket.resume();
      await client.closed;
      const answer = client.take();
      expect(answer.names.slice(-2)).toEqual(['dataRow', 'error']);
      expect(answer.errors).toEqual(['57P01']);
    }
  });
});
