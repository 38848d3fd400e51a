// A few thousand statements for the classifier cross-check: templates crossing every routing rule's syntax with the
// shapes real clients send (pgbench, Rails, Django, Prisma, Hibernate, hand-written reporting SQL). Deterministic:
// the same seed gives the same corpus, so a failure names a statement that reproduces.
import { seededRandom } from '../../support/seeded-random.ts';

const TABLES = [
  't',
  'pgbench_accounts',
  'public.users',
  '"Users"',
  '"public"."Order Items"',
  'app.events',
  'pg_class',
  'information_schema.columns',
  'pg_stat_activity',
  'pg_catalog.pg_locks',
  'pg_temp.scratch',
];

const SELECT_LISTS = [
  '*',
  'id, name',
  '"id", "createdAt"',
  'count(*)',
  'coalesce(a, 0) AS a',
  "data->>'key' AS k",
  "data #> '{a,b}'",
  'lower(name), upper(name)',
  'now()',
  "nextval('seq')",
  'random()',
  'my_func(x)',
  '$1::int + 1',
  "CASE WHEN a > 0 THEN 'pos' ELSE 'neg' END",
  'extract(epoch FROM created_at)',
  'substring(name FROM 1 FOR 3)',
  "trim(both 'x' FROM name)",
  'position(\'a\' IN name)',
  'row_number() OVER (PARTITION BY a ORDER BY b DESC)',
  'array_agg(x ORDER BY x) FILTER (WHERE x > 0)',
  'EXISTS (SELECT 1 FROM u WHERE u.id = id)',
  '(SELECT max(id) FROM u) AS m',
  "'it''s; not -- a comment'",
  "E'a\\'b; c'",
  '$$dollar ; quoted$$',
  '$tag$ SELECT 1; INSERT $tag$',
  'x::numeric(10, 2)',
  'CAST(y AS varchar(20))',
  'pg_catalog.date_trunc(\'day\', ts)',
  'jsonb_build_object(\'a\', 1) || \'{}\'::jsonb',
  'ARRAY[1, 2, 3]',
  'ROW(1, 2)',
  'current_timestamp, current_user',
  'a IS DISTINCT FROM b',
  'greatest(a, b), nullif(a, 0)',
  '"my schema"."Func"(1)',
];

const JOINS = [
  '',
  ' JOIN u ON u.tid = t0.id',
  ' LEFT OUTER JOIN "Profiles" p ON p."userId" = t0.id',
  ' JOIN u USING (id)',
  ' CROSS JOIN LATERAL (SELECT * FROM v WHERE v.a = t0.a LIMIT 1) l',
  ', generate_series(1, 3) g(i)',
  ', unnest($1::int[]) AS ids(id)',
  ' NATURAL JOIN w',
  ' JOIN (u JOIN v ON v.id = u.vid) ON u.tid = t0.id',
  ' JOIN (SELECT id FROM u WHERE flag) s ON s.id = t0.id',
];

const WHERES = [
  '',
  ' WHERE id = $1',
  ' WHERE "t0"."id" IN ($1, $2, $3)',
  ' WHERE name ILIKE $1',
  ' WHERE id = ANY($1)',
  " WHERE created_at > now() - interval '1 day'",
  " WHERE data @> '{\"a\": 1}'::jsonb",
  ' WHERE id IN (SELECT tid FROM u)',
  ' WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.tid = t0.id)',
  ' WHERE a BETWEEN 1 AND 10 AND b IS NOT NULL',
  ' WHERE id = (SELECT nextval(\'s2\'))',
];

const TAILS = [
  '',
  ' ORDER BY 1 DESC LIMIT 10 OFFSET 20',
  ' LIMIT $2',
  ' FOR UPDATE',
  ' FOR NO KEY UPDATE OF t0 NOWAIT',
  ' FOR SHARE SKIP LOCKED',
  ' GROUP BY 1 HAVING count(*) > 1',
  ' FETCH FIRST 5 ROWS ONLY',
  ' UNION ALL SELECT 1',
  ' ORDER BY name COLLATE "C"',
];

