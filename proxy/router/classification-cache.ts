// Statement text → StatementClass, bounded. Applications repeat the same texts (pgbench, ORMs with $n parameters),
// so almost every statement after warm-up is classified by one Map lookup. Texts that differ only in literals share
// one entry through their literal key (literal-key.ts); the rest are cached by exact text. Classes hold no session
// or catalog state, which is what makes sharing them across sessions safe.
//
// Bounded as two generations rather than a strict LRU: a hit in the current generation is a plain Map.get, and
// eviction drops a whole generation at once. (A Map-ordered LRU deletes one key per miss, which leaves V8 scanning
// tombstones when many distinct texts stream through.) Keys used in the current or previous generation survive.
// Literal keys and exact texts live in separate maps: an exact text may look like a literal key.

import { classifyStatement, type ClassifyOptions } from './classify-statement.ts';
import { literalKey } from './literal-key.ts';
import type { StatementClass } from './statement-class.ts';

class Generations {
  private current = new Map<string, StatementClass>();
  private previous = new Map<string, StatementClass>();
  private readonly generationSize: number;

  constructor(generationSize: number) {
    this.generationSize = generationSize;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  get(key: string): StatementClass | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, cls: StatementClass): void {
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, cls);
  }
}

export class ClassificationCache {
  private readonly byKey: Generations;
  private readonly byText: Generations;
  private readonly options: ClassifyOptions;
  hits = 0;
  misses = 0;

  /** Keeps between maxEntries / 2 and maxEntries statements (literal keys and exact texts each). */
  constructor(maxEntries: number, options: ClassifyOptions = {}) {
    const generationSize = Math.max(1, Math.floor(maxEntries / 2));
    this.byKey = new Generations(generationSize);
    this.byText = new Generations(generationSize);
    this.options = options;
  }

  get size(): number {
    return this.byKey.size + this.byText.size;
  }

  classify(text: string): StatementClass {
    const key = literalKey(text);
    const store = key === undefined ? this.byText : this.byKey;
    const hit = store.get(key ?? text);
    if (hit !== undefined) {
      this.hits++;
      return hit;
    }
    this.misses++;
    const cls = classifyStatement(text, this.options);
    store.set(key ?? text, cls);
    return cls;
  }
}
