// The monitor's pure rules: primary election between nodes out of recovery, LSN arithmetic, lag matching, and the
// config sections.
import { describe, expect, it } from 'vitest';
import { lagBytes } from '../../../proxy/health/lsn.ts';
import { electPrimary, type ElectionCandidate } from '../../../proxy/health/primary-election.ts';
import { replayLagMs } from '../../../proxy/health/replication-lag.ts';
import { nodeTiming } from '../../../proxy/health/health-config.ts';
import { parseProxyConfig, ProxyConfigError } from '../../../proxy/proxy-config.ts';

function node(id: string, patch: Partial<ElectionCandidate> = {}): ElectionCandidate {
  return { id, reachable: true, inRecovery: true, timeline: null, attached: true, alwaysPrimary: false, configuredPrimary: false, ...patch };
}

describe('electPrimary', () => {
  it('makes the only node out of recovery the primary', () => {
    expect(electPrimary([node('0', { inRecovery: false, timeline: 1 }), node('1')], undefined)).toEqual({ primaryId: '0', falsePrimaryIds: [] });
  });

  it('prefers the newer timeline over the confirmed primary: a returned old primary is a false primary', () => {
    const nodes = [node('0', { inRecovery: false, timeline: 1, configuredPrimary: true }), node('1', { inRecovery: false, timeline: 2 })];
    expect(electPrimary(nodes, '0')).toEqual({ primaryId: '1', falsePrimaryIds: ['0'] });
  });

  it('never elects a detached node, even when it is the only one out of recovery', () => {
    expect(electPrimary([node('0', { inRecovery: false, timeline: 1, attached: false }), node('1')], '0')).toEqual({ primaryId: undefined, falsePrimaryIds: ['0'] });
  });

  it('on a timeline tie keeps the confirmed primary, and ignores unreachable nodes', () => {
    const nodes = [node('0', { inRecovery: false, timeline: 3 }), node('1', { inRecovery: false, timeline: 3 }), node('2', { inRecovery: false, timeline: 9, reachable: false })];
    expect(electPrimary(nodes, '1')).toEqual({ primaryId: '1', falsePrimaryIds: ['0'] });
  });

  it('takes an always-primary node without detection', () => {
    expect(electPrimary([node('0', { alwaysPrimary: true, inRecovery: null }), node('1', { inRecovery: false })], undefined).primaryId).toBe('0');
  });
});

describe('lag', () => {
  it('subtracts WAL positions and never goes negative', () => {
    expect(lagBytes('1/10', '0/FFFFFFF0')).toBe(0x20);
    expect(lagBytes('0/10', '0/20')).toBe(0);
  });

  it('matches pg_stat_replication by cluster_name, then by backend name; NULL lag is 0', () => {
    const rows = [{ application_name: 'standby1', replay_lag_ms: 12.4 }, { application_name: 'b', replay_lag_ms: null }];
    expect(replayLagMs(rows, 'standby1', 'x')).toBe(12);
    expect(replayLagMs(rows, '', 'b')).toBe(0);
    expect(replayLagMs(rows, 'other', 'other')).toBeUndefined();
  });
});

describe('config sections', () => {
  const base = { listen: { port: 0 }, backends: [{ name: 'p', host: 'h', port: 1 }, { name: 's', host: 'h', port: 2 }], users: [{ name: 'u', password: 'pw', admin: true }] };

  it('are off by default, with the first admin user as the monitor', () => {
    const config = parseProxyConfig(base);
    expect(config.healthCheck.periodMs).toBe(0);
    expect(config.replicationCheck.periodMs).toBe(0);
    expect(config.failover.enabled).toBe(false);
    expect(config.monitor).toEqual({ user: 'u', password: 'pw', database: 'postgres' });
  });

  it('apply per-node health-check overrides and name unknown nodes', () => {
    const config = parseProxyConfig({ ...base, healthCheck: { periodMs: 1000, retries: 2, nodes: { s: { periodMs: 5000 } } } });
    expect(nodeTiming(config.healthCheck, 's')).toMatchObject({ periodMs: 5000, retries: 2 });
    expect(nodeTiming(config.healthCheck, 'p')).toMatchObject({ periodMs: 1000 });
    expect(() => parseProxyConfig({ ...base, healthCheck: { nodes: { nope: {} } } })).toThrow(/healthCheck.nodes: no backend named nope/);
    expect(() => parseProxyConfig({ ...base, failover: { enable: true } })).toThrow(ProxyConfigError);
  });
});
