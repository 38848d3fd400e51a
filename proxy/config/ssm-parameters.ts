// Reads SSM Parameter Store for a proxy on AWS: its config document (a String parameter, Advanced tier past 4 KB)
// and the SecureString parameters its `{ ssm: name }` secrets name. The region and credentials come from the
// environment (AWS_REGION, the instance role), never from code, so the same proxy runs against any AWS-compatible
// endpoint set through AWS_ENDPOINT_URL. Errors name the parameter and, when access is denied, the IAM action the
// proxy's role lacks; they never carry a value.
// The SDK is imported at the first call: a proxy whose config names no SSM parameter never loads it.
type SsmSdk = typeof import('@aws-sdk/client-ssm');

/** The SDK's module and the client made from it. */
interface SsmConnection {
  sdk: SsmSdk;
  client: InstanceType<SsmSdk['SSMClient']>;
}

/** Thrown with a message fit for the operator: which parameter, what went wrong, what to grant. */
export class SsmParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsmParameterError';
  }
}

export interface ParameterValue {
  value: string;
  /** Parameter Store's version number: it grows with every PutParameter. */
  version: number;
}

/** GetParameters takes at most this many names per call. */
const NAMES_PER_CALL = 10;

export class SsmParameters {
  #client: SsmConnection | null = null;

  /** The client is made at the first call, so a proxy without SSM sources never needs AWS_REGION. */
  async #ssm(what: string): Promise<SsmConnection> {
    if (this.#client === null) {
      if (!process.env.AWS_REGION) throw new SsmParameterError(`${what}: AWS_REGION is not set (the region whose Parameter Store holds it)`);
      const sdk = await import('@aws-sdk/client-ssm');
      this.#client ??= { sdk, client: new sdk.SSMClient({}) };
    }
    return this.#client;
  }

  async get(name: string): Promise<ParameterValue> {
    const what = `SSM parameter ${name}`;
    try {
      const { sdk, client } = await this.#ssm(what);
      const { Parameter: parameter } = await client.send(new sdk.GetParameterCommand({ Name: name, WithDecryption: true }));
      if (parameter?.Value === undefined || parameter.Version === undefined) throw new SsmParameterError(`${what}: Parameter Store returned no value`);
      return { value: parameter.Value, version: parameter.Version };
    } catch (error) {
      throw explained(error, what, 'ssm:GetParameter');
    }
  }

  /** The values of `names` (SecureStrings, decrypted) and their versions, in batches of ten: one call for the usual handful. */
  async getAll(names: readonly string[]): Promise<Map<string, ParameterValue>> {
    const values = new Map<string, ParameterValue>();
    for (const parameter of await this.#getParameters(names, true)) values.set(parameter.Name!, { value: parameter.Value!, version: parameter.Version! });
    return values;
  }

  /** The current versions of `names`, nothing decrypted: what a poll compares with the versions it read. */
  async versions(names: readonly string[]): Promise<Map<string, number>> {
    return new Map((await this.#getParameters(names, false)).map((parameter) => [parameter.Name!, parameter.Version!]));
  }

  async #getParameters(names: readonly string[], decrypt: boolean): Promise<FoundParameter[]> {
    const found: FoundParameter[] = [];
    const unique = [...new Set(names)];
    for (let start = 0; start < unique.length; start += NAMES_PER_CALL) {
      const batch = unique.slice(start, start + NAMES_PER_CALL);
      const what = `SSM parameters ${batch.join(', ')}`;
      try {
        const { sdk, client } = await this.#ssm(what);
        const result = await client.send(new sdk.GetParametersCommand({ Names: batch, WithDecryption: decrypt }));
        if (result.InvalidParameters && result.InvalidParameters.length > 0) {
          throw new SsmParameterError(`SSM parameter ${result.InvalidParameters.join(', ')}: not found in ${process.env.AWS_REGION}`);
        }
        found.push(...(result.Parameters ?? []).filter((parameter) => parameter.Name && parameter.Value !== undefined && parameter.Version !== undefined));
      } catch (error) {
        throw explained(error, what, 'ssm:GetParameters');
      }
    }
    return found;
  }
}

/** A parameter GetParameters returned with its name, value and version. */
type FoundParameter = { Name?: string; Value?: string; Version?: number };

function explained(error: unknown, what: string, action: string): Error {
  if (error instanceof SsmParameterError) return error;
  const name = (error as Error).name;
  if (name === 'ParameterNotFound') return new SsmParameterError(`${what}: not found in ${process.env.AWS_REGION}`);
  if (name === 'AccessDeniedException') {
    return new SsmParameterError(`${what}: access denied; the proxy's IAM role needs ${action} on it (and kms:Decrypt on the key of a SecureString)`);
  }
  if (name === 'InvalidKeyId') return new SsmParameterError(`${what}: its KMS key cannot be used; the proxy's IAM role needs kms:Decrypt on it`);
  return new SsmParameterError(`${what}: ${name}: ${(error as Error).message}`);
}
