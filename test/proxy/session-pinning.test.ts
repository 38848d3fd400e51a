import { describe, expect, it } from 'vitest';
import { pinReasonByRules, sessionPinReason } from '../../proxy/session-state/session-pinning.ts';
import { carrySql, clientSettings, parseOptions } from '../../proxy/frontend/client-settings.ts';

describe('session pinning', () => {
  it.each([
    ["SET search_path = app", 'set'],
    ["  /* c */ set application_name to 'x'", 'set'],
    ['SELECT 1; SET work_mem = 1', 'set'],
    ['RESET ALL', 'set'],
    ['PREPARE p AS SELECT 1', 'prepare'],
    ['DEALLOCATE p', 'prepare'],
    ['LISTEN chan', 'listen'],
    ['SELECT pg_advisory_lock(1)', 'advisory-lock'],
    ['select PG_TRY_ADVISORY_LOCK(1)', 'advisory-lock'],
    ['CREATE TEMP TABLE t (x int)', 'temp-table'],
    ['create global temporary table t (x int)', 'temp-table'],
    ['SELECT * INTO TEMP t FROM x', 'temp-table'],
    ['DECLARE c CURSOR WITH HOLD FOR SELECT 1', 'with-hold-cursor'],
    ["SELECT set_config('a.b', 'c', false)", 'set-config'],
    ['DISCARD ALL', 'discard'],
  ])('%s pins (%s)', (sql, reason) => {
    expect(sessionPinReason(sql)).toBe(reason);
  });

  it.each([
    'SELECT abalance FROM pgbench_accounts WHERE aid = 1',
    'UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = 2',
    'SET LOCAL work_mem = 1',
    'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE',
    'BEGIN; SET LOCAL statement_timeout = 1; COMMIT',
    'SELECT pg_advisory_xact_lock(1)',
    'DECLARE c CURSOR FOR SELECT 1',
    'SELECT offset_value FROM settings',
  ])('%s does not pin', (sql) => {
    expect(sessionPinReason(sql)).toBeNull();
  });
});

describe('session pinning pre-filter', () => {
  const prefixes = ['', '  ', '/* c */ ', '-- c\n', '(', 'SELECT 1;', "SELECT ';' ;", 'WITH x AS (SELECT 1) ', '/* open'];
  const bodies = [
    'SET a = 1', 'set  x to 1', 'SeT\tx=1', 'RESET ALL', 'reset', 'PREPARE p AS SELECT 1', 'deallocate p', 'LISTEN c',
    'CREATE TEMP TABLE t ()', 'create local temporary table t ()', 'CREATE TABLE t ()', 'DECLARE c CURSOR WITH HOLD FOR SELECT 1',
    "LOAD 'x'", 'discard all', 'SELECT pg_advisory_lock(1)', 'SELECT * INTO TEMP t', 'select set_config(1)',
    'UPDATE t SET a = 1', 'SELECT settings', 'SET LOCAL x = 1', 'setx', 'listen_x', 'set(', 'INSERT INTO h VALUES (1)',
  ];
  const suffixes = ['', ';', '; SET b = 2', ' -- tail', ';(discard plans)', "; select 'temp'"];

  it('agrees with the rules alone on every combination of statement starts, comments and separators', () => {
    let pinned = 0;
    for (const prefix of prefixes) {
      for (const body of bodies) {
        for (const suffix of suffixes) {
          const sql = prefix + body + suffix;
          expect([sql, sessionPinReason(sql)]).toEqual([sql, pinReasonByRules(sql)]);
          if (sessionPinReason(sql) !== null) pinned++;
        }
      }
    }
    expect(pinned).toBeGreaterThan(500);
  });

  it('agrees with the rules alone on random token soup', () => {
    const tokens = ['set', 'SET', ' ', ';', '(', '/*', '*/', '--', '\n', 'temp', 'x', 'listen', 'create', 'hold', 'with', 'declare', 'reset', '_', 'into', 'advisory_lock', 'pg_', 'set_config', 'load', 'discard', "'", '1'];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5000; i++) {
      const sql = Array.from({ length: 1 + Math.floor(next() * 12) }, () => tokens[Math.floor(next() * tokens.length)]).join('');
      expect([sql, sessionPinReason(sql)]).toEqual([sql, pinReasonByRules(sql)]);
    }
  });
});

describe('client settings carried across servers', () => {
  it('turns -c options into settings and interns equal sets', () => {
    expect(parseOptions('-c statement_timeout=5s --work-mem=64kB')).toEqual({ statement_timeout: '5s', work_mem: '64kB' });
    const a = clientSettings({ user: 'u', database: 'd', application_name: 'x', options: '-c work_mem=1MB' });
    const b = clientSettings({ database: 'd', user: 'u', options: '-cwork_mem=1MB', application_name: 'x' });
    expect(a).toBe(b);
    expect(() => parseOptions('-x')).toThrow(/unsupported startup option/);
  });

  it('builds the SET/RESET difference between two setting sets, quoting safely', () => {
    const from = clientSettings({ user: 'u', application_name: 'a', DateStyle: 'ISO' });
    const to = clientSettings({ user: 'u', application_name: "o'brien" });
    expect(carrySql(from, to)).toBe(`SELECT pg_catalog.set_config('application_name', 'o''brien', false); RESET "DateStyle"`);
    expect(carrySql(to, to)).toBe('');
  });
});
