import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { capDiagnostics, formatDiagnostics } from '../../engine/topology/diagnostic.ts';
import { loadTopologyFile } from '../../engine/topology/load-topology.ts';
import { paint } from '../../engine/output/color.ts';

export function register(program: Command, registry: ProviderRegistry): void {
  program
    .command('validate')
    .description('check a topology file: YAML syntax, the schema, and the feature-matrix rules')
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .option('--json', 'print the findings as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const result = await loadTopologyFile(file, registry);
      const diagnostics = result.ok ? result.value.warnings : result.diagnostics;
      if (options.json) {
        const { shown, omitted } = capDiagnostics(diagnostics);
        process.stdout.write(`${JSON.stringify({ valid: result.ok, diagnostics: shown, ...(omitted > 0 ? { omitted } : {}) }, null, 2)}\n`);
      } else {
        if (diagnostics.length > 0) process.stderr.write(`${formatDiagnostics(diagnostics)}\n`);
        if (result.ok) {
          const clusters = Object.entries(result.value.topology.clusters).map(([name, c]) => `${name} (${c.environment})`);
          process.stdout.write(`${paint('green', '✓')} ${file} is valid: ${clusters.length} cluster${clusters.length === 1 ? '' : 's'}: ${clusters.join(', ')}\n`);
        } else {
          const errors = diagnostics.filter((d) => d.severity === 'error').length;
          process.stderr.write(`${paint('red', '✗')} ${file}: ${errors} error${errors === 1 ? '' : 's'}\n`);
        }
      }
      process.exitCode = result.ok ? 0 : 1;
    });
}
