import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredLocalPorts } from '../../../providers/local/local-port-claims.ts';
import { localProvider } from '../../../providers/local/local-provider.ts';
import { topologyIdentity, type ProviderContext } from '../../../providers/provider.ts';
import type { LocalCluster } from '../../../schemas/topology.ts';
import { allocateFreePort, allocateFreePortRange, assertPortFree, declarePorts, DRAWN_PORTS, isDeclaredPort, isPortFree, PortTakenError } from '../../../providers/local/free-port.ts';

const context: ProviderContext = { topology: topologyIdentity('shop'), signal: new AbortController().signal, note: () => {} };
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
    // Within DRAWN_PORTS: 30000–32767 stays clear for ports people declare.
    expect(port).toBeGreaterThanOrEqual(DRAWN_PORTS.from);
    expect(port).toBeLessThanOrEqual(DRAWN_PORTS.to);
    expect(DRAWN_PORTS.to).toBeLessThan(30_000);
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

  it('never draws a port the topology declares, free as it may be before its process starts', async () => {
    const even = Array.from({ length: 6_000 }, (_, i) => 20_000 + 2 * i);
    declarePorts(even);
    try {
      const drawn = await Promise.all(Array.from({ length: 200 }, () => allocateFreePortRange(1, '127.0.0.1', async () => true)));
      expect(drawn.filter((port) => port % 2 === 0)).toEqual([]);
      const runs = await Promise.all(Array.from({ length: 20 }, () => allocateFreePortRange(2, '127.0.0.1', async () => true).catch(() => null)));
      expect(runs).toEqual(runs.map(() => null)); // every run of two holds an even port
    } finally {
      declarePorts([]);
    }
  });

  it('allocates a run of consecutive free ports below the ephemeral range', async () => {
    const base = await allocateFreePortRange(3);
    expect(base).toBeLessThan(32_768);
    for (const port of [base, base + 1, base + 2]) expect(await isPortFree(port)).toBe(true);
  });
});

describe('the ports a local topology declares', () => {
  it('are its instances\', proxies\' and metrics ports, each run as long as its count, and configure declares them', async () => {
    const cluster: LocalCluster = { environment: 'local', postgres: { instances: 2, port: 25_500 }, proxy: { instances: 3, port: 26_500, metricsPort: 29_500 } };
    expect(declaredLocalPorts('dev', cluster, 3).sort()).toEqual([25_500, 25_501, 26_500, 26_501, 26_502, 29_500, 29_501, 29_502]);
    const provider = localProvider();
    await provider.configure({ topologyDir: '/unused', clusters: [{ name: 'dev', cluster }], env: {} }, context);
    try {
      for (const port of [25_501, 26_500, 26_502, 29_502]) expect(isDeclaredPort(port), String(port)).toBe(true);
      for (const port of [25_502, 26_503, 29_503, 6_432]) expect(isDeclaredPort(port), String(port)).toBe(false);
    } finally {
      await provider.close();
      declarePorts([]);
    }
  });
});
