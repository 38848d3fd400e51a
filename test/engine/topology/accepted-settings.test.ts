import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../../engine/topology/load-topology.ts';
import { providerRegistry } from '../../../cli/provider-registry.ts';

// The CLI's providers (without PGTOPO_SIMULATE): their rules, local port clashes included, are part of loading.
const providers = providerRegistry({});

// Documented settings in the places the schema describes them must be accepted; the invalid corpus proves the
// opposite direction.
function errorsOf(yaml: string): string[] {
  const result = parseTopology(yaml, 'pgtopo.yaml', providers);
  return result.ok ? [] : result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`);
}

const ec2 = (proxy: string) => `version: 1
name: shop
clusters:
  orders:
    environment: ec2
    region: ap-northeast-1
    backends: { static: [{ name: pg-a, host: 10.0.1.10 }, { name: pg-b, host: 10.0.2.10 }] }
    proxy:
${proxy}
users:
  - name: app
    password: { fromEnv: APP_DB_PASSWORD }
`;

describe('documented settings are accepted', () => {
  // Once rejected: HealthCheckTiming's additionalProperties: false inside HealthCheck's allOf closed out `enabled`
  // and `nodes`.
  it('healthCheck.enabled on ec2', () => {
    expect(errorsOf(ec2('      healthCheck: { enabled: false, period: 5s }'))).toEqual([]);
  });

  it('healthCheck.nodes overrides on ec2', () => {
    expect(errorsOf(ec2('      healthCheck:\n        nodes: { pg-a: { timeout: 10s } }'))).toEqual([]);
  });

  it('healthCheck timing, weights, priorities and redirects that name real nodes', () => {
    expect(errorsOf(ec2([
      '      healthCheck: { period: 5s, timeout: 3s, retries: 2, retryDelay: 1s }',
      '      failover: { enabled: true, priority: { pg-a: 10 } }',
      '      loadBalancing:',
      '        weights: { pg-a: 0, pg-b: 2 }',
      '        redirect: { applicationName: [{ pattern: "^report-", target: pg-b, probability: 0.5 }] }',
    ].join('\n')))).toEqual([]);
  });

  it('a YAML 1.2 `yes` is a string, so `instanceType: yes` is no type error (unlike `true`)', () => {
    expect(errorsOf(ec2('      instanceType: yes'))).toEqual([]);
    expect(errorsOf(ec2('      instanceType: true'))).toEqual(['9:21 expected a string, got a boolean true']);
  });
});
