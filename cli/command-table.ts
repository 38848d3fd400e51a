// The commands of `pgtopo`, by name, each loaded only when it is needed: `pgtopo proxy` runs for as long as the
// proxy does, and importing every command would keep the engine, the providers, the AWS SDK, the Kubernetes
// client and cdktn in its memory for nothing.
import type { Command } from 'commander';
import type { ProviderRegistry } from '../providers/provider.ts';

/** A command that reads a topology through the providers. */
interface TopologyCommand {
  name: string;
  usesProviders: true;
  load(): Promise<{ register(program: Command, registry: ProviderRegistry): void }>;
}

/** A command that runs without them: the proxy and what runs on a proxy instance. */
interface StandaloneCommand {
  name: string;
  usesProviders: false;
  load(): Promise<{ register(program: Command): void }>;
}

export type CommandEntry = TopologyCommand | StandaloneCommand;

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'validate', load: () => import('./commands/validate.ts'), usesProviders: true },
  { name: 'features', load: () => import('./commands/features.ts'), usesProviders: true },
  { name: 'plan', load: () => import('./commands/plan.ts'), usesProviders: true },
  { name: 'apply', load: () => import('./commands/apply.ts'), usesProviders: true },
  { name: 'destroy', load: () => import('./commands/destroy.ts'), usesProviders: true },
  { name: 'status', load: () => import('./commands/status.ts'), usesProviders: true },
  { name: 'output', load: () => import('./commands/output.ts'), usesProviders: true },
  { name: 'state', load: () => import('./commands/state.ts'), usesProviders: true },
  { name: 'import', load: () => import('./commands/import.ts'), usesProviders: true },
  { name: 'force-unlock', load: () => import('./commands/force-unlock.ts'), usesProviders: true },
  { name: 'reconcile', load: () => import('./commands/reconcile.ts'), usesProviders: true },
  { name: 'render', load: () => import('./commands/render.ts'), usesProviders: true },
  { name: 'export', load: () => import('./commands/export.ts'), usesProviders: true },
  { name: 'proxy', load: () => import('./commands/proxy.ts'), usesProviders: false },
  { name: 'pgpool-files', load: () => import('./commands/pgpool-files.ts'), usesProviders: false },
  { name: 'vip', load: () => import('./commands/vip.ts'), usesProviders: false },
];

/**
 * The commands to load for `argv`: the one its first word names, or all of them when it names none (`--help`,
 * `help`, a misspelt command: commander then lists them all or suggests the closest).
 */
export function commandsFor(argv: readonly string[]): readonly CommandEntry[] {
  const word = argv.find((arg) => !arg.startsWith('-'));
  const named = COMMANDS.find((entry) => entry.name === word);
  return named ? [named] : COMMANDS;
}
