// Micro-benchmark of the router's hot path: cached and uncached classification and a full routing decision.
// Not a test: prints ns/op. Run: node_modules/.bin/node bench/router-classify.ts

import { BackendStates } from '../proxy/backend-states.ts';
import { ClassificationCache } from '../proxy/router/classification-cache.ts';
import { classifyStatement } from '../proxy/router/classify-statement.ts';
import { QueryRouter } from '../proxy/router/route-decision.ts';
import { defaultRouterConfig } from '../proxy/router/router-config.ts';
import { RouterTargetChooser } from '../proxy/router/router-target-chooser.ts';
import { SessionRouteState } from '../proxy/router/session-route-state.ts';

const PGBENCH_SELECT = 'SELECT abalance FROM pgbench_accounts WHERE aid = $1;';
const PGBENCH_UPDATE = 'UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2;';
const ORM_QUERY =
  'SELECT "public"."User"."id", "public"."User"."email", "public"."User"."createdAt" FROM "public"."User" ' +
  'LEFT JOIN "public"."Profile" ON "public"."Profile"."userId" = "public"."User"."id" ' +
  'WHERE ("public"."User"."email" = $1 AND "public"."User"."deletedAt" IS NULL) ORDER BY "public"."User"."id" ASC LIMIT $2 OFFSET $3';

function measure(name: string, iterations: number, run: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(iterations, 10_000); i++) run(i); // warm up the JIT
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < iterations; i++) sink ^= run(i) === undefined ? 0 : 1;
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  console.log(`${name.padEnd(48)} ${ns.toFixed(0).padStart(7)} ns/op${sink < 0 ? '' : ''}`);
}

measure('classify uncached: pgbench select', 200_000, () => classifyStatement(PGBENCH_SELECT));
measure('classify uncached: pgbench update', 200_000, () => classifyStatement(PGBENCH_UPDATE));
measure('classify uncached: Prisma-style join', 100_000, () => classifyStatement(ORM_QUERY));

const cache = new ClassificationCache(10_000);
measure('classify cached: pgbench select', 2_000_000, () => cache.classify(PGBENCH_SELECT));

const distinct = Array.from({ length: 20_000 }, (_, i) => `SELECT abalance FROM pgbench_accounts WHERE aid = ${i}`);
const small = new ClassificationCache(10_000);
measure('classify, cache thrashing (20k texts, 10k slots)', 200_000, (i) => small.classify(distinct[i % distinct.length]));

const router = new QueryRouter(defaultRouterConfig());
const backends = {
  nodes: [
    { id: 'p', name: 'p', role: 'primary' as const, status: 'up' as const, weight: 1, alwaysPrimary: false, noFailover: false },
    { id: 's1', name: 's1', role: 'standby' as const, status: 'up' as const, weight: 1, alwaysPrimary: false, noFailover: false },
  ],
};
const session = new SessionRouteState({ applicationName: 'pgbench', database: 'bench', user: 'bench' });
measure('decide (cached text): pgbench select', 1_000_000, () =>
  router.decide(session, backends, { message: 'query', sql: PGBENCH_SELECT }),
);
measure('decide: extended Bind of a parsed select', 1_000_000, (i) => {
  if (i === 0) router.decide(session, backends, { message: 'parse', statementName: 'q', sql: PGBENCH_SELECT });
  return router.decide(session, backends, { message: 'bind', statementName: 'q', portalName: '' });
});

const chooser = new RouterTargetChooser(
  new BackendStates([
    { id: 0, name: 'p', host: '127.0.0.1', port: 5432, weight: 1, role: 'primary', alwaysPrimary: false, noFailover: false },
    { id: 1, name: 's1', host: '127.0.0.1', port: 5433, weight: 1, role: 'standby', alwaysPrimary: false, noFailover: false },
  ]),
  defaultRouterConfig(),
  false,
);
const text = Buffer.from(`${PGBENCH_SELECT}\0`);
const queryMessage = Buffer.alloc(5 + text.length);
queryMessage.write('Q', 0);
queryMessage.writeInt32BE(4 + text.length, 1);
text.copy(queryMessage, 5);
const client = { user: 'bench', database: 'bench', applicationName: 'pgbench' };
measure('chooseTarget (proxy core adapter): Query message', 1_000_000, () =>
  chooser.chooseTarget(client, { buf: queryMessage, off: 0, end: queryMessage.length }),
);
