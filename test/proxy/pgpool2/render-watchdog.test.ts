// pgpool.conf's watchdog section for each VIP method: the `ip` VIP as Pgpool-II's own delegate_ip and if_*_cmd,
// the AWS methods as escalation commands whose flags `pgtopo vip` reads back into the same VIP; members and
// heartbeats in Pgpool-II 4.2+'s numbered form with the node id file beside them; failover hooks on every member.
import { describe, expect, it } from 'vitest';
import { vipFromFlags, type VipFlags } from '../../../cli/commands/vip.ts';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import { proxyTierConfig } from '../../../proxy-tier/proxy-tier-config.ts';
import { sameHostDelivery } from '../../../proxy-tier/same-host-delivery.ts';
import { renderPgpoolFileSet } from '../../../proxy/pgpool2/pgpool-file-set.ts';
import type { AwsVip } from '../../../proxy/watchdog/vip/aws-vip-driver.ts';
import type { Cluster, Vip } from '../../../schemas/topology.ts';

const MEMBERS = [0, 1, 2].map((n) => ({ host: `10.0.0.${n + 1}`, port: 6432, watchdogPort: 9000 + n, heartbeatPort: 9694 }));

/** `members: null`: the provider has not said where the members are. */
function files(vip: Vip, members: typeof MEMBERS | null = MEMBERS, authKey?: { env: string }) {
  const cluster: Cluster = {
    environment: 'local',
    proxy: { engine: 'pgpool2', instances: 3, ha: { method: 'watchdog', vip }, failover: { failoverCommand: '/usr/local/bin/fence %d' } },
  } as Cluster;
  const tier = proxyTierConfig({
    clusterName: 'dev', cluster, features: effectiveFeatures('dev', cluster), users: [{ name: 'app' }], index: 1,
    backends: [{ name: 'pg0', host: '10.0.1.5', port: 5432, role: 'primary' }], listen: { host: '0.0.0.0', port: 6432 }, metricsPort: null,
    delivery: sameHostDelivery('/topo'), ...(members ? { watchdogMembers: members } : {}), ...(authKey ? { watchdogAuthKey: authKey } : {}),
  });
  return renderPgpoolFileSet(tier, { runDir: '/run/pgpool', poolPasswdFile: '/run/pgpool/pool_passwd', pcpPort: 9898 }, null);
}

function settings(conf: string): Map<string, string> {
  return new Map(conf.split('\n').filter((line) => /^\w+ = /.test(line)).map((line) => {
    const [name, ...value] = line.split(' = ');
    return [name!, value.join(' = ')];
  }));
}

/** Reads `pgtopo vip acquire --flag value …` back the way commander hands the flags to the command. */
function flagsOf(command: string): VipFlags {
  const words = command.replace(/^'|'$/g, '').split(' ');
  expect(words.slice(0, 3)).toEqual(['pgtopo', 'vip', 'acquire']);
  const flags: Record<string, unknown> = { timeout: '2m', ttl: '10' };
  for (let i = 3; i < words.length; i += 2) {
    const name = words[i]!.slice(2).replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
    flags[name] = name === 'routeTable' ? [...(flags.routeTable as string[] | undefined ?? []), words[i + 1]] : words[i + 1];
  }
  return flags as unknown as VipFlags;
}

