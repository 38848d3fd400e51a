// TLS towards the backends (tls.backend), with libpq's sslmode semantics: disable — plaintext; prefer — ask with an
// SSLRequest, TLS when the server answers 'S', plaintext on 'N'; require — TLS or fail, the certificate unchecked
// (libpq's require without a root certificate); verify-full — TLS with a certificate that chains to tls.caFile and
// names the host (tls.caParameter: the same CA from an SSM parameter). Only a new connection negotiates: prefer costs one round trip per new server connection, and
// handing out a pooled connection costs nothing.
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { serialize } from 'pg-protocol';
import { EncryptionResponse } from '../protocol/message-codes.ts';
import { readPem } from '../config/pem-source.ts';
import type { BackendTlsMode, TlsConfig } from '../proxy-config.ts';

export interface BackendTls {
  mode: BackendTlsMode;
  /** PEM of tls.caFile or tls.caParameter (verify-full only). */
  ca: string | Buffer | null;
}

const loaded = new WeakMap<TlsConfig, BackendTls>();

/** The backend TLS settings of a loaded config; a CA file is read once per config object, so a reload re-reads it. */
export function backendTlsOf(tls: TlsConfig): BackendTls {
  let settings = loaded.get(tls);
  if (settings === undefined) {
    const ca = tls.backend === 'verify-full' && tls.ca !== null ? readPem(tls.ca, 'tls.caFile') : null;
    settings = { mode: tls.backend, ca };
    loaded.set(tls, settings);
  }
  return settings;
}

/** node:tls options for a backend at `host`, for the pool's own sockets and node-postgres's `ssl` alike. */
export function backendTlsOptions(tls: BackendTls, host: string): ConnectionOptions {
  if (tls.mode !== 'verify-full') return { rejectUnauthorized: false };
  // The certificate is checked against servername, else host; SNI must not carry an IP address (RFC 6066).
  return { ca: tls.ca ?? undefined, rejectUnauthorized: true, host, ...(isIP(host) === 0 ? { servername: host } : {}) };
}

/** The server's one-byte answer to an SSLRequest. */
function sslAnswer(socket: Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void): void => {
      socket.off('data', onData).off('error', onError).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer): void =>
      settle(() => (chunk.length === 1 ? resolve(chunk[0]!) : reject(new Error('received unencrypted data after SSL response'))));
    const onError = (error: Error): void => settle(() => reject(error));
    const onClose = (): void => settle(() => reject(new Error('server closed the connection during the SSL request')));
    socket.on('data', onData).on('error', onError).on('close', onClose);
    socket.write(serialize.requestSsl());
  });
}

function startTls(socket: Socket, tls: BackendTls, host: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tlsConnect({ socket, ...backendTlsOptions(tls, host) });
    secure.once('error', reject);
    secure.once('secureConnect', () => {
      secure.off('error', reject);
      resolve(secure);
    });
  });
}

/** Runs the SSLRequest exchange on a connected socket; resolves to the socket to log in on (TLS, or `socket`). */
export async function negotiateBackendTls(socket: Socket, tls: BackendTls, host: string): Promise<Socket> {
  if (tls.mode === 'disable') return socket;
  const answer = await sslAnswer(socket);
  if (answer === EncryptionResponse.Accept) return startTls(socket, tls, host);
  if (answer === EncryptionResponse.Refuse && tls.mode === 'prefer') return socket;
  if (answer === EncryptionResponse.Refuse) throw new Error(`server does not support SSL, but tls.backend is ${tls.mode}`);
  throw new Error(`server answered the SSL request with byte ${answer} instead of S or N`);
}
