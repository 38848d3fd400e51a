// Which changed settings need a restart, by the installed PostgreSQL's own description of its settings.
import { describe, expect, it } from 'vitest';
import { settingsNeedingRestart } from '../../../providers/local/restart-parameters.ts';

describe('settings that need a restart', () => {
  it('names the start-only settings that are set, changed or removed, whatever their case', () => {
    expect(settingsNeedingRestart({ shared_buffers: '32MB', work_mem: '4MB' }, { shared_buffers: '64MB', work_mem: '8MB' })).toEqual(['shared_buffers']);
    expect(settingsNeedingRestart({ max_connections: 120, work_mem: '4MB' }, { work_mem: '4MB' })).toEqual(['max_connections']);
    expect(settingsNeedingRestart({}, { Wal_Level: 'logical', statement_timeout: '5s' })).toEqual(['Wal_Level']);
  });

  it('names none when only reloadable settings change or nothing does', () => {
    expect(settingsNeedingRestart({ shared_buffers: '64MB', work_mem: '4MB' }, { shared_buffers: '64MB', work_mem: '8MB' })).toEqual([]);
    expect(settingsNeedingRestart(undefined, { log_min_duration_statement: 100 })).toEqual([]);
  });
});