const PREFIXES = [
  '',
  '/* controller:users,action:show */ ',
  '-- report query\n',
  '/*NO LOAD BALANCE*/ ',
  '  \n\t',
  '/* outer /* nested */ still comment */ ',
];

const WITHS = [
  'WITH x AS (SELECT id FROM u) ',
  'WITH x AS MATERIALIZED (SELECT id FROM u WHERE flag), y(a) AS (SELECT 1) ',
  'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) ',
  'WITH x AS (INSERT INTO audit (id) VALUES (1) RETURNING id) ',
  'WITH x AS (UPDATE counters SET n = n + 1 WHERE id = $1 RETURNING n) ',
  'WITH x AS (DELETE FROM queue WHERE id = $1 RETURNING *) ',
];

const DML = [
  'INSERT INTO t (a, b) VALUES ($1, $2)',
  'INSERT INTO "public"."Order Items" ("orderId", "qty") VALUES ($1, $2) RETURNING "id"',
  'INSERT INTO t SELECT * FROM u WHERE u.flag',
  'INSERT INTO t (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = EXCLUDED.n + 1',
  'INSERT INTO t (id) VALUES (1) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING',
  'INSERT INTO t DEFAULT VALUES',
  'UPDATE t SET a = a + 1 WHERE id = $1',
  'UPDATE ONLY t SET a = u.a FROM u WHERE u.id = t.id RETURNING t.*',
  'UPDATE "Users" SET "updatedAt" = now(), data = jsonb_set(data, \'{a}\', \'1\') WHERE "id" = $1',
  'DELETE FROM t WHERE id = $1',
  'DELETE FROM t USING u WHERE u.id = t.id RETURNING t.id',
  'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a WHEN NOT MATCHED THEN INSERT (id, a) VALUES (s.id, s.a)',
  'WITH src AS (SELECT * FROM staging) INSERT INTO t SELECT * FROM src',
  'WITH old AS (SELECT id FROM t WHERE stale) DELETE FROM t WHERE id IN (SELECT id FROM old)',
];

