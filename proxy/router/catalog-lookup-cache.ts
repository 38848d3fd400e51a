// Per-name answers from the catalog (pg_proc, pg_class), looked up once per database and cached. Routing is
// synchronous, so a name not yet known is reported as unknown while its lookup runs in the background; callers that
// would rather wait can `resolve` the names first.

/** Looks a name up in the catalog of `database` (undefined: the proxy's default connection). */
export type CatalogLookup<T> = (name: string, database: string | undefined) => Promise<T>;

export class CatalogLookupCache<T> {
  /** Per database, then per name: asked for every table and function of every statement, so no key is built. */
  private readonly known = new Map<string | undefined, Map<string, T>>();
  private knownCount = 0;
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
    return this.known.get(database)?.get(name);
  }

  set(name: string, database: string | undefined, value: T): void {
    let names = this.known.get(database);
    if (names === undefined) {
      names = new Map();
      this.known.set(database, names);
    }
    if (!names.has(name)) {
      // A bounded cache: forgetting the oldest answer of this database only costs one more lookup later.
      if (this.knownCount >= this.maxEntries && names.size > 0) names.delete(names.keys().next().value as string);
      else this.knownCount++;
    }
    names.set(name, value);
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
    if (this.lookup === undefined || this.get(name, database) !== undefined) return Promise.resolve();
    const k = key(name, database);
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
