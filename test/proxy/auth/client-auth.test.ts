import { describe, expect, it } from 'vitest';
import { BackendAuth } from '../../../proxy/auth/backend-auth.ts';
import { ClientAuth } from '../../../proxy/auth/client-auth.ts';
import type { HbaMethod, HbaRule } from '../../../proxy/auth/hba.ts';
import { md5Secret } from '../../../proxy/auth/md5.ts';
import { scramVerifierString } from '../../../proxy/auth/scram-verifier.ts';
import { classifySecret } from '../../../proxy/auth/stored-secret.ts';
import { runAuthPair } from './auth-pair.ts';
import { mockScramFor } from '../../../proxy/auth/mock-scram.ts';

const PASSWORD = 'correct horse battery staple';

function rules(method: HbaMethod): HbaRule[] {
  return [{ type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method }];
}

function clientAuth(method: HbaMethod, secret: string | undefined, user = 'alice') {
  return new ClientAuth({
    hba: rules(method),
    connection: { address: '127.0.0.1', database: 'app', user, tls: false },
    secret: secret === undefined ? undefined : classifySecret(secret),
    mock: mockScramFor([]),
  });
}

/** The type byte and Authentication code of each frame the server side sent, e.g. ['R10', 'R11', 'R12', 'R0']. */
function frameKinds(frames: Buffer[]): string[] {
  return frames.map((f) => String.fromCharCode(f[0]) + (f[0] === 0x52 ? f.readInt32BE(5) : ''));
}

