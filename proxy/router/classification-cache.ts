// Statement text → StatementClass, bounded LRU. Applications repeat the same texts (pgbench, ORMs with $n
// parameters), so almost every statement after warm-up is classified by one Map lookup. Classes hold no session or
// catalog state, which is what makes sharing them across sessions safe.

import { classifyStatement, type ClassifyOptions } from './classify-statement.ts';
import type { StatementClass } from './statement-class.ts';

export class ClassificationCache {
  private readonly entries = new Map<string, StatementClass>();
  private readonly maxEntries: number;
  private readonly options: ClassifyOptions;
  hits = 0;
  misses = 0;

  constructor(maxEntries: number, options: ClassifyOptions = {}) {
    this.maxEntries = Math.max(1, maxEntries);
    this.options = options;
  }

  get size(): number {
    return this.entries.size;
  }

  classify(text: string): StatementClass {
    const cached = this.entries.get(text);
    if (cached !== undefined) {
      this.hits++;
      // Re-inserting keeps Map order = recency order, so the first key is always the least recently used.
      this.entries.delete(text);
      this.entries.set(text, cached);
      return cached;
    }
    this.misses++;
    const cls = classifyStatement(text, this.options);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(text, cls);
    return cls;
  }
}
