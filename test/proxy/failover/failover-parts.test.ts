// The pure decisions of a failover: which standby (asynchronous and synchronous replication), how a conninfo is re-pointed, hook placeholders, who may promote.
import { describe, expect, it } from 'vitest';
import { parseConninfo, repointConninfo } from '../../../proxy/failover/conninfo.ts';
import { StaticFailoverCoordinator } from '../../../proxy/failover/failover-coordinator.ts';
import { expandPlaceholders, runHook } from '../../../proxy/failover/failover-hooks.ts';
import { chooseStandbyToPromote, chooseSyncStandbyToPromote } from '../../../proxy/failover/standby-selection.ts';

describe('chooseStandbyToPromote', () => {
  const a = { id: '1', name: 'a', replayLsn: '0/3000060', receiveLsn: '0/3000060' };
  const b = { id: '2', name: 'b', replayLsn: '0/3000100', receiveLsn: '0/3000100' };
  const c = { id: '3', name: 'c', replayLsn: '0/3000100', receiveLsn: '0/3000100' };

  it('prefers the most WAL on disk, across the 32-bit boundary too', () => {
    expect(chooseStandbyToPromote([a, b], {})?.name).toBe('b');
    expect(chooseStandbyToPromote([{ ...a, replayLsn: '1/0', receiveLsn: '1/0' }, { ...b, receiveLsn: '0/FFFFFFFF' }], {})?.name).toBe('a');
  });

  it('prefers a standby that received more over one that replayed more, so the other can follow it', () => {
    // Promoting `ahead` would leave `behind` holding WAL past the fork of the new timeline: it could never stream.
    const behind = { id: '1', name: 'behind', replayLsn: '0/3000060', receiveLsn: '0/5000000' };
    const ahead = { id: '2', name: 'ahead', replayLsn: '0/4000000', receiveLsn: '0/4000000' };
    expect(chooseStandbyToPromote([ahead, behind], {})?.name).toBe('behind');
  });

  it('breaks ties by replayed position, then priority, then the lowest id', () => {
    expect(chooseStandbyToPromote([{ ...b, replayLsn: '0/3000080' }, c], {})?.name).toBe('c');
    expect(chooseStandbyToPromote([b, c], { c: 5 })?.name).toBe('c');
    expect(chooseStandbyToPromote([c, b], {})?.name).toBe('b');
    expect(chooseStandbyToPromote([], {})).toBeUndefined();
  });

  it('counts a node without a WAL receiver as holding what it replayed, not nothing', () => {
    // A primary restarted fenced after a clean shutdown, beside a standby that received all of its WAL: a tie.
    const fenced = { id: '0', name: 'p', replayLsn: '0/3000100', receiveLsn: null };
    expect(chooseStandbyToPromote([b, fenced], {})?.name).toBe('p');
    expect(chooseStandbyToPromote([{ ...b, receiveLsn: '0/3000200' }, fenced], {})?.name).toBe('b');
  });
});

