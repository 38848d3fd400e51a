// `--config ssm:<name>`: the document from a String parameter, `{ ssm }` secrets from SecureStrings in one
// GetParameters call per ten names, both decrypted; a new Version of the parameter or of a secret is what a poll sees; and every failure
// names the parameter (and the IAM action the role lacks) without ever showing a value.
import { GetParameterCommand, GetParametersCommand } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadProxyConfig } from '../../../proxy/proxy-config.ts';
import { configSource } from '../../../proxy/config/config-source.ts';
import { SsmConfigSource } from '../../../proxy/config/ssm-config-source.ts';
import { SsmParameters } from '../../../proxy/config/ssm-parameters.ts';
import { ssmFakeForEachTest, type SsmFake } from './ssm-fake.ts';

const CONFIG = '/pgtopo/shop/orders/proxy-config';
const APP_SECRET = '/pgtopo/shop/orders/secrets/app';
const APP_PASSWORD = 'app-pw-never-shown';

function document(users: unknown[] = [{ name: 'app', password: { ssm: APP_SECRET } }]): string {
  return JSON.stringify({ listen: { port: 6432 }, backends: [{ name: 'writer', host: 'orders.cluster-x.rds.test', port: 5432, alwaysPrimary: true }], users });
}

const fake = ssmFakeForEachTest();
let ssm: SsmFake;

beforeEach(() => {
  ssm = fake();
});

describe('a proxy config in SSM Parameter Store', () => {
  it('is read with GetParameter, and its { ssm } secrets with one decrypting GetParameters call', async () => {
    ssm.put(CONFIG, document([
      { name: 'app', password: { ssm: APP_SECRET } },
      { name: 'ops', password: { ssm: '/pgtopo/shop/orders/secrets/ops' }, secret: { ssm: APP_SECRET }, admin: true },
    ]));
    ssm.put(APP_SECRET, APP_PASSWORD, 'SecureString');
    ssm.put('/pgtopo/shop/orders/secrets/ops', 'ops-pw', 'SecureString');
    const config = await loadProxyConfig(`ssm:${CONFIG}`, new SsmParameters());
    expect(config.users.map((user) => [user.name, user.backendPassword, user.secret])).toEqual([
      ['app', APP_PASSWORD, APP_PASSWORD], ['ops', 'ops-pw', APP_PASSWORD],
    ]);
    expect(ssm.mock.commandCalls(GetParameterCommand).map((call) => call.args[0].input)).toEqual([{ Name: CONFIG, WithDecryption: true }]);
    const batches = ssm.mock.commandCalls(GetParametersCommand).map((call) => call.args[0].input);
    expect(batches).toEqual([{ Names: [APP_SECRET, '/pgtopo/shop/orders/secrets/ops'], WithDecryption: true }]);
  });

  it('reads more than ten secrets in batches of ten (the GetParameters limit)', async () => {
    const users = Array.from({ length: 12 }, (_, i) => ({ name: `u${i}`, password: { ssm: `/s/${i}` } }));
    for (let i = 0; i < 12; i++) ssm.put(`/s/${i}`, `pw${i}`, 'SecureString');
    ssm.put(CONFIG, document(users));
    const config = await loadProxyConfig(`ssm:${CONFIG}`, new SsmParameters());
    expect(config.users[11].backendPassword).toBe('pw11');
    expect(ssm.mock.commandCalls(GetParametersCommand).map((call) => call.args[0].input.Names?.length)).toEqual([10, 2]);
  });

  it('asks for no secret when the document has no { ssm } one', async () => {
    ssm.put(CONFIG, document([{ name: 'app', password: 'literal' }]));
    await loadProxyConfig(`ssm:${CONFIG}`, new SsmParameters());
    expect(ssm.mock.commandCalls(GetParametersCommand)).toHaveLength(0);
  });

  it('sees a new Version of the parameter, and none until there is one', async () => {
    ssm.put(CONFIG, document());
    const source = configSource(`ssm:${CONFIG}`, new SsmParameters());
    expect(source).toBeInstanceOf(SsmConfigSource);
    await source.read();
    expect(await (source as SsmConfigSource).changed()).toBe(false);
    ssm.put(CONFIG, document([{ name: 'other' }]));
    expect(await (source as SsmConfigSource).changed()).toBe(true);
    await source.read();
    expect(await (source as SsmConfigSource).changed()).toBe(false);
  });

  it('sees a rotated secret as a change too, in one GetParameters call that decrypts nothing', async () => {
    ssm.put(CONFIG, document());
    ssm.put(APP_SECRET, APP_PASSWORD, 'SecureString');
    const source = configSource(`ssm:${CONFIG}`, new SsmParameters()) as SsmConfigSource;
    await loadProxyConfig(source, new SsmParameters());
    const before = ssm.mock.commandCalls(GetParametersCommand).length;
    expect(await source.changed()).toBe(false);
    ssm.put(APP_SECRET, 'rotated-pw', 'SecureString');
    expect(await source.changed()).toBe(true);
    const polls = ssm.mock.commandCalls(GetParametersCommand).slice(before).map((call) => call.args[0].input);
    expect(polls).toEqual([{ Names: [CONFIG, APP_SECRET], WithDecryption: false }, { Names: [CONFIG, APP_SECRET], WithDecryption: false }]);
    expect(ssm.mock.commandCalls(GetParameterCommand)).toHaveLength(1); // the document's one read
    const reloaded = await loadProxyConfig(source, new SsmParameters());
    expect(reloaded.users[0]!.backendPassword).toBe('rotated-pw');
    expect(await source.changed()).toBe(false);
  });

  it('names a secret deleted since the read when it polls', async () => {
    ssm.put(CONFIG, document());
    ssm.put(APP_SECRET, APP_PASSWORD, 'SecureString');
    const source = configSource(`ssm:${CONFIG}`, new SsmParameters()) as SsmConfigSource;
    await loadProxyConfig(source, new SsmParameters());
    ssm.remove(APP_SECRET);
    await expect(source.changed()).rejects.toThrow(`SSM parameter ${APP_SECRET}: not found in eu-west-1`);
  });
});

