// `pgtopo proxy --config ssm:/pgtopo/<topology>/<cluster>/proxy-config`: the config document is the value of a String
// parameter (the AWS provider writes it; Advanced tier past 4 KB), fetched with GetParameter at start and reload.
// Every write makes a new parameter Version, which is how a poll (config-version-poll.ts) sees a change: of the
// document, or of a SecureString its `{ ssm }` secrets name (a rotated password), all in one GetParameters call.
import type { ConfigSource } from './config-source.ts';
import type { ParameterValue, SsmParameters } from './ssm-parameters.ts';

export const SSM_SOURCE_PREFIX = 'ssm:';

export class SsmConfigSource implements ConfigSource {
  readonly name: string;
  readonly #parameter: string;
  readonly #ssm: SsmParameters;
  /** The Version of the document last read (null before the first read). */
  version: number | null = null;
  /** The Versions of the secrets last read (kept when a reload failed before reading them, so the poll still sees them). */
  #secretVersions = new Map<string, number>();

  constructor(parameter: string, ssm: SsmParameters) {
    this.name = `${SSM_SOURCE_PREFIX}${parameter}`;
    this.#parameter = parameter;
    this.#ssm = ssm;
  }

  async read(): Promise<string> {
    const { value, version } = await this.#ssm.get(this.#parameter);
    this.version = version;
    return value;
  }

  secretsRead(secrets: ReadonlyMap<string, ParameterValue>): void {
    this.#secretVersions = new Map([...secrets].map(([name, { version }]) => [name, version]));
  }

  /** The document or one of its secrets has a Version other than the one last read. */
  async changed(): Promise<boolean> {
    const now = await this.#ssm.versions([this.#parameter, ...this.#secretVersions.keys()]);
    return now.get(this.#parameter) !== this.version || [...this.#secretVersions].some(([name, version]) => now.get(name) !== version);
  }
}
