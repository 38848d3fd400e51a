// The `failover` section of the proxy config file. Off unless enabled: on RDS, Aurora and Kubernetes something
// else owns primary election and the engine renders `enabled: false` (see the feature matrix). The schema is
// proxy/config/proxy-config.schema.json, the defaults proxy/config/proxy-defaults.ts.
import type { FailoverDocument } from '../config/proxy-config-document.ts';
import { FAILOVER_DEFAULTS } from '../config/proxy-defaults.ts';

export interface FailoverConfig {
  /** Promote a standby when the primary is lost (health check failed after its retries). */
  enabled: boolean;
  /**
   * A client's failed connection to a node counts as a failed health check at once (no retries). Off for
   * managed services, where a refused connection must never detach a node.
   */
  onBackendError: boolean;
  /** This proxy's index in its tier, and the index of the tier's failover coordinator (the one that may promote). */
  instanceIndex: number;
  coordinatorIndex: number;
  /** Shell command run before promoting (Pgpool-II's failover_command placeholders); non-zero exit aborts. */
  failoverCommand: string;
  /** Shell command run after re-pointing, once per remaining standby (follow_primary_command placeholders). */
  followPrimaryCommand: string;
  /** Tie-break between equally advanced standbys by backend name: higher wins (default 0, then lower id). */
  priority: Record<string, number>;
  /** How long pg_promote() may take before the failover is reported failed. */
  promoteTimeoutMs: number;
}

export function failoverConfigFrom(raw: FailoverDocument | undefined, backendNames: readonly string[]): FailoverConfig {
  const config = { ...FAILOVER_DEFAULTS, ...raw };
  const unknown = Object.keys(config.priority).filter((name) => !backendNames.includes(name));
  if (unknown.length > 0) throw new Error(`failover.priority: no backend named ${unknown.join(', ')}`);
  return config;
}
