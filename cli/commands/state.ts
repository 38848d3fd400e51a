import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { isSensitiveRecord } from '../../engine/plan/attribute-values.ts';
import { describeReference } from '../../engine/plan/secret-resolver.ts';
import { findResource, withoutResource, type State } from '../../engine/state/state-format.ts';
import { closeWorkspace, openWorkspace, withLockedState } from '../../engine/plan/workspace.ts';
import { lockOption, lockTimeoutMs, type LockFlags } from '../command-options.ts';

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
  const remove = state
    .command('rm')
    .description('stop managing objects: forget them in state and leave them as they are (to hand them to another tool)')
    .argument('<address...>', 'resource addresses (see pgtopo state list), then the topology file if it is not pgtopo.yaml (a name ending in .yaml, .yml or .json)');
  lockOption(remove);
  remove.action(async (items: string[], options: LockFlags) => {
    const { addresses, file } = addressesAndFile(items);
    const workspace = await openWorkspace(file, registry);
    await withLockedState(workspace, 'state rm', lockTimeoutMs(options), async () => {
      const stored = await workspace.backend.read();
      const missing = addresses.filter((address) => !stored || !findResource(stored, address));
      if (!stored || missing.length > 0) throw new Error(`${missing.join(', ')}: not in state (see pgtopo state list)`);
      await workspace.backend.write(withoutAddresses(stored, addresses));
      process.stdout.write(`Removed ${addresses.length} resource(s) from state; the objects themselves are left as they are, and pgtopo no longer manages them.\n`);
    });
  });
}

function addressesAndFile(items: string[]): { addresses: string[]; file: string } {
  const last = items.at(-1) ?? '';
  const named = items.length > 1 && /\.(ya?ml|json)$/.test(last);
  return { addresses: named ? items.slice(0, -1) : items, file: named ? last : 'pgtopo.yaml' };
}

function withoutAddresses(state: State, addresses: string[]): State {
  const kept = addresses.reduce(withoutResource, state);
  return { ...kept, pending: kept.pending.filter((marker) => !addresses.includes(marker.address)), serial: state.serial + 1 };
}
