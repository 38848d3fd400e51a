// The SSM config document of an `engine: pgpool2` proxy on EC2. Pgpool-II's files are rendered on the instance
// (`pgtopo pgpool-files`, pgpool-instance-files.ts) by the same renderer `pgtopo render` and the local provider use,
// and that renderer needs the whole ProxyTierConfig, not only the builtin proxy's document. So the parameter holds
// the tier's named sections (proxy-tier/tier-attributes.ts) plus who the proxy is; the backends travel at the top
// level as for the builtin proxy (proxy-config-document.ts adds them). The sections also say how Pgpool-II takes a
// change of each (reload or restart), which the instance decides from the same table the local provider uses.
import type { ProxyTierConfig } from '../../../proxy/config/proxy-tier-settings.ts';
import type { WatchdogTierSettings } from '../../../proxy/config/watchdog-tier-settings.ts';
import { joinTier, splitTier, tierAppliesBy, type AppliesBy } from '../../../proxy-tier/tier-attributes.ts';

export const PGPOOL_ENGINE = 'pgpool2';

/**
 * Who the proxy is, beside its sections, and its watchdog as Pgpool-II's section needs it (the `watchdog` section is
 * the builtin proxy's view, without the ports and timing). A change of any of these needs a restart.
 */
const IDENTITY_KEYS = ['engine', 'cluster', 'index', 'listen', 'watchdog_tier'] as const;

export class PgpoolDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PgpoolDocumentError';
  }
}

/** The document without its backends (the plan resolves them from the database data source). */
export function pgpoolDocument(tier: ProxyTierConfig): Record<string, unknown> {
  const { backends: _resolvedLater, ...sections } = splitTier({ tier, declaredPort: tier.config.listen.port, backends: [] });
  return {
    engine: PGPOOL_ENGINE, cluster: tier.cluster, index: tier.index, listen: tier.config.listen, ...sections,
    ...(tier.watchdog ? { watchdog_tier: tier.watchdog } : {}),
  };
}

/** The parsed parameter value; `source` names it in errors (ssm:<name>). */
export function parsePgpoolDocument(value: string, source: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new PgpoolDocumentError(`${source} is not JSON: it is not a config pgtopo wrote`);
  }
  const document = parsed as Record<string, unknown> | null;
  if (document === null || typeof document !== 'object' || document.engine !== PGPOOL_ENGINE) {
    throw new PgpoolDocumentError(`${source} is not a Pgpool-II proxy config (engine ${JSON.stringify(document?.engine ?? null)}); ` +
      `a builtin proxy runs from it with \`pgtopo proxy --config ${source}\``);
  }
  return document;
}

export function tierFromPgpoolDocument(document: Record<string, unknown>): ProxyTierConfig {
  const { engine: _engine, cluster, index, listen, watchdog_tier: watchdog, ...sections } = document;
  const { host, port } = listen as { host: string; port: number };
  const tier = joinTier({ cluster: String(cluster), engine: PGPOOL_ENGINE, index: Number(index), host, port, sections });
  return watchdog ? { ...tier, watchdog: watchdog as WatchdogTierSettings } : tier;
}

export type PgpoolChanges = Record<AppliesBy, string[]>;

/** The keys that differ between two documents, by how a running Pgpool-II takes them. */
export function pgpoolChanges(previous: Record<string, unknown>, next: Record<string, unknown>): PgpoolChanges {
  const keys = [...new Set([...Object.keys(previous), ...Object.keys(next)])].sort();
  const changed = keys.filter((key) => JSON.stringify(previous[key]) !== JSON.stringify(next[key]));
  // By section, not by what changed in it (tierChangeAppliesBy): a new primary in the backends restarts Pgpool-II
  // here, since nothing on the instance asks it whether it already routes to that primary, as the local provider does.
  const appliesBy = (key: string): AppliesBy =>
    (IDENTITY_KEYS as readonly string[]).includes(key) ? 'restart' : tierAppliesBy(key, PGPOOL_ENGINE) ?? 'restart';
  return { restart: changed.filter((key) => appliesBy(key) === 'restart'), reload: changed.filter((key) => appliesBy(key) === 'reload') };
}
