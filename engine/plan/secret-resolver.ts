// Resolves secret references. Errors name the reference, never a value.
import { isAbsolute, join } from 'node:path';
import { readSecretFile } from '../../proxy/config/secret-file.ts';
import { readFailure } from '../output/read-failure.ts';
import type { Provider, SecretReference } from '../../providers/provider.ts';

export class SecretResolver {
  readonly #baseDir: string;
  readonly #env: NodeJS.ProcessEnv;

  constructor(baseDir: string, env: NodeJS.ProcessEnv = process.env) {
    this.#baseDir = baseDir;
    this.#env = env;
  }

  /** Why a `fromEnv` or `fromFile` reference cannot be read now; null when it can. The value is not kept. */
  unavailable(reference: SecretReference): SecretUnavailable | null {
    if (reference.fromEnv !== undefined) {
      if (this.#env[reference.fromEnv] !== undefined) return null;
      return { key: 'fromEnv', message: `environment variable ${reference.fromEnv} is not set`, hint: `set it (\`export ${reference.fromEnv}=…\`) and run again` };
    }
    if (reference.fromFile !== undefined) {
      const path = this.#filePath(reference.fromFile);
      try {
        readSecretFile(path);
        return null;
      } catch (error) {
        return { key: 'fromFile', message: `secret file ${path}: ${readFailure(error)}` };
      }
    }
    return null;
  }

  async resolve(reference: SecretReference, provider: Provider | undefined, scope: string): Promise<string> {
    if (reference.fromEnv !== undefined) {
      const value = this.#env[reference.fromEnv];
      if (value === undefined) {
        throw new Error(`secret from environment variable ${reference.fromEnv}: the variable is not set; set it (e.g. \`export ${reference.fromEnv}=…\`) and run again`);
      }
      return value;
    }
    if (reference.fromFile !== undefined) {
      const path = this.#filePath(reference.fromFile);
      try {
        return readSecretFile(path);
      } catch (error) {
        throw new Error(`secret from file ${path}: ${readFailure(error)}`);
      }
    }
    if (reference.fromSecret !== undefined) {
      if (!provider?.resolveSecret) throw new Error(`secret ${describeReference(reference)}: provider ${provider?.name ?? '?'} cannot read Kubernetes Secrets`);
      return provider.resolveSecret(reference, scope);
    }
    throw new Error('secret reference names no source (fromEnv, fromFile or fromSecret)');
  }

  #filePath(file: string): string {
    return isAbsolute(file) ? file : join(this.#baseDir, file);
  }
}

export interface SecretUnavailable {
  /** The reference's key the finding is about. */
  key: 'fromEnv' | 'fromFile';
  message: string;
  hint?: string;
}

export function describeReference(reference: SecretReference): string {
  if (reference.fromEnv !== undefined) return `env ${reference.fromEnv}`;
  if (reference.fromFile !== undefined) return `file ${reference.fromFile}`;
  if (reference.fromSecret !== undefined) return `secret ${reference.fromSecret.name}/${reference.fromSecret.key}`;
  return 'unknown source';
}
