// Rule 2: a standby cannot read temporary or unlogged tables. Temporary tables are per session (seen in this
// session's CREATE TEMP TABLE, or qualified with pg_temp); unlogged ones are global and come from pg_class.
// Unknown names are judged like unknown functions: to the primary while the lookup runs in the background.

import { CatalogLookupCache, type CatalogLookup } from './catalog-lookup-cache.ts';

export type Persistence = 'permanent' | 'unlogged' | 'temporary' | 'unknown';

/**
 * The query the proxy runs for a lookup. Names arrive normalized (unquoted parts folded, quoted parts exact), so each
 * part is re-quoted before to_regclass parses it; to_regclass follows the search_path and is NULL for no such table.
 */
export const PERSISTENCE_QUERY =
  'SELECT relpersistence FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass((' +
  "SELECT pg_catalog.string_agg(pg_catalog.quote_ident(part), '.' ORDER BY n) " +
  "FROM pg_catalog.unnest(pg_catalog.string_to_array($1, '.')) WITH ORDINALITY AS p(part, n)))";

export function persistenceFromCatalog(relpersistence: string | null | undefined): Persistence {
  if (relpersistence === 'p') return 'permanent';
  if (relpersistence === 'u') return 'unlogged';
  if (relpersistence === 't') return 'temporary';
  return 'unknown';
}

const TEMP_SCHEMA = /^pg_temp(_\d+)?\./;

export class RelationPersistence {
  private readonly catalog: CatalogLookupCache<Persistence>;

  constructor(lookup?: CatalogLookup<Persistence>) {
    this.catalog = new CatalogLookupCache(lookup);
  }

  /** An UNLOGGED table created through the proxy: known without asking the catalog. */
  noteUnlogged(name: string, database?: string): void {
    this.catalog.set(name, database, 'unlogged');
  }

  /** Why the table must be read on the primary, or undefined when a standby can read it. */
  primaryOnlyReason(name: string, sessionTempTables: ReadonlySet<string>, database?: string): string | undefined {
    if (sessionTempTables.has(name) || TEMP_SCHEMA.test(name)) return `${name} is a temporary table`;
    const persistence = this.catalog.get(name, database);
    if (persistence === 'unlogged' || persistence === 'temporary') return `${name} is ${persistence}`;
    if (persistence !== undefined || !this.catalog.canLookUp) return undefined;
    this.catalog.start(name, database);
    return `${name} persistence is not known yet`;
  }

  resolve(names: Iterable<string>, database?: string): Promise<void> {
    return this.catalog.resolve(names, database);
  }
}
