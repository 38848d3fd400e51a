import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { runPgtopo } from '../../cli/run-pgtopo.ts';

// `pgtopo render` prints what a cluster's proxies get, for either engine, with every secret masked.

const env = { PGTOPO_APP_PASSWORD: 'render-app-secret', PGTOPO_ADMIN_PASSWORD: 'render-admin-secret' };

describe('pgtopo render', () => {
  it('prints the builtin proxy config of a proxy instance, secrets as references only', async () => {
    const run = await runPgtopo(['render', 'examples/local.yaml', '--cluster', 'dev', '--proxy', '1'], { env });
    expect(run.code, run.stderr).toBe(0);
    const config = YAML.parse(run.stdout) as { listen: { port: number }; users: { name: string; password: unknown }[]; backends: unknown[] };
    expect(config.listen.port).toBe(6433);
    expect(config.backends).toHaveLength(3);
    expect(config.users.find((user) => user.name === 'app')!.password).toEqual({ env: 'PGTOPO_APP_PASSWORD' });
    expect(run.stdout).not.toContain('render-app-secret');
  });

  it('prints the four Pgpool-II files with passwords masked', async () => {
    const run = await runPgtopo(['render', 'examples/local.yaml', '--cluster', 'dev', '--engine', 'pgpool2'], { env });
    expect(run.code, run.stderr).toBe(0);
    for (const file of ['pgpool.conf', 'pool_hba.conf', 'pool_passwd', 'pcp.conf']) expect(run.stdout).toContain(`==> ${file} <==`);
    expect(run.stdout).toContain("backend_clustering_mode = 'streaming_replication'");
    expect(run.stdout).toContain('app:(sensitive)');
    expect(run.stdout).not.toMatch(/render-(app|admin)-secret/);
  });

  it('names the clusters when the one asked for does not exist, without a stack trace', async () => {
    const run = await runPgtopo(['render', 'examples/local.yaml', '--cluster', 'nope'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no cluster named "nope"');
    expect(run.stderr).toContain('clusters: dev');
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack frame
  });
});
