// `plan --out plan.bin`: the whole plan (prior state, changes, data sources) gzipped, mode 0600. It holds no
// secret values — only references and hmacs, as state does.
import { writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PLAN_FORMAT_VERSION, type Plan } from './plan-model.ts';

const KIND = 'pgtopo-saved-plan';

/** Plans of thousands of resources stay far below these; the limits stop a wrong file or a gzip bomb. */
export const SAVED_PLAN_LIMIT = { bytes: 64 * 1024 * 1024, what: 'saved plan' };
const UNPACKED_PLAN_BYTES = 512 * 1024 * 1024;

export function writeSavedPlan(path: string, plan: Plan): void {
  writeFileSync(path, gzipSync(JSON.stringify({ kind: KIND, plan })), { mode: 0o600 });
}

/** True when a file starting with `head` is a saved plan rather than a topology (apply accepts either). */
export function isSavedPlan(head: Buffer): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

export function parseSavedPlan(bytes: Buffer, path: string): Plan {
  let document: { kind?: string; plan?: Plan };
  try {
    document = JSON.parse(gunzipSync(bytes, { maxOutputLength: UNPACKED_PLAN_BYTES }).toString('utf8')) as typeof document;
  } catch (error) {
    throw new Error(`${path}: not a readable pgtopo saved plan (${(error as Error).message})`);
  }
  if (document.kind !== KIND || !document.plan) throw new Error(`${path}: not a pgtopo saved plan`);
  if (document.plan.format_version !== PLAN_FORMAT_VERSION) {
    throw new Error(`${path}: plan format ${document.plan.format_version} is not ${PLAN_FORMAT_VERSION}; make the plan again with this pgtopo`);
  }
  return document.plan;
}
