// What the proxy currently believes about each backend: role, status, lag, and counters for SHOW POOL_NODES.
// Starts from the config's role hints; the health monitor (proxy/health, later) replaces node states as it
// learns them. The router reads `snapshot`, which is rebuilt only on change so routing never allocates.
import type { BackendNode, BackendsSnapshot, BackendStatus } from './router/router-config.ts';
import type { BackendConfig } from './proxy-config.ts';

/** A node as one thread's health check and failover see it, for the other threads to adopt (proxy/workers). */
export interface NodeVerdict {
  node: BackendNode;
  lastStatusChange: number;
}

export interface BackendState {
  readonly config: BackendConfig;
  node: BackendNode;
  selectCount: number;
  lastStatusChange: Date;
}

export class BackendStates {
  #states: BackendState[] = [];
  #byId = new Map<string, BackendState>();
  snapshot: BackendsSnapshot = { nodes: [] };
  /** See primaryPending; kept with the snapshot because every transaction's first message reads it. */
  #primaryPending = false;
  readonly #listeners: (() => void)[] = [];

  constructor(backends: readonly BackendConfig[]) {
    this.replace(backends);
  }

  /** Re-applies configured backends (start and reload), keeping counters of backends that stay. */
  replace(backends: readonly BackendConfig[]): void {
    const now = new Date();
    this.#states = backends.map((config) => {
      const previous = this.#byId.get(String(config.id));
      return {
        config,
        node: {
          id: String(config.id),
          name: config.name,
          role: config.alwaysPrimary ? 'primary' : config.role,
          status: previous?.node.status ?? 'up',
          weight: config.weight,
          alwaysPrimary: config.alwaysPrimary,
          noFailover: config.noFailover,
        },
        selectCount: previous?.selectCount ?? 0,
        lastStatusChange: previous?.lastStatusChange ?? now,
      };
    });
    this.#byId = new Map(this.#states.map((s) => [s.node.id, s]));
    this.#rebuild();
  }

  get all(): readonly BackendState[] {
    return this.#states;
  }

  byId(id: string): BackendState | undefined {
    return this.#byId.get(id);
  }

  /** The node to use when the router is not consulted (startup parameters, admin): the primary. */
  primary(): BackendState {
    // With no primary up, an up node (a standby answers writes with 25006) rather than a fenced false primary.
    return this.#states.find((s) => s.node.role === 'primary' && s.node.status === 'up')
      ?? this.#states.find((s) => s.node.status === 'up' && !s.node.falsePrimary) ?? this.#states[0];
  }

  /**
   * No primary is up, yet a node is known as one (the lost primary, a false primary): a failover is pending, or
   * the primary is unreachable. Writes then wait (primary-wait.ts) rather than go to a node that cannot take them.
   */
  get primaryPending(): boolean {
    return this.#primaryPending;
  }

  /** Calls `listener` after every change of a node's role, status or flags (and after a reload). */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  setStatus(id: string, status: BackendStatus): void {
    const state = this.#byId.get(id);
    if (!state || state.node.status === status) return;
    state.node = { ...state.node, status };
    state.lastStatusChange = new Date();
    this.#rebuild();
  }

  update(id: string, patch: Partial<Omit<BackendNode, 'id'>>): void {
    const state = this.#byId.get(id);
    if (!state) return;
    state.node = { ...state.node, ...patch };
    this.#rebuild();
  }

  /** Every node as the thread that checks them sees it. */
  verdicts(): NodeVerdict[] {
    return this.#states.map((s) => ({ node: s.node, lastStatusChange: s.lastStatusChange.getTime() }));
  }

  /** Takes over another thread's verdicts (worker threads run no health check of their own). */
  adopt(verdicts: readonly NodeVerdict[]): void {
    for (const { node, lastStatusChange } of verdicts) {
      const state = this.#byId.get(node.id);
      if (!state) continue;
      state.node = { ...node, name: state.config.name, weight: state.config.weight };
      state.lastStatusChange = new Date(lastStatusChange);
    }
    this.#rebuild();
  }

  #rebuild(): void {
    this.snapshot = { nodes: this.#states.map((s) => s.node) };
    const primaries = this.#states.filter((s) => s.node.role === 'primary');
    this.#primaryPending = primaries.length > 0 && !primaries.some((s) => s.node.status === 'up' && !s.node.falsePrimary);
    for (const listener of this.#listeners) listener();
  }
}
