// Statement text → StatementClass, bounded. Applications repeat the same texts (pgbench, ORMs with $n parameters),
// so almost every statement after warm-up is classified by one Map lookup. Classes hold no session or catalog
// state, which is what makes sharing them across sessions safe.
//
// Bounded as two generations rather than a strict LRU: a hit in the current generation is a plain Map.get, and
// eviction drops a whole generation at once. (A Map-ordered LRU deletes one key per miss, which leaves V8 scanning
// tombstones when many distinct texts stream through.) Texts used in the current or previous generation survive.

import { classifyStatement, type ClassifyOptions } from './classify-statement.ts';
import type { StatementClass } from './statement-class.ts';

export class ClassificationCache {
  private current = new Map<string, StatementClass>();
  private previous = new Map<string, StatementClass>();
  private readonly generationSize: number;
  private readonly options: ClassifyOptions;
  hits = 0;
  misses = 0;

  /** Keeps between maxEntries / 2 and maxEntries texts. */
  constructor(maxEntries: number, options: ClassifyOptions = {}) {
    this.generationSize = Math.max(1, Math.floor(maxEntries / 2));
    this.options = options;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  classify(text: string): StatementClass {
    const hit = this.current.get(text);
    if (hit !== undefined) {
      this.hits++;
      return hit;
    }
    const old = this.previous.get(text);
    if (old !== undefined) this.hits++;
    else this.misses++;
    const cls = old ?? classifyStatement(text, this.options);
    this.remember(text, cls);
    return cls;
  }

  private remember(text: string, cls: StatementClass): void {
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(text, cls);
  }
}
