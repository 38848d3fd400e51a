// What providers want a user to see once an apply is done (how to connect), printed last like Terraform's
// outputs, and by `pgtopo output` from the state alone.
import type { ProviderOutput, ProviderRegistry } from '../../providers/provider.ts';
import type { State } from '../state/state-format.ts';
import { paint } from './color.ts';

/** Every provider's outputs for the objects it recorded, provider by provider in the order state lists them. */
export function collectOutputs(state: State, registry: ProviderRegistry): ProviderOutput[] {
  return [...new Set(state.resources.map((resource) => resource.provider))].flatMap((providerName) => {
    const resources = state.resources.filter((resource) => resource.provider === providerName);
    return registry.byName(providerName)?.outputs?.(resources) ?? [];
  });
}

/** `name: value (about)`, one per line. */
export function outputLine(output: ProviderOutput): string {
  return `${output.name}: ${output.value}${output.about ? ` (${output.about})` : ''}`;
}

export function renderApplyOutputs(state: State, registry: ProviderRegistry): string {
  const lines = collectOutputs(state, registry).map(outputLine);
  return lines.length === 0 ? '' : `\n${paint('bold', 'Outputs:')}\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}