describe('the watchdog section of pgpool.conf', () => {
  it('renders wd_authkey only for a tier with a key, masked where no clear key is given', () => {
    expect(settings(files({ type: 'ip', address: '10.0.0.9' })['pgpool.conf']).get('wd_authkey')).toBe("''");
    const masked = files({ type: 'ip', address: '10.0.0.9' }, MEMBERS, { env: 'WD_KEY' })['pgpool.conf'];
    expect(settings(masked).get('wd_authkey')).toBe("'(sensitive)'");
  });

  it('lists every member with its watchdog and heartbeat ports, and this member in pgpool_node_id', () => {
    const rendered = files({ type: 'elastic-ip', allocationId: 'eipalloc-1' });
    const conf = settings(rendered['pgpool.conf']);
    expect(conf.get('use_watchdog')).toBe('on');
    for (const [n, member] of MEMBERS.entries()) {
      expect([conf.get(`hostname${n}`), conf.get(`wd_port${n}`), conf.get(`pgpool_port${n}`), conf.get(`heartbeat_hostname${n}`), conf.get(`heartbeat_port${n}`)])
        .toEqual([`'${member.host}'`, String(member.watchdogPort), '6432', `'${member.host}'`, '9694']);
    }
    expect(conf.has('hostname3')).toBe(false);
    expect([conf.get('wd_heartbeat_keepalive'), conf.get('wd_heartbeat_deadtime'), conf.get('enable_consensus_with_half_votes')]).toEqual(['2', '30', 'off']);
    expect(conf.get('wd_interval'), 'the lifecheck looks as often as heartbeats come').toBe('2');
    expect(rendered.pgpool_node_id).toBe('1\n');
    expect(conf.get('failover_command'), 'Pgpool-II runs it on the leader only').toBe("'/usr/local/bin/fence %d'");
  });

  it('renders the `ip` VIP as delegate_IP (Pgpool-II 4.3 spells it so) with ip and arping run directly (CAP_NET_ADMIN, not sudo), on the schema\'s default interface', () => {
    const conf = settings(files({ type: 'ip', address: '192.168.0.100', prefixLength: 24 })['pgpool.conf']);
    expect(conf.get('delegate_IP')).toBe("'192.168.0.100'");
    expect(conf.get('if_up_cmd')).toBe("'/sbin/ip addr add $_IP_$/24 dev lo'");
    expect(conf.get('if_down_cmd')).toBe("'/sbin/ip addr del $_IP_$/24 dev lo'");
    expect(conf.get('arping_cmd')).toBe("'/usr/bin/env arping -U $_IP_$ -w 1 -I lo'");
    expect(conf.get('wd_escalation_command')).toBe("''");
  });

  const awsVips: AwsVip[] = [
    { type: 'elastic-ip', allocationId: 'eipalloc-0abc' },
    { type: 'secondary-ip', address: '10.0.1.50' },
    { type: 'route-table', address: '172.31.255.10', routeTables: ['rtb-a', 'rtb-b'] },
    { type: 'dns', hostedZoneId: 'Z123', recordName: 'db.internal.example.com', ttl: 30 },
  ];
  it.each(awsVips)('renders $type as pgtopo vip commands that read back into the same VIP, and no delegate_ip', (vip) => {
    const conf = settings(files(vip)['pgpool.conf']);
    expect(conf.get('delegate_IP')).toBe("''");
    const acquire = conf.get('wd_escalation_command')!;
    expect(vipFromFlags(flagsOf(acquire))).toEqual(vip);
    expect(conf.get('wd_de_escalation_command')).toBe(acquire.replace(' vip acquire ', ' vip release '));
  });

  it('refuses a VIP value a shell would read more into', () => {
    expect(() => files({ type: 'dns', hostedZoneId: 'Z1', recordName: 'db.example.com;reboot' }))
      .toThrow(/record-name "db.example.com;reboot" cannot go into Pgpool-II's escalation command/);
  });

  it('stays off without a watchdog, or before the provider names the members', () => {
    const withoutMembers = files({ type: 'secondary-ip', address: '10.0.1.50' }, null);
    expect(settings(withoutMembers['pgpool.conf']).get('use_watchdog')).toBe('off');
    expect(withoutMembers.pgpool_node_id).toBeUndefined();
    const cluster: Cluster = { environment: 'local', proxy: { engine: 'pgpool2' } };
    const tier = proxyTierConfig({
      clusterName: 'dev', cluster, features: effectiveFeatures('dev', cluster), users: [{ name: 'app' }], index: 0, watchdogMembers: MEMBERS,
      backends: [{ name: 'pg0', host: '10.0.1.5', port: 5432, role: 'primary' }], listen: { host: '0.0.0.0', port: 6432 }, metricsPort: null,
      delivery: sameHostDelivery('/topo'),
    });
    const plain = renderPgpoolFileSet(tier, { runDir: '/r', poolPasswdFile: '/r/p', pcpPort: 1 }, null);
    expect(settings(plain['pgpool.conf']).get('use_watchdog')).toBe('off');
    expect(plain.pgpool_node_id).toBeUndefined();
  });
});
