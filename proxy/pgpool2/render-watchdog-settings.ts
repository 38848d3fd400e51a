// pgpool.conf's watchdog section (Pgpool-II 4.2+ layout: the same file on every member, which one it is comes
// from the pgpool_node_id file beside it). Members and heartbeats from the tier's watchdog settings; quorum as the
// builtin watchdog counts it, a strict majority (enable_consensus_with_half_votes off). The VIP:
// - `ip`: Pgpool-II's own delegate_ip with if_up_cmd/if_down_cmd/arping_cmd running `ip` and `arping` directly, with
//   the privileges the builtin proxy's `ip` driver has: CAP_NET_ADMIN given to Pgpool-II as an ambient capability
//   (setpriv, systemd's AmbientCapabilities), CAP_NET_RAW as arping's file capability (Debian's iputils-arping).
//   Not through sudo as Pgpool-II's documentation does: a sudoers rule for `ip` is a root shell (`ip netns exec`),
//   and Debian has no sudo by default. arping through env(1): Debian has it in /usr/bin, RHEL in /usr/sbin.
// delegate_IP is spelled as Pgpool-II 4.3 (Debian 12's) knows it: 4.3 ignores `delegate_ip` ("unrecognized
// configuration parameter", so no VIP at all), 4.4 renamed it and still reads the old name.
// - the AWS methods: no delegate_IP (a VPC ignores gratuitous ARP, and Pgpool-II would ping the address first);
//   instead the escalation and de-escalation commands run `pgtopo vip acquire|release`, the builtin watchdog's
//   own drivers, which also put the address on the local interface where the method needs it.
import type { WatchdogTierSettings } from '../config/watchdog-tier-settings.ts';
import { DEFAULT_TTL_SECONDS } from '../watchdog/vip/dns-driver.ts';
import type { Vip } from '../../schemas/topology.ts';
import { PgpoolValueError, wholeSeconds, type PgpoolValue } from './pgpool-value.ts';
import type { PgpoolFiles } from './render-pgpool-conf.ts';
import { MASKED } from './render-pool-passwd.ts';

type Setting = [string, PgpoolValue];

/** The schema's defaults for an `ip` VIP (schemas/topology.schema.json, LinuxIpVip). */
const IP_VIP_DEFAULTS = { interface: 'lo', prefixLength: 32 } as const;

export function watchdogSettings(watchdog: WatchdogTierSettings | undefined, files: PgpoolFiles): Setting[] {
  if (!watchdog) return [['use_watchdog', false]];
  return [
    ['use_watchdog', true],
    ['wd_ipc_socket_dir', files.runDir],
    // The same key on every member signs its watchdog and heartbeat packets; pgpool.conf is therefore 0600.
    ['wd_authkey', watchdog.authKey === null ? '' : files.watchdogAuthKey ?? MASKED],
    ...watchdog.members.flatMap((member, n): Setting[] => [
      [`hostname${n}`, member.host], [`wd_port${n}`, member.watchdogPort], [`pgpool_port${n}`, member.port],
      [`heartbeat_hostname${n}`, member.host], [`heartbeat_port${n}`, member.heartbeatPort], [`heartbeat_device${n}`, ''],
    ]),
    ['wd_lifecheck_method', 'heartbeat'],
    // How often the lifecheck compares the last heartbeats with the dead time (default 10 s, on top of the dead time).
    // At start-up it also waits until every member has sent a heartbeat, looking every 10 × wd_interval (100 s by
    // default) and checking nothing meanwhile: a partition then went unnoticed for 30 s and more (Pgpool-II 4.3).
    ['wd_interval', wholeSeconds(watchdog.heartbeatIntervalMs)],
    ['wd_heartbeat_keepalive', wholeSeconds(watchdog.heartbeatIntervalMs)],
    ['wd_heartbeat_deadtime', wholeSeconds(watchdog.deadTimeMs)],
    ['failover_when_quorum_exists', true],
    ['failover_require_consensus', true],
    ['enable_consensus_with_half_votes', false],
    ...vipSettings(watchdog.vip, watchdog.pgtopoCommand),
  ];
}

function vipSettings(vip: Vip, pgtopo: string): Setting[] {
  if (vip.type === 'ip') {
    const device = vip.interface ?? IP_VIP_DEFAULTS.interface;
    const cidr = `$_IP_$/${vip.prefixLength ?? IP_VIP_DEFAULTS.prefixLength}`;
    return [
      ['delegate_IP', vip.address],
      ['if_up_cmd', `/sbin/ip addr add ${cidr} dev ${device}`],
      ['if_down_cmd', `/sbin/ip addr del ${cidr} dev ${device}`],
      ['arping_cmd', `/usr/bin/env arping -U $_IP_$ -w 1 -I ${device}`],
      ['wd_escalation_command', ''],
      ['wd_de_escalation_command', ''],
    ];
  }
  const flags = vipFlags(vip).join(' ');
  return [
    ['delegate_IP', ''],
    ['if_up_cmd', ''],
    ['if_down_cmd', ''],
    ['arping_cmd', ''],
    ['wd_escalation_command', `${pgtopo} vip acquire ${flags}`],
    ['wd_de_escalation_command', `${pgtopo} vip release ${flags}`],
  ];
}

/** The `pgtopo vip` flags of an AWS VIP (cli/commands/vip.ts reads them back). */
function vipFlags(vip: Exclude<Vip, { type: 'ip' }>): string[] {
  const flags: [string, string | number][] = ((): [string, string | number][] => {
    switch (vip.type) {
      case 'elastic-ip': return [['--allocation-id', vip.allocationId]];
      case 'secondary-ip': return [['--address', vip.address]];
      case 'route-table': return [['--address', vip.address], ...vip.routeTables.map((table): [string, string] => ['--route-table', table])];
      case 'dns': return [['--hosted-zone-id', vip.hostedZoneId], ['--record-name', vip.recordName], ['--ttl', vip.ttl ?? DEFAULT_TTL_SECONDS]];
    }
  })();
  return [`--type ${vip.type}`, ...flags.map(([flag, value]) => `${flag} ${shellWord(String(value), flag)}`)];
}

/** Pgpool-II runs the escalation commands through a shell: a value is only written where no shell reads more into it. */
function shellWord(value: string, flag: string): string {
  if (/^[A-Za-z0-9._:/-]+$/.test(value)) return value;
  throw new PgpoolValueError(`the VIP's ${flag.slice(2)} ${JSON.stringify(value)} cannot go into Pgpool-II's escalation command: only letters, digits and . _ : / - can`);
}