describe('chooseSyncStandbyToPromote', () => {
  const at = (id: string, name: string, replayLsn: string, receiveLsn: string | null) => ({ id, name, replayLsn, receiveLsn });
  const everyone = () => true;
  const oneOfThree = { syncStandbys: 1, syncCandidates: ['p', 's1', 's2', 's3'] };

  it('takes the standby that flushed the most, whatever it replayed', () => {
    const choice = chooseSyncStandbyToPromote([at('1', 's1', '0/5000000', '0/5000000'), at('2', 's2', '0/3000000', '0/6000000'), at('3', 's3', '0/1000000', null)],
      'p', oneOfThree, everyone, {});
    expect(choice).toEqual({ chosen: expect.objectContaining({ name: 's2' }) });
  });

  it('needs all but n - 1 of the sync standbys to answer (ANY 1 of 3: all three; ANY 2 of 3: two)', () => {
    const two = [at('1', 's1', '0/5000000', '0/5000000'), at('2', 's2', '0/3000000', '0/3000000')];
    expect(chooseSyncStandbyToPromote(two, 'p', oneOfThree, everyone, {})).toEqual({ refused: expect.stringMatching(/2 of the 3 sync standbys answered \(s1, s2\); 3 must/) });
    expect(chooseSyncStandbyToPromote(two, 'p', { ...oneOfThree, syncStandbys: 2 }, everyone, {})).toEqual({ chosen: expect.objectContaining({ name: 's1' }) });
  });

  it('never promotes a standby that is no sync candidate, and none when the most advanced one may not be promoted', () => {
    const rule = { syncStandbys: 1, syncCandidates: ['p', 's1'] };
    const outsider = at('2', 'async', '0/9000000', '0/9000000');
    expect(chooseSyncStandbyToPromote([at('1', 's1', '0/5000000', '0/5000000'), outsider], 'p', rule, everyone, {})).toEqual({ chosen: expect.objectContaining({ name: 's1' }) });
    expect(chooseSyncStandbyToPromote([outsider], 'p', rule, everyone, {})).toEqual({ refused: expect.stringMatching(/0 of the 1 sync standbys answered \(none\)/) });
    const all = [at('1', 's1', '0/5000000', '0/5000000'), at('2', 's2', '0/4000000', '0/4000000'), at('3', 's3', '0/1000000', '0/1000000')];
    expect(chooseSyncStandbyToPromote(all, 'p', oneOfThree, (c) => c.name !== 's1', {})).toEqual({ refused: expect.stringMatching(/most advanced sync standby \(s1\) may not be promoted/) });
    expect(chooseSyncStandbyToPromote([...all, at('4', 's4', '0/5000000', null)], 'p', { syncStandbys: 1, syncCandidates: ['p', 's1', 's2', 's3', 's4'] }, (c) => c.name !== 's1', { s4: 1 }))
      .toEqual({ chosen: expect.objectContaining({ name: 's4' }) });
  });
});

describe('repointConninfo', () => {
  it('changes only host and port, keeping quoted values and credentials references', () => {
    const original = "host='127.0.0.1' port='5433' user='repl' passfile='/run/pg/it\\'s.pgpass' application_name=standby2 sslmode=prefer";
    const repointed = repointConninfo(original, '10.0.0.9', 6000);
    // Bare and first, for Pgpool-II's naive reading of pg_stat_wal_receiver.conninfo.
    expect(repointed).toMatch(/^host=10\.0\.0\.9 port=6000 /);
    expect(repointed).toContain("passfile='/run/pg/it\\'s.pgpass'");
    const params = parseConninfo(repointed);
    expect(Object.fromEntries(params)).toEqual({
      host: '10.0.0.9', port: '6000', user: 'repl', passfile: "/run/pg/it's.pgpass", application_name: 'standby2', sslmode: 'prefer',
    });
  });

  it('rejects what is not a key=value string', () => {
    expect(() => parseConninfo('postgresql://x@y/z')).toThrow(/key=value/);
  });
});

describe('failover hooks', () => {
  const nodes = {
    failed: { id: 0, host: 'db0', port: 5432 },
    newPrimary: { id: 1, host: 'db1', port: 5433 },
    oldPrimary: { id: 0, host: 'db0', port: 5432 },
  };

  it("substitutes Pgpool-II's placeholders and keeps unknown ones", () => {
    expect(expandPlaceholders('f %d %h %p new %m %H %r old %P %N %S %% %z', nodes)).toBe('f 0 db0 5432 new 1 db1 5433 old 0 db0 5432 % %z');
  });

  it('runs a command and reports its exit code and output', async () => {
    expect(await runHook('echo promoted $((1+1)); exit 3', 5000)).toEqual({ exitCode: 3, output: 'promoted 2' });
  });
});

describe('StaticFailoverCoordinator', () => {
  it('lets only the configured instance promote', () => {
    expect(new StaticFailoverCoordinator(0, 0).mayPromote()).toBe(true);
    expect(new StaticFailoverCoordinator(1, 0).mayPromote()).toBe(false);
    expect(new StaticFailoverCoordinator(1, 0).describe()).toMatch(/proxy\[0\] is the failover coordinator/);
  });
});
