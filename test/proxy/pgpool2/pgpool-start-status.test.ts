// The status file a Pgpool-II 4.3 starts with, so that it does not crash on an unreachable node
// (proxy/pgpool2/pgpool-start-status.ts).
import { describe, expect, it } from 'vitest';
import { pgpoolStartStatus, type NodeAtStart } from '../../../proxy/pgpool2/pgpool-start-status.ts';

const nodes = (...states: NodeAtStart[]) => new Map(states.map((state, id) => [id, state]));

describe('pgpool_status at start', () => {
  it('is not written while every node answers: -D as before', () => {
    expect(pgpoolStartStatus(nodes('primary', 'standby'), true)).toBeNull();
    expect(pgpoolStartStatus(nodes('primary', 'standby'), false)).toBeNull();
  });

  it('marks the unreachable nodes down once a primary answers', () => {
    expect(pgpoolStartStatus(nodes('primary', 'unreachable', 'standby'), true)).toBe('up\ndown\nup\n');
  });

  it('keeps a lost primary up for the Pgpool-II that must see it fail to promote; the others mark it down', () => {
    expect(pgpoolStartStatus(nodes('unreachable', 'standby', 'standby'), true)).toBeNull();
    expect(pgpoolStartStatus(nodes('unreachable', 'standby', 'standby'), false)).toBe('down\nup\nup\n');
  });

  it('writes a line per backend number, gaps unused', () => {
    expect(pgpoolStartStatus(new Map([[0, 'primary'], [2, 'unreachable']]), true)).toBe('up\nunused\ndown\n');
  });
});
