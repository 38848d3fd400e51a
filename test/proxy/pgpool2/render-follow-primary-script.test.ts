import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderPgpoolFollowPrimaryScript } from '../../../proxy/pgpool2/render-follow-primary-script.ts';

const run = promisify(execFile);
let dir: string;
let script: string;

// A stand-in psql: port 5502 is a standby, 5503 is out of recovery, 5504 does not answer; the conninfo each
// standby shows is in the file conninfo; every ALTER SYSTEM is recorded. The real thing runs in
// test/providers/local/pgpool-follow-primary.test.ts.
const FAKE_PSQL = `#!/bin/bash
here="$(dirname "$0")"; port=""; sqls=()
while [ $# -gt 0 ]; do case "$1" in -p) port="$2"; shift;; -c) sqls+=("$2"); shift;; esac; shift; done
[ "$port" = 5504 ] && exit 2
for sql in "\${sqls[@]}"; do
  case "$sql" in
    *pg_is_in_recovery*) [ "$port" = 5503 ] && echo f || echo t;;
    "SHOW primary_conninfo") cat "$here/conninfo";;
    ALTER*) printf '%s\\n' "$port $sql" >> "$here/altered";;
    *pg_reload_conf*) echo t;;
  esac
done
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgtopo-follow-script-'));
  await writeFile(join(dir, 'psql'), FAKE_PSQL);
  await chmod(join(dir, 'psql'), 0o755);
  script = join(dir, 'follow-primary.sh');
  const nodes = [5501, 5502, 5503, 5504].map((port, id) => ({ id, host: dir, port }));
  await writeFile(script, renderPgpoolFollowPrimaryScript({ psql: join(dir, 'psql'), user: 'postgres', nodes }));
  await chmod(script, 0o755);
});

beforeEach(async () => {
  await rm(join(dir, 'altered'), { force: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const altered = (): Promise<string> => readFile(join(dir, 'altered'), 'utf8').catch(() => '');

describe('renderPgpoolFollowPrimaryScript', () => {
  it('points a standby at the new primary, keeping the rest of its conninfo', async () => {
    await writeFile(join(dir, 'conninfo'), "user=postgres passfile='/run/a dir/primary.pgpass' host=127.0.0.1 port=5501 application_name=pg1");
    await run(script, ['1', '127.0.0.9', '5509', '0']);
    expect(await altered()).toBe("5502 ALTER SYSTEM SET primary_conninfo = 'host=127.0.0.9 port=5509 user=postgres passfile=''/run/a dir/primary.pgpass'' application_name=pg1'\n");
  });

  it('drops quoted values and hostaddr too, adds a host or port the conninfo lacks, and quotes what needs it', async () => {
    await writeFile(join(dir, 'conninfo'), "host='127.0.0.1' hostaddr=127.0.0.1 user='postgres'");
    await run(script, ['1', '/run/a dir', '5509', '0']);
    expect(await altered()).toBe("5502 ALTER SYSTEM SET primary_conninfo = 'host=''/run/a dir'' port=5509 user=''postgres'''\n");
  });

  it('leaves the old primary, a node out of recovery and one that does not answer to apply', async () => {
    for (const node of ['0', '2', '3']) {
      const { stderr } = await run(script, [node, '127.0.0.9', '5509', '0']);
      if (node !== '0') expect(stderr).toMatch(/apply (rebuilds|repairs) it/);
    }
    expect(await altered()).toBe('');
  });
});
