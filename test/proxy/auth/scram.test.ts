import { describe, expect, it } from 'vitest';
import { ClientAuth } from '../../../proxy/auth/client-auth.ts';
import { saslInitialResponse, saslResponse } from '../../../proxy/auth/auth-messages.ts';
import { clientKeyOf, hmac, saltPassword, sha256, xor } from '../../../proxy/auth/scram-keys.ts';
import { ScramProtocolError, ScramServerSession } from '../../../proxy/auth/scram-server.ts';
import { ScramClientSession } from '../../../proxy/auth/scram-client.ts';
import { createScramVerifier, formatScramVerifier, parseScramVerifier } from '../../../proxy/auth/scram-verifier.ts';
import { classifySecret } from '../../../proxy/auth/stored-secret.ts';
import { mockScramFor } from '../../../proxy/auth/mock-scram.ts';

// RFC 7677 section 3 example exchange (user "user", password "pencil").
const RFC = {
  password: 'pencil',
  salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
  clientFirstBare: 'n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  finalWithoutProof: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  proof: 'dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverSignature: '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

/** A client-final-message computed independently of ScramClientSession, for any GS2 header. */
async function clientFinal(password: string, gs2Header: string, clientFirstBare: string, serverFirst: string): Promise<string> {
  const attrs = new Map(serverFirst.split(',').map((part) => [part[0], part.slice(2)]));
  const salted = await saltPassword(password, Buffer.from(attrs.get('s')!, 'base64'), Number(attrs.get('i')));
  const withoutProof = `c=${Buffer.from(gs2Header).toString('base64')},r=${attrs.get('r')}`;
  const clientKey = clientKeyOf(salted);
  const proof = xor(clientKey, hmac(sha256(clientKey), `${clientFirstBare},${serverFirst},${withoutProof}`));
  return `${withoutProof},p=${proof.toString('base64')}`;
}

describe('SCRAM-SHA-256 key schedule', () => {
  it('reproduces the RFC 7677 example proof and server signature from a verifier', async () => {
    const verifier = await createScramVerifier(RFC.password, { salt: Buffer.from(RFC.salt, 'base64') });
    const authMessage = `${RFC.clientFirstBare},${RFC.serverFirst},${RFC.finalWithoutProof}`;
    const clientKey = xor(Buffer.from(RFC.proof, 'base64'), hmac(verifier.storedKey, authMessage));
    expect(sha256(clientKey)).toEqual(verifier.storedKey);
    expect(hmac(verifier.serverKey, authMessage).toString('base64')).toBe(RFC.serverSignature);
    expect(await clientFinal(RFC.password, 'n,,', RFC.clientFirstBare, RFC.serverFirst)).toBe(`${RFC.finalWithoutProof},p=${RFC.proof}`);
  });
});

describe('scram verifiers', () => {
  it('round-trips through the PostgreSQL text form', async () => {
    const verifier = await createScramVerifier('secret', { iterations: 1000 });
    const text = formatScramVerifier(verifier);
    expect(text).toMatch(/^SCRAM-SHA-256\$1000:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
    expect(parseScramVerifier(text)).toEqual(verifier);
  });

  it.each([
    ['md5abc', 'must start with'],
    ['SCRAM-SHA-256$4096:c2FsdA==', 'must have the form'],
    ['SCRAM-SHA-256$0:c2FsdA==$AAAA:AAAA', 'iteration count'],
    ['SCRAM-SHA-256$4096:c2F%dA==$AAAA:AAAA', 'salt is not valid base64'],
    ['SCRAM-SHA-256$4096:c2FsdA==$AAAA:AAAA', 'must each decode to 32 bytes'],
  ])('rejects %s with a message that does not echo it', (text, message) => {
    expect(() => parseScramVerifier(text)).toThrow(message);
    try {
      parseScramVerifier(text);
    } catch (err) {
      expect((err as Error).message).not.toContain(text.slice(14) || text);
    }
  });
});

describe('ScramServerSession', () => {
  async function exchange(gs2Header: string, password = 'pw') {
    const session = new ScramServerSession(await createScramVerifier('pw', { iterations: 512 }));
    const bare = 'n=,r=abcdefghijklmnop';
    const serverFirst = session.handleClientFirst(`${gs2Header}${bare}`);
    return session.handleClientFinal(await clientFinal(password, gs2Header, bare, serverFirst));
  }

  it('accepts the n flag and the y flag (client supports binding, server offered none)', async () => {
    expect(await exchange('n,,')).toMatchObject({ authenticated: true });
    expect(await exchange('y,,')).toMatchObject({ authenticated: true });
  });

  it('accepts an authzid in the GS2 header', async () => {
    expect(await exchange('n,a=someone,')).toMatchObject({ authenticated: true });
  });

  it('fails a wrong password without throwing', async () => {
    expect(await exchange('n,,', 'not-pw')).toEqual({ authenticated: false });
  });

  it('rejects the p flag: channel binding was not offered', async () => {
    const session = new ScramServerSession(await createScramVerifier('pw', { iterations: 512 }));
    expect(() => session.handleClientFirst('p=tls-server-end-point,,n=,r=abc')).toThrow(ScramProtocolError);
  });

  it('rejects a client-final whose channel binding differs from the GS2 header', async () => {
    const session = new ScramServerSession(await createScramVerifier('pw', { iterations: 512 }));
    const serverFirst = session.handleClientFirst('y,,n=,r=abc');
    const forged = await clientFinal('pw', 'n,,', 'n=,r=abc', serverFirst);
    expect(() => session.handleClientFinal(forged)).toThrow('channel binding');
  });

  it('rejects a client-final with a nonce other than the combined one', async () => {
    const session = new ScramServerSession(await createScramVerifier('pw', { iterations: 512 }));
    session.handleClientFirst('n,,n=,r=abc');
    const tampered = await clientFinal('pw', 'n,,', 'n=,r=abc', 'r=abcXYZ,s=c2FsdHNhbHQ=,i=512');
    expect(() => session.handleClientFinal(tampered)).toThrow('nonce');
  });

  it.each(['x,,n=,r=abc', 'n,,r=abc', 'n,,n=,r=', 'n,,m=ext,n=,r=abc', 'n'])('rejects malformed client-first %s', async (message) => {
    const session = new ScramServerSession(await createScramVerifier('pw', { iterations: 512 }));
    expect(() => session.handleClientFirst(message)).toThrow(ScramProtocolError);
  });
});

describe('ClientAuth protocol errors', () => {
  async function scramAuth() {
    const auth = new ClientAuth({
      hba: [{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'scram-sha-256' }],
      connection: { address: '127.0.0.1', database: 'app', user: 'alice', tls: false },
      secret: classifySecret(formatScramVerifier(await createScramVerifier('pw', { iterations: 512 }))),
      mock: mockScramFor([]),
    });
    await auth.start();
    return auth;
  }

  it('answers the p flag with 08P01 and a FATAL ErrorResponse', async () => {
    const step = await (await scramAuth()).receive(saslInitialResponse('SCRAM-SHA-256', 'p=tls-server-end-point,,n=,r=abc'));
    expect(step).toMatchObject({ status: 'failed', error: { sqlstate: '08P01' } });
    expect(step.send[0].toString('latin1')).toContain('C08P01');
  });

  it('answers an unoffered mechanism with 08P01', async () => {
    const step = await (await scramAuth()).receive(saslInitialResponse('SCRAM-SHA-256-PLUS', 'p=tls-server-end-point,,n=,r=abc'));
    expect(step).toMatchObject({ status: 'failed', error: { sqlstate: '08P01' } });
  });

  it('answers a frame whose length field lies with 08P01', async () => {
    const frame = saslResponse('c=biws');
    frame.writeInt32BE(999, 1);
    const step = await (await scramAuth()).receive(frame);
    expect(step).toMatchObject({ status: 'failed', error: { sqlstate: '08P01' } });
  });
});

describe('ScramClientSession', () => {
  it('refuses a server nonce that does not extend its own', async () => {
    const client = new ScramClientSession('pw');
    await expect(client.handleServerFirst('r=someone-else,s=c2FsdA==,i=4096')).rejects.toThrow('nonce');
  });

  it('refuses an absurd iteration count before doing any work', async () => {
    const client = new ScramClientSession('pw');
    const nonce = client.clientFirstMessage.split('r=')[1];
    await expect(client.handleServerFirst(`r=${nonce}x,s=c2FsdA==,i=999999999`)).rejects.toThrow('iterations');
  });

  it('refuses a server signature that does not match', async () => {
    const client = new ScramClientSession('pw');
    const nonce = client.clientFirstMessage.split('r=')[1];
    await client.handleServerFirst(`r=${nonce}x,s=c2FsdA==,i=512`);
    expect(() => client.verifyServerFinal(`v=${Buffer.alloc(32).toString('base64')}`)).toThrow('server signature');
  });
});
