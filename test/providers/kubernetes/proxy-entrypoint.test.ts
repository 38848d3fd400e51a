// The proxy image's entrypoint, run for real with stand-ins for `pgtopo` and `pgpool` that log what they get: it
// starts the engine from the config volume, answers a swapped ConfigMap or Secrets version with SIGHUP, passes
// SIGTERM on and exits with the proxy's status; for Pgpool-II it writes pool_passwd and pcp.conf (0600) from the
// Secret files, again when a Secret changes, and says when a renewed certificate needs a restart.
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

type SecretData = Record<string, Record<string, string>>;

describe('proxy image entrypoint', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let stderr = '';
  const log = () => (existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '');
  const secretFile = (secret: string, key: string) => join(dir, 'secrets', secret, key);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgtopo-entrypoint-'));
    mkdirSync(join(dir, 'bin'));
    for (const name of ['pgtopo', 'pgpool']) {
      writeFileSync(join(dir, 'bin', name), STUB);
      chmodSync(join(dir, 'bin', name), 0o755);
    }
    mkdirSync(join(dir, 'run'));
    const passwords = `app ${secretFile('app-db', 'password')} user\nops ${secretFile('ops-db', 'password')} admin\n`;
    volumeVersion('config', 'v1', { '.': { 'proxy.yaml': 'listen: {}\n', 'passwords.list': passwords } });
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      try {
        process.kill(-child.pid!, 'SIGKILL'); // its group: the stand-in engine and the watcher too
      } catch {
        // gone meanwhile
      }
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Lays out a volume the way kubelet does: the files in a version directory, `..data` pointing at it, swapped by a
   * rename, and a link per top-level entry through `..data`. A ConfigMap's files are at the top ('.'); a projected
   * Secrets volume has a directory per Secret.
   */
  function volumeVersion(volume: string, version: string, data: SecretData): void {
    const root = join(dir, volume);
    for (const [directory, files] of Object.entries(data)) {
      mkdirSync(join(root, `..${version}`, directory), { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(root, `..${version}`, directory, name), text);
      const entries = directory === '.' ? Object.keys(files) : [directory];
      for (const entry of entries) if (!existsSync(join(root, entry))) symlinkSync(join('..data', entry), join(root, entry));
    }
    symlinkSync(`..${version}`, join(root, '..data_tmp'));
    renameSync(join(root, '..data_tmp'), join(root, '..data'));
  }
  const configVersion = (version: string, files: Record<string, string>) => volumeVersion('config', version, { '.': files });
  const secretsVersion = (version: string, data: SecretData) => volumeVersion('secrets', version, data);
  const passwords = (app: string, ops = 'ops-pw'): SecretData => ({ 'app-db': { password: app }, 'ops-db': { password: ops } });

  function start(engine: string): ChildProcess {
    stderr = '';
    child = spawn('sh', [ENTRYPOINT, engine], {
      env: {
        PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, LOG: join(dir, 'log'), PGTOPO_CONFIG_DIR: join(dir, 'config'), PGTOPO_RUN_DIR: join(dir, 'run'),
        PGTOPO_SECRETS_DIR: join(dir, 'secrets'), PGTOPO_CONFIG_POLL_SECONDS: '0.2',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true, // a process group of its own, so a failed test leaves no stand-in running
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return child;
  }

  async function until(what: string, seen: () => boolean): Promise<void> {
    for (let waited = 0; !seen(); waited += 50) {
      if (waited > 30_000) throw new Error(`never saw ${what}:\nlog: ${log()}\nstderr: ${stderr}`);
      await sleep(50);
    }
  }
  const inLog = (text: string) => until(`"${text}" in the log`, () => log().includes(text));
  const hups = () => log().split('\n').filter((line) => line === 'hup').length;

  async function stop(proxy: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => proxy.once('exit', resolve));
    proxy.kill('SIGTERM');
    return exited;
  }

  it('passes shellcheck', () => {
    const result = spawnSync('shellcheck', [ENTRYPOINT], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs the builtin proxy, reloads it on a new ConfigMap version and passes SIGTERM on', async () => {
    const proxy = start('builtin');
    await inLog(`started pgtopo proxy --config ${join(dir, 'config')}/proxy.yaml`);
    expect(log()).not.toContain('hup');
    configVersion('v2', { 'proxy.yaml': 'listen: { port: 1 }\n' });
    await inLog('hup');
    expect(await stop(proxy)).toBe(7); // the proxy's own exit status
    expect(log()).toContain('term');
  });

  it('reloads the builtin proxy when kubelet swaps in a changed Secret', async () => {
    secretsVersion('v1', { ...passwords('app-pw'), 'proxy-tls': { 'tls.crt': 'one', 'tls.key': 'one' } });
    const proxy = start('builtin');
    await inLog('started pgtopo proxy');
    await sleep(500); // a few polls: an unchanged volume is no reason to reload
    expect(log()).not.toContain('hup');
    secretsVersion('v2', { ...passwords('app-pw'), 'proxy-tls': { 'tls.crt': 'two', 'tls.key': 'two' } });
    await inLog('hup');
    await stop(proxy);
  });

  it('writes Pgpool-II\'s password files in the pod from the Secret files, 0600, one trailing line ending dropped', async () => {
    secretsVersion('v1', passwords('app-pw\n', 'ops-pw\r\n'));
    const proxy = start('pgpool2');
    await inLog('started pgpool -n -D -f');
    expect(readFileSync(join(dir, 'run/pool_passwd'), 'utf8')).toBe('app:TEXTapp-pw\nops:TEXTops-pw\n');
    expect(readFileSync(join(dir, 'run/pcp.conf'), 'utf8')).toMatch(/^ops:[0-9a-f]{32}\n$/);
    expect(statSync(join(dir, 'run/pool_passwd')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'run/pcp.conf')).mode & 0o777).toBe(0o600);
    await stop(proxy);
  });

  it('escapes `:` and `\\` in pool_passwd as the renderer for local and EC2 does', async () => {
    const awkward = { app: 'a:b\\c:', ops: '\\\\x y$(z)' };
    secretsVersion('v1', passwords(awkward.app, awkward.ops));
    const proxy = start('pgpool2');
    await inLog('started pgpool -n -D -f');
    const users = Object.entries(awkward).map(([name, password]) => ({ name, password }));
    expect(readFileSync(join(dir, 'run/pool_passwd'), 'utf8')).toBe(renderPoolPasswd(users));
    await stop(proxy);
  });

  it('gives Pgpool-II a rotated password by reload, and keeps the old files when the new one cannot be used', async () => {
    secretsVersion('v1', passwords('app-pw'));
    const proxy = start('pgpool2');
    await inLog('started pgpool');
    await sleep(500); // the watcher has read the volume's first version
    const before = readFileSync(join(dir, 'run/pcp.conf'), 'utf8');
    for (const [round, password] of ['rotated-1', 'rotated-2', 'rotated-3'].entries()) {
      secretsVersion(`v${round + 2}`, passwords(password, `ops-${password}`));
      await until(`reload ${round + 1}`, () => hups() === round + 1);
      expect(readFileSync(join(dir, 'run/pool_passwd'), 'utf8')).toBe(`app:TEXT${password}\nops:TEXTops-${password}\n`);
    }
    expect(readFileSync(join(dir, 'run/pcp.conf'), 'utf8')).not.toBe(before);
    secretsVersion('v9', passwords('x'.repeat(125)));
    await until('the refusal', () => stderr.includes('kept the previous pool_passwd and pcp.conf'));
    expect(stderr).toContain('the password of app is longer');
    expect(stderr).not.toContain('xxx');
    expect(readFileSync(join(dir, 'run/pool_passwd'), 'utf8')).toBe('app:TEXTrotated-3\nops:TEXTops-rotated-3\n');
    expect(hups()).toBe(3);
    expect(stderr).not.toContain('TLS files changed');
    await stop(proxy);
  });

  it('tells that Pgpool-II needs a restart for a renewed certificate', async () => {
    secretsVersion('v1', { ...passwords('app-pw'), 'proxy-tls': { 'tls.crt': 'one', 'tls.key': 'one' } });
    const proxy = start('pgpool2');
    await inLog('started pgpool');
    await sleep(500); // the watcher has read the volume's first version
    secretsVersion('v2', { ...passwords('app-pw'), 'proxy-tls': { 'tls.crt': 'two', 'tls.key': 'two' } });
    await until('the restart advice', () => stderr.includes('the TLS files changed; Pgpool-II reads them only at start'));
    await stop(proxy);
  });

  it('refuses a password longer than Pgpool-II reads from pool_passwd, and exits 1', async () => {
    secretsVersion('v1', passwords('x'.repeat(125)));
    const proxy = start('pgpool2');
    const code = await new Promise<number | null>((resolve) => proxy.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('at most 124 bytes of a password from pool_passwd; the password of app is longer');
    expect(stderr).not.toContain('xxx');
    expect(log()).not.toContain('started pgpool');
  });

  it('says which password file is missing and exits 1', async () => {
    secretsVersion('v1', { 'app-db': { password: 'app-pw' } });
    const proxy = start('pgpool2');
    const code = await new Promise<number | null>((resolve) => proxy.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot read ${secretFile('ops-db', 'password')}, the password of ops`);
  });
});
