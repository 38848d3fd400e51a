// The token-level classifier against PostgreSQL's own parser: for every statement of a generated corpus, the class,
// read-only verdict, relations, written tables and called functions must equal those derived from libpg-query's
// parse tree. Any disagreement fails with the statement.

import { loadModule, parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyStatement } from '../../../proxy/router/classify-statement.ts';
import type { StatementClass } from '../../../proxy/router/statement-class.ts';
import { QueryRouter } from '../../../proxy/router/route-decision.ts';
import { defaultRouterConfig } from '../../../proxy/router/router-config.ts';
import { SessionRouteState } from '../../../proxy/router/session-route-state.ts';
import { referenceClass, type ReferenceClass } from './reference-classification.ts';
import { cluster } from './router-fixtures.ts';
import { statementCorpus } from './statement-corpus.ts';

const TRANSACTION_CONTROL = new Set(['begin', 'commit', 'rollback']);

function reference(sql: string): ReferenceClass {
  const stmts = parseSync(sql).stmts ?? [];
  const parts = stmts.map((s) => referenceClass(s.stmt as Record<string, unknown>));
  if (parts.length === 1) return parts[0];
  if (parts.length === 0) return { kind: 'empty', readOnly: true };
  const readOnly = parts.every((p) => p.readOnly && !TRANSACTION_CONTROL.has(p.kind));
  return { kind: 'multi', readOnly, parts } as ReferenceClass & { parts: ReferenceClass[] };
}

function actual(cls: StatementClass): unknown {
  const own = { kind: cls.kind, readOnly: cls.readOnly };
  if (cls.kind === 'multi') return { ...own, parts: cls.parts?.map(actual) };
  return own;
}

/** The classifier's view in the reference's shape (names only where the reference has them). */
function comparable(cls: StatementClass, ref: ReferenceClass & { parts?: ReferenceClass[] }): unknown {
  if (ref.parts !== undefined) {
    return { kind: cls.kind, readOnly: cls.readOnly, parts: ref.parts.map((p, i) => comparable(cls.parts?.[i] ?? cls, p)) };
  }
  const shape: ReferenceClass = { kind: cls.kind, readOnly: cls.readOnly };
  if (ref.names !== undefined) {
    const names = cls.kind === 'prepare' && cls.prepared ? cls.prepared : cls;
    shape.names = {
      tables: [...new Set(names.tables)].sort(),
      writtenTables: [...new Set(names.writtenTables)].sort(),
      functions: [...new Set(names.functions)].sort(),
    };
  }
  if (ref.prepared !== undefined) shape.prepared = comparable(cls.prepared ?? cls, ref.prepared) as ReferenceClass;
  return shape;
}

describe('classifier cross-check against libpg-query', () => {
  const corpus = statementCorpus(3000);

  beforeAll(async () => {
    await loadModule();
  });

  it('the corpus is large, valid SQL, and covers every class', () => {
    const unparsable = corpus.filter((sql) => {
      try {
        parseSync(sql);
        return false;
      } catch {
        return true;
      }
    });
    expect(unparsable).toEqual([]);
    expect(corpus.length).toBeGreaterThanOrEqual(3000);
    const kinds = new Set(corpus.map((sql) => classifyStatement(sql).kind));
    expect([...kinds].sort()).toEqual(
      ['begin', 'commit', 'deallocate', 'discard', 'execute', 'multi', 'prepare', 'read', 'rollback', 'savepoint',
        'set-local', 'set-session', 'set-transaction', 'show', 'write'].sort(),
    );
  });

  it('agrees with the parse tree on every statement', () => {
    const disagreements: string[] = [];
    for (const sql of corpus) {
      const ref = reference(sql);
      const mine = comparable(classifyStatement(sql), ref);
      try {
        expect(mine).toEqual(ref);
      } catch {
        disagreements.push(`${JSON.stringify(sql)}\n  classifier: ${JSON.stringify(mine)}\n  parse tree: ${JSON.stringify(ref)}`);
      }
    }
    expect(disagreements.slice(0, 15).join('\n'), `${disagreements.length} disagreements`).toBe('');
  });

  it('routes every statement where its parse tree says it belongs', () => {
    // Reference route (transaction control aside, covered by the rule tests): balanced only if the tree says read-only, every call is read-only by the same oracle rules,
    // no pg_temp table is read and no routing hint leads the text.
    const router = new QueryRouter(defaultRouterConfig({ readOnlyFunctions: ['my_func'] }));
    const backends = cluster();
    const wrong: string[] = [];
    for (const sql of corpus) {
      const ref = reference(sql) as ReferenceClass & { parts?: ReferenceClass[] };
      if (TRANSACTION_CONTROL.has(ref.kind) || ref.kind === 'set-transaction') continue; // routed by session rules
      const parts = ref.parts ?? [ref];
      const functions = parts.flatMap((p) => p.names?.functions ?? []);
      const tables = parts.flatMap((p) => p.names?.tables ?? []);
      const balanced =
        (ref.prepared ?? ref).readOnly &&
        !/^\s*\/\*NO LOAD BALANCE\*\//.test(sql) &&
        functions.every((f) => !router.functions.judge(f).write) &&
        !tables.some((t) => t.startsWith('pg_temp.'));
      const decision = router.decide(new SessionRouteState(), backends, { message: 'query', sql });
      if ((decision.target === 'balanced') !== balanced) wrong.push(`${JSON.stringify(sql)} → ${decision.nodeId} (rule ${decision.rule})`);
    }
    expect(wrong.slice(0, 15).join('\n'), `${wrong.length} misrouted`).toBe('');
  });

  it('sanity: the comparison itself can fail', () => {
    const ref = reference('SELECT * FROM t FOR UPDATE');
    expect(comparable(classifyStatement('SELECT * FROM t'), ref)).not.toEqual(ref);
    const call = reference('SELECT f(1) FROM t');
    expect(comparable(classifyStatement('SELECT g(1) FROM t'), call)).not.toEqual(call);
    const table = reference('SELECT 1 FROM a');
    expect(comparable(classifyStatement('SELECT 1 FROM b'), table)).not.toEqual(table);
    expect(actual(classifyStatement('SELECT 1; SELECT 2'))).toMatchObject({ kind: 'multi', readOnly: true });
  });
});
