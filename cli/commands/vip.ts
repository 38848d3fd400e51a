// `pgtopo vip acquire|release`: one AWS VIP move, by the same driver the builtin proxy's watchdog uses, for
// Pgpool-II's watchdog to run as its escalation and de-escalation commands (proxy/pgpool2/render-watchdog-settings.ts).
// The instance's identity and region come from IMDSv2; credentials from the instance role.
import type { Command } from 'commander';
import { parseDuration } from '../duration-option.ts';
import { AWS_VIP_TYPES, openAwsVipDriver, type AwsVip } from '../../proxy/watchdog/vip/aws-vip-driver.ts';
import { DEFAULT_TTL_SECONDS } from '../../proxy/watchdog/vip/dns-driver.ts';

export interface VipFlags {
  type: string;
  allocationId?: string;
  address?: string;
  routeTable?: string[];
  hostedZoneId?: string;
  recordName?: string;
  ttl?: string;
  timeout: string;
}

export function register(program: Command): void {
  const vip = program.command('vip').description('move an AWS VIP to or away from this EC2 instance (what the watchdog leader does)');
  for (const [verb, description] of [['acquire', 'make this instance the VIP holder'], ['release', 'stop being the VIP holder (no-op when not)']] as const) {
    vip.command(verb)
      .description(description)
      .requiredOption('--type <method>', `VIP method: ${AWS_VIP_TYPES.join(', ')}`)
      .option('--allocation-id <id>', 'elastic-ip: the Elastic IP allocation (eipalloc-…)')
      .option('--address <ip>', 'secondary-ip, route-table: the VIP')
      .option('--route-table <id>', 'route-table: a route table to update (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
      .option('--hosted-zone-id <id>', 'dns: the Route 53 hosted zone')
      .option('--record-name <name>', 'dns: the A record clients connect to')
      .option('--ttl <seconds>', 'dns: the record TTL', String(DEFAULT_TTL_SECONDS))
      .option('--timeout <duration>', 'give up after this long', '2m')
      .action(async (flags: VipFlags) => {
        const signal = AbortSignal.timeout(parseDuration(flags.timeout, '--timeout'));
        const { driver, close } = await openAwsVipDriver(vipFromFlags(flags), signal);
        try {
          await driver[verb](signal);
          process.stdout.write(`${verb === 'acquire' ? 'holding' : 'released'}: ${driver.describe()}\n`);
        } finally {
          close();
        }
      });
  }
}

/** The topology's VIP object the flags describe; a missing flag is named. */
export function vipFromFlags(flags: VipFlags): AwsVip {
  const need = (value: string | undefined, flag: string): string => {
    if (value === undefined || value === '') throw new Error(`--type ${flags.type} needs ${flag}`);
    return value;
  };
  switch (flags.type) {
    case 'elastic-ip': return { type: 'elastic-ip', allocationId: need(flags.allocationId, '--allocation-id') };
    case 'secondary-ip': return { type: 'secondary-ip', address: need(flags.address, '--address') };
    case 'route-table': {
      const [first, ...rest] = flags.routeTable ?? [];
      return { type: 'route-table', address: need(flags.address, '--address'), routeTables: [need(first, '--route-table'), ...rest] };
    }
    case 'dns': {
      const ttl = Number(flags.ttl);
      if (!Number.isInteger(ttl) || ttl < 0 || ttl > 86_400) throw new Error(`--ttl ${flags.ttl}: expected whole seconds from 0 to 86400`);
      return { type: 'dns', hostedZoneId: need(flags.hostedZoneId, '--hosted-zone-id'), recordName: need(flags.recordName, '--record-name'), ttl };
    }
    default:
      throw new Error(`--type ${flags.type}: expected one of ${AWS_VIP_TYPES.join(', ')} (the \`ip\` method is Pgpool-II's own if_up_cmd)`);
  }
}
