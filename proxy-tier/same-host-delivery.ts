// Secret delivery for proxies that run on the machine pgtopo runs on (the local provider, and `pgtopo render`):
// an environment variable stays a variable the proxy is started with, and files named in the topology are read
// where they are, relative to the topology file. Kubernetes Secrets have no meaning for such a process.
import { isAbsolute, resolve } from 'node:path';
import type { SecretDelivery } from './secret-delivery.ts';

export class SecretDeliveryError extends Error {}

/** secretFile of a delivery that mounts no Kubernetes Secrets. */
export function noSecretFiles(secret: string): never {
  throw new SecretDeliveryError(`the Kubernetes Secret ${secret} holds TLS files only for kubernetes clusters; name files (certFile, keyFile, caFile)`);
}

export function sameHostDelivery(topologyDir: string): SecretDelivery {
  const filePath = (file: string): string => (isAbsolute(file) ? file : resolve(topologyDir, file));
  return {
    filePath,
    secretReference(reference) {
      if (reference.fromEnv !== undefined) return { env: reference.fromEnv };
      if (reference.fromFile !== undefined) return { file: filePath(reference.fromFile) };
      throw new SecretDeliveryError('a proxy password must come from fromEnv or fromFile (fromSecret works only on kubernetes clusters)');
    },
    secretFile: noSecretFiles,
  };
}
