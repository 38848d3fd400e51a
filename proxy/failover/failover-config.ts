// The `failover` section of the proxy config file. Off unless enabled: on RDS, Aurora and Kubernetes something
// else owns primary election and the engine renders `enabled: false` (see the feature matrix).

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

export const failoverSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    onBackendError: { type: 'boolean' },
    instanceIndex: { type: 'integer', minimum: 0 },
    coordinatorIndex: { type: 'integer', minimum: 0 },
    failoverCommand: { type: 'string' },
    followPrimaryCommand: { type: 'string' },
    priority: { type: 'object', additionalProperties: { type: 'number' } },
    promoteTimeoutMs: { type: 'integer', minimum: 1000 },
  },
} as const;

export const FAILOVER_DEFAULTS: FailoverConfig = {
  enabled: false,
  onBackendError: false,
  instanceIndex: 0,
  coordinatorIndex: 0,
  failoverCommand: '',
  followPrimaryCommand: '',
  priority: {},
  promoteTimeoutMs: 60_000,
};

export function failoverConfigFrom(raw: Partial<FailoverConfig> | undefined, backendNames: readonly string[]): FailoverConfig {
  const config = { ...FAILOVER_DEFAULTS, ...raw };
  const unknown = Object.keys(config.priority).filter((name) => !backendNames.includes(name));
  if (unknown.length > 0) throw new Error(`failover.priority: no backend named ${unknown.join(', ')}`);
  return config;
}
