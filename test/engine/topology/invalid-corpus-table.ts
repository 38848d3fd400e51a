import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The corpus of broken topology files (test/fixtures/invalid) and what pgtopo must say about each (expected.json). */
export const corpus = join(import.meta.dirname, '../../fixtures/invalid');

export interface Expected {
  severity?: 'error' | 'warning';
  /** line:column */
  at: string;
  path?: string;
  message: string;
  /** Must appear in neither the message nor the hint (raw library wording, or a secret from the file). */
  notMessage?: string;
  hint?: string;
}

export interface Entry {
  /** Another expectation on the fixture named here (used for message-quality bugs beside the plain check). */
  same?: string;
  /** Exact number of errors: 0 means the file is valid and `expect` lists warnings. */
  errors: number;
  expect: Expected[];
  /** A known defect: the entry runs as it.fails until the lead fixes it. */
  bug?: string;
}

const table = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as Record<string, Entry | string>;

/** [entry name, entry]; the fixture file is `entry.same ?? name`. */
export const entries = Object.entries(table).filter((pair): pair is [string, Entry] => !pair[0].startsWith('$'));

export const fixtures = readdirSync(corpus).filter((name) => name.endsWith('.yaml')).sort();
