// With a watchdog, the member in charge (elected with a quorum, holding its lease, past the takeover delay) is the
// one proxy that promotes: the same rule that gives it the VIP, so two proxies never promote two standbys even
// while the tier is partitioned. Without a leader in charge nobody promotes, and writes wait (primary-wait.ts).
import type { WatchdogService } from '../watchdog/watchdog-service.ts';
import type { FailoverCoordinator } from './failover-coordinator.ts';

export class WatchdogFailoverCoordinator implements FailoverCoordinator {
  readonly #watchdog: Pick<WatchdogService, 'inCharge' | 'status'>;

  constructor(watchdog: Pick<WatchdogService, 'inCharge' | 'status'>) {
    this.#watchdog = watchdog;
  }

  mayPromote(): boolean {
    return this.#watchdog.inCharge();
  }

  describe(): string {
    const status = this.#watchdog.status();
    if (status.inCharge) return `${status.self} leads the watchdog (term ${status.term}) and runs failovers`;
    if (status.leader !== null && status.leader !== status.self) return `${status.self} follows ${status.leader} (term ${status.term}), which runs failovers`;
    return `no watchdog leader in charge yet (${status.alive} of ${status.members.length} members alive, quorum ${status.quorum}): nobody promotes`;
  }
}
