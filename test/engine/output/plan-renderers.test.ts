import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { engineFixture, localTopology, type EngineFixture } from '../support/engine-fixture.ts';
import { SIMULATED_TYPES } from '../../../providers/simulated/simulated-provider.ts';
import { renderPlanText } from '../../../engine/output/plan-text.ts';
import { renderPlanMarkdown } from '../../../engine/output/plan-markdown.ts';
import { planJson } from '../../../engine/output/plan-json.ts';
import { ApplyProgress } from '../../../engine/output/apply-progress.ts';

describe('plan renderers', () => {
  let fixture: EngineFixture;
  afterEach(() => fixture.cleanup());

  async function mixedPlan() {
    fixture = engineFixture();
    await fixture.converge(localTopology({ dev: { instances: 2, proxies: 2, poolSize: 10 } }));
    fixture.provider.world.changeOutOfBand(SIMULATED_TYPES.server, 'shop-dev-postgres-0', { parameters: { work_mem: '1GB' } });
    // the proxies change in place (pool size, backends), postgres[0]'s drift is reverted, postgres[1] goes, qa arrives
    return fixture.plan(localTopology({ dev: { instances: 1, proxies: 2, poolSize: 30, proxyPort: 6432 }, qa: { instances: 1, proxies: 0 } }));
  }

  it('text: symbols, attribute before → after, the forcing attribute, drift and the summary line', async () => {
    const plan = await mixedPlan();
    const text = renderPlanText(plan);
    expect(text).toContain('Objects changed outside pgtopo (drift):');
    expect(text).toContain('      ~ parameters = {\n          + work_mem = "1GB"\n        }');
    expect(text).toMatch(/ {2}\+ simulated_network "shop-qa-network"/);
    expect(text).toContain('# dev.postgres[1] will be destroyed (no longer declared)');
    expect(text).toMatch(/ {2}- simulated_server "shop-dev-postgres-1" id=srv-\d+/);
    expect(text).toContain('# dev.postgres[0] will be updated in place');
    expect(text).toMatch(/ {2}~ simulated_server "shop-dev-postgres-0"/);
    expect(text).toMatch(/~ pool_size\s+= 10 → 30/);
    // backends apply by restart, pool_size by reload: the header says the proxy restarts, and for which
    expect(text).toContain('# dev.proxy[0] will be updated in place (restarts for backends)');
    expect(text).toContain('Plan: 2 to add, 3 to change, 1 to destroy.');
  });

  it('text: a replace names the attribute that forces it', async () => {
    fixture = engineFixture();
    await fixture.converge(localTopology({ dev: { instances: 1, proxies: 1 } }));
    const text = renderPlanText(await fixture.plan(localTopology({ dev: { instances: 1, proxies: 1, proxyPort: 7000 } })));
    expect(text).toContain('# dev.proxy[0] must be replaced (port forces replacement)');
    expect(text).toMatch(/-\/\+ simulated_proxy "shop-dev-proxy-0"/);
    expect(text).toMatch(/~ port\s+= 6432 → 7000  # forces replacement/);
    expect(text).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
  });

  it('JSON: versioned, without internal fields; markdown: summary, table and folded drift', async () => {
    const plan = await mixedPlan();
    const json = planJson(plan, '0.1.0');
    expect(json.format_version).toBe('1.0');
    expect(Object.keys(json)).not.toContain('prior_state');
    const changes = json.resource_changes as Record<string, unknown>[];
    expect(changes.every((change) => !('desired' in change))).toBe(true);
    expect(changes.find((change) => change.address === 'dev.postgres[1]')).toMatchObject({ action: 'delete', reasons: ['no longer declared'] });
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toContain('**Plan: 2 to add, 3 to change, 1 to destroy.**');
    expect(markdown).toMatch(/\| 🗑️ delete \| `dev\.postgres\[1\]` \| simulated_server \|/);
    expect(markdown).toContain('<details><summary>Drift: 1 object(s) changed outside pgtopo</summary>');
    // nested values: one line per changed key or element, by path
    expect(markdown).toContain('- `dev.postgres[0]`: `parameters.work_mem` (none) → "1GB"');
    expect(markdown).toMatch(/`backends\[1\]`: "srv-\d+\.sim\.internal" → \(none\)/);
  });
});

describe('apply progress', () => {
  it('prints start, elapsed reminders while running, and completion with the id', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => void (text += chunk.toString()));
    const progress = new ApplyProgress(out, 20);
    progress.handle({ kind: 'start', address: 'orders.proxy[0]', action: 'create' });
    await sleep(70);
    progress.handle({ kind: 'complete', address: 'orders.proxy[0]', action: 'create', id: 'i-0abc', elapsedMs: 12_000 });
    progress.close();
    expect(text).toContain('orders.proxy[0]: Creating...\n');
    expect(text).toMatch(/orders\.proxy\[0\]: Still creating\.\.\. \[\d+s elapsed\]/);
    expect(text).toContain('orders.proxy[0]: Creation complete after 12s [id=i-0abc]');
  });
});

