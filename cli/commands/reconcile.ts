import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { parseDuration } from '../duration-option.ts';
import { startHealthServer } from '../../engine/reconcile/health-server.ts';
import { jsonLogger } from '../../engine/reconcile/json-log.ts';
import { ReconcileLoop } from '../../engine/reconcile/reconcile-loop.ts';
import { ReconcileMetrics } from '../../engine/reconcile/reconcile-metrics.ts';
import { GitSource, parseSourceSpec } from '../../engine/reconcile/git-source.ts';
import { SourceFollower } from '../../engine/reconcile/source-follower.ts';
import type { JsonLog } from '../../engine/reconcile/json-log.ts';
import { parallelismOption } from '../command-options.ts';

interface ReconcileCommandOptions {
  watch?: boolean;
  interval: string;
  listen: string;
  parallelism: number;
  source?: string;
  sourceCache: string;
  allowRewind?: boolean;
}

const DEFAULT_FILE = 'pgtopo.yaml';

export function register(program: Command, registry: ProviderRegistry): void {
  const command = program
    .command('reconcile')
    .description('plan and apply without asking until reality matches the topology; with --watch, keep doing it (GitOps)')
    .argument('[file]', 'topology file (not with --source)', DEFAULT_FILE)
    .option('--watch', 'run forever: plan → apply every interval, with backoff on errors')
    .option('--interval <duration>', 'time between runs in watch mode (an edit of the topology file starts one at once)', '30s')
    .option('--listen <host:port>', 'serve /healthz and /metrics here in watch mode (port 0: any free port)', '127.0.0.1:9187')
    .option('--source <repository#ref:path>', 'pull mode: follow the topology at <path> of <ref> in this git repository, applying each new commit')
    .option('--source-cache <dir>', 'pull mode: where the repository is fetched and checked out (state beside the topology stays there)', join('.pgtopo', 'source'))
    .option('--allow-rewind', 'pull mode: apply a commit that does not descend from the one applied last (the ref moved back)');
  parallelismOption(command);
  command.action(async (file: string, options: ReconcileCommandOptions) => {
    const log = jsonLogger(process.stdout, { component: 'reconcile' });
    const metrics = new ReconcileMetrics();
    const stop = new AbortController();
    const source = options.source ? sourceFollower(file, options, registry, log, metrics) : undefined;
    const loop = new ReconcileLoop({
      file, source, registry, intervalMs: parseDuration(options.interval, '--interval'),
      parallelism: options.parallelism, log, metrics, signal: stop.signal,
    });
    if (!options.watch) {
      process.exitCode = (await loop.runOnce()).ok ? 0 : 1;
      return;
    }
    const [host, port] = splitListen(options.listen);
    const server = await startHealthServer(port, host, metrics, () => loop.health());
    log('info', 'watching', { ...(source ? { source: source.describe() } : { file }), interval: options.interval, listen: `${host}:${server.port}` });
    const onSignal = (): void => {
      log('info', 'stopping after the current run');
      stop.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    await loop.run();
    await server.close();
  });
}

function sourceFollower(file: string, options: ReconcileCommandOptions, registry: ProviderRegistry, log: JsonLog, metrics: ReconcileMetrics): SourceFollower {
  if (file !== DEFAULT_FILE) throw new Error(`give either a topology file (${file}) or --source, not both`);
  const spec = parseSourceSpec(options.source!);
  // One checkout whatever the source: a local state beside the topology stays where it is when the ref changes.
  return new SourceFollower({ source: new GitSource(spec, resolve(options.sourceCache)), registry, log, metrics, allowRewind: Boolean(options.allowRewind) });
}

function splitListen(listen: string): [string, number] {
  const match = /^(.*):(\d+)$/.exec(listen);
  if (!match) throw new Error(`--listen ${listen}: expected host:port, e.g. 127.0.0.1:9187`);
  return [match[1]!, Number(match[2])];
}
