import { describe, expect, it } from 'vitest';
import { renderPgBouncerFiles } from '../../../bench/targets/pgbouncer-config.ts';

const input = {
  listenPort: 6543,
  server: { host: '127.0.0.1', port: 5599 },
  database: 'bench',
  user: 'bench',
  scramVerifier: 'SCRAM-SHA-256$4096:c2FsdA==$a2V5:c2Vydg==',
  poolSize: 16,
  workDir: '/tmp/bench/pgbouncer',
};

describe('renderPgBouncerFiles', () => {
  it('points the database at the primary and pools per transaction with SCRAM', () => {
    const { ini } = renderPgBouncerFiles(input);
    expect(ini).toContain('[databases]\nbench = host=127.0.0.1 port=5599 dbname=bench\n');
    for (const line of ['listen_port = 6543', 'pool_mode = transaction', 'auth_type = scram-sha-256', 'default_pool_size = 16']) {
      expect(ini.split('\n')).toContain(line);
    }
    expect(ini).toContain('auth_file = /tmp/bench/pgbouncer/userlist.txt');
  });

  it('stores the SCRAM verifier, not a password, in the userlist, quoting embedded quotes', () => {
    expect(renderPgBouncerFiles(input).userlist).toBe(`"bench" "${input.scramVerifier}"\n`);
    expect(renderPgBouncerFiles({ ...input, user: 'a"b' }).userlist).toMatch(/^"a""b" /);
  });
});
