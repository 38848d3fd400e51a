// The monitor's settings in the proxy config file: `healthCheck` (period, timeout, retries, retry delay, per-node
// overrides), `replicationCheck` (lag measurement period) and `monitor` (the role the checks log in as).
// Absent sections mean "off", so a hand-written config without them behaves like a plain pooler. The schema is
// proxy/config/proxy-config.schema.json, the defaults proxy/config/proxy-defaults.ts.
import type { HealthCheckDocument } from '../config/proxy-config-document.ts';
import { HEALTH_CHECK_DEFAULTS, MONITOR_DATABASE } from '../config/proxy-defaults.ts';

export interface HealthCheckTiming {
  /** 0 = no health checks (managed services: someone else owns HA). */
  periodMs: number;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

export interface HealthCheckConfig extends HealthCheckTiming {
  /** Per-node overrides by backend name (Pgpool-II's health_check_period0 …). */
  nodes: Record<string, Partial<HealthCheckTiming>>;
}

export interface ReplicationCheckConfig {
  /** 0 = no lag measurement (Aurora lacks the WAL position functions). */
  periodMs: number;
}

export interface MonitorConfig {
  user: string;
  /** Null: the backends must trust the monitor role. */
  password: string | null;
  database: string;
}

export function healthCheckConfigFrom(raw: HealthCheckDocument | undefined, backendNames: readonly string[]): HealthCheckConfig {
  const nodes = raw?.nodes ?? {};
  const unknown = Object.keys(nodes).filter((name) => !backendNames.includes(name));
  if (unknown.length > 0) throw new Error(`healthCheck.nodes: no backend named ${unknown.join(', ')}`);
  return { ...HEALTH_CHECK_DEFAULTS, ...raw, nodes };
}

/** The effective timing for one node: its override over the common settings. */
export function nodeTiming(config: HealthCheckConfig, name: string): HealthCheckTiming {
  const { periodMs, timeoutMs, retries, retryDelayMs } = { ...config, ...config.nodes[name] };
  return { periodMs, timeoutMs, retries, retryDelayMs };
}

interface UserLike {
  name: string;
  backendPassword: string | null;
  admin: boolean;
}

/**
 * The monitor role: the `monitor` section, else the first admin user with a backend password, else the first user.
 * `password` is the already-resolved secret of the `monitor` section.
 */
export function monitorConfigFrom(
  raw: { user: string; database?: string } | undefined,
  password: string | null,
  users: readonly UserLike[],
): MonitorConfig | null {
  if (raw) return { user: raw.user, password, database: raw.database ?? MONITOR_DATABASE };
  const user = users.find((u) => u.admin && u.backendPassword !== null) ?? users[0];
  return user ? { user: user.name, password: user.backendPassword, database: MONITOR_DATABASE } : null;
}
