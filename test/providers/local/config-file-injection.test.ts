// User input written into configuration files cannot add lines of its own. Validation refuses such input first;
// these are the writers' own refusals, for whatever reaches them another way.
import { describe, expect, it } from 'vitest';
import { dollarQuote } from '../../../providers/local/instance-sql.ts';
import { renderSettings } from '../../../providers/local/pg-config-files.ts';
import { renderPassfile } from '../../../proxy/failover/passfile.ts';
import { renderPcpConf } from '../../../proxy/pgpool2/render-pcp-conf.ts';
import { renderPoolHba } from '../../../proxy/pgpool2/render-pool-hba.ts';
import { renderPoolPasswd } from '../../../proxy/pgpool2/render-pool-passwd.ts';

describe('postgresql.conf', () => {
  it('refuses a setting name that is not a PostgreSQL identifier', () => {
    for (const name of ["work_mem = '4MB'\napplication_name", 'a b', '1x', 'a.b.c', '']) {
      expect(() => renderSettings({ [name]: 'x' }), name).toThrow(/is not a setting name/);
    }
    expect(renderSettings({ 'auto_explain.log_min_duration': '250ms' })).toContain("auto_explain.log_min_duration = '250ms'\n");
  });

  it('refuses a value with a line break or NUL, and quotes the rest as the conf parser reads it', () => {
    for (const value of ["shop\nlisten_addresses = '*'", 'a\rb', 'a\0b']) {
      expect(() => renderSettings({ application_name: value })).toThrow(/cannot hold a line break or NUL/);
    }
    expect(() => renderSettings({ work_mem: Infinity })).toThrow(/not a number postgresql.conf can hold/);
    expect(renderSettings({ application_name: "it's a\\b" })).toContain("application_name = 'it''s a\\\\b'\n");
  });
});

describe('password and user files', () => {
  it('a libpq password file refuses a password with a line break', () => {
    expect(() => renderPassfile('127.0.0.1', 'postgres', 'pw\n*:*:*:postgres:other')).toThrow(/cannot hold a line break/);
    expect(renderPassfile('127.0.0.1', 'postgres', 'a:b\\c')).toBe('127.0.0.1:*:*:postgres:a\\:b\\\\c\n');
  });

  it('pool_passwd and pcp.conf refuse a name with `:` or white space and a password with a line break, without showing it', () => {
    for (const render of [renderPoolPasswd, renderPcpConf]) {
      expect(() => render([{ name: 'app:TEXTx', password: 'pw' }])).toThrow(/cannot hold a name with `:` or white space/);
      expect(() => render([{ name: 'app\nroot', password: 'pw' }])).toThrow(/cannot hold a name/);
      expect(() => render([{ name: 'app', password: 'hunter2\nadmin:TEXTx' }])).toThrow(/^user app: the password holds a line break or NUL[^]*$/);
      expect(() => render([{ name: 'app', password: 'hunter2\nadmin:TEXTx' }])).not.toThrow(/hunter2/);
    }
  });

  it('pool_passwd escapes `:` and `\\` in a password, as Pgpool-II reads them, and refuses one longer than it keeps', () => {
    expect(renderPoolPasswd([{ name: 'app', password: 'a:b\\c' }])).toBe('app:TEXTa\\:b\\\\c\n');
    expect(renderPoolPasswd([{ name: 'app', password: 'é'.repeat(62) }])).toBe(`app:TEXT${'é'.repeat(62)}\n`);
    expect(() => renderPoolPasswd([{ name: 'app', password: `${'é'.repeat(62)}x` }])).toThrow(/^user app: Pgpool-II reads at most 124 bytes of a password/);
  });

  it('pool_hba.conf refuses a field with white space', () => {
    const rule = { type: 'host', database: 'all', user: 'app\nhost all all 0.0.0.0/0 trust', address: '10.0.0.0/8', method: 'md5' } as const;
    expect(() => renderPoolHba([rule], 'disable')).toThrow(/cannot be empty or hold white space/);
  });
});

describe('SQL', () => {
  it('a DO block body keeps a role name holding the dollar-quote tag inside the quote', () => {
    const body = "SELECT 'x$pgtopo$; DROP ROLE postgres; --'";
    const quoted = dollarQuote(body);
    const tag = quoted.slice(0, quoted.indexOf('$', 1) + 1);
    expect(body).not.toContain(tag);
    expect(quoted).toBe(`${tag}${body}${tag}`);
  });
});
