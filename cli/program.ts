import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { setColorEnabled } from '../engine/output/color.ts';
import type { ProviderRegistry } from '../providers/provider.ts';
import { providerRegistry } from './provider-registry.ts';
import { register as registerValidate } from './commands/validate.ts';
import { register as registerFeatures } from './commands/features.ts';
import { register as registerPlan } from './commands/plan.ts';
import { register as registerApply } from './commands/apply.ts';
import { register as registerDestroy } from './commands/destroy.ts';
import { register as registerStatus } from './commands/status.ts';
import { register as registerState } from './commands/state.ts';
import { register as registerImport } from './commands/import.ts';
import { register as registerForceUnlock } from './commands/force-unlock.ts';
import { register as registerReconcile } from './commands/reconcile.ts';
import { register as registerRender } from './commands/render.ts';
import { register as registerExport } from './commands/export.ts';
import { register as registerProxy } from './commands/proxy.ts';
import { register as registerPgpoolFiles } from './commands/pgpool-files.ts';
import { register as registerVip } from './commands/vip.ts';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Builds the `pgtopo` command tree over `registry`. Each command lives in its own file under commands/. */
export function buildProgram(registry: ProviderRegistry): Command {
  const program = new Command('pgtopo')
    .description('Declare PostgreSQL clusters and their proxy tier in one YAML file; plan, apply, keep converged.')
    .version(packageJson.version, '-V, --version')
    .option('--no-color', 'disable coloured output (also: NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nExit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode only).\nEnvironment: NO_COLOR=1 turns colour off.')
    .exitOverride();
  program.hook('preAction', (root) => {
    setColorEnabled(root.opts<{ color: boolean }>().color);
  });
  registerValidate(program, registry);
  registerFeatures(program, registry);
  registerPlan(program, registry);
  registerApply(program, registry);
  registerDestroy(program, registry);
  registerStatus(program, registry);
  registerState(program, registry);
  registerImport(program, registry);
  registerForceUnlock(program, registry);
  registerReconcile(program, registry);
  registerRender(program, registry);
  registerExport(program, registry);
  registerProxy(program);
  registerPgpoolFiles(program);
  registerVip(program);
  return program;
}

/**
 * Runs the CLI and returns the process exit code (0 ok, 1 error, 2 plan has changes with --detailed-exitcode).
 * The composition root: the providers are chosen here, once, and passed to every command.
 */
export async function runCli(argv: string[], registry: ProviderRegistry = providerRegistry(process.env)): Promise<number> {
  const program = buildProgram(registry);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
