// Authentication of a client connecting to the proxy, as the proxy's frontend calls it after the
// StartupMessage: hba decides the method, then this state machine emits the Authentication* frames
// and consumes the client's 'p' frames until AuthenticationOk or a FATAL ErrorResponse.
import {
  authenticationMd5Password,
  authenticationOk,
  authenticationSasl,
  authenticationSaslContinue,
  authenticationSaslFinal,
  errorResponse,
  parsePasswordMessage,
  parseSaslInitialResponse,
  parseSaslResponse,
  ProtocolError,
} from './auth-messages.ts';
import type { AuthFailure, AuthStateMachine, AuthStep } from './auth-step.ts';
import { describeConnection, matchHba, mayTellRejection, standInMethod } from './hba.ts';
import type { HbaConnection, HbaRule } from './hba.ts';
import { md5Salt, verifyMd5Response } from './md5.ts';
import type { MockScram } from './mock-scram.ts';
import { SCRAM_MECHANISM, ScramProtocolError, ScramServerSession } from './scram-server.ts';
import { scramCredentialFor } from './stored-secret.ts';
import type { ScramCredential, StoredSecret } from './stored-secret.ts';

export interface ClientAuthOptions {
  hba: readonly HbaRule[];
  /** Peer address (as the socket reports it), startup database and user, and whether TLS is on. */
  connection: HbaConnection;
  /** The user's stored secret (see classifySecret), or undefined when the proxy does not know the user. */
  secret: StoredSecret | undefined;
  /** Salts and iteration count for exchanges that must fail (this configuration's, see mockScramFor). */
  mock: MockScram;
}

type Phase =
  | { name: 'idle' }
  | { name: 'sasl-initial'; session: ScramServerSession }
  | { name: 'sasl-final'; session: ScramServerSession }
  | { name: 'md5'; salt: Buffer; mustFail: boolean }
  | { name: 'done' };

const continueWith = (...send: Buffer[]): AuthStep => ({ status: 'continue', send });
const succeed = (...send: Buffer[]): AuthStep => ({ status: 'ok', send: [...send, authenticationOk()] });

function fail(error: AuthFailure): AuthStep {
  return { status: 'failed', send: [errorResponse(error.sqlstate, error.message)], error };
}

export class ClientAuth implements AuthStateMachine {
  readonly #options: ClientAuthOptions;
  #phase: Phase = { name: 'idle' };
  #hiddenRejection: AuthFailure | null = null;

  constructor(options: ClientAuthOptions) {
    this.#options = options;
  }

  start(): AuthStep | Promise<AuthStep> {
    if (this.#phase.name !== 'idle') throw new Error('ClientAuth.start called twice');
    const { hba, connection, secret } = this.#options;
    const match = matchHba(hba, connection);
    if (match.method === 'reject') {
      const rejection = this.#hbaFailure(match.ruleIndex !== null);
      if (mayTellRejection(hba, connection, match)) return this.#finish(fail(rejection));
      // "No rule lists this name" would tell which names the rules list (the topology's default rules list exactly
      // the proxy's users): answered like a wrong password, the reason goes to the proxy's log only.
      this.#hiddenRejection = rejection;
      return standInMethod(hba, connection) === 'md5' ? this.#startMd5(true) : this.#startScram(true);
    }
    if (match.method === 'trust') return this.#finish(succeed());
    // Like PostgreSQL, an md5 rule upgrades to SCRAM when only a SCRAM verifier is stored.
    if (match.method === 'md5' && secret?.kind !== 'scram') return this.#startMd5(false);
    return this.#startScram(false);
  }

  /** The hba rejection a failed exchange stood in for, for the log; null when the client was told the reason. */
  get hiddenRejection(): AuthFailure | null {
    return this.#hiddenRejection;
  }

  #startMd5(mustFail: boolean): AuthStep {
    const salt = md5Salt();
    this.#phase = { name: 'md5', salt, mustFail };
    return continueWith(authenticationMd5Password(salt));
  }

  #startScram(mustFail: boolean): AuthStep | Promise<AuthStep> {
    const { connection, secret, mock } = this.#options;
    const credential = scramCredentialFor(connection.user, secret, mock);
    return credential instanceof Promise ? credential.then((ready) => this.#offerScram(ready, mustFail)) : this.#offerScram(credential, mustFail);
  }

  #offerScram(credential: ScramCredential, mustFail: boolean): AuthStep {
    const session = new ScramServerSession(credential.verifier, { mock: mustFail || credential.mock });
    this.#phase = { name: 'sasl-initial', session };
    return continueWith(authenticationSasl([SCRAM_MECHANISM]));
  }

  receive(message: Buffer): AuthStep {
    try {
      return this.#finish(this.#advance(message));
    } catch (err) {
      if (err instanceof ProtocolError || err instanceof ScramProtocolError) {
        return this.#finish(fail({ sqlstate: '08P01', message: err.message }));
      }
      throw err;
    }
  }

  #advance(message: Buffer): AuthStep {
    const phase = this.#phase;
    switch (phase.name) {
      case 'sasl-initial': {
        const initial = parseSaslInitialResponse(message);
        if (initial.mechanism !== SCRAM_MECHANISM) {
          throw new ScramProtocolError(`client selected SASL mechanism "${initial.mechanism}", but only ${SCRAM_MECHANISM} was offered`);
        }
        this.#phase = { name: 'sasl-final', session: phase.session };
        return continueWith(authenticationSaslContinue(phase.session.handleClientFirst(initial.data)));
      }
      case 'sasl-final': {
        const result = phase.session.handleClientFinal(parseSaslResponse(message));
        return result.authenticated ? succeed(authenticationSaslFinal(result.serverFinal)) : fail(this.#passwordFailure());
      }
      case 'md5': {
        const { secret, connection } = this.#options;
        const response = parsePasswordMessage(message);
        const valid =
          !phase.mustFail && secret !== undefined && secret.kind !== 'scram' && verifyMd5Response(secretText(secret), connection.user, phase.salt, response);
        return valid ? succeed() : fail(this.#passwordFailure());
      }
      default:
        throw new Error(`ClientAuth received a message in phase ${phase.name}`);
    }
  }

  #finish(step: AuthStep): AuthStep {
    if (step.status !== 'continue') this.#phase = { name: 'done' };
    return step;
  }

  #passwordFailure(): AuthFailure {
    return { sqlstate: '28P01', message: `password authentication failed for user "${this.#options.connection.user}"` };
  }

  #hbaFailure(ruleRejected: boolean): AuthFailure {
    const what = ruleRejected ? 'proxy hba rules reject connection' : 'no proxy hba rule matches connection';
    return { sqlstate: '28000', message: `${what} for ${describeConnection(this.#options.connection)}` };
  }
}

function secretText(secret: Exclude<StoredSecret, { kind: 'scram' }>): string {
  return secret.kind === 'md5' ? secret.secret : secret.password;
}
