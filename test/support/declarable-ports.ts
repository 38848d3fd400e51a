// Ports for a test topology to declare (a proxy's `port`): from DECLARABLE_PORTS, where neither the local provider's
// random draws (free-port.ts, DRAWN_PORTS) nor the kernel's ephemeral ports land, so a pgtopo process of a test
// running beside this one cannot take one between the choice and the apply.
import { allocateFreePortRange, DECLARABLE_PORTS, isPortFree, LOOPBACK_HOST } from '../../providers/local/free-port.ts';

/** The first of `count` consecutive ports, all free now. */
export function declarablePortRange(count: number): Promise<number> {
  return allocateFreePortRange(count, LOOPBACK_HOST, isPortFree, DECLARABLE_PORTS);
}
