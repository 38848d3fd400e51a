import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { runPgtopo } from '../../cli/run-pgtopo.ts';

// `pgtopo render` prints what a cluster's proxies get, for either engine, with every secret masked.

const env = { PGTOPO_APP_PASSWORD: 'render-app-secret', PGTOPO_ADMIN_PASSWORD: 'render-admin-secret' };

describe('pgtopo render', () => {
  it('prints the builtin proxy config of a proxy instance, secrets as references only', async () => {
    const run = await runPgtopo(['render', 'examples/local.yaml', '--cluster', 'dev', '--proxy', '1'], { env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const config = YAML.parse(run.stdout) as { listen: { port: number }; users: { name: string; password: unknown }[]; backends: unknown[] };
    expect(config.listen.port).toBe(6433);
    expect(config.backends).toHaveLength(3);
    expect(config.users.find((user) => user.name === 'app')!.password).toEqual({ env: 'PGTOPO_APP_PASSWORD' });
    expect(run.stdout).not.toContain('render-app-secret');
  });

  it('prints the four Pgpool-II files with passwords masked', async () => {
    const run = await runPgtopo(['render', 'examples/local.yaml', '--cluster', 'dev', '--engine', 'pgpool2'], { env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    for (const file of ['pgpool.conf', 'pool_hba.conf', 'pool_passwd', 'pcp.conf']) expect(run.stdout).toContain(`==> ${file} <==`);
    expect(run.stdout).toContain("backend_clustering_mode = 'streaming_replication'");
    expect(run.stdout).toContain('app:(sensitive)');
    expect(run.stdout).not.toMatch(/render-(app|admin)-secret/);
  });

  it('renders the issue-13 topology `tls: { client: require, certFile, keyFile }` for both engines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgtopo-render-tls-'));
    try {
      const topology = {
        version: 1, name: 'shop',
        clusters: { dev: { environment: 'local', proxy: { tls: { client: 'require', certFile: 'c.pem', keyFile: 'k.pem' } } } },
        users: [{ name: 'app', password: { fromEnv: 'PGTOPO_APP_PASSWORD' } }],
      };
      const file = join(dir, 'pgtopo.yaml');
      await writeFile(file, YAML.stringify(topology));
      const builtin = await runPgtopo(['render', file, '--cluster', 'dev'], { env });
      expect(builtin.code, builtin.stdout + builtin.stderr).toBe(0);
      // Files are resolved against the topology's directory, so the proxy finds them wherever it runs.
      expect((YAML.parse(builtin.stdout) as { tls: unknown }).tls).toEqual({ client: 'require', certFile: join(dir, 'c.pem'), keyFile: join(dir, 'k.pem') });
      const pgpool = await runPgtopo(['render', file, '--cluster', 'dev', '--engine', 'pgpool2'], { env });
      expect(pgpool.code, pgpool.stdout + pgpool.stderr).toBe(0);
      expect(pgpool.stdout).toContain('ssl = on');
      expect(pgpool.stdout).toContain(`ssl_cert = '${join(dir, 'c.pem')}'`);
      const hba = pgpool.stdout.split('==> pool_hba.conf <==')[1]!.split('==>')[0]!;
      expect(hba).toMatch(/^hostssl\s+all\s+app\s/m);
      expect(hba).not.toMatch(/^host\s/m); // no rule lets a plaintext client in
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('renders the only cluster without --cluster, and asks for one when there are several', async () => {
    const only = await runPgtopo(['render', 'examples/local.yaml'], { env });
    expect(only.code, only.stdout + only.stderr).toBe(0);
    expect(only.stdout).toContain('# dev.proxy[0]');
    const several = await runPgtopo(['render', 'examples/multi-environment.yaml'], { env });
    expect(several.code).toBe(1);
    expect(several.stderr).toMatch(/has \d+ clusters: name one with --cluster \(.*\bdev\b/);
  });

  it('prints a kubernetes cluster\'s ConfigMap files without a cluster to talk to, for either engine', async () => {
    const offline = { ...env, KUBECONFIG: join(tmpdir(), 'pgtopo-no-such-kubeconfig') };
    const builtin = await runPgtopo(['render', 'examples/kubernetes.yaml'], { env: offline });
    expect(builtin.code, builtin.stdout + builtin.stderr).toBe(0);
    expect(builtin.stdout).toContain('==> proxy.yaml (ConfigMap app-app-proxy) <==');
    expect(builtin.stdout).toContain('host: app-db-rw.app.svc');
    expect(builtin.stdout).toContain('file: /etc/pgtopo-secrets/app-db-app/password');
    expect(builtin.stdout).not.toContain('tier.json');
    const pgpool = await runPgtopo(['render', 'examples/kubernetes.yaml', '--engine', 'pgpool2'], { env: offline });
    expect(pgpool.code, pgpool.stdout + pgpool.stderr).toBe(0);
    for (const file of ['pgpool.conf', 'pool_hba.conf', 'passwords.list']) expect(pgpool.stdout).toContain(`==> ${file} (ConfigMap app-app-proxy) <==`);
  });

  it('names the clusters when the one asked for does not exist, without a stack trace', async () => {
    const run = await runPgtopo(['render', 'examples/local.yaml', '--cluster', 'nope'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no cluster named "nope"');
    expect(run.stderr).toContain('clusters: dev');
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack frame
  });
});
