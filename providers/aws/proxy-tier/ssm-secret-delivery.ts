// Secret delivery for proxies on EC2: every password the topology names is put in SSM Parameter Store as a
// SecureString under `/pgtopo/<topology>/<cluster>/secrets/<key>`, and the rendered config carries only
// `{ ssm: <parameter name> }`; a proxy reads it at start with its instance role. The key names the source, not the
// value (`APP_DB_PASSWORD` for fromEnv, a digest of the path for fromFile), so one source is one parameter.
// Files other than secrets (TLS material) are expected on the instance at the path the topology names.
import { createHash } from 'node:crypto';
import { noSecretFiles, SecretDeliveryError } from '../../../proxy-tier/same-host-delivery.ts';
import type { SecretDelivery } from '../../../proxy-tier/secret-delivery.ts';
import type { SecretRef } from '../../../schemas/topology.ts';
import { parameterPath, type TierNaming } from './proxy-tier-names.ts';

export function secretKey(reference: SecretRef): string {
  if (reference.fromEnv !== undefined) return reference.fromEnv;
  if (reference.fromFile !== undefined) return `file-${createHash('sha256').update(reference.fromFile).digest('hex').slice(0, 16)}`;
  throw new SecretDeliveryError('a proxy password on AWS must come from fromEnv or fromFile (fromSecret works only on kubernetes clusters)');
}

export function secretParameterName(naming: TierNaming, reference: SecretRef): string {
  return `${parameterPath(naming)}/secrets/${secretKey(reference)}`;
}

export function ssmSecretDelivery(naming: TierNaming): SecretDelivery {
  return {
    secretReference: (reference) => ({ ssm: secretParameterName(naming, reference) }),
    filePath: (file) => file,
    secretFile: noSecretFiles,
  };
}
