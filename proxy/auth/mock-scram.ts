// What a SCRAM exchange for a name the proxy cannot authenticate looks like (an unknown user, or one whose hba
// rejection must not show): PostgreSQL's mock authentication. The salt is derived from the name and a secret of
// this configuration, so it is the same at every attempt, in every worker and after a restart, as a real user's
// stored salt is; the iteration count is the one the configured users' verifiers use.
import { createHash } from 'node:crypto';
import { hmac } from './scram-keys.ts';
import { SCRAM_DEFAULT_ITERATIONS, type ScramVerifier } from './scram-verifier.ts';
import { storedSecretOf } from './stored-secret.ts';

const SALT_LENGTH = 16;

interface ConfiguredUser {
  readonly name: string;
  readonly secret: string | null;
  readonly backendPassword: string | null;
}

export class MockScram {
  readonly iterations: number;
  readonly #key: Buffer;
  /** The configured users' salts, computed once: a login of a known user costs no HMAC here. */
  readonly #configuredSalts = new Map<string, Buffer>();

  constructor(users: readonly ConfiguredUser[]) {
    this.#key = keyOf(users);
    this.iterations = usualIterations(users);
    for (const user of users) this.#configuredSalts.set(user.name, this.#derivedSalt(user.name));
  }

  /** A salt only this configuration's secrets can produce, stable per name. */
  saltFor(user: string): Buffer {
    return this.#configuredSalts.get(user) ?? this.#derivedSalt(user);
  }

  /** A verifier no proof matches (the session is run with `mock: true` anyway). */
  verifierFor(user: string): ScramVerifier {
    const keys = hmac(this.#key, `keys\0${user}`);
    return { iterations: this.iterations, salt: this.saltFor(user), storedKey: keys, serverKey: keys };
  }

  #derivedSalt(user: string): Buffer {
    return hmac(this.#key, `salt\0${user}`).subarray(0, SALT_LENGTH);
  }
}

// The secrets an attacker does not know are what makes the salts unpredictable: without them a mock salt could be
// recomputed and told apart from a real one.
function keyOf(users: readonly ConfiguredUser[]): Buffer {
  const hash = createHash('sha256').update('pgtopo mock scram\0');
  for (const user of users) hash.update(`${user.name}\0${user.secret ?? ''}\0${user.backendPassword ?? ''}\0`);
  return hash.digest();
}

/** The iteration count most configured verifiers use; plain passwords are derived with it too. */
function usualIterations(users: readonly ConfiguredUser[]): number {
  const counts = new Map<number, number>();
  for (const user of users) {
    const secret = storedSecretOf(user);
    if (secret?.kind === 'scram') counts.set(secret.verifier.iterations, (counts.get(secret.verifier.iterations) ?? 0) + 1);
  }
  let usual = SCRAM_DEFAULT_ITERATIONS;
  for (const [iterations, count] of counts) if (count > (counts.get(usual) ?? 0)) usual = iterations;
  return usual;
}

// One per configuration: a reload builds a new user list, and with it new salts if the secrets changed.
const byUserList = new WeakMap<readonly ConfiguredUser[], MockScram>();

export function mockScramFor(users: readonly ConfiguredUser[]): MockScram {
  let mock = byUserList.get(users);
  if (mock === undefined) {
    mock = new MockScram(users);
    byUserList.set(users, mock);
  }
  return mock;
}
