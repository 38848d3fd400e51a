import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateFreePort, allocateFreePortRange, assertPortFree, isPortFree, PortTakenError } from '../../../providers/local/free-port.ts';

let holder: Server;
let takenPort: number;

beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((resolveListen) => holder.listen(0, '127.0.0.1', resolveListen));
  takenPort = (holder.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolveClose) => holder.close(resolveClose));
});

describe('free-port', () => {
  it('allocates a port that can then be bound, below the ephemeral range (never handed to an outgoing connection)', async () => {
    const port = await allocateFreePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(32_768);
    expect(await isPortFree(port)).toBe(true);
  });

  it('never hands out one port twice while whoever got it may not have bound it yet', async () => {
    const atOnce = await Promise.all(Array.from({ length: 50 }, () => allocateFreePort())); // an apply creates in parallel
    const oneByOne: number[] = [];
    for (let i = 0; i < 300; i++) oneByOne.push(await allocateFreePort()); // each was free again when the next was asked
    const ports = [...atOnce, ...oneByOne];
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('detects a port somebody listens on', async () => {
    expect(await isPortFree(takenPort)).toBe(false);
  });

  it('explains a taken port with the port, host and purpose', async () => {
    const attempt = assertPortFree(takenPort, '127.0.0.1', 'PostgreSQL instance primary');
    await expect(attempt).rejects.toThrow(PortTakenError);
    await expect(assertPortFree(takenPort, '127.0.0.1', 'PostgreSQL instance primary')).rejects.toThrow(
      `Port ${takenPort} on 127.0.0.1 (wanted for PostgreSQL instance primary) is already in use`,
    );
  });

  it('allocates a run of consecutive free ports below the ephemeral range', async () => {
    const base = await allocateFreePortRange(3);
    expect(base).toBeLessThan(32_768);
    for (const port of [base, base + 1, base + 2]) expect(await isPortFree(port)).toBe(true);
  });
});
