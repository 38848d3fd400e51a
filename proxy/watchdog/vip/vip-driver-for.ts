// The driver for a config's `watchdog.vip`, by its type: a Linux address for `ip`, else one of the AWS methods
// (opened on the instance at first use, see deferred-aws-vip.ts).
import type { VipDocument } from '../../config/proxy-config-document.ts';
import { DeferredAwsVip } from './deferred-aws-vip.ts';
import { LinuxIpVip } from './linux-ip-vip.ts';
import type { VipDriver } from './vip-driver.ts';

export function vipDriverFor(vip: VipDocument): VipDriver {
  return vip.type === 'ip' ? new LinuxIpVip(vip) : new DeferredAwsVip(vip);
}
