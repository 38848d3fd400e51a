// The AWS SDK clients of one region, created by the provider's configure and destroyed by its close. No endpoint
// is set here: the SDK's own AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables point it at an
// AWS-compatible endpoint, and credentials come from the SDK's default chain (AWS_* variables, profiles, roles).
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { SSMClient } from '@aws-sdk/client-ssm';

export interface AwsClients {
  region: string;
  ec2: EC2Client;
  rds: RDSClient;
  autoScaling: AutoScalingClient;
  elbv2: ElasticLoadBalancingV2Client;
  ssm: SSMClient;
  route53: Route53Client;
}

/**
 * Standard retry mode: throttling and transient errors are retried with exponential back-off and jitter, and a
 * retry quota keeps a failing region from being hammered. Five attempts ride out a burst of throttling on a large
 * refresh without hiding a real outage for long.
 */
const RETRY = { retryMode: 'standard', maxAttempts: 5 } as const;

export function awsClients(region: string): AwsClients {
  const config = { region, ...RETRY };
  return {
    region,
    ec2: new EC2Client(config),
    rds: new RDSClient(config),
    autoScaling: new AutoScalingClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    ssm: new SSMClient(config),
    route53: new Route53Client(config),
  };
}

export function destroyClients(clients: AwsClients): void {
  for (const client of [clients.ec2, clients.rds, clients.autoScaling, clients.elbv2, clients.ssm, clients.route53]) client.destroy();
}

/** The clients of every region a run's clusters use, keyed by region (= the resource scope of AWS objects). */
export class RegionalClients {
  readonly #byRegion = new Map<string, AwsClients>();

  open(regions: Iterable<string>): void {
    for (const region of regions) if (!this.#byRegion.has(region)) this.#byRegion.set(region, awsClients(region));
  }

  of(region: string): AwsClients {
    const clients = this.#byRegion.get(region);
    if (!clients) throw new Error(`no AWS clients for region ${region}: the provider was not configured for it`);
    return clients;
  }

  closeAll(): void {
    for (const clients of this.#byRegion.values()) destroyClients(clients);
    this.#byRegion.clear();
  }
}
