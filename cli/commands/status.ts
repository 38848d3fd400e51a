import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { collectStatus } from '../../engine/plan/collect-status.ts';
import { renderStatusTable } from '../../engine/output/status-table.ts';
import { closeWorkspace, openWorkspace, providerContextOf } from '../../engine/plan/workspace.ts';
import { parallelismOption } from '../command-options.ts';

export function register(program: Command, registry: ProviderRegistry): void {
  const command = program
    .command('status')
    .description('what pgtopo manages, whether it exists and is healthy, with roles, lag and endpoints')
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .option('--json', 'print as JSON');
  parallelismOption(command);
  command.action(async (file: string, options: { json?: boolean; parallelism: number }) => {
    const workspace = await openWorkspace(file, registry);
    try {
      const state = await workspace.backend.read();
      const rows = state ? await collectStatus(state, workspace.registry, providerContextOf(workspace.loaded.topology.name), options.parallelism) : [];
      const source = state?.source ?? null;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ state: workspace.backend.describe(), source, resources: rows }, null, 2)}\n`);
        return;
      }
      if (source) process.stdout.write(`Applied commit ${source.commit} of ${source.repository}#${source.ref}:${source.path} (recorded ${source.applied})\n\n`);
      process.stdout.write(renderStatusTable(rows));
    } finally {
      await closeWorkspace(workspace);
    }
  });
}
