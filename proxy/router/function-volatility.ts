// Rule 3: is a called function read-only? Precedence (differs from Pgpool-II, where a non-empty list replaces the
// catalog check): writeFunctions, then readOnlyFunctions, then the built-in knowledge below, then pg_proc.
//
// Design for the hot path: `judge` is synchronous. A function whose volatility is not known yet is judged a write
// (the statement goes to the primary, which is always correct) and its pg_proc lookup starts in the background, so
// the next statement calling it is balanced if it turns out read-only. Callers that prefer to balance even the first
// call can `await resolve(cls.functions)` before routing.

import { CatalogLookupCache, type CatalogLookup } from './catalog-lookup-cache.ts';

export type Volatility = 'immutable' | 'stable' | 'volatile' | 'unknown';

/**
 * The query the proxy runs for a lookup: the most volatile overload wins ('v' > 's' > 'i'), so an overloaded name is
 * read-only only if every overload is.
 */
export const VOLATILITY_QUERY = 'SELECT max(provolatile::text) AS volatility FROM pg_catalog.pg_proc WHERE proname = $1';

export function volatilityFromCatalog(provolatile: string | null | undefined): Volatility {
  if (provolatile === 'i') return 'immutable';
  if (provolatile === 's') return 'stable';
  if (provolatile === 'v') return 'volatile';
  return 'unknown';
}

// Built-ins that change something, or answer differently per node: never balanced.
const BUILTIN_WRITERS = new RegExp(
  `^(${[
    'nextval|setval|currval|lastval|random|random_normal|setseed|gen_random_uuid|uuid_generate_\\w+',
    'pg_sleep\\w*|lo_\\w+|pg_advisory_\\w+|pg_try_advisory_\\w+|pg_notify|set_config',
    'txid_current\\w*|pg_current_xact_id\\w*|pg_terminate_backend|pg_cancel_backend|pg_reload_conf',
    'pg_rotate_logfile|pg_switch_wal|pg_create_\\w+|pg_drop_replication_slot|pg_logical_\\w+',
    'pg_replication_origin_\\w+|pg_stat_reset\\w*|pg_current_wal_\\w+|pg_is_in_recovery|dblink\\w*',
    'clock_timestamp|timeofday',
  ].join('|')})$`,
);

// Common immutable/stable built-ins, so ordinary queries are balanced without a catalog round trip.
const BUILTIN_READ_ONLY = new Set(
  (
    'now count sum avg min max coalesce greatest least nullif abs round floor ceil ceiling trunc mod power sqrt ' +
    'length char_length octet_length lower upper initcap substr substring position strpos replace concat concat_ws ' +
    'format left right lpad rpad trim btrim ltrim rtrim split_part md5 sha256 encode decode to_hex regexp_replace ' +
    'regexp_matches regexp_match regexp_split_to_array starts_with reverse repeat translate ascii chr quote_ident ' +
    'quote_literal to_char to_date to_timestamp to_number date_trunc date_part extract age make_date make_time ' +
    'make_timestamp make_interval justify_days statement_timestamp transaction_timestamp current_setting ' +
    'current_database current_schema current_schemas current_user session_user version pg_backend_pid ' +
    'array_agg string_agg json_agg jsonb_agg json_object_agg jsonb_object_agg bool_and bool_or every bit_and bit_or ' +
    'stddev variance percentile_cont percentile_disc mode row_number rank dense_rank percent_rank cume_dist ntile ' +
    'lag lead first_value last_value nth_value array_length array_position array_remove array_append array_cat ' +
    'array_to_string string_to_array cardinality unnest generate_series generate_subscripts array_upper array_lower ' +
    'to_json to_jsonb row_to_json array_to_json json_build_object jsonb_build_object json_build_array ' +
    'jsonb_build_array jsonb_set jsonb_insert jsonb_strip_nulls jsonb_pretty json_extract_path json_extract_path_text ' +
    'jsonb_extract_path jsonb_extract_path_text json_array_elements jsonb_array_elements jsonb_array_elements_text ' +
    'json_array_elements_text json_each jsonb_each json_each_text jsonb_each_text jsonb_object_keys json_object_keys ' +
    'jsonb_array_length json_array_length jsonb_typeof json_typeof jsonb_path_query jsonb_path_exists ' +
    'jsonb_path_query_first to_tsvector to_tsquery plainto_tsquery websearch_to_tsquery ts_rank ts_headline ' +
    'pg_typeof format_type obj_description col_description pg_get_expr pg_get_indexdef pg_get_constraintdef ' +
    'pg_get_viewdef pg_get_userbyid pg_table_is_visible pg_relation_size pg_total_relation_size pg_table_size ' +
    'pg_indexes_size pg_database_size pg_size_pretty has_table_privilege has_schema_privilege has_database_privilege ' +
    'pg_encoding_to_char pg_get_serial_sequence pg_postmaster_start_time inet_server_addr date int4 int8 text numeric'
  ).split(' '),
);

export interface FunctionVerdict {
  write: boolean;
  reason: string;
}

export interface FunctionVolatilityOptions {
  writeFunctions: string[];
  readOnlyFunctions: string[];
  lookup?: CatalogLookup<Volatility>;
}

export class FunctionVolatility {
  private readonly writeOverride: RegExp | undefined;
  private readonly readOnlyOverride: RegExp | undefined;
  private readonly catalog: CatalogLookupCache<Volatility>;

  constructor(options: FunctionVolatilityOptions) {
    this.writeOverride = anyOf(options.writeFunctions);
    this.readOnlyOverride = anyOf(options.readOnlyFunctions);
    this.catalog = new CatalogLookupCache(options.lookup);
  }

  judge(name: string, database?: string): FunctionVerdict {
    if (this.writeOverride?.test(name)) return { write: true, reason: `${name}() matches writeFunctions` };
    if (this.readOnlyOverride?.test(name)) return { write: false, reason: `${name}() matches readOnlyFunctions` };
    if (BUILTIN_WRITERS.test(name)) return { write: true, reason: `${name}() is a writing or per-node built-in` };
    if (BUILTIN_READ_ONLY.has(name)) return { write: false, reason: `${name}() is a read-only built-in` };
    const volatility = this.catalog.get(name, database);
    if (volatility === 'immutable' || volatility === 'stable') {
      return { write: false, reason: `${name}() is ${volatility.toUpperCase()}` };
    }
    if (volatility === 'volatile') return { write: true, reason: `${name}() is VOLATILE` };
    if (volatility === undefined) this.catalog.start(name, database);
    return { write: true, reason: `${name}() volatility is not known yet` };
  }

  /** The first function of the list that is a write, with why; undefined when all are read-only. */
  firstWrite(names: readonly string[], database?: string): FunctionVerdict | undefined {
    for (const name of names) {
      const verdict = this.judge(name, database);
      if (verdict.write) return verdict;
    }
    return undefined;
  }

  /** Waits for the catalog answers of the given names (for callers that await before routing). */
  resolve(names: Iterable<string>, database?: string): Promise<void> {
    return this.catalog.resolve(names, database);
  }
}

/** One case-insensitive regex matching a whole name against any of the patterns; undefined for an empty list. */
function anyOf(patterns: readonly string[]): RegExp | undefined {
  if (patterns.length === 0) return undefined;
  return new RegExp(`^(?:${patterns.map((p) => `(?:${p})`).join('|')})$`, 'i');
}
