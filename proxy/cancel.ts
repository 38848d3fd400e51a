// Clients get cancel keys issued by the proxy (a backend's own key would reveal, and only reach, the server the
// client happened to use at login). A CancelRequest is forwarded, on a new connection, to whichever server
// connection the client is using at that moment; with no server in use there is nothing to cancel.
import { randomInt } from 'node:crypto';
import { connect } from 'node:net';
import { serialize } from 'pg-protocol';

export interface CancelTarget {
  /** The server connection to cancel on now, or null when the client has none. */
  cancelTarget(): { host: string; port: number; pid: number; secret: number } | null;
}

export interface CancelKey {
  pid: number;
  secret: number;
}

export class CancelKeys {
  readonly #byPid = new Map<number, { secret: number; target: CancelTarget }>();

  issue(target: CancelTarget): CancelKey {
    let pid: number;
    do pid = randomInt(1, 0x7fffffff);
    while (this.#byPid.has(pid));
    const secret = randomInt(-0x80000000, 0x7fffffff);
    this.#byPid.set(pid, { secret, target });
    return { pid, secret };
  }

  revoke(key: CancelKey): void {
    this.#byPid.delete(key.pid);
  }

  /** Forwards a CancelRequest if the key matches; returns whether anything was sent. */
  cancel(pid: number, secret: number): boolean {
    const entry = this.#byPid.get(pid);
    if (!entry || entry.secret !== secret) return false;
    const server = entry.target.cancelTarget();
    if (!server) return false;
    sendCancelRequest(server.host, server.port, server.pid, server.secret);
    return true;
  }
}

export function sendCancelRequest(host: string, port: number, pid: number, secret: number): void {
  const socket = connect({ host, port }, () => socket.end(serialize.cancel(pid, secret)));
  socket.on('error', () => socket.destroy());
  socket.setTimeout(5000, () => socket.destroy());
}
