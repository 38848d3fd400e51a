import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { isSensitiveRecord } from '../../engine/plan/attribute-values.ts';
import { describeReference } from '../../engine/plan/secret-resolver.ts';
import { findResource } from '../../engine/state/state-format.ts';
import { closeWorkspace, openWorkspace } from '../../engine/plan/workspace.ts';

export function register(program: Command, registry: ProviderRegistry): void {
  const state = program.command('state').description('inspect what pgtopo manages');
  state
    .command('list')
    .description('list the addresses in state')
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .action(async (file: string) => {
      const workspace = await openWorkspace(file, registry);
      try {
        const stored = await workspace.backend.read();
        for (const resource of stored?.resources ?? []) process.stdout.write(`${resource.address}\n`);
        for (const marker of stored?.pending ?? []) process.stdout.write(`${marker.address} (create interrupted at ${marker.started}; resolved by the next plan/apply)\n`);
      } finally {
        await closeWorkspace(workspace);
      }
    });
  state
    .command('show')
    .description('show one resource as recorded in state (secrets as references only)')
    .argument('<address>', 'resource address, e.g. dev.postgres[0]')
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .option('--json', 'print as JSON')
    .action(async (address: string, file: string, options: { json?: boolean }) => {
      const workspace = await openWorkspace(file, registry);
      try {
        const stored = await workspace.backend.read();
        const resource = stored && findResource(stored, address);
        if (!resource) throw new Error(`${address} is not in state (see pgtopo state list)`);
        if (options.json) return void process.stdout.write(`${JSON.stringify(resource, null, 2)}\n`);
        const fields: [string, string][] = [['type', resource.type], ['provider', resource.provider], ['id', resource.id],
          ['name', resource.name], ['scope', resource.scope], ['dependencies', `[${resource.dependencies.join(', ')}]`]];
        for (const [key, value] of Object.entries(resource.attributes)) {
          const shown = isSensitiveRecord(value)
            ? `(sensitive${value.$sensitive.reference ? `, from ${describeReference(value.$sensitive.reference)}` : ''})`
            : JSON.stringify(value);
          fields.push([key, shown]);
        }
        const width = Math.max(...fields.map(([key]) => key.length));
        const lines = [`# ${resource.address}`, ...fields.map(([key, value]) => `${key.padEnd(width)} = ${value}`)];
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await closeWorkspace(workspace);
      }
    });
}
