// What every in-memory service world shares: the log of calls it received (by IAM action and region, for the
// refresh-cost benchmark and the IAM policy test), injected failures (access denied, throttling, any AWS error),
// AWS-shaped errors and Marker/NextToken paging. A service world serves a command with `serve`.
import type { AwsStub } from 'aws-sdk-client-mock';

export interface WorldCall {
  /** The IAM action the call needs: `rds:DescribeDBClusters`. */
  action: string;
  region: string;
  input: unknown;
}

export interface InjectedFailure {
  action: string;
  /** The AWS error name: `AccessDenied`, `Throttling`, `DBClusterNotFoundFault`. */
  error: string;
  message?: string;
  region?: string;
  /** How many more calls fail; absent = every call. */
  remaining?: number;
  /** The call takes effect and then its answer is lost (a timeout, a killed process): what idempotency must survive. */
  afterEffect?: boolean;
}

/** The service prefix of IAM actions, by the world's name of the service. */
export const IAM_PREFIX = {
  ec2: 'ec2', rds: 'rds', autoScaling: 'autoscaling', elbv2: 'elasticloadbalancing', ssm: 'ssm', route53: 'route53',
} as const;
export type ServiceName = keyof typeof IAM_PREFIX;

export class CallLog {
  readonly calls: WorldCall[] = [];
  readonly failures: InjectedFailure[] = [];
  /** Told of every call before it takes effect: a test records what the world looked like between calls. */
  readonly observers: ((call: WorldCall) => void)[] = [];

  /**
   * Records the call and throws the injected failure that applies to it, if any; one that strikes after the
   * call's effect is returned instead, for `serve` to throw once the call is done.
   */
  take(action: string, region: string, input: unknown): Error | undefined {
    for (const observer of this.observers) observer({ action, region, input });
    this.calls.push({ action, region, input });
    const failure = this.failures.find((candidate) => candidate.action === action &&
      (candidate.region === undefined || candidate.region === region) && (candidate.remaining ?? 1) > 0);
    if (!failure) return undefined;
    if (failure.remaining !== undefined) failure.remaining -= 1;
    const error = awsError(failure.error, failure.message ?? defaultMessage(failure.error, action));
    if (failure.afterEffect) return error;
    throw error;
  }

  /** Calls per IAM action. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of this.calls) counts[call.action] = (counts[call.action] ?? 0) + 1;
    return counts;
  }
}

function defaultMessage(error: string, action: string): string {
  if (error === 'AccessDenied' || error === 'UnauthorizedOperation' || error === 'AccessDeniedException') {
    return `User: arn:aws:iam::123456789012:user/pgtopo is not authorized to perform: ${action} because no identity-based policy allows it`;
  }
  return `${error} (injected by the test world)`;
}

/** An error shaped like the SDK's service exceptions: the name is what callers switch on. */
export function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/** The IAM action a command class needs: `DescribeDBClustersCommand` of rds → `rds:DescribeDBClusters`. */
export function iamAction(service: ServiceName, command: { name: string }): string {
  return `${IAM_PREFIX[service]}:${command.name.replace(/Command$/, '')}`;
}

/**
 * Serves one command of a mocked client: records the call, applies injected failures, then answers with
 * `handler(input, region)`; the region is the one the calling client was created for.
 */
export function serve<TInput extends object, TOutput extends object>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every client's stub; the handler types the command
  stub: AwsStub<any, any, any>, service: ServiceName, log: CallLog,
  command: new (input: TInput) => { input: TInput },
  handler: (input: TInput, region: string) => TOutput,
): void {
  const action = iamAction(service, command);
  stub.on(command as never).callsFake(async (input: TInput, getClient: () => { config: { region: () => Promise<string> } }) => {
    const region = await getClient().config.region();
    const lost = log.take(action, region, input);
    const output = handler(input, region);
    if (lost) throw lost;
    return { $metadata: { httpStatusCode: 200 }, ...output };
  });
}

/** One page of `items` after `token` (an offset, as opaque to callers as AWS's), and the token of the next. */
export function page<T>(items: T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const start = token === undefined ? 0 : Number(token);
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw awsError('InvalidParameterValue', `invalid pagination token ${token}`);
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

/** Objects kept per region, as AWS keeps them. */
export class Regional<T> {
  readonly #byRegion = new Map<string, T[]>();

  in(region: string): T[] {
    let list = this.#byRegion.get(region);
    if (!list) this.#byRegion.set(region, (list = []));
    return list;
  }
}
