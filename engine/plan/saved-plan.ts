// `plan --out plan.bin`: the whole plan (prior state, changes, data sources) gzipped, mode 0600. It holds no
// secret values — only references and hmacs, as state does.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PLAN_FORMAT_VERSION, type Plan } from './plan-model.ts';

const KIND = 'pgtopo-saved-plan';

export function writeSavedPlan(path: string, plan: Plan): void {
  writeFileSync(path, gzipSync(JSON.stringify({ kind: KIND, plan })), { mode: 0o600 });
}

/** True when the file looks like a saved plan rather than a topology (apply accepts either). */
export function isSavedPlanFile(path: string): boolean {
  try {
    const head = readFileSync(path).subarray(0, 2);
    return head[0] === 0x1f && head[1] === 0x8b;
  } catch {
    return false;
  }
}

export function readSavedPlan(path: string): Plan {
  let document: { kind?: string; plan?: Plan };
  try {
    document = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as typeof document;
  } catch (error) {
    throw new Error(`${path}: not a readable pgtopo saved plan (${(error as Error).message})`);
  }
  if (document.kind !== KIND || !document.plan) throw new Error(`${path}: not a pgtopo saved plan`);
  if (document.plan.format_version !== PLAN_FORMAT_VERSION) {
    throw new Error(`${path}: plan format ${document.plan.format_version} is not ${PLAN_FORMAT_VERSION}; make the plan again with this pgtopo`);
  }
  return document.plan;
}
