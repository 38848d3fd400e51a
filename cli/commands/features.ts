import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { effectiveFeaturesOf } from '../../engine/features/effective-features.ts';
import { renderFeaturesTable } from '../../engine/features/features-table.ts';
import { formatDiagnostics } from '../../engine/topology/diagnostic.ts';
import { loadTopologyFile } from '../../engine/topology/load-topology.ts';

export function register(program: Command, registry: ProviderRegistry): void {
  program
    .command('features')
    .description('show the effective proxy features of each cluster, where each value came from, and why')
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .option('--cluster <name>', 'only this cluster')
    .option('--json', 'print as JSON')
    .action(async (file: string, options: { cluster?: string; json?: boolean }) => {
      const result = await loadTopologyFile(file, registry);
      if (!result.ok) {
        process.stderr.write(`${formatDiagnostics(result.diagnostics)}\n`);
        process.exitCode = 1;
        return;
      }
      const all = effectiveFeaturesOf(result.value.topology);
      const selected = options.cluster ? all.filter((f) => f.cluster === options.cluster) : all;
      if (selected.length === 0) {
        process.stderr.write(`Error: no cluster named "${options.cluster}" in ${file} (clusters: ${all.map((f) => f.cluster).join(', ')})\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(options.json ? `${JSON.stringify(selected, null, 2)}\n` : `${selected.map(renderFeaturesTable).join('\n\n')}\n`);
    });
}
