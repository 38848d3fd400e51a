// Clients get cancel keys issued by the proxy (a backend's own key would reveal, and only reach, the server the
// client happened to use at login). A CancelRequest is forwarded, on a new connection, to whichever server
// connection the client is using at that moment; with no server in use there is nothing to cancel. That server
// connection goes back to the pool only once PostgreSQL has closed the request (ServerConnection.cancel). With worker
// threads (proxy/workers) a key's pid names its worker (pid % workers), so a CancelRequest accepted by any worker
// reaches the one that owns the session.
import { randomInt } from 'node:crypto';
import { connect } from 'node:net';
import { serialize } from 'pg-protocol';

export interface CancelTarget {
  /** Cancels what the client's server connection runs now; false when the client has none. */
  cancelRunning(): boolean;
}

export interface CancelKey {
  pid: number;
  secret: number;
}

/** Where keys of other workers go: this worker's index, how many there are, and the way to the owner. */
export interface CancelRoute {
  readonly index: number;
  readonly workers: number;
  forward(owner: number, pid: number, secret: number): void;
}

/** A key and what it cancels, in one object: the client keeps it as its key (idle clients are kept by the thousand). */
interface IssuedKey extends CancelKey {
  readonly target: CancelTarget;
}

export class CancelKeys {
  readonly #byPid = new Map<number, IssuedKey>();
  readonly #route: CancelRoute | null;
  /** CancelRequests sent on to the worker that issued their key (SHOW WORKERS). */
  forwarded = 0;

  constructor(route: CancelRoute | null = null) {
    this.#route = route;
  }

  issue(target: CancelTarget): CancelKey {
    let pid: number;
    do pid = this.#newPid();
    while (this.#byPid.has(pid));
    const key: IssuedKey = { pid, secret: randomInt(-0x80000000, 0x7fffffff), target };
    this.#byPid.set(pid, key);
    return key;
  }

  revoke(key: CancelKey): void {
    if (this.#byPid.get(key.pid) === key) this.#byPid.delete(key.pid);
  }

  #newPid(): number {
    const route = this.#route;
    if (!route) return randomInt(1, 0x7fffffff);
    return randomInt(1, Math.floor(0x7fffffff / route.workers)) * route.workers + route.index;
  }

  /** Forwards a CancelRequest if the key matches (or to the worker that issued it); returns whether anything was sent. */
  cancel(pid: number, secret: number): boolean {
    const route = this.#route;
    if (route && pid % route.workers !== route.index) {
      route.forward(pid % route.workers, pid, secret);
      this.forwarded++;
      return true;
    }
    const entry = this.#byPid.get(pid);
    if (!entry || entry.secret !== secret) return false;
    return entry.target.cancelRunning();
  }
}

/**
 * Sends a CancelRequest for backend `pid` to PostgreSQL; `done` runs once the connection is closed, which
 * PostgreSQL does after it signalled the backend (or gave up), or after 5 s without an answer.
 */
export function sendCancelRequest(host: string, port: number, pid: number, secret: number, done?: () => void): void {
  const socket = connect({ host, port }, () => socket.end(serialize.cancel(pid, secret)));
  socket.on('error', () => socket.destroy());
  socket.setTimeout(5000, () => socket.destroy());
  if (done) socket.once('close', done);
}
