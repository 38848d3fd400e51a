// Counters every worker thread of one proxy maps: a SharedArrayBuffer of Int32 words changed only with Atomics,
// so a limit checked and taken in one step (compareExchange) holds across threads without a coordinator on the
// path. Word 0 counts all server connections of the proxy; then one slot per pool key (two hash words and a
// count), claimed by the first worker that needs it and kept for the life of the process.
const TOTAL = 0;
const HEADER_WORDS = 1;
const SLOT_WORDS = 3;

/** FNV-1a over UTF-16 code units with a given offset basis; never 0 (0 marks a free slot). */
function hash(key: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h === 0 ? 1 : h;
}

export class SharedCounters {
  readonly #words: Int32Array;
  readonly #slots: number;

  constructor(buffer: SharedArrayBuffer) {
    this.#words = new Int32Array(buffer);
    this.#slots = (this.#words.length - HEADER_WORDS) / SLOT_WORDS;
  }

  static allocate(slots: number): SharedArrayBuffer {
    return new SharedArrayBuffer((HEADER_WORDS + slots * SLOT_WORDS) * Int32Array.BYTES_PER_ELEMENT);
  }

  /** The slot of `key` (claimed now if new), or -1 when every slot is taken by other keys. */
  slotOf(key: string): number {
    const high = hash(key, 0x811c9dc5);
    const low = hash(key, 0x050c5d1f);
    for (let probe = 0; probe < this.#slots; probe++) {
      const slot = ((high >>> 0) + probe) % this.#slots;
      const at = HEADER_WORDS + slot * SLOT_WORDS;
      const seen = Atomics.compareExchange(this.#words, at, 0, high);
      if (seen === 0) {
        Atomics.store(this.#words, at + 1, low);
        return slot;
      }
      if (seen === high && this.#lowOf(at) === low) return slot;
    }
    return -1;
  }

  /** The claiming thread writes the second hash word right after the first: wait the few instructions for it. */
  #lowOf(at: number): number {
    let low = Atomics.load(this.#words, at + 1);
    while (low === 0) low = Atomics.load(this.#words, at + 1);
    return low;
  }

  /** Adds one to the proxy-wide count unless it already is `limit`. */
  takeTotal(limit: number): boolean {
    return this.#take(TOTAL, limit);
  }

  giveBackTotal(): void {
    Atomics.sub(this.#words, TOTAL, 1);
  }

  get total(): number {
    return Atomics.load(this.#words, TOTAL);
  }

  /** Adds one to the slot's count unless it already is `limit`. */
  take(slot: number, limit: number): boolean {
    return this.#take(HEADER_WORDS + slot * SLOT_WORDS + 2, limit);
  }

  giveBack(slot: number): void {
    Atomics.sub(this.#words, HEADER_WORDS + slot * SLOT_WORDS + 2, 1);
  }

  count(slot: number): number {
    return Atomics.load(this.#words, HEADER_WORDS + slot * SLOT_WORDS + 2);
  }

  #take(index: number, limit: number): boolean {
    for (;;) {
      const current = Atomics.load(this.#words, index);
      if (current >= limit) return false;
      if (Atomics.compareExchange(this.#words, index, current, current + 1) === current) return true;
    }
  }
}
