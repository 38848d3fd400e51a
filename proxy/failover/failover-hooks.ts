// Optional user commands around a failover, with Pgpool-II's placeholders:
//   %d  node id of the failed node (for follow_primary_command: the standby being re-pointed)
//   %h  host of that node            %p  port of that node
//   %m  node id of the new primary   %H  host of the new primary   %r  port of the new primary
//   %P  node id of the old primary   %N  host of the old primary   %S  port of the old primary
//   %%  a literal %
// Values are substituted as they are (they come from the operator's own config). Commands run with `sh -c`;
// output goes to the proxy's log, never to clients.
import { spawn } from 'node:child_process';

export interface HookNode {
  id: number;
  host: string;
  port: number;
}

export interface HookNodes {
  failed: HookNode;
  newPrimary: HookNode;
  oldPrimary: HookNode;
}

export function expandPlaceholders(command: string, nodes: HookNodes): string {
  const values: Record<string, string> = {
    d: String(nodes.failed.id), h: nodes.failed.host, p: String(nodes.failed.port),
    m: String(nodes.newPrimary.id), H: nodes.newPrimary.host, r: String(nodes.newPrimary.port),
    P: String(nodes.oldPrimary.id), N: nodes.oldPrimary.host, S: String(nodes.oldPrimary.port),
    '%': '%',
  };
  return command.replace(/%(.)/g, (whole, key: string) => values[key] ?? whole);
}

export interface HookOutcome {
  exitCode: number | null;
  output: string;
}

const OUTPUT_LIMIT = 4096;

export function runHook(command: string, timeoutMs: number): Promise<HookOutcome> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    const collect = (chunk: Buffer): void => {
      if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => resolve({ exitCode: null, output: error.message }));
    child.on('close', (code) => resolve({ exitCode: code, output: output.slice(0, OUTPUT_LIMIT).trim() }));
  });
}
