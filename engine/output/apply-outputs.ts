// What providers want a user to see once an apply is done (how to connect), printed last like Terraform's outputs.
import type { ProviderRegistry } from '../../providers/provider.ts';
import type { State } from '../state/state-format.ts';
import { paint } from './color.ts';

export function renderApplyOutputs(state: State, registry: ProviderRegistry): string {
  const lines: string[] = [];
  for (const providerName of new Set(state.resources.map((resource) => resource.provider))) {
    const provider = registry.byName(providerName);
    const resources = state.resources.filter((resource) => resource.provider === providerName);
    lines.push(...(provider?.outputs?.(resources) ?? []));
  }
  return lines.length === 0 ? '' : `\n${paint('bold', 'Outputs:')}\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}
