// The real `bin/pgtopo` with the simulated provider behind every environment: PGTOPO_SIMULATE names the world file.
import { startPgtopo as startCli, type CliRun, type PgtopoProcess } from '../../cli/run-pgtopo.ts';

export type { PgtopoProcess } from '../../cli/run-pgtopo.ts';

export interface SimulatedRunOptions {
  cwd: string;
  world: string;
  env?: Record<string, string | undefined>;
}

export function startPgtopo(args: string[], options: SimulatedRunOptions): PgtopoProcess {
  return startCli(args, { cwd: options.cwd, env: { NO_COLOR: '1', PGTOPO_SIMULATE: options.world, ...options.env } });
}

export function runPgtopo(args: string[], options: SimulatedRunOptions): Promise<CliRun> {
  return startPgtopo(args, options).done;
}
