// Our client side (BackendAuth) against a real PostgreSQL 15, our verifiers stored in PostgreSQL,
// and PostgreSQL-made verifiers used by our server side (ClientAuth) with node-postgres as the client.
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuth } from '../../../proxy/auth/auth-step.ts';
import type { AuthStep } from '../../../proxy/auth/auth-step.ts';
import { ClientAuth } from '../../../proxy/auth/client-auth.ts';
import { parseScramVerifier, scramVerifierString } from '../../../proxy/auth/scram-verifier.ts';
import { classifySecret } from '../../../proxy/auth/stored-secret.ts';
import { startPgCluster } from '../../support/pg-cluster.ts';
import type { PgCluster } from '../../support/pg-cluster.ts';
import { loginOverSocket, socketChannel } from './socket-channel.ts';
import { mockScramFor } from '../../../proxy/auth/mock-scram.ts';

let cluster: PgCluster;
let admin: pg.Client;

const ROLES = {
  scram: { user: 'scram_user', password: 'scram-pw-Ü1' },
  md5: { user: 'md5_user', password: 'md5-pw-2' },
  clear: { user: 'clear_user', password: 'clear-pw-3' },
  verifier: { user: 'verifier_user', password: 'from our verifier 4' },
};

/** Lets md5_user and clear_user in with the md5 and cleartext methods; everyone else keeps scram-sha-256. */
async function addHbaLines(dataDir: string): Promise<void> {
  const file = join(dataDir, 'pg_hba.conf');
  const lines = [`host all ${ROLES.md5.user} 127.0.0.1/32 md5`, `host all ${ROLES.clear.user} 127.0.0.1/32 password`];
  await writeFile(file, `${lines.join('\n')}\n${await readFile(file, 'utf8')}`);
  await admin.query('SELECT pg_reload_conf()');
}

beforeAll(async () => {
  cluster = await startPgCluster({ standbys: 0, settings: { password_encryption: 'scram-sha-256' } });
  admin = new pg.Client({ connectionString: cluster.connectionString(cluster.primary) });
  await admin.connect();
  await admin.query(`CREATE ROLE ${ROLES.scram.user} LOGIN PASSWORD '${ROLES.scram.password}'`);
  await admin.query(`CREATE ROLE ${ROLES.clear.user} LOGIN PASSWORD '${ROLES.clear.password}'`);
  await admin.query(`SET password_encryption = 'md5'`);
  await admin.query(`CREATE ROLE ${ROLES.md5.user} LOGIN PASSWORD '${ROLES.md5.password}'`);
  await admin.query(`RESET password_encryption`);
  await addHbaLines(cluster.primary.dataDir);
});

afterAll(async () => {
  await admin?.end();
  await cluster?.stop();
});

interface Login {
  step: AuthStep;
  /** Authentication codes of the 'R' messages the server sent, e.g. [10, 11, 12, 0]. */
  requests: number[];
}

async function loginWithBackendAuth(user: string, password: string | undefined): Promise<Login> {
  const { step, frames } = await loginOverSocket(cluster.primary.port, user, password);
  return { step, requests: frames.filter((frame) => frame[0] === 0x52).map((frame) => frame.readInt32BE(5)) };
}

async function storedSecret(user: string): Promise<string> {
  const { rows } = await admin.query<{ rolpassword: string }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [user]);
  return rows[0].rolpassword;
}

