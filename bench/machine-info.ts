// What machine and software a result came from, so results files from different runs can be compared.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, hostname, release, totalmem } from 'node:os';
import { resolve } from 'node:path';

export interface MachineInfo {
  host: string;
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  kernel: string;
}

/** The first "model name" line of /proc/cpuinfo (the text after the colon). */
export function cpuModelFromCpuinfo(cpuinfo: string): string | undefined {
  const line = cpuinfo.split('\n').find((candidate) => candidate.startsWith('model name'));
  return line?.slice(line.indexOf(':') + 1).trim();
}

export function machineInfo(): MachineInfo {
  let cpuModel = 'unknown';
  try {
    cpuModel = cpuModelFromCpuinfo(readFileSync('/proc/cpuinfo', 'utf8')) ?? cpuModel;
  } catch {
    // not Linux: keep 'unknown'
  }
  return { host: hostname(), cores: availableParallelism(), cpuModel, memoryBytes: totalmem(), kernel: release() };
}

/** The commit the harness ran from (with a marker when the tree had local changes). */
export function gitRevision(): string | undefined {
  try {
    const cwd = resolve(import.meta.dirname, '..');
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+local-changes` : head;
  } catch {
    return undefined;
  }
}
