import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import { proxyTierConfig, type BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import type { ProxyTierConfig } from '../../../proxy/config/proxy-tier-settings.ts';
import { parseProxyConfig } from '../../../proxy/proxy-config.ts';
import { renderPgpoolFileSet } from '../../../proxy/pgpool2/pgpool-file-set.ts';
import { pgpoolValue } from '../../../proxy/pgpool2/pgpool-value.ts';
import type { Topology } from '../../../schemas/topology.ts';
import { sameHostDelivery } from '../../../proxy-tier/same-host-delivery.ts';

// Both engines start from one ProxyTierConfig; these tests check that the Pgpool-II files say what the builtin
// proxy's document says, for a self-managed cluster (local) and a managed one (aurora: ALWAYS_PRIMARY writer).

function tierOf(example: string, clusterName: string, backends: BackendAddress[]): ProxyTierConfig {
  const topology = YAML.parse(readFileSync(`examples/${example}`, 'utf8')) as Topology;
  const cluster = topology.clusters[clusterName]!;
  return proxyTierConfig({
    clusterName, cluster, features: effectiveFeatures(clusterName, cluster), users: cluster.users ?? topology.users ?? [],
    backends, index: 0, listen: { host: '127.0.0.1', port: 7000 }, metricsPort: null, delivery: sameHostDelivery('/topo'),
  });
}

function settings(conf: string): Map<string, string> {
  return new Map(conf.split('\n').filter((line) => /^\w+ = /.test(line)).map((line) => {
    const [name, ...value] = line.split(' = ');
    return [name!, value.join(' = ')];
  }));
}

const localBackends: BackendAddress[] = [
  { name: 'pg0', host: '127.0.0.1', port: 5001, role: 'primary' },
  { name: 'pg1', host: '127.0.0.1', port: 5002, role: 'standby' },
  { name: 'pg2', host: '127.0.0.1', port: 5003, role: 'standby' },
];

describe('proxy tier config', () => {
  it('is a valid builtin proxy config whose secrets are references, resolved only by the proxy', () => {
    const tier = tierOf('local.yaml', 'dev', localBackends);
    const text = JSON.stringify(tier);
    expect(text).not.toContain('s3cret');
    process.env.PGTOPO_APP_PASSWORD = 's3cret-app';
    process.env.PGTOPO_ADMIN_PASSWORD = 's3cret-admin';
    const parsed = parseProxyConfig(JSON.parse(text).config);
    expect(parsed.users.map((user) => [user.name, user.backendPassword, user.admin])).toEqual([
      ['app', 's3cret-app', false], ['admin', 's3cret-admin', true],
    ]);
    expect(parsed.backends.map((backend) => [backend.name, backend.port, backend.role])).toEqual([
      ['pg0', 5001, 'primary'], ['pg1', 5002, 'standby'], ['pg2', 5003, 'standby'],
    ]);
    expect(parsed.router.delayThreshold).toBe(10 * 1024 * 1024);
    expect(tier.health).toMatchObject({ enabled: true, periodMs: 1000, timeoutMs: 1000, retries: 1 });
    expect(tier.failover).toMatchObject({ enabled: true, onBackendError: false, coordinator: true });
  });

  it('turns a relative fromFile secret into an absolute file reference', () => {
    const tier = proxyTierConfig({
      clusterName: 'c', cluster: { environment: 'local' }, features: effectiveFeatures('c', { environment: 'local' }),
      users: [{ name: 'u', password: { fromFile: 'secrets/u.txt' } }], backends: localBackends, index: 1,
      listen: { host: '127.0.0.1', port: 1 }, metricsPort: null, delivery: sameHostDelivery('/topo'),
    });
    expect(tier.config.users[0]!.password).toEqual({ file: '/topo/secrets/u.txt' });
    expect(tier.failover.coordinator).toBe(false);
  });

  it('passes pooling.maxPools to the builtin proxy', () => {
    const cluster = { environment: 'local', proxy: { pooling: { maxPools: 50 } } } as const;
    const tier = proxyTierConfig({
      clusterName: 'c', cluster, features: effectiveFeatures('c', cluster), users: [{ name: 'u' }], backends: localBackends, index: 0,
      listen: { host: '127.0.0.1', port: 1 }, metricsPort: null, delivery: sameHostDelivery('/topo'),
    });
    expect(parseProxyConfig(tier.config).pool.maxPools).toBe(50);
  });
});

describe('replication in the proxy tier config', () => {
  const tier = (replication?: { mode: 'async' | 'sync'; syncStandbys?: number }) => {
    const cluster = { environment: 'local' as const, postgres: { instances: 3, ...(replication ? { replication } : {}) } };
    return proxyTierConfig({
      clusterName: 'c', cluster, features: effectiveFeatures('c', cluster), users: [{ name: 'u', auth: 'trust' }], backends: localBackends,
      index: 0, listen: { host: '127.0.0.1', port: 1 }, metricsPort: null, delivery: sameHostDelivery('/topo'),
    });
  };

  it('carries sync mode with every instance as a sync candidate to the proxy, and leaves async configs as they were', () => {
    const sync = tier({ mode: 'sync', syncStandbys: 2 });
    expect(sync.config.replication).toEqual({ mode: 'sync', syncStandbys: 2, syncCandidates: ['pg0', 'pg1', 'pg2'] });
    expect(parseProxyConfig(sync.config).replication).toEqual({ mode: 'sync', syncStandbys: 2, syncCandidates: ['pg0', 'pg1', 'pg2'] });
    expect(tier().config.replication).toBeUndefined();
    expect(tier({ mode: 'async' }).replication.mode).toBe('async');
  });
});

describe('Pgpool-II files', () => {
  it('render the same backends, pooling, balancing and checks as the builtin config (local)', () => {
    const tier = tierOf('local.yaml', 'dev', localBackends);
    const files = renderPgpoolFileSet(tier, { runDir: '/run/x', poolPasswdFile: '/run/x/pool_passwd', pcpPort: 9999 },
      new Map([['app', 'pa:ss'], ['admin', 'adm']]));
    const conf = settings(files['pgpool.conf']);
    expect(conf.get('backend_clustering_mode')).toBe("'streaming_replication'");
    for (const backend of tier.config.backends) {
      expect(conf.get(`backend_port${backend.id}`)).toBe(String(backend.port));
      expect(conf.get(`backend_flag${backend.id}`)).toBe("'ALLOW_TO_FAILOVER'");
      expect(conf.get(`backend_application_name${backend.id}`)).toBe(`'${backend.name}'`);
    }
    expect(conf.get('load_balance_mode')).toBe('on');
    expect(conf.get('connection_cache')).toBe('on');
    expect(conf.get('num_init_children')).toBe('20');
    expect(conf.get('health_check_period')).toBe('1');
    expect(conf.get('sr_check_period')).toBe('10');
    expect(conf.get('delay_threshold')).toBe(String(10 * 1024 * 1024));
    expect(conf.get('failover_on_backend_error')).toBe('off');
    expect(conf.get('pid_file_name')).toBe("'/run/x/pgpool.pid'");
    expect(files['pgpool.conf']).not.toContain('pa:ss');
    expect(files.pool_passwd).toBe('app:TEXTpa\\:ss\nadmin:TEXTadm\n'); // Pgpool-II reads `\:` as a `:` of the password
    expect(files['pcp.conf']).toMatch(/^admin:[0-9a-f]{32}\n$/);
    expect(files['pool_hba.conf']).toContain('host  all  app  0.0.0.0/0  scram-sha-256');
  });

  it('flag a managed writer ALWAYS_PRIMARY|DISALLOW_TO_FAILOVER and never fail over on it (aurora)', () => {
    const topology = YAML.parse(readFileSync('examples/aurora.yaml', 'utf8')) as Topology;
    const [name] = Object.keys(topology.clusters);
    const tier = tierOf('aurora.yaml', name!, [
      { name: 'writer', host: 'w.example', port: 5432, role: 'unknown' },
      { name: 'reader', host: 'r.example', port: 5432, role: 'unknown' },
    ]);
    const conf = settings(renderPgpoolFileSet(tier, { runDir: '/r', poolPasswdFile: '/r/p', pcpPort: 1 }, null)['pgpool.conf']);
    expect(conf.get('backend_flag0')).toBe("'ALWAYS_PRIMARY|DISALLOW_TO_FAILOVER'");
    expect(conf.get('backend_flag1')).toBe("'DISALLOW_TO_FAILOVER'");
    expect(conf.get('sr_check_period')).toBe('0');
    expect(conf.get('health_check_period')).toBe('0');
    expect(conf.get('failover_on_backend_error')).toBe('off');
    expect(tier.config.backends.map((backend) => backend.role)).toEqual(['primary', 'standby']);
  });

  it('mask every password when rendered for display', () => {
    const files = renderPgpoolFileSet(tierOf('local.yaml', 'dev', localBackends), { runDir: '/r', poolPasswdFile: '/r/p', pcpPort: 1 }, null);
    expect(files.pool_passwd).toBe('app:(sensitive)\nadmin:(sensitive)\n');
    expect(files['pcp.conf']).toBe('admin:(sensitive)\n');
  });
});

describe('pgpool.conf values', () => {
  it('are written as they are, backslashes included, since Pgpool-II 4.3 keeps what lies between the quotes', () => {
    expect(pgpoolValue('echo "failed node %d"')).toBe(`'echo "failed node %d"'`);
    expect(pgpoolValue('^pg_[a-z]+\\(\\)$')).toBe("'^pg_[a-z]+\\(\\)$'");
    expect(pgpoolValue('C:\\dir\\\\')).toBe("'C:\\dir\\\\'");
    expect(pgpoolValue(true)).toBe('on');
    expect(pgpoolValue(5)).toBe('5');
  });

  it('refuse what no pgpool.conf spelling can hold: a single quote, a line break, a trailing backslash', () => {
    for (const value of ["echo 'failed node %d'", 'a\nb', 'ends with \\']) {
      expect(() => pgpoolValue(value, 'failover_command'), value).toThrow(/failover_command = .* cannot be written to pgpool\.conf/);
    }
  });
});
