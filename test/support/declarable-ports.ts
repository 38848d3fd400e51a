// Ports for a test topology to declare (a proxy's `port`): from 30000–32767, where neither the local provider's
// random draws (free-port.ts, DRAWN_PORTS) nor the kernel's ephemeral ports land, so a pgtopo process of a test
// running beside this one cannot take one between the choice and the apply.
import { DRAWN_PORTS, isPortFree } from '../../providers/local/free-port.ts';

const FLOOR = DRAWN_PORTS.to + 1;
const CEILING = 32_768;

/** The first of `count` consecutive ports, all free now. */
export async function declarablePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = FLOOR + Math.floor(Math.random() * (CEILING - FLOOR - count));
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if ((await Promise.all(ports.map((port) => isPortFree(port)))).every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports between ${FLOOR} and ${CEILING}`);
}
