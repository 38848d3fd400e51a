// `pgtopo output`: what clients connect to, from the state alone, like `terraform output`: for a deploy step that
// needs the proxies' address after CI applied the topology (`--name` prints one value and nothing else).
import type { Command } from 'commander';
import { collectOutputs, outputLine } from '../../engine/output/apply-outputs.ts';
import { readRecordedState } from '../../engine/plan/workspace.ts';
import type { ProviderRegistry } from '../../providers/provider.ts';

interface OutputOptions {
  name?: string;
  json?: boolean;
}

export function register(program: Command, registry: ProviderRegistry): void {
  program
    .command('output')
    .description('what clients connect to (the outputs of the last apply), read from the state without refreshing it')
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .option('--name <output>', 'print only this output\'s value (e.g. dev.proxy[0])')
    .option('--json', 'print as JSON: { name: { value, about } }')
    .action(async (file: string, options: OutputOptions) => {
      const state = await readRecordedState(file, registry);
      const outputs = state ? collectOutputs(state, registry) : [];
      if (options.name !== undefined) {
        const found = outputs.find((output) => output.name === options.name);
        if (!found) throw new Error(`no output named ${options.name}; ${outputs.length > 0 ? `there are: ${outputs.map((output) => output.name).join(', ')}` : 'there are none: nothing is applied yet (pgtopo apply)'}`);
        process.stdout.write(`${found.value}\n`);
      } else if (options.json) {
        const entries = outputs.map(({ name, value, about }) => [name, { value, ...(about ? { about } : {}) }]);
        process.stdout.write(`${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`);
      } else if (outputs.length === 0) {
        process.stderr.write('No outputs: nothing is applied yet (pgtopo apply).\n');
      } else {
        process.stdout.write(`${outputs.map(outputLine).join('\n')}\n`);
      }
    });
}
