// Who may promote. Several proxies can front one cluster; if each promoted on its own, two standbys could be
// promoted at once. With a watchdog the leader in charge promotes (watchdog-failover-coordinator.ts); without one,
// one instance per tier is the coordinator by configuration (below). The others never promote and follow the new
// primary through role detection (health/primary-election.ts).

export interface FailoverCoordinator {
  /** May this proxy run a failover (promote a standby, detach the primary) now? */
  mayPromote(): boolean;
  /** For SHOW POOL_NODES / logs: why or why not. */
  describe(): string;
}

/** The static rule: the instance whose index equals the configured coordinator index (default 0). */
export class StaticFailoverCoordinator implements FailoverCoordinator {
  readonly #instanceIndex: number;
  readonly #coordinatorIndex: number;

  constructor(instanceIndex: number, coordinatorIndex: number) {
    this.#instanceIndex = instanceIndex;
    this.#coordinatorIndex = coordinatorIndex;
  }

  mayPromote(): boolean {
    return this.#instanceIndex === this.#coordinatorIndex;
  }

  describe(): string {
    return this.mayPromote()
      ? `proxy[${this.#instanceIndex}] is the failover coordinator`
      : `proxy[${this.#instanceIndex}] follows; proxy[${this.#coordinatorIndex}] is the failover coordinator`;
  }
}
