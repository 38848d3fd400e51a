// What clients connect to, per cluster, at the end of an apply: the NLB's DNS name and listener port for an
// nlb-autoscaling tier, each proxy's private address for a watchdog tier (its VIP is the watchdog's part).
import type { ProviderOutput, RecordedResource } from '../../provider.ts';
import { LISTENER_TYPE } from './listener-resource.ts';
import { LOAD_BALANCER_TYPE } from './load-balancer-resource.ts';
import { PROXY_INSTANCE_TYPE } from './proxy-instance-resource.ts';
import { SSM_PROXY_CONFIG_TYPE } from './ssm-proxy-config-resource.ts';

export function proxyTierOutputs(resources: RecordedResource[]): ProviderOutput[] {
  const of = (type: string) => resources.filter((resource) => resource.type === type).sort((a, b) => a.address.localeCompare(b.address));
  const listeners = of(LISTENER_TYPE);
  const balancers = of(LOAD_BALANCER_TYPE).map((lb) => {
    const cluster = String(lb.attributes.cluster);
    const port = listeners.find((listener) => listener.attributes.cluster === cluster)?.attributes.port;
    return { name: cluster, value: `${String(lb.attributes.dns_name)}:${String(port ?? '?')}`, about: `network load balancer, ${String(lb.attributes.scheme)}` };
  });
  const configs = of(SSM_PROXY_CONFIG_TYPE);
  const proxies = of(PROXY_INSTANCE_TYPE).map((instance): ProviderOutput => {
    const config = configs.find((candidate) => candidate.address === instance.address.replace(/\.proxy\[/, '.proxy_config['));
    const listen = (config?.attributes.document as { listen?: { port?: number } } | undefined)?.listen;
    return { name: instance.address, value: `${String(instance.attributes.private_ip)}:${String(listen?.port ?? '?')}`, about: String(instance.attributes.availability_zone) };
  });
  return [...balancers, ...proxies];
}