describe('SSM failures', () => {
  it('a missing config parameter: named, with the region', async () => {
    await expect(loadProxyConfig(`ssm:${CONFIG}`, new SsmParameters())).rejects.toThrow(`SSM parameter ${CONFIG}: not found in eu-west-1`);
  });

  it('a config parameter the role may not read: named, with the IAM action ssm:GetParameter', async () => {
    ssm.put(CONFIG, document());
    ssm.deny(CONFIG);
    await expect(loadProxyConfig(`ssm:${CONFIG}`, new SsmParameters())).rejects.toThrow(
      `SSM parameter ${CONFIG}: access denied; the proxy's IAM role needs ssm:GetParameter on it`);
  });

  it('a secret parameter missing or denied: named, never its value', async () => {
    ssm.put(CONFIG, document());
    const missing = await loadProxyConfig(`ssm:${CONFIG}`, new SsmParameters()).catch((error: Error) => error);
    expect((missing as Error).message).toBe(`SSM parameter ${APP_SECRET}: not found in eu-west-1`);
    ssm.put(APP_SECRET, APP_PASSWORD, 'SecureString');
    ssm.deny(APP_SECRET);
    const denied = await loadProxyConfig(`ssm:${CONFIG}`, new SsmParameters()).catch((error: Error) => error);
    expect((denied as Error).message).toMatch(new RegExp(`${APP_SECRET}: access denied; the proxy's IAM role needs ssm:GetParameters`));
    expect((denied as Error).message).not.toContain(APP_PASSWORD);
  });

  it('no AWS_REGION: says so before asking anything', async () => {
    delete process.env.AWS_REGION;
    await expect(loadProxyConfig(`ssm:${CONFIG}`, new SsmParameters())).rejects.toThrow(`SSM parameter ${CONFIG}: AWS_REGION is not set`);
    expect(ssm.mock.calls()).toHaveLength(0);
  });

  it('an invalid document: the source named, the schema problem named', async () => {
    ssm.put(CONFIG, '{"listen": {"port": 1}, "backends": [], "users": []}');
    await expect(loadProxyConfig(`ssm:${CONFIG}`, new SsmParameters())).rejects.toThrow(new RegExp(`^ssm:${CONFIG}: invalid proxy config:\\n  backends: `));
  });
});
