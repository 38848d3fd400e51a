// With an `ip` VIP and a proxy listening on one address only (the local provider's 127.0.0.1), the VIP holder also
// listens on the VIP at the tier's port while it holds it: the one address and port every member's clients use.
// It cannot listen there before it holds the address (no IP_FREEBIND in Node), and stops when it lets go.
import { createServer, type Server } from 'node:net';
import type { ClientTransport } from '../io/client-transport.ts';
import { acceptTransports } from '../io/transport-accept.ts';
import type { Logger } from '../log.ts';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** Whether a proxy listening on `listenHost` needs a listener of its own on the VIP. */
export function needsVipListener(listenHost: string): boolean {
  return !WILDCARDS.has(listenHost);
}

export class VipListener {
  readonly #accept: (transport: ClientTransport) => void;
  readonly #address: string;
  readonly #port: number;
  readonly #log: Logger;
  #server: Server | null = null;

  constructor(accept: (transport: ClientTransport) => void, address: string, port: number, log: Logger) {
    this.#accept = accept;
    this.#address = address;
    this.#port = port;
    this.#log = log;
  }

  open(): void {
    if (this.#server) return;
    const server = createServer({ noDelay: true });
    acceptTransports(server, this.#accept);
    server.on('error', (error) => this.#log.error('watchdog: cannot listen on the VIP', { address: this.#address, port: this.#port, error: error.message }));
    server.listen(this.#port, this.#address, () => this.#log.info('watchdog: listening on the VIP', { address: this.#address, port: this.#port }));
    this.#server = server;
  }

  /** Stops accepting on the VIP; connections already accepted stay with the proxy. */
  close(): void {
    this.#server?.close();
    this.#server = null;
  }
}
