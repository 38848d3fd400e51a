// Which Pgpool-II member on EC2 gets pgtopo's failover scripts, and what they are given. The scripts' behaviour
// against real Pgpool-II and PostgreSQL: pgpool-failover-on-instance.test.ts.
import { describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../../engine/features/effective-features.ts';
import { instanceFailoverHooks } from '../../../../providers/aws/proxy-tier/pgpool-instance-hooks.ts';
import { ssmSecretDelivery } from '../../../../providers/aws/proxy-tier/ssm-secret-delivery.ts';
import { proxyTierConfig } from '../../../../proxy-tier/proxy-tier-config.ts';
import type { Cluster } from '../../../../schemas/topology.ts';

const DIR = '/etc/pgtopo/pgpool';
const PASSWORDS = new Map([['pgtopo_monitor', 'mon:itor']]);

function tierOf(proxy: Record<string, unknown>, index = 0) {
  const cluster = {
    environment: 'ec2', region: 'eu-west-1',
    backends: { static: [{ name: 'pg0', host: '10.0.0.10' }, { name: 'pg1', host: '10.0.1.10' }] },
    proxy: { engine: 'pgpool2', subnets: ['subnet-0a1b'], instances: 2, failover: { enabled: true },
      monitor: { name: 'pgtopo_monitor', password: { fromEnv: 'MONITOR_PASSWORD' } }, ...proxy },
  } as unknown as Cluster;
  return proxyTierConfig({
    clusterName: 'orders', cluster, features: effectiveFeatures('orders', cluster), index, listen: { host: '0.0.0.0', port: 6432 }, metricsPort: null,
    users: [{ name: 'app', password: { fromEnv: 'APP_DB_PASSWORD' } }], delivery: ssmSecretDelivery({ topology: 'shop', cluster: 'orders' }),
    backends: [{ name: 'pg0', host: '10.0.0.10', port: 5432, role: 'unknown' }, { name: 'pg1', host: '10.0.1.10', port: 5432, role: 'unknown' }],
  });
}

describe('pgtopo failover scripts for Pgpool-II on EC2', () => {
  it('gives the coordinator both scripts over TCP as the monitor user, its password in a passfile, and auto_failback', () => {
    const hooks = instanceFailoverHooks(tierOf({}), DIR, PASSWORDS);
    expect(hooks.tier.failover).toMatchObject({
      failoverCommand: `"${DIR}/failover.sh" %d %P`, followPrimaryCommand: `"${DIR}/follow-primary.sh" %d %H %r %P`, autoFailback: true,
    });
    expect(Object.keys(hooks.files).sort()).toEqual(['failover.sh', 'follow-primary.sh', 'monitor.pgpass']);
    expect(hooks.files['monitor.pgpass']).toBe('*:*:*:pgtopo_monitor:mon\\:itor\n');
    for (const script of ['failover.sh', 'follow-primary.sh']) {
      expect(hooks.files[script]).toContain('"0|10.0.0.10|5432');
      expect(hooks.files[script]).toContain("user='pgtopo_monitor'");
      expect(hooks.files[script]).toContain(`export PGPASSFILE='${DIR}/monitor.pgpass'`);
      expect(hooks.files[script]).not.toContain('mon:itor');
    }
  });

  it('gives nothing to a member that is not the coordinator, or with failover off', () => {
    for (const tier of [tierOf({}, 1), tierOf({ failover: { enabled: false } })]) {
      const hooks = instanceFailoverHooks(tier, DIR, PASSWORDS);
      expect(hooks).toEqual({ tier, files: {} });
    }
  });

  it('keeps the topology\'s own commands: its failover command means no script, its follow command only the failover one', () => {
    const own = tierOf({ failover: { enabled: true, failoverCommand: '/opt/promote.sh %d' } });
    expect(instanceFailoverHooks(own, DIR, PASSWORDS)).toEqual({ tier: own, files: {} });
    const follow = instanceFailoverHooks(tierOf({ failover: { enabled: true, followPrimaryCommand: '/opt/follow.sh %d' } }), DIR, PASSWORDS);
    expect(follow.tier.failover).toMatchObject({ failoverCommand: `"${DIR}/failover.sh" %d %P`, followPrimaryCommand: '/opt/follow.sh %d' });
    expect(follow.tier.failover.autoFailback).toBeUndefined();
    expect(Object.keys(follow.files).sort()).toEqual(['failover.sh', 'monitor.pgpass']);
  });

  it('writes no passfile for a monitor user without a password, and refuses a directory the command cannot quote', () => {
    const trusted = instanceFailoverHooks(tierOf({}), DIR, new Map());
    expect(Object.keys(trusted.files).sort()).toEqual(['failover.sh', 'follow-primary.sh']);
    expect(trusted.files['failover.sh']).not.toContain('PGPASSFILE');
    expect(() => instanceFailoverHooks(tierOf({}), '/etc/pg$pool', PASSWORDS)).toThrow('--dir /etc/pg$pool: Pgpool-II\'s failover command cannot name');
  });
});
