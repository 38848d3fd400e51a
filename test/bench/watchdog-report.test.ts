// The watchdog benchmark's pure parts: folding rounds into median/min/max, and the printed table with its settings.
import { describe, expect, it } from 'vitest';
import { renderWatchdogTable } from '../../bench/report-table.ts';
import { summarizeWatchdogRounds, type WatchdogResult, type WatchdogRound } from '../../bench/watchdog-bench.ts';

const round = (seconds: number | undefined, vipLeftOnOld = false): WatchdogRound =>
  ({ leader: 0, holdersAfter: [1], vipLeftOnOld, ...(seconds === undefined ? {} : { seconds }) });

const pgpool = (rounds: WatchdogRound[]): WatchdogResult =>
  ({ engine: 'pgpool2', label: 'Pgpool-II watchdog', scenario: 'kill', status: 'failed', settings: { wd_heartbeat_keepalive: 1 }, rounds });

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
  it('prints one row per engine and scenario, the VIP an old leader kept, and each engine\'s settings once', () => {
    const killed = summarizeWatchdogRounds(pgpool([round(3.09, true), round(4.12, true), round(6.78)]));
    const cut = summarizeWatchdogRounds({ ...pgpool([round(5.5, true)]), scenario: 'cut' });
    const missing: WatchdogResult = { engine: 'builtin', label: 'builtin watchdog', scenario: 'kill', status: 'not available', rounds: [], note: 'needs root to create network namespaces' };
    const table = renderWatchdogTable([missing, killed, cut]).split('\n');
    expect(table[2]).toMatch(/^builtin watchdog, kill -9 of the leader +not available +- +- +0\/0 +needs root to create network namespaces$/);
    expect(table[3]).toMatch(/^Pgpool-II watchdog, kill -9 of the leader +4\.12 s \(median\) +3\.09 s +6\.78 s +3\/3 +VIP left on the killed leader in 2\/3$/);
    expect(table[4]).toMatch(/^Pgpool-II watchdog, the leader's cable cut +5\.50 s \(median\) +5\.50 s +5\.50 s +1\/1 +VIP still on the cut-off leader in 1\/1$/);
    expect(table.slice(5)).toEqual(['Watchdog settings:', '  Pgpool-II watchdog: {"wd_heartbeat_keepalive":1}']);
  });
});
