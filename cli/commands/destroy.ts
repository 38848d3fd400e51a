import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { openWorkspace } from '../../engine/plan/workspace.ts';
import { lockOption, parallelismOption, targetOption } from '../command-options.ts';
import { applyFresh, type ApplyCommandOptions } from './apply.ts';

export function register(program: Command, registry: ProviderRegistry): void {
  const command = program
    .command('destroy')
    .description('delete everything pgtopo manages for this topology, in reverse dependency order (after asking)')
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .option('--auto-approve', 'do not ask for confirmation (needed without a terminal)');
  targetOption(command);
  parallelismOption(command);
  lockOption(command);
  command.action(async (file: string, options: ApplyCommandOptions) => {
    process.exitCode = await applyFresh(await openWorkspace(file, registry), 'destroy', options);
  });
}
