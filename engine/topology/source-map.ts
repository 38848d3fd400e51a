import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Maps document paths (`['clusters', 'orders', 'proxy']`) back to line:column in the YAML text, so every
 * diagnostic can point at the key or value it is about.
 */
export class SourceMap {
  readonly #document: Document;
  readonly #lines: LineCounter;
  /** Each mapping's pairs by key, built on first use: one lookup per path segment, however many keys a map has. */
  readonly #pairsByKey = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(document: Document, lines: LineCounter) {
    this.#document = document;
    this.#lines = lines;
  }

  /** Position of the value at `path`, or of its key when `at` is 'key'; the deepest existing ancestor otherwise. */
  position(path: ReadonlyArray<string | number>, at: 'key' | 'value' = 'value'): SourcePosition {
    let node: unknown = this.#document.contents;
    let best: Node | null = isNode(node) ? node : null;
    for (const [index, segment] of path.entries()) {
      const step = this.#child(node, segment);
      if (!step) break;
      const last = index === path.length - 1;
      best = (last && at === 'key' && step.key) || (isNode(step.value) ? step.value : step.key) || best;
      node = step.value;
    }
    return this.offsetPosition(best?.range?.[0] ?? 0);
  }

  offsetPosition(offset: number): SourcePosition {
    const { line, col } = this.#lines.linePos(offset);
    return { line, column: col };
  }

  #child(node: unknown, segment: string | number): Step | null {
    if (isMap(node)) {
      const pair = this.#pairs(node).get(String(segment));
      return pair ? { key: isNode(pair.key) ? pair.key : null, value: pair.value } : null;
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      return item === undefined ? null : { key: null, value: item };
    }
    return null;
  }

  #pairs(map: YAMLMap): Map<string, Pair> {
    let pairs = this.#pairsByKey.get(map);
    if (!pairs) {
      pairs = new Map();
      for (const pair of map.items) {
        if (!isPair(pair)) continue;
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        // A repeated key is an error of its own; paths lead to its first occurrence.
        if (!pairs.has(key)) pairs.set(key, pair);
      }
      this.#pairsByKey.set(map, pairs);
    }
    return pairs;
  }
}

interface Step {
  key: Node | null;
  value: unknown;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
