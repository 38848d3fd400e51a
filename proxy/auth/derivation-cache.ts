// A bounded cache for expensive password derivations (PBKDF2). Keys are SHA-256 hashes of the
// inputs, so the map never holds a password; values are promises, so concurrent callers with the
// same inputs share one derivation instead of each paying for it. A failed derivation is forgotten.
import { createHash } from 'node:crypto';

export class DerivationCache<T> {
  readonly #entries = new Map<string, Promise<T>>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(inputs: readonly string[], derive: () => Promise<T>): Promise<T> {
    const hash = createHash('sha256');
    for (const input of inputs) hash.update(input, 'utf8').update('\0');
    const key = hash.digest('base64');
    let value = this.#entries.get(key);
    if (!value) {
      // Evict the oldest entry: Map iterates in insertion order.
      if (this.#entries.size >= this.#limit) this.#entries.delete(this.#entries.keys().next().value as string);
      value = derive();
      this.#entries.set(key, value);
      value.catch(() => this.#entries.delete(key));
    }
    return value;
  }
}
