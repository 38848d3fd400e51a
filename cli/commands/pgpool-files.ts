// `pgtopo pgpool-files`: run on a proxy instance of an `engine: pgpool2` tier on EC2 (the user data's systemd units
// run it before Pgpool-II starts and from a timer). A pgtopo command rather than shell and the AWS CLI: the files
// come from the one Pgpool-II renderer, which is TypeScript, and the Debian image has neither the AWS CLI nor jq.
import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { SSM_SOURCE_PREFIX } from '../../proxy/config/ssm-config-source.ts';
import { SsmParameters } from '../../proxy/config/ssm-parameters.ts';
import { DEFAULT_PCP_PORT, syncPgpoolFiles, type PgpoolSync } from '../../providers/aws/proxy-tier/pgpool-instance-files.ts';
import { reportServing } from '../../providers/aws/proxy-tier/pgpool-serving.ts';
import { reportWatchdogJoin, type PcpAccess } from '../../providers/aws/proxy-tier/pgpool-watchdog-join.ts';
import { osUserNamed } from '../../providers/local/os-user.ts';

const TAG_TIMEOUT_MS = 30_000;

interface PgpoolFilesOptions {
  config: string;
  dir: string;
  runDir: string;
  owner?: string;
  unit?: string;
  pcpPort: string;
  beforeStart?: boolean;
}

export function register(program: Command): void {
  program
    .command('pgpool-files')
    .description("write Pgpool-II's files from an SSM proxy config and its SecureStrings; say (or make systemd do) what a running Pgpool-II needs")
    .requiredOption('--config <source>', 'ssm:<parameter name>: the proxy config the AWS provider wrote for engine pgpool2')
    .requiredOption('--dir <dir>', 'where pgpool.conf, pool_hba.conf, pool_passwd and pcp.conf go (0700, files 0600)')
    .requiredOption('--run-dir <dir>', "Pgpool-II's pid file and sockets")
    .option('--owner <user>', 'run as root: the files belong to this OS user, the one Pgpool-II runs as')
    .option('--unit <name>', 'reload or restart this systemd unit when the change asks for it')
    .option('--pcp-port <port>', "Pgpool-II's control port", String(DEFAULT_PCP_PORT))
    .option('--before-start', "run just before Pgpool-II starts: also write the node states it starts from (pgpool_status in --run-dir)")
    .action(async (options: PgpoolFilesOptions) => {
      if (!options.config.startsWith(SSM_SOURCE_PREFIX)) throw new Error(`--config ${options.config}: expected ssm:<parameter name>`);
      const pcpPort = Number(options.pcpPort);
      if (!Number.isInteger(pcpPort) || pcpPort < 1 || pcpPort > 65535) throw new Error(`--pcp-port ${options.pcpPort}: expected a port number`);
      const owner = options.owner === undefined ? null : osUserNamed(options.owner);
      const synced = await syncPgpoolFiles({
        parameter: options.config.slice(SSM_SOURCE_PREFIX.length), dir: options.dir, runDir: options.runDir, owner: owner?.isRoot ? owner : null, pcpPort,
        beforeStart: options.beforeStart === true,
      }, new SsmParameters(), (sync) => {
        process.stdout.write(`${options.config} version ${sync.version}: ${described(sync)}\n`);
        if (options.unit !== undefined && (sync.action === 'reload' || sync.action === 'restart')) systemctl(sync.action, options.unit);
      });
      if (synced.watchdogPcp) await reportJoin(options.runDir, synced.watchdogPcp);
      if (synced.servingAddress) await reportServed(options.runDir, synced.servingAddress);
    });
}

/** A watchdog member: tag this instance once Pgpool-II's watchdog has it in the tier, which a roll waits for. */
async function reportJoin(runDir: string, pcp: PcpAccess): Promise<void> {
  const report = await reportWatchdogJoin(runDir, pcp, tagger('watchdog: joined', 'WatchdogJoinedTag'));
  if (report.outcome === 'tagged') process.stdout.write(`watchdog: joined, instance ${report.instance} tagged\n`);
  if (report.outcome === 'not joined') process.stdout.write(`watchdog: not joined yet (${report.why})\n`);
}

/** Without a watchdog: tag this instance once Pgpool-II accepts clients, which a roll waits for. */
async function reportServed(runDir: string, address: { host: string; port: number }): Promise<void> {
  const report = await reportServing(runDir, address, tagger('serving', 'ServingTag'));
  if (report.outcome === 'tagged') process.stdout.write(`serving, instance ${report.instance} tagged\n`);
  if (report.outcome === 'not serving') process.stdout.write(`not serving yet (${report.why})\n`);
}

/** Tags this instance (IMDSv2 for who it is); a failure names the role's statement it needs (`statement`). */
function tagger(state: string, statement: string): (key: string, value: string) => Promise<string> {
  return async (key, value) => {
    const { tagOwnInstance } = await import('../../proxy/watchdog/ec2-instance-tag.ts');
    return tagOwnInstance(key, value, AbortSignal.timeout(TAG_TIMEOUT_MS)).catch((error: Error) => {
      throw new Error(`${state}, but this instance cannot be tagged ${key} (${error.message}); a roll of the tier waits for that tag. ` +
        `The instance role needs ec2:CreateTags on it (docs/aws-iam.md, ${statement})`);
    });
  };
}

function described(sync: PgpoolSync): string {
  return sync.changed.length > 0 ? `${sync.action} (${sync.changed.join(', ')} changed)` : sync.action;
}

function systemctl(action: 'reload' | 'restart', unit: string): void {
  const result = spawnSync('systemctl', [action, unit], { encoding: 'utf8' });
  if (result.error) throw new Error(`systemctl ${action} ${unit}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`systemctl ${action} ${unit} exited with ${result.status}: ${result.stderr.trim()}`);
}
