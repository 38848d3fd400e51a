import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { expandTopology } from '../../engine/plan/desired-resources.ts';
import { importResource } from '../../engine/state/import-resource.ts';
import { openWorkspace, providerContextOf, withLockedState } from '../../engine/plan/workspace.ts';
import { lockOption, lockTimeoutMs, type LockFlags } from '../command-options.ts';

export function register(program: Command, registry: ProviderRegistry): void {
  const command = program
    .command('import')
    .description('adopt an existing object as <address>, so pgtopo manages it instead of creating another')
    .argument('<address>', 'resource address declared by the topology, e.g. orders.security_group')
    .argument('<id>', 'id of the existing object')
    .argument('[file]', 'topology file', 'pgtopo.yaml');
  lockOption(command);
  command.action(async (address: string, id: string, file: string, options: LockFlags) => {
    const workspace = await openWorkspace(file, registry);
    await withLockedState(workspace, 'import', lockTimeoutMs(options), async () => {
      const desired = expandTopology(workspace.loaded.topology, workspace.registry, workspace.loaded.dir);
      const next = await importResource(desired, await workspace.backend.read(), workspace.loaded.topology.name, address, id,
        workspace.registry, providerContextOf(workspace.loaded.topology.name));
      await workspace.backend.write(next);
      process.stdout.write(`Imported ${id} as ${address}. Run pgtopo plan to see how it differs from the topology.\n`);
    });
  });
}
