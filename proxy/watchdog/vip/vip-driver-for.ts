// The driver for a config's `watchdog.vip`, by its type. The AWS drivers (elastic-ip, secondary-ip, route-table,
// dns) are added here as they are built.
import type { VipDocument } from '../../config/proxy-config-document.ts';
import { LinuxIpVip } from './linux-ip-vip.ts';
import type { VipDriver } from './vip-driver.ts';

export function vipDriverFor(vip: VipDocument): VipDriver {
  if (vip.type === 'ip') return new LinuxIpVip(vip);
  throw new Error(`watchdog.vip: the ${vip.type} VIP driver is not built into this proxy yet`);
}
