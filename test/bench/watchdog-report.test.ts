// The watchdog benchmark's pure parts: folding rounds into median/min/max, and the printed table with its settings.
import { describe, expect, it } from 'vitest';
import { renderWatchdogTable } from '../../bench/report-table.ts';
import { summarizeWatchdogRounds, type WatchdogResult, type WatchdogRound } from '../../bench/watchdog-bench.ts';

const round = (seconds: number | undefined, vipLeftOnKilled = false): WatchdogRound =>
  ({ killed: 0, holdersAfter: [1], vipLeftOnKilled, ...(seconds === undefined ? {} : { seconds }) });

const pgpool = (rounds: WatchdogRound[]): WatchdogResult =>
  ({ engine: 'pgpool2', label: 'Pgpool-II watchdog', status: 'failed', settings: { wd_heartbeat_keepalive: 1 }, rounds });

describe('summarizeWatchdogRounds', () => {
  it('gives the median, min and max of the rounds that recovered', () => {
    const result = summarizeWatchdogRounds(pgpool([round(4.1), round(2.5), round(6.8), round(undefined)]));
    expect(result).toMatchObject({ status: 'measured', medianSeconds: 4.1, minSeconds: 2.5, maxSeconds: 6.8 });
  });

  it('fails a series in which no round recovered, keeping the reason it has', () => {
    expect(summarizeWatchdogRounds(pgpool([round(undefined)]))).toMatchObject({ status: 'failed', note: 'no round recovered' });
    expect(summarizeWatchdogRounds({ ...pgpool([]), note: 'no leader' })).toMatchObject({ status: 'failed', note: 'no leader' });
  });
});

describe('renderWatchdogTable', () => {
  it('prints one row per engine, the VIP a killed leader kept, and each engine\'s settings', () => {
    const measured = summarizeWatchdogRounds(pgpool([round(3.09, true), round(4.12, true), round(6.78)]));
    const missing: WatchdogResult = { engine: 'builtin', label: 'builtin watchdog', status: 'not available', rounds: [], note: 'needs root to create network namespaces' };
    const table = renderWatchdogTable([missing, measured]).split('\n');
    expect(table[2]).toMatch(/^builtin watchdog +not available +- +- +0\/0 +needs root to create network namespaces$/);
    expect(table[3]).toMatch(/^Pgpool-II watchdog +4\.12 s \(median\) +3\.09 s +6\.78 s +3\/3 +VIP left on the killed leader in 2\/3$/);
    expect(table.slice(4)).toEqual(['Watchdog settings:', '  Pgpool-II watchdog: {"wd_heartbeat_keepalive":1}']);
  });
});
