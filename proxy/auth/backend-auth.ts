// Authentication of one of the proxy's own connections to PostgreSQL. The proxy sends the
// StartupMessage itself, then feeds every frame the server sends to `receive` until the step is
// 'ok' (AuthenticationOk seen; ParameterStatus/BackendKeyData/ReadyForQuery follow and are the
// proxy's business) or 'failed'. Supports SCRAM-SHA-256, md5, cleartext password and trust.
import {
  AuthCode,
  parseAuthenticationRequest,
  parseErrorResponse,
  passwordMessage,
  ProtocolError,
  readFrame,
  saslInitialResponse,
  saslResponse,
} from './auth-messages.ts';
import type { AuthenticationRequest } from './auth-messages.ts';
import { BackendMessage } from '../protocol/message-codes.ts';
import type { AuthFailure, AuthStateMachine, AuthStep } from './auth-step.ts';
import { md5Response } from './md5.ts';
import { ScramClientError, ScramClientSession } from './scram-client.ts';
import { SCRAM_MECHANISM } from './scram-server.ts';

export interface BackendAuthOptions {
  /** The role named in the StartupMessage (md5 salts the hash with it). */
  user: string;
  /** Undefined when the server is expected to trust this connection. */
  password: string | undefined;
}

class BackendAuthError extends Error {
  readonly sqlstate: string;
  constructor(sqlstate: string, message: string) {
    super(message);
    this.sqlstate = sqlstate;
  }
}

const send = (...messages: Buffer[]): AuthStep => ({ status: 'continue', send: messages });

export class BackendAuth implements AuthStateMachine {
  readonly #options: BackendAuthOptions;
  #scram: ScramClientSession | undefined;
  #done = false;

  constructor(options: BackendAuthOptions) {
    this.#options = options;
  }

  /** The server speaks first after the StartupMessage, so there is nothing to send yet. */
  async start(): Promise<AuthStep> {
    return send();
  }

  async receive(message: Buffer): Promise<AuthStep> {
    if (this.#done) throw new Error('BackendAuth received a message after authentication ended');
    try {
      const step = await this.#advance(message);
      if (step.status !== 'continue') this.#done = true;
      return step;
    } catch (err) {
      this.#done = true;
      return { status: 'failed', send: [], error: toFailure(err) };
    }
  }

  async #advance(message: Buffer): Promise<AuthStep> {
    const { type, body } = readFrame(message);
    if (type === BackendMessage.ErrorResponse) {
      const error = parseErrorResponse(body);
      return { status: 'failed', send: [], error: { sqlstate: error.sqlstate, message: error.message } };
    }
    // NoticeResponse and NegotiateProtocolVersion may precede the authentication request; neither needs an answer.
    if (type === BackendMessage.NoticeResponse || type === BackendMessage.NegotiateProtocolVersion) return send();
    if (type !== BackendMessage.Authentication) {
      throw new ProtocolError(`server sent message type '${String.fromCharCode(type)}' during authentication`);
    }
    return this.#answer(parseAuthenticationRequest(body));
  }

  async #answer(request: AuthenticationRequest): Promise<AuthStep> {
    if ('unsupported' in request) {
      throw new BackendAuthError('28000', `server requested authentication method ${request.code}, which the proxy does not support`);
    }
    switch (request.code) {
      case AuthCode.ok:
        if (this.#scram) throw new ProtocolError('server sent AuthenticationOk before completing SCRAM');
        return { status: 'ok', send: [] };
      case AuthCode.cleartextPassword:
        return send(passwordMessage(this.#password('password')));
      case AuthCode.md5Password:
        return send(passwordMessage(md5Response(this.#password('md5'), this.#options.user, request.salt)));
      case AuthCode.sasl:
        return send(this.#startScram(request.mechanisms));
      case AuthCode.saslContinue:
        return send(saslResponse(await this.#scramSession().handleServerFirst(request.data)));
      case AuthCode.saslFinal:
        this.#scramSession().verifyServerFinal(request.data);
        // Only AuthenticationOk may follow now.
        this.#scram = undefined;
        return send();
    }
    throw new ProtocolError('unexpected authentication request');
  }

  #startScram(mechanisms: string[]): Buffer {
    if (!mechanisms.includes(SCRAM_MECHANISM)) {
      throw new BackendAuthError('28000', `server offered SASL mechanisms ${mechanisms.join(', ')}; the proxy supports only ${SCRAM_MECHANISM}`);
    }
    this.#scram = new ScramClientSession(this.#password('SCRAM-SHA-256'));
    return saslInitialResponse(SCRAM_MECHANISM, this.#scram.clientFirstMessage);
  }

  #scramSession(): ScramClientSession {
    if (!this.#scram) throw new ProtocolError('server continued a SASL exchange that was not started');
    return this.#scram;
  }

  #password(method: string): string {
    const { password, user } = this.#options;
    if (password === undefined || password === '') {
      throw new BackendAuthError('28P01', `server requested ${method} authentication for user "${user}", but no password is configured`);
    }
    return password;
  }
}

function toFailure(err: unknown): AuthFailure {
  if (err instanceof BackendAuthError) return { sqlstate: err.sqlstate, message: err.message };
  if (err instanceof ScramClientError) return { sqlstate: '28P01', message: `SCRAM authentication failed: ${err.message}` };
  if (err instanceof ProtocolError) return { sqlstate: '08P01', message: err.message };
  throw err;
}
