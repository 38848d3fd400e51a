// How big V8's young generation may grow in a builtin proxy. Logins make garbage, so with V8's defaults the new
// space grows to 32-64 MiB under connection churn and stays committed, empty or not: at 10,000 idle clients that was
// 5.6 kB of RSS per client where the clients themselves keep 2.2 kB (bench/idle-client-memory.ts, 2026-12-03). With
// 1 MiB semi-spaces it was 2.4-2.9 kB per client. The cost, measured with bench/young-generation-cpu.ts and
// `--trace-gc` (a count the machine's load does not move): the same scavenges per 1,000 transactions as V8's
// default on select-only simple and extended (0.47 and 0.74), twice as many per login under `pgbench -C` (33 against
// 17 per 1,000 logins, 22 ms against 13 ms of pause: ~9 µs more per login of ~1,000 µs).
//
// Every launcher of the builtin proxy passes these: node's command line where it runs node itself (local), the
// environment where the proxy starts as `pgtopo proxy` (systemd on EC2, the Kubernetes container; bin/pgtopo is a
// `#!/usr/bin/env node` script), and the worker threads' resourceLimits, which hold whatever node was started with.
// `pgtopo proxy` started without them adds them itself (cli/proxy-node-flags.ts: it execs itself once).
export const SEMI_SPACE_MB = 1;
export const PROXY_NODE_FLAGS: readonly string[] = [`--max-semi-space-size=${SEMI_SPACE_MB}`];
export const PROXY_NODE_OPTIONS = PROXY_NODE_FLAGS.join(' ');
/** V8 sizes a worker's young generation as two semi-spaces plus a new large-object space of the same size. */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB } as const;
