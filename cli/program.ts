import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import type { ProviderRegistry } from '../providers/provider.ts';
import { commandsFor } from './command-table.ts';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Builds the `pgtopo` command tree for `argv`: the command it runs, or all of them (see command-table.ts). Each
 * command lives in its own file under commands/; the providers are loaded only for a command that uses them.
 */
async function buildProgram(argv: readonly string[], registry: ProviderRegistry | undefined): Promise<Command> {
  const program = new Command('pgtopo')
    .description('Declare PostgreSQL clusters and their proxy tier in one YAML file; plan, apply, keep converged.')
    .version(packageJson.version, '-V, --version')
    .option('--no-color', 'disable coloured output (also: NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nExit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode only).\nEnvironment: NO_COLOR=1 turns colour off.')
    .exitOverride();
  program.hook('preAction', async (root) => {
    // Colour is the engine's output concern; a proxy never prints in colour, so it need not load it otherwise.
    if (!root.opts<{ color: boolean }>().color) (await import('../engine/output/color.ts')).setColorEnabled(false);
  });
  let providers = registry;
  for (const entry of commandsFor(argv)) {
    if (!entry.usesProviders) {
      (await entry.load()).register(program);
      continue;
    }
    providers ??= (await import('./provider-registry.ts')).providerRegistry(process.env);
    (await entry.load()).register(program, providers);
  }
  return program;
}

/**
 * Runs the CLI and returns the process exit code (0 ok, 1 error, 2 plan has changes with --detailed-exitcode).
 * The composition root: the providers are chosen here, once, and passed to every command.
 */
export async function runCli(argv: string[], registry?: ProviderRegistry): Promise<number> {
  try {
    const program = await buildProgram(argv, registry);
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
