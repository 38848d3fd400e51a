import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { describeLock } from '../../engine/lock/lock-info.ts';
import { closeWorkspace, openWorkspace } from '../../engine/plan/workspace.ts';

export function register(program: Command, registry: ProviderRegistry): void {
  program
    .command('force-unlock')
    .description('release a state lock left by a run that is gone (the lock id is in the "state is locked" message)')
    .argument('<id>', 'lock id')
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .action(async (id: string, file: string) => {
      const workspace = await openWorkspace(file, registry);
      try {
        const released = await workspace.backend.forceUnlock(id);
        process.stdout.write(`Released ${describeLock(released)}.\n`);
      } finally {
        await closeWorkspace(workspace);
      }
    });
}
