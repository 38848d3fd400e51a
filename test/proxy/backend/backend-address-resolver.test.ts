// The resolver behind every server connection: DNS answers kept for their TTL and no longer, names the DNS servers
// do not know left to the system lookup, literals used as they are; and the watch that says when a name moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendAddressResolver, dnsServersProblem } from '../../../proxy/backend/backend-address-resolver.ts';
import { BackendAddressWatch } from '../../../proxy/backend/backend-address-watch.ts';
import { silentLogger } from '../../../proxy/log.ts';
import { parseProxyConfig } from '../../../proxy/proxy-config.ts';
import { startTestDnsServer, type TestDnsServer } from '../../support/test-dns-server.ts';

let dns: TestDnsServer;

beforeAll(async () => {
  dns = await startTestDnsServer();
});

afterAll(async () => {
  await dns.close();
});

describe('BackendAddressResolver', () => {
  it('keeps an answer for its TTL and asks again for a record with TTL 0', async () => {
    const resolver = new BackendAddressResolver([dns.server]);
    dns.set('kept.test', ['127.0.30.1'], 3600);
    dns.set('uncached.test', ['127.0.30.2'], 0);
    for (let i = 0; i < 3; i++) {
      expect(await resolver.address('kept.test')).toBe('127.0.30.1');
      expect(await resolver.address('uncached.test')).toBe('127.0.30.2');
    }
    expect(dns.queries('kept.test')).toBe(1);
    expect(dns.queries('uncached.test')).toBe(3);
    expect(resolver.lastAnswer('kept.test')).toMatchObject({ addresses: ['127.0.30.1'], fromDns: true });
  });

  it('follows a record that moved once its TTL ran out, and at once when asked to refresh', async () => {
    const resolver = new BackendAddressResolver([dns.server]);
    dns.set('moving.test', ['127.0.30.3'], 3600);
    expect(await resolver.address('moving.test')).toBe('127.0.30.3');
    dns.set('moving.test', ['127.0.30.4'], 0);
    expect(await resolver.address('moving.test')).toBe('127.0.30.3'); // the old answer's TTL has not run out
    expect((await resolver.refresh('moving.test')).addresses).toEqual(['127.0.30.4']);
    expect(await resolver.address('moving.test')).toBe('127.0.30.4');
  });

  it('spreads connections over the addresses of a round-robin name', async () => {
    const resolver = new BackendAddressResolver([dns.server]);
    dns.set('readers.test', ['127.0.30.5', '127.0.30.6'], 3600);
    const seen = new Set(await Promise.all([1, 2, 3, 4].map(() => resolver.address('readers.test'))));
    expect(seen).toEqual(new Set(['127.0.30.5', '127.0.30.6']));
  });

  it('leaves names the DNS servers do not know to the system lookup (/etc/hosts), and literals as they are', async () => {
    const resolver = new BackendAddressResolver([dns.server]);
    expect(await resolver.address('localhost')).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(resolver.lastAnswer('localhost')).toMatchObject({ fromDns: false, expiresAt: 0 });
    expect(await resolver.address('127.0.30.9')).toBe('127.0.30.9');
    expect(dns.queries('127.0.30.9')).toBe(0);
  });

  it('says why a name resolves nowhere, naming both answers', async () => {
    const resolver = new BackendAddressResolver([dns.server]);
    await expect(resolver.address('nowhere.invalid')).rejects.toThrow(/cannot resolve nowhere\.invalid: DNS says ENOTFOUND, the system lookup E[A-Z]+/);
  });

  it('refuses DNS servers it cannot use, naming the setting', () => {
    expect(dnsServersProblem(['127.0.0.1:53'])).toBeNull();
    expect(dnsServersProblem(['not an address'])).toMatch(/not an address/i);
    const document = { listen: { port: 1 }, backends: [{ name: 'w', host: 'h', port: 2 }], users: [{ name: 'u' }], dns: { servers: ['not an address'] } };
    expect(() => parseProxyConfig(document)).toThrow(/dns\.servers: /);
  });
});

describe('BackendAddressWatch', () => {
  it('tells when a backend name no longer points where it did, and not before', async () => {
    const resolver = new BackendAddressResolver([dns.server]);
    const moves: [string, readonly string[]][] = [];
    const watch = new BackendAddressWatch(resolver, (host, addresses) => moves.push([host, addresses]), silentLogger);
    dns.set('writer.test', ['127.0.30.7'], 0);
    const backend = { id: 0, name: 'writer', host: 'writer.test', port: 5432, weight: 1, role: 'primary' as const, alwaysPrimary: true, noFailover: false };
    try {
      watch.watch([backend, { ...backend, id: 1, name: 'literal', host: '127.0.30.10' }]);
      await expect.poll(() => dns.queries('writer.test'), { timeout: 10_000 }).toBeGreaterThanOrEqual(2); // checked again
      expect(moves).toEqual([]);
      dns.set('writer.test', ['127.0.30.8'], 0);
      await expect.poll(() => moves.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(moves[0]).toEqual(['writer.test', ['127.0.30.8']]);
    } finally {
      watch.stop();
    }
  });
});
