// Statement text → StatementClass, bounded. Applications repeat the same texts (pgbench, ORMs with $n parameters),
// so almost every statement after warm-up is classified by one Map lookup. Texts that differ only in literals share
// one entry, found by the hash of their literal shape and confirmed by comparing shapes (literal-key.ts); the rest
// are cached by exact text. Classes hold no session
// or catalog state, which is what makes sharing them across sessions safe.
//
// Bounded as two generations rather than a strict LRU: a hit in the current generation is a plain Map.get, and
// eviction drops a whole generation at once. (A Map-ordered LRU deletes one key per miss, which leaves V8 scanning
// tombstones when many distinct texts stream through.) Keys used in the current or previous generation survive.
// Shapes and exact texts live in separate maps.

import { classifyStatement, type ClassifyOptions } from './classify-statement.ts';
import { literalShape, sameShape } from './literal-key.ts';
import type { StatementClass } from './statement-class.ts';

class Generations<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private readonly generationSize: number;

  constructor(generationSize: number) {
    this.generationSize = generationSize;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  get(key: K): V | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}

/** One statement of a shape: the text it was classified from stands for every text of the same shape. */
interface ShapeEntry {
  text: string;
  cls: StatementClass;
}

/**
 * The last statement one session classified (owned by the session, updated by the cache). Sessions mostly repeat
 * their previous statement or its shape (pgbench, an ORM's lookup by id), so comparing with it first skips the
 * hashing and map lookups: the same text is one string comparison, the same shape one sameShape pass.
 */
export interface RecentStatement {
  text: string;
  cls: StatementClass | undefined;
  /** The text has a literal shape, so a text of the same shape shares its class. */
  shaped: boolean;
}

export function noRecentStatement(): RecentStatement {
  return { text: '', cls: undefined, shaped: false };
}

export class ClassificationCache {
  private readonly byShape: Generations<number, ShapeEntry>;
  private readonly byText: Generations<string, StatementClass>;
  private readonly options: ClassifyOptions;
  private readonly recent = noRecentStatement();
  hits = 0;
  misses = 0;

  /** Keeps between maxEntries / 2 and maxEntries statements (shapes and exact texts each). */
  constructor(maxEntries: number, options: ClassifyOptions = {}) {
    const generationSize = Math.max(1, Math.floor(maxEntries / 2));
    this.byShape = new Generations(generationSize);
    this.byText = new Generations(generationSize);
    this.options = options;
  }

  get size(): number {
    return this.byShape.size + this.byText.size;
  }

  /**
   * The class of `text`; `recent` (the session's previous statement) is checked first and then updated. Without
   * one, the cache's own last statement stands in: the class depends on the text alone, so that is sound too.
   */
  classify(text: string, recent: RecentStatement = this.recent): StatementClass {
    const previous = recent.cls;
    // Backslashes rule a text out of shape keys (literal-key.ts), and sameShape does not look for them.
    if (previous !== undefined && (recent.text === text || (recent.shaped && !text.includes('\\') && sameShape(recent.text, text)))) {
      this.hits++;
      return previous;
    }
    recent.text = text;
    recent.shaped = false;
    recent.cls = this.lookup(text, recent);
    return recent.cls;
  }

  // Exact text first: texts without literals ($n parameters, repeated queries) are found by the Map's native hash.
  private lookup(text: string, recent: RecentStatement): StatementClass {
    const known = this.byText.get(text);
    if (known !== undefined) {
      this.hits++;
      return known;
    }
    const shape = literalShape(text);
    if (shape < 0) return this.classifyByText(text);
    recent.shaped = true;
    const entry = this.byShape.get(shape);
    if (entry !== undefined && (entry.text === text || sameShape(entry.text, text))) {
      this.hits++;
      return entry.cls;
    }
    // A new shape, or another shape with the same hash: the newer one takes the slot.
    this.misses++;
    const cls = classifyStatement(text, this.options);
    this.byShape.set(shape, { text, cls });
    return cls;
  }

  private classifyByText(text: string): StatementClass {
    this.misses++;
    const cls = classifyStatement(text, this.options);
    this.byText.set(text, cls);
    return cls;
  }
}
