// A small stateful Parameter Store for tests, on aws-sdk-client-mock: parameters with versions (every put makes a
// new one), GetParameter and GetParameters (WithDecryption required for SecureStrings, as AWS returns their
// ciphertext otherwise), ParameterNotFound, and names the caller's role may not read (AccessDeniedException).
import { AccessDeniedException, GetParameterCommand, GetParametersCommand, ParameterNotFound, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, beforeEach } from 'vitest';

type ParameterType = 'String' | 'SecureString';

interface Stored {
  type: ParameterType;
  value: string;
  version: number;
}

export interface SsmFake {
  readonly mock: AwsClientStub<SSMClient>;
  put(name: string, value: string, type?: ParameterType): void;
  /** GetParameter(s) of `name` is refused as an IAM policy without it would. */
  deny(name: string): void;
  /** DeleteParameter, as an operator would. */
  remove(name: string): void;
  restore(): void;
}

export function startSsmFake(): SsmFake {
  const parameters = new Map<string, Stored>();
  const denied = new Set<string>();
  const mock = mockClient(SSMClient);
  const metadata = { httpStatusCode: 400, requestId: 'test' };
  const reply = (name: string, stored: Stored, decrypt: boolean): Parameter => ({
    Name: name,
    Type: stored.type,
    Value: stored.type === 'SecureString' && !decrypt ? 'AQICAHh…ciphertext' : stored.value,
    Version: stored.version,
  });
  const refuse = (name: string, action: string): never => {
    const message = `User: arn:aws:sts::123456789012:assumed-role/proxy/i-0 is not authorized to perform: ${action} on resource: ${name}`;
    throw new AccessDeniedException({ $metadata: metadata, message, Message: message });
  };
  mock.on(GetParameterCommand).callsFake((input: { Name: string; WithDecryption?: boolean }) => {
    if (denied.has(input.Name)) refuse(input.Name, 'ssm:GetParameter');
    const stored = parameters.get(input.Name);
    if (!stored) throw new ParameterNotFound({ $metadata: metadata, message: '' });
    return { Parameter: reply(input.Name, stored, input.WithDecryption === true) };
  });
  mock.on(GetParametersCommand).callsFake((input: { Names: string[]; WithDecryption?: boolean }) => {
    if (input.Names.length > 10) throw new Error('GetParameters takes at most 10 names');
    for (const name of input.Names) if (denied.has(name)) refuse(name, 'ssm:GetParameters');
    const found = input.Names.filter((name) => parameters.has(name));
    return {
      Parameters: found.map((name) => reply(name, parameters.get(name) as Stored, input.WithDecryption === true)),
      InvalidParameters: input.Names.filter((name) => !parameters.has(name)),
    };
  });
  return {
    mock,
    put: (name, value, type = 'String') => parameters.set(name, { type, value, version: (parameters.get(name)?.version ?? 0) + 1 }),
    deny: (name) => denied.add(name),
    remove: (name) => parameters.delete(name),
    restore: () => mock.restore(),
  };
}

/** The region the fake stands for; AWS_REGION is set to it around each test. */
export const FAKE_REGION = 'eu-west-1';

/** Gives each test of the calling file a fresh fake, with AWS_REGION set (and restored after the test). */
export function ssmFakeForEachTest(): () => SsmFake {
  let fake: SsmFake | undefined;
  let region: string | undefined;
  beforeEach(() => {
    region = process.env.AWS_REGION;
    process.env.AWS_REGION = FAKE_REGION;
    fake = startSsmFake();
  });
  afterEach(() => {
    fake?.restore();
    if (region === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = region;
  });
  return () => fake as SsmFake;
}