describe('nested values in plan text', () => {
  const router = { loadBalancing: true, poolSize: 20, delayThreshold: 10, statementLevel: false, patterns: ['^SELECT'] };

  it('an update shows only the keys that changed inside a map, and counts the rest', async () => {
    const { changeLines } = await import('../../../engine/output/plan-blocks.ts');
    const after = { loadBalancing: true, poolSize: 30, statementLevel: false, patterns: ['^SELECT'], preferLowerDelay: true };
    expect(changeLines('router', router, after, 6)).toEqual([
      '      ~ router = {',
      '          ~ poolSize         = 20 → 30',
      '          - delayThreshold   = 10',
      '          + preferLowerDelay = true',
      '            # (3 unchanged attributes hidden)',
      '        }',
    ]);
  });

  it('a list changes element by element: a changed map key by key, kept elements counted', async () => {
    const { changeLines } = await import('../../../engine/output/plan-blocks.ts');
    const before = [{ name: 'pg0', port: 5432 }, { name: 'pg1', port: 5433 }, { name: 'pg2', port: 5434 }];
    const after = [{ name: 'pg0', port: 5432 }, { name: 'pg1', port: 6000 }, 'extra'];
    expect(changeLines('backends', before, after, 6)).toEqual([
      '      ~ backends = [',
      '          ~ {',
      '              ~ port = 5433 → 6000',
      '                # (1 unchanged attribute hidden)',
      '            },',
      '          ~ {"name":"pg2","port":5434} → "extra",',
      '            # (1 unchanged element hidden)',
      '        ]',
    ]);
  });

  it('a created map or list is an indented block; secrets and unknown values stay marked inside it', async () => {
    const { valueLines } = await import('../../../engine/output/plan-blocks.ts');
    const users = [{ name: 'app', password: { $sensitive: { reference: null, hmac: 'abc' } }, port: { $unknown: true } }];
    const text = valueLines('+', 'users', users, 6).join('\n');
    expect(text).toBe([
      '      + users = [',
      '          + {',
      '              + name     = "app"',
      '              + password = (sensitive)',
      '              + port     = (known after apply)',
      '            },',
      '        ]',
    ].join('\n'));
    expect(text).not.toContain('abc');
    expect(valueLines('+', 'parameters', {}, 6)).toEqual(['      + parameters = {}']);
  });
});

describe('attribute values in plan output', () => {
  it('marks unknown values inside lists and maps, and keeps strings intact', async () => {
    const { formatValue } = await import('../../../engine/output/plan-values.ts');
    expect(formatValue([{ port: { $unknown: true }, host: 'a,b' }, 'x'])).toBe('[{"port":(known after apply),"host":"a,b"}, "x"]');
    expect(formatValue({ $unknown: true })).toBe('(known after apply)');
    expect(formatValue('(sensitive)')).toBe('(sensitive)');
    expect(formatValue(undefined)).toBe('(none)');
  });
});
