// Options shared by the engine commands, parsed the same way everywhere.
import type { Command } from 'commander';
import { parseDuration } from './duration-option.ts';

export interface LockFlags {
  lockTimeout: string;
}

/** Adds `--lock-timeout` (default 0s: fail at once naming the holder). */
export function lockOption(command: Command): Command {
  return command.option('--lock-timeout <duration>', 'wait this long for a state lock held by another run', '0s');
}

export function lockTimeoutMs(flags: LockFlags): number {
  return parseDuration(flags.lockTimeout, '--lock-timeout');
}

export function parallelismOption(command: Command): Command {
  return command.option('--parallelism <n>', 'how many resource operations run at once', (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--parallelism ${value}: expected a whole number ≥ 1`);
    return parsed;
  }, 10);
}

export function targetOption(command: Command): Command {
  return command.option('--target <address>', 'limit to this resource and what it depends on (repeatable)',
    (value: string, previous: string[] = []) => [...previous, value]);
}
