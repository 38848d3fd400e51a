// Delete gets only the object as last seen, not its scope: every proxy-tier object records the region it lives in.
import type { ObservedObject } from '../../provider.ts';

export function regionOf(object: ObservedObject): string {
  const region = object.attributes.region;
  if (typeof region !== 'string') throw new Error(`${object.name} (${object.id}) records no region; refresh with pgtopo plan and try again`);
  return region;
}
