import { chown, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { LocalWorkspace, portOf, queryAs } from './local-workspace.ts';

// A password file written on Windows ends in `\r\n`. PostgreSQL (the role the engine creates) and the proxy (which
// reads the file itself) must see the same password, or logins through the proxy fail while direct ones work.

const PASSWORD = 'pw-crlf-1';

const topology = `
version: 1
name: crlf
clusters:
  dev:
    environment: local
    postgres:
      instances: 1
      parameters: { fsync: off }
    proxy:
      pooling: { mode: session }
users:
  - name: app
    password: { fromFile: app-password }
  - name: admin
    password: { fromEnv: PGTOPO_ADMIN_PASSWORD }
    admin: true
`;

let workspace: LocalWorkspace;

beforeAll(async () => {
  workspace = await LocalWorkspace.create(topology);
  const file = join(workspace.dir, 'app-password');
  await writeFile(file, `${PASSWORD}\r\n`, { mode: 0o600 });
  const owner = resolveDbOsUser();
  await chown(file, owner.uid, owner.gid); // the proxy reads it as the database's OS user
  const applied = await workspace.run('apply', '--auto-approve');
  if (applied.code !== 0) throw new Error(`apply failed:\n${applied.stdout}${applied.stderr}`);
}, 180_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

describe('a secret file ending in \\r\\n', () => {
  it('gives PostgreSQL and the proxy the same password: the file minus its one line ending', async () => {
    const status = await workspace.status();
    const direct = await queryAs<{ user: string }>(portOf(status.get('dev.postgres[0]')), 'app', 'SELECT current_user AS user', 'postgres', PASSWORD);
    expect(direct).toEqual([{ user: 'app' }]);
    const proxied = await queryAs<{ user: string }>(portOf(status.get('dev.proxy[0]')), 'app', 'SELECT current_user AS user', 'postgres', PASSWORD);
    expect(proxied).toEqual([{ user: 'app' }]);
  });
});
