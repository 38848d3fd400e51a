// Startup parameters (proxy/frontend/startup-params.ts): equal packets share one frozen parse, different packets
// never do, a malformed packet is refused every time it comes (a refusal is not remembered as a parse), and the
// settings derived from shared parameters are the same object as those of an equal packet parsed afresh.
import { describe, expect, it } from 'vitest';
import { startupParamsOf } from '../../../proxy/frontend/startup-params.ts';
import { clientSettings } from '../../../proxy/frontend/client-settings.ts';
import { startupMessage } from '../../../proxy/protocol/message-builders.ts';
import { ProtocolViolation } from '../../../proxy/protocol/frame-reader.ts';

describe('startup parameters', () => {
  it('parses a packet once: equal packets share one frozen object', () => {
    const first = startupParamsOf(startupMessage({ user: 'app', database: 'shop', application_name: 'pgbench' }));
    const again = startupParamsOf(startupMessage({ user: 'app', database: 'shop', application_name: 'pgbench' }));
    expect(first).toEqual({ user: 'app', database: 'shop', application_name: 'pgbench' });
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => ((first as Record<string, string>).user = 'postgres')).toThrow(TypeError);
  });

  it('keeps packets that differ in one byte apart', () => {
    const shop = startupParamsOf(startupMessage({ user: 'app', database: 'shop' }));
    const shoq = startupParamsOf(startupMessage({ user: 'app', database: 'shoq' }));
    expect(shop.database).toBe('shop');
    expect(shoq.database).toBe('shoq');
  });

  it('defaults the database to the user name, as PostgreSQL does', () => {
    expect(startupParamsOf(startupMessage({ user: 'ledger' })).database).toBe('ledger');
  });

  it('refuses a packet without a user every time it is sent', () => {
    const packet = startupMessage({ database: 'shop' });
    for (let i = 0; i < 2; i++) expect(() => startupParamsOf(packet)).toThrow(ProtocolViolation);
  });

  it('gives shared parameters the settings an equal packet parsed afresh gets', () => {
    const shared = startupParamsOf(startupMessage({ user: 'app', database: 'shop', options: '-c search_path=ledger', application_name: 'x' }));
    const settings = clientSettings(shared);
    expect(settings.values).toEqual({ application_name: 'x', search_path: 'ledger' });
    expect(clientSettings(shared)).toBe(settings);
    expect(clientSettings({ user: 'app', database: 'shop', options: '-c search_path=ledger', application_name: 'x' })).toBe(settings);
  });
});
