// Per-name answers from the catalog (pg_proc, pg_class), looked up once per database and cached. Routing is
// synchronous, so a name not yet known is reported as unknown while its lookup runs in the background; callers that
// would rather wait can `resolve` the names first.

/** Looks a name up in the catalog of `database` (undefined: the proxy's default connection). */
export type CatalogLookup<T> = (name: string, database: string | undefined) => Promise<T>;

export class CatalogLookupCache<T> {
  private readonly known = new Map<string, T>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly lookup: CatalogLookup<T> | undefined;
  private readonly maxEntries: number;

  constructor(lookup: CatalogLookup<T> | undefined, maxEntries = 10_000) {
    this.lookup = lookup;
    this.maxEntries = maxEntries;
  }

  get canLookUp(): boolean {
    return this.lookup !== undefined;
  }

  get(name: string, database: string | undefined): T | undefined {
    return this.known.get(key(name, database));
  }

  set(name: string, database: string | undefined, value: T): void {
    const k = key(name, database);
    // A bounded map: forgetting the oldest answer only costs one more lookup later.
    if (this.known.size >= this.maxEntries && !this.known.has(k)) {
      this.known.delete(this.known.keys().next().value as string);
    }
    this.known.set(k, value);
  }

  /** Starts a background lookup of a name that is neither known nor being looked up. */
  start(name: string, database: string | undefined): void {
    void this.fetch(name, database);
  }

  /** Looks up every unknown name and waits for the answers. */
  async resolve(names: Iterable<string>, database: string | undefined): Promise<void> {
    await Promise.all([...names].map((name) => this.fetch(name, database)));
  }

  private fetch(name: string, database: string | undefined): Promise<void> {
    const k = key(name, database);
    if (this.lookup === undefined || this.known.has(k)) return Promise.resolve();
    let running = this.pending.get(k);
    if (running === undefined) {
      // A failed lookup is forgotten, not cached: the name stays unknown (routed safely) and is retried next time.
      running = this.lookup(name, database).then(
        (value) => this.set(name, database, value),
        () => undefined,
      );
      running = running.finally(() => this.pending.delete(k));
      this.pending.set(k, running);
    }
    return running;
  }
}

// Functions and tables are per database: the same name may mean different objects in two databases.
function key(name: string, database: string | undefined): string {
  return database === undefined ? name : `${database}\0${name}`;
}
