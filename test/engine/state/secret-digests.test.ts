// Secrets in state are HMACs keyed by a workspace key kept outside the state file, so the state alone does not let
// anyone check a password guess. State written before that (HMACs keyed by the state's own lineage) keeps working
// and is rewritten in the keyed form.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPgtopo } from '../support/run-pgtopo.ts';

const SECRET = 'correct horse battery staple';
const TOPOLOGY = `version: 1
name: vault
users: [{ name: owner, admin: true, password: { fromEnv: APP_DB_PASSWORD } }]
clusters:
  dev: { environment: local, postgres: { instances: 1 }, proxy: { instances: 2 } }
`;

interface Digested { address: string; attributes: Record<string, { $sensitive?: { hmac: string } }> }
interface StateFile { lineage: string; serial: number; resources: Digested[] }

/** What the state records about each secret: [context, hmac], context being `address.attribute`. */
function digests(state: StateFile): Array<[string, string]> {
  return state.resources.flatMap((resource) => Object.entries(resource.attributes)
    .filter(([, value]) => value?.$sensitive?.hmac)
    .map(([name, value]): [string, string] => [`${resource.address}.${name}`, value.$sensitive!.hmac]));
}

function digestWith(key: string | Buffer, context: string, guess: string): string {
  return createHmac('sha256', key).update(context).update('\0').update(guess).digest('hex');
}

/** The scheme of pgtopo before the workspace key: HMAC-SHA256 keyed by the lineage, which the state file holds. */
function lineageDigest(lineage: string, context: string, guess: string): string {
  return digestWith(lineage, context, guess);
}

describe('secret digests in state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-digests-'));
  const statePath = join(dir, '.pgtopo', 'state.json');
  const keyPath = `${statePath}.key`;
  const run = (env: Record<string, string>, ...args: string[]) => runPgtopo(args, { cwd: dir, world: join(dir, 'world.json'), env });
  const readState = () => JSON.parse(readFileSync(statePath, 'utf8')) as StateFile;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are keyed by a 0600 key beside the state: the state file alone does not confirm a guess', async () => {
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
    expect((await run({ APP_DB_PASSWORD: SECRET }, 'apply', '--auto-approve')).code).toBe(0);
    const state = readState();
    expect(digests(state)).toHaveLength(2);
    for (const [context, hmac] of digests(state)) {
      expect(hmac).not.toBe(lineageDigest(state.lineage, context, SECRET));
      expect(hmac).not.toContain(lineageDigest(state.lineage, context, SECRET));
    }
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    // With the key file, and only with it, a guess can be checked: the key is what protects the secret.
    const key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'hex');
    for (const [context, hmac] of digests(state)) expect(hmac).toBe(`k1:${digestWith(key, context, SECRET)}`);
  });

  it('state written with lineage-keyed digests plans with no change, and the next apply rewrites them keyed', async () => {
    // The state as pgtopo wrote it before the workspace key: lineage-keyed digests and no key file.
    const keyed = readState();
    const legacy = JSON.parse(JSON.stringify(keyed)) as StateFile;
    for (const resource of legacy.resources) {
      for (const [name, value] of Object.entries(resource.attributes)) {
        if (value?.$sensitive) value.$sensitive.hmac = lineageDigest(legacy.lineage, `${resource.address}.${name}`, SECRET);
      }
    }
    writeFileSync(statePath, JSON.stringify(legacy, null, 2));
    rmSync(keyPath);

    const rotated = await run({ APP_DB_PASSWORD: 'a rotated secret' }, 'plan', '--detailed-exitcode');
    expect(rotated.code).toBe(2);
    expect(rotated.stdout).toContain('~ admin_password = (sensitive) → (sensitive)');
    const plan = await run({ APP_DB_PASSWORD: SECRET }, 'plan', '--detailed-exitcode');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);

    expect((await run({ APP_DB_PASSWORD: SECRET }, 'apply', '--auto-approve')).code).toBe(0);
    const rewritten = readState();
    expect(rewritten.serial).toBe(legacy.serial + 1);
    expect(digests(rewritten)).toHaveLength(2);
    for (const [context, hmac] of digests(rewritten)) {
      expect(hmac).not.toContain(lineageDigest(rewritten.lineage, context, SECRET));
    }
    const again = await run({ APP_DB_PASSWORD: SECRET }, 'plan', '--detailed-exitcode');
    expect(again.code).toBe(0);
  });
});