const FIXED = [
  // pgbench TPC-B and select-only
  'SELECT abalance FROM pgbench_accounts WHERE aid = $1;',
  'UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2;',
  'UPDATE pgbench_tellers SET tbalance = tbalance + $1 WHERE tid = $2;',
  'UPDATE pgbench_branches SET bbalance = bbalance + $1 WHERE bid = $2;',
  'INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP);',
  'BEGIN;',
  'END;',
  // Rails
  'SELECT "users".* FROM "users" WHERE "users"."id" = $1 LIMIT $2',
  'SELECT 1 AS one FROM "users" WHERE "users"."email" = $1 LIMIT $2',
  'SELECT COUNT(*) FROM "posts" INNER JOIN "comments" ON "comments"."post_id" = "posts"."id" WHERE "posts"."published" = $1',
  'SELECT "schema_migrations"."version" FROM "schema_migrations" ORDER BY "schema_migrations"."version" ASC',
  'SELECT pg_try_advisory_lock(1234567890)',
  // Django
  'SELECT "auth_user"."id", "auth_user"."password", "auth_user"."last_login" FROM "auth_user" WHERE "auth_user"."username" = $1 LIMIT 21',
  'SELECT "django_session"."session_key" FROM "django_session" WHERE ("django_session"."expire_date" > $1 AND "django_session"."session_key" = $2) LIMIT 21',
  'SELECT (1) AS "a" FROM "app_item" WHERE "app_item"."id" = $1 LIMIT 1',
  'SAVEPOINT "s140233640740672_x1"',
  'RELEASE SAVEPOINT "s140233640740672_x1"',
  // Prisma
  'SELECT "public"."User"."id", "public"."User"."email" FROM "public"."User" WHERE ("public"."User"."email" = $1 AND 1=1) LIMIT $2 OFFSET $3',
  'SELECT COUNT(*) FROM (SELECT "public"."Post"."id" FROM "public"."Post" WHERE 1=1 OFFSET $1) AS "sub"',
  'INSERT INTO "public"."Post" ("title","authorId") VALUES ($1,$2) RETURNING "public"."Post"."id"',
  // Hibernate
  'select u1_0.id,u1_0.name from users u1_0 where u1_0.id=$1',
  'select nextval(\'users_seq\')',
  'select o1_0.id,i1_0.order_id from orders o1_0 left join order_items i1_0 on o1_0.id=i1_0.order_id where o1_0.id=$1 for update',
  // TypeORM, Sequelize, Ecto, Knex, psql, JDBC metadata
  'SELECT "User"."id" AS "User_id", "User"."name" AS "User_name" FROM "user" "User" WHERE "User"."id" IN ($1)',
  'SELECT "id", "name" FROM "Users" AS "User" WHERE "User"."id" = 1;',
  'SELECT u0."id", u0."email" FROM "users" AS u0 WHERE (u0."id" = $1)',
  'select "orders".* from "orders" inner join "users" on "users"."id" = "orders"."user_id" where "users"."id" = $1 order by "orders"."created_at" desc limit $2',
  "SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 2, 3;",
  "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) FROM pg_catalog.pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef) FROM pg_catalog.pg_attribute a WHERE a.attrelid = '16384' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;",
  'SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, c.relname AS TABLE_NAME FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c WHERE c.relnamespace = n.oid ORDER BY TABLE_SCHEM',
  'SELECT count(*) AS "count" FROM (SELECT DISTINCT ON ("a") "a", "b" FROM "t" ORDER BY "a", "b" DESC) AS "sub"',
  "SELECT jsonb_path_query(data, '$.items[*] ? (@.price > 10)') FROM t",
  'SELECT * FROM t WHERE id = ANY(ARRAY(SELECT tid FROM u))',
  'SELECT t.*, row_to_json(u.*) FROM t LEFT JOIN LATERAL (SELECT * FROM u WHERE u.tid = t.id ORDER BY id LIMIT 1) u ON true',
  'INSERT INTO "sessions" ("id", "data") VALUES ($1, $2) ON CONFLICT ("id") DO UPDATE SET "data" = EXCLUDED."data" WHERE "sessions"."id" = $1 RETURNING *',
  'UPDATE "jobs" SET "state" = $1 WHERE "id" = (SELECT "id" FROM "jobs" WHERE "state" = $2 ORDER BY "id" FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING "id"',
  'DELETE FROM "cache" WHERE "expires_at" < now() RETURNING "key"',
  // session and transaction control
  'BEGIN ISOLATION LEVEL SERIALIZABLE',
  'BEGIN READ ONLY',
  'BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ WRITE',
  'START TRANSACTION READ ONLY DEFERRABLE',
  'COMMIT',
  'COMMIT AND CHAIN',
  'ROLLBACK',
  'ABORT',
  'ROLLBACK TO SAVEPOINT a',
  'SAVEPOINT a',
  "PREPARE TRANSACTION 'gx'",
  "COMMIT PREPARED 'gx'",
  "SET search_path TO app, public",
  'SET LOCAL statement_timeout = 0',
  'SET SESSION work_mem = \'64MB\'',
  'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE',
  'SET TRANSACTION READ ONLY',
  'SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE',
  "SET default_transaction_isolation = 'serializable'",
  'RESET ALL',
  'RESET search_path',
  'DISCARD ALL',
  'DISCARD TEMP',
  'DEALLOCATE ALL',
  'DEALLOCATE PREPARE q1',
  'SHOW server_version',
  'SHOW ALL',
  'PREPARE q1 (int) AS SELECT * FROM t WHERE id = $1',
  'PREPARE q2 AS UPDATE t SET a = 1',
  'EXECUTE q1 (1)',
  // utility statements
  'EXPLAIN SELECT * FROM t',
  'EXPLAIN ANALYZE SELECT * FROM t JOIN u USING (id)',
  'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) FROM t',
  'EXPLAIN ANALYZE UPDATE t SET a = 1',
  'EXPLAIN (ANALYZE false) DELETE FROM t',
  'EXPLAIN VERBOSE SELECT * FROM t FOR UPDATE',
  'COPY t TO STDOUT',
  'COPY t (a, b) TO STDOUT WITH (FORMAT csv)',
  'COPY public.t TO STDOUT',
  'COPY (SELECT * FROM t WHERE a > 1) TO STDOUT',
  'COPY (DELETE FROM t RETURNING *) TO STDOUT',
  'COPY t FROM STDIN',
  "COPY t TO '/tmp/x.csv'",
  "COPY t TO PROGRAM 'gzip > /tmp/x.gz'",
  'CREATE TABLE t2 (id int PRIMARY KEY, data jsonb)',
  'CREATE TEMP TABLE scratch (a int)',
  'CREATE UNLOGGED TABLE fast (a int)',
  'CREATE INDEX CONCURRENTLY ON t (a)',
  'ALTER TABLE t ADD COLUMN c text DEFAULT \'x\'',
  'DROP TABLE IF EXISTS t2 CASCADE',
  'TRUNCATE t, u RESTART IDENTITY',
  'VACUUM (ANALYZE) t',
  'ANALYZE t',
  'CLUSTER t USING t_pkey',
  'REINDEX TABLE t',
  'REFRESH MATERIALIZED VIEW mv',
  "COMMENT ON COLUMN t.a IS 'the a'",
  'GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader',
  'REVOKE ALL ON t FROM PUBLIC',
  'LISTEN events',
  "NOTIFY events, 'payload'",
  'UNLISTEN *',
  'DECLARE c CURSOR WITH HOLD FOR SELECT * FROM t',
  'FETCH FORWARD 10 FROM c',
  'MOVE LAST IN c',
  'CLOSE c',
  'LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE',
  'CALL refresh_all()',
  "DO $$ BEGIN RAISE NOTICE 'x; y'; END $$",
  'CHECKPOINT',
  'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; $fn$',
  'TABLE t',
  'TABLE public.users',
  'VALUES (1, \'a\'), (2, \'b\')',
  '(SELECT 1) UNION (SELECT 2) ORDER BY 1',
  'SELECT 1',
  'SELECT',
  'SELECT * FROM t TABLESAMPLE SYSTEM (10)',
  'SELECT * INTO TEMP new_t FROM t',
  'SELECT a INTO new_t FROM t WHERE b',
  'SELECT pg_sleep(1)',
  "SELECT lo_create(0)",
  'SELECT pg_advisory_xact_lock($1)',
  "SELECT setval('s', 1, false)",
  'SELECT id FROM t WHERE id = $1 ; SELECT 2',
  'SELECT 1; SELECT 2; SELECT 3',
  'SELECT 1; UPDATE t SET a = 1',
  'BEGIN; SELECT 1; COMMIT',
  "SET x = 'y'; SELECT 1",
  // adversarial: keywords hidden in strings, comments and identifiers; unusual FROM items
  'SELECT (SELECT 1 FROM u FOR UPDATE) AS locked',
  'SELECT * FROM t WHERE "for" = 1',
  "SELECT 'FOR UPDATE', 'INSERT INTO x' FROM t",
  'SELECT 1 /* INSERT INTO x VALUES (1) */ FROM t',
  'SELECT 1 FROM t -- FOR UPDATE\n',
  'SELECT $$ ; DELETE FROM t; $$ AS s',
  'SELECT $a$ $b$ ; $b$ $a$',
  'SELECT "insert", "delete" FROM "update"',
  'SELECT "nextval"(\'s\')',
  "SELECT data ? 'a', data ?| array['a'], data @? '$.a' FROM t",
  'SELECT x FROM t WHERE y IN (VALUES (1), (2))',
  'WITH a AS (SELECT 1), b AS (SELECT * FROM a) SELECT * FROM b, t',
  'SELECT * FROM (VALUES (1, 2)) AS v(a, b)',
  'SELECT * FROM ROWS FROM (generate_series(1, 2), unnest(ARRAY[1])) AS x(a, b)',
  'SELECT 1 FROM t WHERE x = ALL (ARRAY[1])',
  'SELECT sum(a) OVER w FROM t WINDOW w AS (ORDER BY b)',
  'SELECT a FROM t GROUP BY GROUPING SETS ((a), ())',
  'SELECT x::timestamp(3) with time zone FROM t',
  "SELECT * FROM t WHERE ts AT TIME ZONE 'UTC' > now()",
  'SELECT * FROM t WHERE a OPERATOR(pg_catalog.=) 1',
  'SELECT (t.*)::text FROM t',
  'SELECT f.* FROM f(1) f',
  'SELECT * FROM json_to_recordset($1) AS x(a int, b text)',
  'SELECT count(DISTINCT a) FROM t',
  "INSERT INTO t (a) SELECT nextval('s') FROM u",
  'DELETE FROM ONLY t WHERE a = 1',
  'UPDATE t AS x SET a = 1 WHERE x.b = 2',
  'SELECT * FROM t1, LATERAL f(t1.a) g',
  "SELECT * FROM t WHERE name SIMILAR TO 'a%'",
  'SELECT * FROM t1 FULL JOIN t2 ON t1.a = t2.a RIGHT JOIN t3 ON t3.b = t2.b',
  'SELECT * FROM t WHERE (a, b) OVERLAPS (c, d)',
  'SELECT t.a[1:2], t.b[$1] FROM t',
  "SELECT E'\\\\' || 'x' FROM t",
  'SELECT 1.5e-3, .5, 0x1F, 1_000 FROM t',
  'SELECT "a""b" FROM "t""q"',
  'SELECT * FROM t WHERE a = $1 AND b <> $2 AND c != $3 AND d >= -$4',
  'select   *   from   t   where   id=$1   for   key   share',
];

