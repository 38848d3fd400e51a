// Live progress of an apply, one line per event: `orders.proxy[0]: Creating...`, a reminder every 10 seconds
// while it runs, `...: Creation complete after 12s [id=…]`.
import type { Writable } from 'node:stream';
import type { ApplyEvent } from '../apply/apply-plan.ts';
import type { PlanAction } from '../plan/plan-model.ts';
import { paint } from './color.ts';

const WORDS: Record<PlanAction, [string, string]> = {
  create: ['Creating...', 'Creation complete'],
  update: ['Modifying...', 'Modifications complete'],
  replace: ['Replacing...', 'Replacement complete'],
  delete: ['Destroying...', 'Destruction complete'],
  'no-op': ['', ''],
};

export class ApplyProgress {
  readonly #out: Writable;
  readonly #intervalMs: number;
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(out: Writable, intervalMs = 10_000) {
    this.#out = out;
    this.#intervalMs = intervalMs;
  }

  handle = (event: ApplyEvent): void => {
    switch (event.kind) {
      case 'start': {
        this.#line(`${event.address}: ${WORDS[event.action][0]}`);
        const started = Date.now();
        const timer = setInterval(() => this.#line(`${event.address}: Still ${WORDS[event.action][0].toLowerCase()} [${seconds(Date.now() - started)} elapsed]`), this.#intervalMs);
        timer.unref();
        this.#timers.set(event.address, timer);
        return;
      }
      case 'complete':
        this.#stop(event.address);
        return this.#line(`${event.address}: ${WORDS[event.action][1]} after ${seconds(event.elapsedMs)}${event.id ? ` [id=${event.id}]` : ''}`);
      case 'failed':
        this.#stop(event.address);
        return this.#line(paint('red', `${event.address}: failed after ${seconds(event.elapsedMs)}: ${event.error}`));
      case 'skipped':
        return this.#line(paint('yellow', `${event.address}: skipped (${event.reason})`));
      case 'note':
        return this.#line(`${event.address}: ${event.message}`);
    }
  };

  close(): void {
    for (const address of [...this.#timers.keys()]) this.#stop(address);
  }

  #stop(address: string): void {
    clearInterval(this.#timers.get(address));
    this.#timers.delete(address);
  }

  #line(text: string): void {
    this.#out.write(`${text}\n`);
  }
}

export function seconds(milliseconds: number): string {
  return `${Math.round(milliseconds / 1000)}s`;
}
