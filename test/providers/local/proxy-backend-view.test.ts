// The parse of a builtin proxy's /metrics into its view of the backends, against what the proxy's own metric code
// (prom-client) writes, so a change of either side shows here.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerBackendMetrics } from '../../../proxy/health/backend-metrics.ts';
import { backendViewOf, describeBackendView } from '../../../providers/local/proxy-backend-view.ts';

function exposition(nodes: { name: string; status: string; role: string }[]): Promise<string> {
  const registry = new Registry();
  const backends = { all: nodes.map((node) => ({ node: { ...node, falsePrimary: false }, lastStatusChange: new Date(0) })) };
  registerBackendMetrics(registry, { backends, nodeControl: null } as unknown as Parameters<typeof registerBackendMetrics>[1]);
  return registry.metrics();
}

describe('backendViewOf', () => {
  it('reads each node\'s status and role from the proxy\'s metrics', async () => {
    const text = await exposition([
      { name: 'pg0', status: 'up', role: 'primary' },
      { name: 'pg1', status: 'quarantined', role: 'standby' },
      { name: 'pg2', status: 'down', role: 'standby' },
    ]);
    const view = backendViewOf(text);
    expect(view).toEqual([
      { node: 'pg0', status: 'up', role: 'primary' },
      { node: 'pg1', status: 'quarantined', role: 'standby' },
      { node: 'pg2', status: 'down', role: 'standby' },
    ]);
    expect(describeBackendView(view)).toBe('pg0 up primary, pg1 quarantined standby, pg2 down standby');
  });

  it('ignores other series and series whose value is not 1', () => {
    expect(backendViewOf([
      'pgtopo_proxy_backend_false_primary{node="pg0"} 0',
      'pgtopo_proxy_backend_status{node="pg0",status="up",role="primary"} 0',
      '# HELP pgtopo_proxy_backend_status 1 for the node\'s current status and role',
    ].join('\n'))).toEqual([]);
  });
});
