// SDK errors in words an operator can act on: an access-denied error names the IAM action to grant, a missing
// object names the id, the region looked in and the closest existing name, a wrong engine says which environment
// fits. Every AWS call goes through awsCall, so no raw SDK error (with its stack) reaches the user.
import { closestName } from '../../spelling/closest-name.ts';

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException']);
const REJECTED_CREDENTIALS = new Set(['AuthFailure', 'InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch',
  'ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);
const UNREACHABLE = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN']);

/** Runs one AWS call; a failure becomes an Error whose message says what to do about it. */
export async function awsCall<T>(action: string, region: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new Error(awsFailureMessage(error, action, region), { cause: error });
  }
}

/** The call's result, or undefined when AWS answers with `fault`: a not-found fault is an answer, not a failure. */
export async function unlessFault<T>(fault: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if ((error as { name?: string }).name === fault) return undefined;
    throw error;
  }
}

export function awsFailureMessage(error: unknown, action: string, region: string): string {
  const { name = '', message = String(error), code } = error as { name?: string; message?: string; code?: string };
  if (ACCESS_DENIED.has(name)) {
    return `${action} was denied in ${region}: grant the IAM action "${action}" to the credentials pgtopo runs with ` +
      '(the whole policy is in providers/aws/README.md)';
  }
  if (name === 'CredentialsProviderError') {
    return `no AWS credentials for ${action}: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an IAM role is available`;
  }
  if (REJECTED_CREDENTIALS.has(name)) {
    return `AWS rejected the credentials for ${action} in ${region} (${name}): check the keys or profile, and that region ${region} is enabled for the account`;
  }
  if (THROTTLED.has(name)) return `AWS kept throttling ${action} in ${region} after retrying with back-off: try again later`;
  if (UNREACHABLE.has(code ?? name)) {
    return `could not reach the AWS endpoint for ${action} in ${region} (${code ?? name}): check the region name and AWS_ENDPOINT_URL if set`;
  }
  return `${action} failed in ${region}: ${message}`;
}

export interface MissingObject {
  /** What was looked for, in AWS's words: `DB cluster`, `DB instance`. */
  kind: string;
  id: string;
  region: string;
  /** The topology's cluster that names it, and the key it names it with: `analytics`, `dbCluster`. */
  cluster: string;
  key: string;
  existing: string[];
}

export function notFoundMessage(missing: MissingObject): string {
  const suggestion = closestName(missing.id, missing.existing);
  const hint = suggestion
    ? `did you mean "${suggestion}"?`
    : missing.existing.length === 0
      ? `there is none in ${missing.region} at all`
      : `${missing.region} has: ${missing.existing.slice(0, 10).join(', ')}${missing.existing.length > 10 ? ', …' : ''}`;
  return `clusters.${missing.cluster}.${missing.key}: no ${missing.kind} "${missing.id}" in ${missing.region}; ${hint} ` +
    `(if it lives in another region, set clusters.${missing.cluster}.region to that region)`;
}

export function wrongEngineMessage(setting: string, kind: string, id: string, engine: string, fix: string): string {
  return `${setting}: ${kind} "${id}" runs engine "${engine}", not PostgreSQL as this environment needs; ${fix}`;
}
