import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProxyConfig, parseProxyConfig, ProxyConfigError } from '../../proxy/proxy-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-proxy-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const minimal = { listen: { port: 6432 }, backends: [{ name: 'p', host: 'db', port: 5432 }], users: [{ name: 'app' }] };

function problemsOf(document: unknown): string {
  try {
    parseProxyConfig(document);
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(ProxyConfigError);
    return (error as Error).message;
  }
}

describe('proxy config', () => {
  it('fills defaults: transaction pooling, first backend primary, scram for everyone', () => {
    const config = parseProxyConfig(minimal);
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 6432 });
    expect(config.pool.mode).toBe('transaction');
    expect(config.backends[0]).toMatchObject({ id: 0, role: 'primary', weight: 1, alwaysPrimary: false });
    expect(config.hba).toEqual([{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'scram-sha-256' }]);
  });

  it('names every bad field', () => {
    const message = problemsOf({ ...minimal, pool: { mode: 'statement', size: 0 }, extra: 1 });
    expect(message).toContain('pool.mode: must be one of transaction, session');
    expect(message).toContain('pool.size');
    expect(message).toContain('unknown setting "extra"');
  });

  it('rejects duplicate backends, bad hba rules and bad router settings', () => {
    expect(problemsOf({ ...minimal, backends: [minimal.backends[0], minimal.backends[0]] })).toContain('distinct');
    expect(problemsOf({ ...minimal, hba: [{ type: 'host', database: 'all', user: 'all', address: 'nowhere', method: 'trust' }] })).toContain('address');
    expect(problemsOf({ ...minimal, router: { disableLoadBalanceOnWrite: 'sometimes' } })).toContain('router');
  });

  it('replication: async by default; sync candidates default to every backend and must name backends', () => {
    expect(parseProxyConfig(minimal).replication).toEqual({ mode: 'async', syncStandbys: 1, syncCandidates: ['p'] });
    const two = { ...minimal, backends: [minimal.backends[0], { name: 's', host: 'db2', port: 5432 }] };
    expect(parseProxyConfig({ ...two, replication: { mode: 'sync' } }).replication).toEqual({ mode: 'sync', syncStandbys: 1, syncCandidates: ['p', 's'] });
    expect(problemsOf({ ...two, replication: { mode: 'sync', syncCandidates: ['p', 'x'] } })).toContain('replication.syncCandidates: no backend named x');
    expect(problemsOf({ ...two, replication: { mode: 'sync', syncStandbys: 3 } })).toContain('replication.syncStandbys: 3 is more than the 2 sync candidates');
    expect(problemsOf({ ...two, replication: { mode: 'quorum' } })).toContain('replication.mode: must be one of async, sync');
  });

  it('tls: client allow with a certificate, else disable; backend prefer; idle clients kept', () => {
    const cert = { certFile: 'c.pem', keyFile: 'k.pem' };
    expect(parseProxyConfig(minimal).tls).toEqual({ cert: null, key: null, ca: null, client: 'disable', backend: 'prefer' });
    expect(parseProxyConfig({ ...minimal, tls: cert }).tls).toMatchObject({ cert: { file: 'c.pem' }, key: { file: 'k.pem' }, client: 'allow', backend: 'prefer' });
    expect(parseProxyConfig({ ...minimal, tls: { ...cert, client: 'require', backend: 'disable' } }).tls).toMatchObject({ client: 'require', backend: 'disable' });
    expect(parseProxyConfig(minimal).pool.clientIdleTimeoutMs).toBe(0);
  });

  it('tls: a certificate and key from SSM parameters, taken from the values read with the document', () => {
    const tls = { certParameter: '/t/cert', keyParameter: '/t/key', caParameter: '/t/ca', backend: 'verify-full' };
    const values = new Map([['/t/cert', 'CERT PEM'], ['/t/key', 'KEY PEM'], ['/t/ca', 'CA PEM']]);
    expect(parseProxyConfig({ ...minimal, tls }, values).tls).toEqual({
      cert: { parameter: '/t/cert', pem: 'CERT PEM' }, key: { parameter: '/t/key', pem: 'KEY PEM' }, ca: { parameter: '/t/ca', pem: 'CA PEM' },
      client: 'allow', backend: 'verify-full',
    });
    expect(() => parseProxyConfig({ ...minimal, tls }, new Map())).toThrow('tls.certParameter: SSM parameter /t/cert was not read');
  });

  it('tls: a client mode without a certificate, half a key pair or verify-full without a CA is an error', () => {
    expect(problemsOf({ ...minimal, tls: { client: 'require' } })).toContain('tls.client: require needs tls.certFile and tls.keyFile');
    expect(problemsOf({ ...minimal, tls: { certFile: 'c.pem' } })).toContain('tls: must have property keyFile when property certFile is present');
    expect(problemsOf({ ...minimal, tls: { backend: 'verify-full' } })).toContain('tls.backend: verify-full needs tls.caFile or tls.caParameter');
    expect(problemsOf({ ...minimal, tls: { certParameter: '/c' } })).toContain('tls: must have property keyParameter when property certParameter is present');
    expect(problemsOf({ ...minimal, tls: { certFile: 'c.pem', keyFile: 'k.pem', certParameter: '/c', keyParameter: '/k' } })).toContain('tls.certParameter: give tls.certFile or tls.certParameter, not both');
    expect(problemsOf({ ...minimal, tls: { backend: 'verify-ca' } })).toContain('tls.backend: must be one of disable, prefer, require, verify-full');
    expect(problemsOf({ ...minimal, pool: { clientIdleTimeoutMs: -1 } })).toContain('pool.clientIdleTimeoutMs');
  });

  it('resolves secrets from env and files without echoing them in errors', () => {
    writeFileSync(join(dir, 'pw'), 'from-file\n');
    process.env.PGTOPO_TEST_SECRET = 'from-env';
    const config = parseProxyConfig({
      ...minimal,
      users: [{ name: 'a', password: { env: 'PGTOPO_TEST_SECRET' } }, { name: 'b', secret: { file: join(dir, 'pw') } }],
    });
    expect(config.users[0]).toMatchObject({ secret: 'from-env', backendPassword: 'from-env' });
    expect(config.users[1]).toMatchObject({ secret: 'from-file', backendPassword: null });
    const missing = problemsOf({ ...minimal, users: [{ name: 'a', password: { env: 'PGTOPO_NOT_SET_ANYWHERE' } }] });
    expect(missing).toContain('PGTOPO_NOT_SET_ANYWHERE is not set');
  });

  it('loads YAML and JSON files and reports unreadable or unparsable ones', async () => {
    writeFileSync(join(dir, 'c.yaml'), 'listen: { port: 1 }\nbackends: [{ name: p, host: h, port: 2 }]\nusers: [{ name: u }]\n');
    writeFileSync(join(dir, 'c.json'), JSON.stringify(minimal));
    expect((await loadProxyConfig(join(dir, 'c.yaml'))).listen.port).toBe(1);
    expect((await loadProxyConfig(join(dir, 'c.json'))).listen.port).toBe(6432);
    await expect(loadProxyConfig(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot read proxy config .*ENOENT/);
    writeFileSync(join(dir, 'bad.yaml'), 'listen: [unclosed');
    await expect(loadProxyConfig(join(dir, 'bad.yaml'))).rejects.toThrow(/not valid YAML/);
  });
});
