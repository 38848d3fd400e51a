import { describe, expect, it } from 'vitest';
import { sessionPinReason } from '../../proxy/session-state/session-pinning.ts';
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
    expect(carrySql(from, to)).toBe(`SET "application_name" TO 'o''brien'; RESET "DateStyle"`);
    expect(carrySql(to, to)).toBe('');
  });
});