describe('BackendAuth against PostgreSQL 15', () => {
  it('logs in with SCRAM-SHA-256 and verifies the server signature', async () => {
    const login = await loginWithBackendAuth(ROLES.scram.user, ROLES.scram.password);
    expect(login.step.status).toBe('ok');
    expect(login.requests).toEqual([10, 11, 12, 0]);
  });

  it('reports 28P01 from the server for a wrong SCRAM password', async () => {
    const login = await loginWithBackendAuth(ROLES.scram.user, 'not-it');
    expect(login.step).toMatchObject({ status: 'failed', error: { sqlstate: '28P01' } });
  });

  it('logs in with md5 and fails with 28P01 on a wrong md5 password', async () => {
    const good = await loginWithBackendAuth(ROLES.md5.user, ROLES.md5.password);
    expect(good.step.status).toBe('ok');
    expect(good.requests).toEqual([5, 0]);
    const bad = await loginWithBackendAuth(ROLES.md5.user, 'not-it');
    expect(bad.step).toMatchObject({ status: 'failed', error: { sqlstate: '28P01' } });
  });

  it('answers a cleartext password request', async () => {
    const login = await loginWithBackendAuth(ROLES.clear.user, ROLES.clear.password);
    expect(login.step.status).toBe('ok');
    expect(login.requests).toEqual([3, 0]);
  });

  it('fails without a configured password and does not leak any secret', async () => {
    const login = await loginWithBackendAuth(ROLES.scram.user, undefined);
    expect(login.step).toMatchObject({ status: 'failed', error: { sqlstate: '28P01' } });
  });
});

describe('verifiers shared with PostgreSQL', () => {
  it('stores a verifier we created and PostgreSQL accepts the password behind it', async () => {
    const verifier = await scramVerifierString(ROLES.verifier.password);
    await admin.query(`CREATE ROLE ${ROLES.verifier.user} LOGIN`);
    await admin.query(`ALTER ROLE ${ROLES.verifier.user} PASSWORD '${verifier}'`);
    expect(await storedSecret(ROLES.verifier.user)).toBe(verifier);

    expect((await loginWithBackendAuth(ROLES.verifier.user, ROLES.verifier.password)).step.status).toBe('ok');
    const client = new pg.Client({ ...ROLES.verifier, host: '127.0.0.1', port: cluster.primary.port, database: 'postgres' });
    await client.connect();
    const { rows } = await client.query<{ who: string }>('SELECT current_user AS who');
    await client.end();
    expect(rows[0].who).toBe(ROLES.verifier.user);
  });

  it('parses the verifier PostgreSQL made, with its iteration count and 16-byte salt', async () => {
    const verifier = parseScramVerifier(await storedSecret(ROLES.scram.user));
    expect(verifier.iterations).toBe(4096);
    expect(verifier.salt.length).toBe(16);
  });
});

describe('ClientAuth with a PostgreSQL-made verifier and node-postgres as the client', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const secret = classifySecret(await storedSecret(ROLES.scram.user));
    server = createServer(async (socket) => {
      const channel = socketChannel(socket);
      const params = await channel.readStartup().catch(() => undefined);
      if (!params) return;
      const auth = new ClientAuth({
        hba: [{ type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'scram-sha-256' }],
        connection: { address: socket.remoteAddress ?? '', database: params.database, user: params.user, tls: false },
        secret: params.user === ROLES.scram.user ? secret : undefined,
        mock: mockScramFor([]),
      });
      const step = await runAuth(auth, channel).catch(() => undefined);
      // ReadyForQuery (idle) completes node-postgres's connect(); the proxy proper sends ParameterStatus etc. first.
      if (step?.status === 'ok') socket.write(Buffer.from([0x5a, 0, 0, 0, 5, 0x49]));
      else socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const connectAs = async (user: string, password: string) => {
    const client = new pg.Client({ user, password, host: '127.0.0.1', port, database: 'app' });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } finally {
      client.connection.stream.destroy();
    }
  };

  it('accepts the right password', async () => {
    await expect(connectAs(ROLES.scram.user, ROLES.scram.password)).resolves.toBeUndefined();
  });

  it('rejects a wrong password with 28P01', async () => {
    await expect(connectAs(ROLES.scram.user, 'not-it')).rejects.toMatchObject({ code: '28P01' });
  });

  it('rejects an unknown user with the same 28P01', async () => {
    await expect(connectAs('nobody', ROLES.scram.password)).rejects.toMatchObject({ code: '28P01' });
  });
});