function expectNoSecretIn(frames: Buffer[], ...secrets: string[]) {
  const text = Buffer.concat(frames).toString('latin1');
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('client auth against backend auth', () => {
  it('authenticates SCRAM against a stored verifier and proves the server to the client', async () => {
    const verifier = await scramVerifierString(PASSWORD);
    const out = await runAuthPair(clientAuth('scram-sha-256', verifier), new BackendAuth({ user: 'alice', password: PASSWORD }));
    expect(out.server.status).toBe('ok');
    expect(out.client.status).toBe('ok');
    expect(frameKinds(out.serverFrames)).toEqual(['R10', 'R11', 'R12', 'R0']);
  });

  it('authenticates SCRAM against a plain password in the config', async () => {
    const out = await runAuthPair(clientAuth('scram-sha-256', PASSWORD), new BackendAuth({ user: 'alice', password: PASSWORD }));
    expect(out.server.status).toBe('ok');
    expect(out.client.status).toBe('ok');
  });

  it('rejects a wrong SCRAM password with 28P01 and no secret in the error', async () => {
    const verifier = await scramVerifierString(PASSWORD);
    const out = await runAuthPair(clientAuth('scram-sha-256', verifier), new BackendAuth({ user: 'alice', password: 'wrong' }));
    expect(out.server).toMatchObject({ status: 'failed', error: { sqlstate: '28P01' } });
    expect(out.client).toMatchObject({ status: 'failed', error: { sqlstate: '28P01', message: 'password authentication failed for user "alice"' } });
    expectNoSecretIn(out.serverFrames, PASSWORD, verifier.split('$')[2]);
  });

  it('runs a full mock exchange for an unknown user and fails it like a wrong password', async () => {
    const out = await runAuthPair(clientAuth('scram-sha-256', undefined, 'mallory'), new BackendAuth({ user: 'mallory', password: PASSWORD }));
    expect(frameKinds(out.serverFrames)).toEqual(['R10', 'R11', 'E']);
    expect(out.server).toMatchObject({ status: 'failed', error: { sqlstate: '28P01' } });
  });

  it('does md5 against a plain password and against the md5 secret form', async () => {
    for (const secret of [PASSWORD, md5Secret(PASSWORD, 'alice')]) {
      const out = await runAuthPair(clientAuth('md5', secret), new BackendAuth({ user: 'alice', password: PASSWORD }));
      expect(frameKinds(out.serverFrames)).toEqual(['R5', 'R0']);
      expect(out.client.status).toBe('ok');
    }
  });

  it('rejects a wrong md5 password with 28P01', async () => {
    const out = await runAuthPair(clientAuth('md5', md5Secret(PASSWORD, 'alice')), new BackendAuth({ user: 'alice', password: 'nope' }));
    expect(out.server).toMatchObject({ status: 'failed', error: { sqlstate: '28P01' } });
    expectNoSecretIn(out.serverFrames, PASSWORD, md5Secret(PASSWORD, 'alice'));
  });

  it('upgrades an md5 rule to SCRAM when only a verifier is stored', async () => {
    const out = await runAuthPair(clientAuth('md5', await scramVerifierString(PASSWORD)), new BackendAuth({ user: 'alice', password: PASSWORD }));
    expect(frameKinds(out.serverFrames)).toEqual(['R10', 'R11', 'R12', 'R0']);
    expect(out.client.status).toBe('ok');
  });

  it('fails SCRAM for a user whose only secret is md5, as PostgreSQL does', async () => {
    const out = await runAuthPair(clientAuth('scram-sha-256', md5Secret(PASSWORD, 'alice')), new BackendAuth({ user: 'alice', password: PASSWORD }));
    expect(out.server).toMatchObject({ status: 'failed', error: { sqlstate: '28P01' } });
  });

  it('lets trust through without a password exchange', async () => {
    const out = await runAuthPair(clientAuth('trust', undefined), new BackendAuth({ user: 'alice', password: undefined }));
    expect(frameKinds(out.serverFrames)).toEqual(['R0']);
    expect(out.client.status).toBe('ok');
  });

  it('rejects by hba with 28000, naming host, user and database', async () => {
    const out = await runAuthPair(clientAuth('reject', PASSWORD), new BackendAuth({ user: 'alice', password: PASSWORD }));
    expect(out.server).toMatchObject({ status: 'failed', error: { sqlstate: '28000' } });
    expect(out.client).toMatchObject({ status: 'failed', error: { sqlstate: '28000' } });
    const message = (out.server.status === 'failed' && out.server.error.message) || '';
    expect(message).toContain('"127.0.0.1"');
    expect(message).toContain('"alice"');
    expect(message).toContain('"app"');
  });

  it('hides a rejection that depends on the user name behind a failing SCRAM exchange', async () => {
    const auth = new ClientAuth({
      hba: [
        { type: 'host', database: 'all', user: 'bob', address: 'all', method: 'scram-sha-256' },
        { type: 'host', database: 'all', user: 'all', address: 'all', method: 'reject' },
      ],
      connection: { address: '127.0.0.1', database: 'app', user: 'alice', tls: false },
      secret: classifySecret(PASSWORD),
      mock: mockScramFor([]),
    });
    const out = await runAuthPair(auth, new BackendAuth({ user: 'alice', password: PASSWORD }));
    expect(frameKinds(out.serverFrames)).toEqual(['R10', 'R11', 'E']);
    expect(out.server).toMatchObject({ status: 'failed', error: { sqlstate: '28P01' } });
    expect(auth.hiddenRejection?.message).toContain('proxy hba rules reject connection');
  });

  it('hides it behind a failing md5 exchange where the rules ask listed users for md5', async () => {
    const auth = new ClientAuth({
      hba: [{ type: 'host', database: 'all', user: 'bob', address: 'all', method: 'md5' }],
      connection: { address: '127.0.0.1', database: 'app', user: 'alice', tls: false },
      secret: classifySecret(PASSWORD),
      mock: mockScramFor([]),
    });
    const out = await runAuthPair(auth, new BackendAuth({ user: 'alice', password: PASSWORD }));
    expect(frameKinds(out.serverFrames)).toEqual(['R5', 'E']);
    expect(out.server).toMatchObject({ status: 'failed', error: { sqlstate: '28P01' } });
  });

  it('rejects when no hba rule matches the address', async () => {
    const auth = new ClientAuth({
      hba: rules('trust'),
      connection: { address: '10.1.2.3', database: 'app', user: 'alice', tls: false },
      secret: undefined,
      mock: mockScramFor([]),
    });
    expect(await auth.start()).toMatchObject({ status: 'failed', error: { sqlstate: '28000' } });
  });
});
