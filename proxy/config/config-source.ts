// Where the proxy's config document comes from: a file (JSON or YAML), or, for a proxy on AWS, an SSM parameter
// (`ssm:<name>`, ssm-config-source.ts). Both are read at start and at every reload.
import { readFile } from 'node:fs/promises';
import { SsmConfigSource, SSM_SOURCE_PREFIX } from './ssm-config-source.ts';
import type { ParameterValue, SsmParameters } from './ssm-parameters.ts';

export class ConfigSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigSourceError';
  }
}

export interface ConfigSource {
  /** As the operator wrote it: the file's path, or ssm:<name>. */
  readonly name: string;
  /** The document's text now. */
  read(): Promise<string>;
  /** The `{ ssm }` secrets read for the document last read, so a poll can tell when one changes. */
  secretsRead?(secrets: ReadonlyMap<string, ParameterValue>): void;
}

class FileConfigSource implements ConfigSource {
  readonly name: string;

  constructor(path: string) {
    this.name = path;
  }

  async read(): Promise<string> {
    try {
      return await readFile(this.name, 'utf8');
    } catch (error) {
      throw new ConfigSourceError(`cannot read proxy config ${this.name} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
}

/** `ssm:<parameter name>` or a file path. */
export function configSource(spec: string, ssm: SsmParameters): ConfigSource {
  return spec.startsWith(SSM_SOURCE_PREFIX) ? new SsmConfigSource(spec.slice(SSM_SOURCE_PREFIX.length), ssm) : new FileConfigSource(spec);
}
