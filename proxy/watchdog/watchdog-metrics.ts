// The watchdog for Prometheus, read at scrape time: this member's term, whether it is in charge and holds the VIP,
// how many members it sees alive, how often its leader changed and the VIP moved to and from it, and how many
// datagrams the key refused.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ProxyContext } from '../proxy-context.ts';
import type { WatchdogStatus } from './watchdog-service.ts';

function gauge(registry: Registry, name: string, help: string, read: (status: WatchdogStatus) => number, ctx: ProxyContext): void {
  new Gauge({
    name, help, registers: [registry],
    collect(this: Gauge) {
      this.reset();
      if (ctx.watchdog) this.set(read(ctx.watchdog.status()));
    },
  });
}

function counter(registry: Registry, name: string, help: string, read: (counters: NonNullable<ProxyContext['watchdog']>['counters']) => number, ctx: ProxyContext): void {
  new Counter({
    name, help, registers: [registry],
    collect(this: Counter) {
      this.reset();
      if (ctx.watchdog) this.inc(read(ctx.watchdog.counters));
    },
  });
}

export function registerWatchdogMetrics(registry: Registry, ctx: ProxyContext): void {
  gauge(registry, 'pgtopo_watchdog_term', 'The watchdog term this member is in', (status) => status.term, ctx);
  gauge(registry, 'pgtopo_watchdog_in_charge', '1 while this member leads with a quorum (may hold the VIP and promote)', (status) => Number(status.inCharge), ctx);
  gauge(registry, 'pgtopo_watchdog_vip_held', '1 while this member holds the VIP', (status) => Number(status.members.some((m) => m.self && m.holdsVip)), ctx);
  gauge(registry, 'pgtopo_watchdog_alive_members', 'Members this member heard from within the dead time, itself included', (status) => status.alive, ctx);
  counter(registry, 'pgtopo_watchdog_leader_changes_total', 'Times the leader this member knows changed (to another member or to none)', (c) => c.leaderChanges, ctx);
  counter(registry, 'pgtopo_watchdog_vip_acquisitions_total', 'Times this member acquired the VIP', (c) => c.vipAcquired, ctx);
  counter(registry, 'pgtopo_watchdog_vip_releases_total', 'Times this member released the VIP', (c) => c.vipReleased, ctx);
  counter(registry, 'pgtopo_watchdog_datagrams_refused_total', 'Watchdog datagrams dropped for the key: unsigned, forged, stale or replayed', (c) => c.datagramsRefused, ctx);
}
