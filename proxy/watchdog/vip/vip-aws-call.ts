// One AWS call of a VIP driver, with a failure in words an operator can act on: a denied call names the IAM action
// the proxies' instance role lacks, throttling that outlasted the SDK's retries says so, anything else keeps
// AWS's message. The SDK error stays as the cause, for the log's debug level.

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'PriorRequestNotComplete']);

export class VipAwsError extends Error {
  /** The SDK's error name (`InvalidRouteTableID.NotFound`), for callers that treat one as an answer. */
  readonly awsName: string;

  constructor(message: string, awsName: string, cause: unknown) {
    super(message, { cause });
    this.awsName = awsName;
  }
}

/** `action` is the IAM action, `ec2:AssociateAddress`; `what` says what the call was for, for the message. */
export async function vipAwsCall<T>(action: string, region: string, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const { name = '', message = String(error) } = error as { name?: string; message?: string };
    throw new VipAwsError(failureMessage(action, region, what, name, message), name, error);
  }
}

/** The error's AWS name when it is a VipAwsError, else undefined. */
export function awsNameOf(error: unknown): string | undefined {
  return error instanceof VipAwsError ? error.awsName : undefined;
}

function failureMessage(action: string, region: string, what: string, name: string, message: string): string {
  if (DENIED.has(name)) {
    return `${what}: ${action} was denied in ${region}; grant "${action}" to the proxies' instance role (docs/aws-iam.md lists what each VIP method needs)`;
  }
  if (THROTTLED.has(name)) return `${what}: AWS kept throttling ${action} in ${region} after retrying with back-off`;
  return `${what}: ${action} failed in ${region}: ${name ? `${name}: ` : ''}${message}`;
}