function selectStatement(pick: <T>(values: T[]) => T): string {
  const table = pick(TABLES);
  const withClause = pick([true, false, false]) ? pick(WITHS) : '';
  const from = `${table} t0${pick(JOINS)}`;
  return `${pick(PREFIXES)}${withClause}SELECT ${pick(SELECT_LISTS)} FROM ${from}${pick(WHERES)}${pick(TAILS)}`;
}

export function statementCorpus(size = 3000, seed = 20261123): string[] {
  const random = seededRandom(seed);
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
  const corpus = [...FIXED];
  // Every list entry appears at least once, then random combinations fill the corpus.
  for (const list of SELECT_LISTS) corpus.push(`SELECT ${list} FROM t t0`);
  for (const join of JOINS) corpus.push(`SELECT * FROM t t0${join}`);
  for (const where of WHERES) corpus.push(`SELECT * FROM t t0${where}`);
  for (const tail of TAILS) corpus.push(`SELECT * FROM t t0${tail}`);
  for (const withClause of WITHS) corpus.push(`${withClause}SELECT * FROM x`);
  for (const table of TABLES) corpus.push(`SELECT * FROM ${table}`);
  while (corpus.length < size) {
    const shape = random();
    if (shape < 0.7) corpus.push(selectStatement(pick));
    else if (shape < 0.85) corpus.push(`${pick(PREFIXES)}${pick(DML)}`);
    else if (shape < 0.92) corpus.push(`EXPLAIN ${pick([' ', 'ANALYZE ', '(ANALYZE) '])}${selectStatement(pick).trim()}`);
    else if (shape < 0.96) corpus.push(`COPY (${selectStatement(pick).trim()}) TO STDOUT`);
    else corpus.push(`${selectStatement(pick)}; ${pick([...DML, ...FIXED.slice(0, 30)])}`);
  }
  return corpus;
}
