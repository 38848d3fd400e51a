// Per-name answers from the catalog (pg_proc, pg_class), looked up once and cached. Routing is synchronous, so a
// name not yet known is reported as unknown while its lookup runs in the background; callers that would rather wait
// can `resolve` the names first.

export type CatalogLookup<T> = (name: string) => Promise<T>;

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

  get(name: string): T | undefined {
    return this.known.get(name);
  }

  set(name: string, value: T): void {
    // A bounded map: forgetting the oldest answer only costs one more lookup later.
    if (this.known.size >= this.maxEntries && !this.known.has(name)) {
      this.known.delete(this.known.keys().next().value as string);
    }
    this.known.set(name, value);
  }

  /** Starts a background lookup of a name that is neither known nor being looked up. */
  start(name: string): void {
    void this.fetch(name);
  }

  /** Looks up every unknown name and waits for the answers. */
  async resolve(names: Iterable<string>): Promise<void> {
    await Promise.all([...names].map((name) => this.fetch(name)));
  }

  private fetch(name: string): Promise<void> {
    if (this.lookup === undefined || this.known.has(name)) return Promise.resolve();
    let running = this.pending.get(name);
    if (running === undefined) {
      // A failed lookup is forgotten, not cached: the name stays unknown (routed safely) and is retried next time.
      running = this.lookup(name).then(
        (value) => this.set(name, value),
        () => undefined,
      );
      running = running.finally(() => this.pending.delete(name));
      this.pending.set(name, running);
    }
    return running;
  }
}
