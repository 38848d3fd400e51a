// The SDK clients the AWS VIP drivers call, in the instance's own region (from IMDS). As in the provider's clients
// (the proxy cannot import providers/): no endpoint here — the SDK's AWS_ENDPOINT_URL variables redirect it — and
// credentials from the default chain, which on EC2 is the instance role.
import { EC2Client } from '@aws-sdk/client-ec2';
import { Route53Client } from '@aws-sdk/client-route-53';

export interface VipAwsClients {
  region: string;
  ec2: EC2Client;
  route53: Route53Client;
}

export function vipAwsClients(region: string): VipAwsClients {
  // Standard retry mode with five attempts: throttling during a failover (a fleet's proxies asking at once) is
  // ridden out with back-off, while an outage still fails the acquire within seconds for the watchdog to report.
  const config = { region, retryMode: 'standard', maxAttempts: 5 };
  return { region, ec2: new EC2Client(config), route53: new Route53Client(config) };
}

export function destroyVipAwsClients(clients: VipAwsClients): void {
  clients.ec2.destroy();
  clients.route53.destroy();
}
