import { describe, expect, it } from 'vitest';
import { renderPgpoolFiles } from '../../../bench/targets/pgpool-config.ts';

const input = {
  listenPort: 9999,
  pcpPort: 9898,
  workDir: '/tmp/bench/pgpool',
  backends: [
    { host: '127.0.0.1', port: 5501, dataDir: '/tmp/p/data', name: 'primary' },
    { host: '127.0.0.1', port: 5502, dataDir: '/tmp/s1/data', name: 'standby1' },
  ],
  users: [{ name: 'bench', password: "it's" }, { name: 'postgres', password: 'su' }],
  checkUser: 'postgres',
  numInitChildren: 16,
  healthCheckPeriod: 1,
  failoverCommand: '/tmp/bench/pgpool/failover.sh %d %P',
  failoverOnBackendError: false,
  pcpPassword: 'pcp',
};

function settings(conf: string): Map<string, string> {
  return new Map(conf.split('\n').filter((line) => line.includes(' = ')).map((line) => line.split(' = ') as [string, string]));
}

describe('renderPgpoolFiles', () => {
  it('renders streaming-replication mode with load balancing, connection cache and one slot per client', () => {
    const conf = settings(renderPgpoolFiles(input).conf);
    expect(conf.get('backend_clustering_mode')).toBe("'streaming_replication'");
    expect(conf.get('load_balance_mode')).toBe('on');
    expect(conf.get('connection_cache')).toBe('on');
    expect(conf.get('num_init_children')).toBe('16');
    expect(conf.get('health_check_period')).toBe('1');
    expect(conf.get('failover_on_backend_error')).toBe('off');
    expect(conf.get('failover_command')).toBe("'/tmp/bench/pgpool/failover.sh %d %P'");
  });

  it('numbers the backends from 0 with their ports and data directories', () => {
    const conf = settings(renderPgpoolFiles(input).conf);
    expect(conf.get('backend_port0')).toBe('5501');
    expect(conf.get('backend_port1')).toBe('5502');
    expect(conf.get('backend_data_directory1')).toBe("'/tmp/s1/data'");
    expect(conf.has('backend_port2')).toBe(false);
  });

  it('keeps sockets, pid file and status file in the work dir', () => {
    const conf = settings(renderPgpoolFiles(input).conf);
    for (const key of ['socket_dir', 'pcp_socket_dir', 'logdir']) expect(conf.get(key)).toBe("'/tmp/bench/pgpool'");
    expect(conf.get('pid_file_name')).toBe("'/tmp/bench/pgpool/pgpool.pid'");
  });

  it('writes clear-text pool_passwd entries with the TEXT prefix and an md5 pcp entry', () => {
    const files = renderPgpoolFiles(input);
    expect(files.poolPasswd).toBe("bench:TEXTit's\npostgres:TEXTsu\n");
    expect(files.pcp).toMatch(/^postgres:[0-9a-f]{32}\n$/);
    expect(files.poolHba).toContain('host all all 127.0.0.1/32 scram-sha-256');
  });
});
