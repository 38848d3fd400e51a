// 200 SCRAM handshakes at once must not block the event loop. Every handshake needs PBKDF2: half
// the users have a plain password in the config (the server derives a verifier, 4096 iterations),
// half have a stored verifier with a high iteration count (only the client side derives, 100000
// iterations). Done synchronously, that work would stall the loop for seconds; on the
// thread pool the loop keeps turning. The test counts timer ticks that fire while the handshakes
// run: synchronous PBKDF2 chained through promises lets none through, whatever the machine's speed,
// so the check needs no time bound that a loaded machine could break.
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { BackendAuth } from '../../../proxy/auth/backend-auth.ts';
import { ClientAuth } from '../../../proxy/auth/client-auth.ts';
import { scramVerifierString } from '../../../proxy/auth/scram-verifier.ts';
import { classifySecret } from '../../../proxy/auth/stored-secret.ts';
import { runAuthPair } from './auth-pair.ts';
import { mockScramFor } from '../../../proxy/auth/mock-scram.ts';

const HANDSHAKES = 200;
const VERIFIER_ITERATIONS = 100_000;
// The handshakes take seconds of PBKDF2 on the thread pool, so a turning loop fires hundreds of 5 ms ticks.
const MIN_TICKS = 10;

interface Account {
  user: string;
  password: string;
  secret: string;
}

let accounts: Account[];

beforeAll(async () => {
  accounts = await Promise.all(
    Array.from({ length: HANDSHAKES }, async (_, i) => {
      // Distinct passwords so no cache hides the PBKDF2 work.
      const password = `password-${i}-${Math.random()}`;
      const secret = i % 2 === 0 ? password : await scramVerifierString(password, { iterations: VERIFIER_ITERATIONS });
      return { user: `user${i}`, password, secret };
    }),
  );
});

function handshake({ user, password, secret }: Account) {
  const server = new ClientAuth({
    hba: [{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'scram-sha-256' }],
    connection: { address: '127.0.0.1', database: 'app', user, tls: false },
    secret: classifySecret(secret),
    mock: mockScramFor([]),
  });
  return runAuthPair(server, new BackendAuth({ user, password }));
}

describe('concurrent SCRAM handshakes', () => {
  it(`completes ${HANDSHAKES} at once while the event loop keeps turning`, async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    // Start from a fresh loop turn, so ticks counted below happened during the handshakes.
    await sleep(20);
    const before = ticks;
    const outcomes = await Promise.all(accounts.map(handshake));
    const during = ticks - before;
    clearInterval(ticker);
    expect(outcomes.filter((o) => o.server.status === 'ok' && o.client.status === 'ok')).toHaveLength(HANDSHAKES);
    expect(during).toBeGreaterThanOrEqual(MIN_TICKS);
  });
});
