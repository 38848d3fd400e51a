// pool.size and pool.maxServerConnections for all worker threads of a proxy at once (ServerLimits for each
// worker's PoolRegistry): room is taken from SharedCounters before a server is opened and given back once its
// backend hung up, so the servers of a node never outnumber the limit whichever workers hold them. A worker
// whose clients wait at the limit asks the others (BroadcastChannel) to close an idle server, and one that holds
// more than its share closes the next server its clients give back (yields); the asker is told when room came
// free. A worker asks at most once per pool per janitor pass.
import { BroadcastChannel } from 'node:worker_threads';
import type { Pool } from '../pool/pool.ts';
import { poolKey, type PoolRegistry } from '../pool/pool-registry.ts';
import type { ServerLimits } from '../pool/server-limits.ts';
import { SharedCounters } from './shared-counters.ts';

/** Room asked for any pool (the proxy-wide limit), rather than for one pool key. */
const ANY_POOL = '';

type PoolMessage = { ask: string } | { freed: string };

export class SharedPoolLimits implements ServerLimits {
  readonly #counters: SharedCounters;
  readonly #channel: BroadcastChannel;
  readonly #workers: number;
  readonly #slots = new WeakMap<Pool, number>();
  /** Keys this worker asked the others for since the last janitor pass. */
  readonly #asked = new Set<string>();
  /** Keys other workers asked for: whoever frees room for them says so. */
  readonly #wanted = new Set<string>();
  #registry: PoolRegistry | null = null;

  constructor(buffer: SharedArrayBuffer, channelName: string, workers: number) {
    this.#counters = new SharedCounters(buffer);
    this.#workers = workers;
    this.#channel = new BroadcastChannel(channelName);
    this.#channel.onmessage = (event) => this.#received((event as { data: PoolMessage }).data);
    this.#channel.unref();
  }

  attach(registry: PoolRegistry): void {
    this.#registry = registry;
  }

  reserve(pool: Pool): boolean {
    const config = pool.host.config;
    if (!this.#counters.takeTotal(config.maxServerConnections)) return this.#ask(ANY_POOL);
    if (this.#takeForPool(pool, config.size)) return true;
    this.#counters.giveBackTotal();
    return this.#ask(poolKey(pool.backend, pool.user, pool.database));
  }

  #takeForPool(pool: Pool, size: number): boolean {
    const slot = this.#slotOf(pool);
    // A full slot table (more pool keys than maxPools allowed at start): this worker's share of the size.
    if (slot < 0) return pool.servers.size + pool.opening < Math.max(1, Math.floor(size / this.#workers));
    return this.#counters.take(slot, size);
  }

  #slotOf(pool: Pool): number {
    let slot = this.#slots.get(pool);
    if (slot === undefined) {
      slot = this.#counters.slotOf(poolKey(pool.backend, pool.user, pool.database));
      this.#slots.set(pool, slot);
    }
    return slot;
  }

  release(pool: Pool): void {
    this.#counters.giveBackTotal();
    const slot = this.#slotOf(pool);
    if (slot >= 0) this.#counters.giveBack(slot);
    const key = poolKey(pool.backend, pool.user, pool.database);
    for (const wanted of [key, ANY_POOL]) {
      if (this.#wanted.delete(wanted)) this.#channel.postMessage({ freed: wanted } satisfies PoolMessage);
    }
    this.#serveWaiting(null);
  }

  yields(pool: Pool, serversOfWorker: number): boolean {
    if (this.#wanted.size === 0) return false; // every release asks: the usual answer costs no key string
    const { size, maxServerConnections } = pool.host.config;
    const share = (limit: number): number => Math.max(1, Math.floor(limit / this.#workers));
    if (this.#wanted.has(poolKey(pool.backend, pool.user, pool.database)) && pool.servers.size > share(size)) return true;
    return this.#wanted.has(ANY_POOL) && serversOfWorker > share(maxServerConnections);
  }

  /** How many servers all workers hold or are opening (SHOW WORKERS, tests). */
  get total(): number {
    return this.#counters.total;
  }

  sweep(): void {
    this.#asked.clear();
  }

  close(): void {
    this.#channel.close();
  }

  #ask(key: string): false {
    if (!this.#asked.has(key)) {
      this.#asked.add(key);
      this.#channel.postMessage({ ask: key } satisfies PoolMessage);
    }
    return false;
  }

  #received(message: PoolMessage): void {
    const registry = this.#registry;
    if (!registry) return;
    if ('freed' in message) {
      this.#serveWaiting(message.freed === ANY_POOL ? null : message.freed);
      return;
    }
    this.#wanted.add(message.ask);
    if (message.ask === ANY_POOL) registry.evictIdleFor(null);
    else registry.poolByKey(message.ask)?.evictOneIdle();
  }

  /** Room came free: this worker's waiting clients (of one pool, or of all) try again. */
  #serveWaiting(key: string | null): void {
    const registry = this.#registry;
    if (!registry) return;
    const pools = key === null ? registry.pools : [registry.poolByKey(key)];
    for (const pool of pools) if (pool && pool.waiting > 0) pool.serveWaiters();
  }
}
