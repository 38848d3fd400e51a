// The proxy image's entrypoint, run for real with stand-ins for `pgtopo` and `pgpool` that log what they get: it
// starts the engine from the config volume, answers a swapped ConfigMap version with SIGHUP, passes SIGTERM on and
// exits with the proxy's status; for Pgpool-II it writes pool_passwd and pcp.conf (0600) from the Secret variables.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderPoolPasswd } from '../../../proxy/pgpool2/render-pool-passwd.ts';

const ENTRYPOINT = join(import.meta.dirname, '../../../providers/kubernetes/image/proxy-entrypoint.sh');
const STUB = `#!/bin/sh
echo "started $(basename "$0") $*" >> "$LOG"
trap 'echo hup >> "$LOG"' HUP
trap 'echo term >> "$LOG"; exit 7' TERM
while :; do sleep 1 & wait $!; done
`;

describe('proxy image entrypoint', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  const log = () => (existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgtopo-entrypoint-'));
    mkdirSync(join(dir, 'bin'));
    for (const name of ['pgtopo', 'pgpool']) {
      writeFileSync(join(dir, 'bin', name), STUB);
      chmodSync(join(dir, 'bin', name), 0o755);
    }
    mkdirSync(join(dir, 'run'));
    configVersion('v1', { 'proxy.yaml': 'listen: {}\n', 'passwords.env': 'app PGTOPO_SECRET_APP user\nops PGTOPO_SECRET_OPS admin\n' });
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** Lays out a ConfigMap or Secret volume the way kubelet does: files in a version directory, `..data` pointing at it. */
  function volumeVersion(volume: string, version: string, files: Record<string, string>): void {
    const root = join(dir, volume);
    mkdirSync(join(root, version), { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(root, version, name), text);
      if (!existsSync(join(root, name))) symlinkSync(join('..data', name), join(root, name));
    }
    symlinkSync(version, join(root, '..data_tmp'));
    renameSync(join(root, '..data_tmp'), join(root, '..data'));
  }
  const configVersion = (version: string, files: Record<string, string>) => volumeVersion('config', version, files);

  function start(engine: string, env: Record<string, string> = {}): ChildProcess {
    child = spawn('sh', [ENTRYPOINT, engine], {
      env: {
        PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, LOG: join(dir, 'log'), PGTOPO_CONFIG_DIR: join(dir, 'config'), PGTOPO_RUN_DIR: join(dir, 'run'), PGTOPO_TLS_DIR: join(dir, 'tls'),
        PGTOPO_CONFIG_POLL_SECONDS: '0.2', ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return child;
  }

  async function until(text: string): Promise<void> {
    for (let waited = 0; !log().includes(text); waited += 50) {
      if (waited > 30_000) throw new Error(`the log never showed "${text}":\n${log()}`);
      await sleep(50);
    }
  }

  it('passes shellcheck', () => {
    const result = spawnSync('shellcheck', [ENTRYPOINT], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs the builtin proxy, reloads it on a new ConfigMap version and passes SIGTERM on', async () => {
    const proxy = start('builtin');
    const exited = new Promise<number | null>((resolve) => proxy.once('exit', resolve));
    await until(`started pgtopo proxy --config ${join(dir, 'config')}/proxy.yaml`);
    expect(log()).not.toContain('hup');
    configVersion('v2', { 'proxy.yaml': 'listen: { port: 1 }\n' });
    await until('hup');
    proxy.kill('SIGTERM');
    expect(await exited).toBe(7); // the proxy's own exit status
    expect(log()).toContain('term');
  });

  it('reloads the builtin proxy when kubelet swaps in a renewed certificate', async () => {
    volumeVersion('tls', 'v1', { 'tls.crt': 'one', 'tls.key': 'one' });
    const proxy = start('builtin');
    await until('started pgtopo proxy');
    await sleep(500); // a few polls: an unchanged volume is no reason to reload
    expect(log()).not.toContain('hup');
    volumeVersion('tls', 'v2', { 'tls.crt': 'two', 'tls.key': 'two' });
    await until('hup');
    proxy.kill('SIGTERM');
    await new Promise((resolve) => proxy.once('exit', resolve));
  });

  it('tells that Pgpool-II needs a restart for a renewed certificate, and does not signal it', async () => {
    volumeVersion('tls', 'v1', { 'tls.crt': 'one', 'tls.key': 'one' });
    const proxy = start('pgpool2', { PGTOPO_SECRET_APP: 'app-pw', PGTOPO_SECRET_OPS: 'ops-pw' });
    let stderr = '';
    proxy.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await until('started pgpool');
    volumeVersion('tls', 'v2', { 'tls.crt': 'two', 'tls.key': 'two' });
    for (let waited = 0; !stderr.includes('Pgpool-II reads them only at start'); waited += 50) {
      if (waited > 30_000) throw new Error(`no message on stderr: ${stderr}`);
      await sleep(50);
    }
    expect(log()).not.toContain('hup');
    proxy.kill('SIGTERM');
    await new Promise((resolve) => proxy.once('exit', resolve));
  });

  it('writes Pgpool-II\'s password files in the pod from the Secret variables, 0600', async () => {
    const proxy = start('pgpool2', { PGTOPO_SECRET_APP: 'app-pw', PGTOPO_SECRET_OPS: 'ops-pw' });
    await until('started pgpool -n -D -f');
    expect(readFileSync(join(dir, 'run/pool_passwd'), 'utf8')).toBe('app:TEXTapp-pw\nops:TEXTops-pw\n');
    expect(readFileSync(join(dir, 'run/pcp.conf'), 'utf8')).toMatch(/^ops:[0-9a-f]{32}\n$/);
    expect(statSync(join(dir, 'run/pool_passwd')).mode & 0o777).toBe(0o600);
    proxy.kill('SIGTERM');
    await new Promise((resolve) => proxy.once('exit', resolve));
  });

  it('escapes `:` and `\\` in pool_passwd as the renderer for local and EC2 does', async () => {
    const passwords = { app: 'a:b\\c:', ops: '\\\\x y$(z)' };
    const proxy = start('pgpool2', { PGTOPO_SECRET_APP: passwords.app, PGTOPO_SECRET_OPS: passwords.ops });
    await until('started pgpool -n -D -f');
    const users = Object.entries(passwords).map(([name, password]) => ({ name, password }));
    expect(readFileSync(join(dir, 'run/pool_passwd'), 'utf8')).toBe(renderPoolPasswd(users));
    proxy.kill('SIGTERM');
    await new Promise((resolve) => proxy.once('exit', resolve));
  });

  it('refuses a password longer than Pgpool-II reads from pool_passwd, and exits 1', async () => {
    const proxy = start('pgpool2', { PGTOPO_SECRET_APP: 'x'.repeat(125), PGTOPO_SECRET_OPS: 'ops-pw' });
    let stderr = '';
    proxy.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => proxy.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('at most 124 bytes of a password from pool_passwd; the password of app is longer');
    expect(stderr).not.toContain('xxx');
    expect(log()).not.toContain('started pgpool');
  });

  it('says which variable is missing and exits 1', async () => {
    const proxy = start('pgpool2', { PGTOPO_SECRET_APP: 'app-pw' });
    let stderr = '';
    proxy.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => proxy.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PGTOPO_SECRET_OPS, the password of ops, is not set');
  });
});
