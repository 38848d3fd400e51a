import YAML from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderBuiltinProxyConfig } from '../../../bench/targets/builtin-proxy-config.ts';
import { parseProxyConfig } from '../../../proxy/proxy-config.ts';

const input = {
  listenPort: 6544,
  backends: [
    { name: 'primary', host: '127.0.0.1', port: 5501, role: 'primary' as const },
    { name: 'standby1', host: '127.0.0.1', port: 5502, role: 'standby' as const },
  ],
  user: 'bench',
  scramVerifier: 'SCRAM-SHA-256$4096:c2FsdA==$a2V5:c2Vydg==',
  passwordEnv: 'BENCH_TEST_PASSWORD',
  poolSize: 16,
};

beforeEach(() => {
  process.env.BENCH_TEST_PASSWORD = 'backend-secret';
  process.env.BENCH_TEST_MONITOR = 'monitor-secret';
});

afterEach(() => {
  delete process.env.BENCH_TEST_PASSWORD;
  delete process.env.BENCH_TEST_MONITOR;
});

describe('renderBuiltinProxyConfig', () => {
  it('renders a config the proxy itself accepts: transaction pooling, load balancing, both backends', () => {
    const text = renderBuiltinProxyConfig(input);
    expect(text).not.toContain('backend-secret');
    const config = parseProxyConfig(YAML.parse(text));
    expect(config.pool).toMatchObject({ mode: 'transaction', size: 16, maxServerConnections: 32 });
    expect(config.router).toEqual({ loadBalancing: true });
    expect(config.backends.map((backend) => `${backend.name}:${backend.role}`)).toEqual(['primary:primary', 'standby1:standby']);
    expect(config.users[0]).toMatchObject({ name: 'bench', secret: input.scramVerifier, backendPassword: 'backend-secret' });
    expect(config.failover.enabled).toBe(false);
  });

  it('adds a 1 s health check, failover and the monitor role for the failover benchmark', () => {
    const failover = { healthCheckPeriodMs: 1000, onBackendError: false, retries: 0, monitorUser: 'postgres', monitorPasswordEnv: 'BENCH_TEST_MONITOR' };
    const config = parseProxyConfig(YAML.parse(renderBuiltinProxyConfig({ ...input, failover })));
    expect(config.healthCheck).toMatchObject({ periodMs: 1000, timeoutMs: 1000, retries: 0 });
    expect(config.failover).toMatchObject({ enabled: true, onBackendError: false });
    expect(config.monitor).toEqual({ user: 'postgres', password: 'monitor-secret', database: 'postgres' });
  });

  it('retries failed checks 1 s apart when asked, like examples/local.yaml (retries: 1, retryDelay 1s by default)', () => {
    const failover = { healthCheckPeriodMs: 1000, onBackendError: false, retries: 1, monitorUser: 'postgres', monitorPasswordEnv: 'BENCH_TEST_MONITOR' };
    const config = parseProxyConfig(YAML.parse(renderBuiltinProxyConfig({ ...input, failover })));
    expect(config.healthCheck).toMatchObject({ periodMs: 1000, timeoutMs: 1000, retries: 1, retryDelayMs: 1000 });
  });
});
