// The difference between two attribute values, key by key inside maps and element by element inside lists, so a
// plan can show what changed in a nested setting instead of two whole values. Unknown values and secrets are leaves.
import type { AttributeValue } from '../../providers/provider.ts';
import { canonical, isSensitiveRecord, isUnknown } from '../plan/attribute-values.ts';

export type ValueDiff =
  | { kind: 'same' | 'added' | 'removed'; value: AttributeValue }
  | { kind: 'changed'; before: AttributeValue; after: AttributeValue }
  | { kind: 'map'; entries: [string, ValueDiff][] }
  | { kind: 'list'; items: ValueDiff[] };

export type AttributeMap = { [key: string]: AttributeValue };

export function isMap(value: AttributeValue | undefined): value is AttributeMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value) && !isSensitiveRecord(value);
}

export function diffValues(before: AttributeValue | undefined, after: AttributeValue | undefined): ValueDiff {
  if (before === undefined) return after === undefined ? { kind: 'same', value: null } : { kind: 'added', value: after };
  if (after === undefined) return { kind: 'removed', value: before };
  if (canonical(before) === canonical(after)) return { kind: 'same', value: after };
  if (isMap(before) && isMap(after)) return diffMaps(before, after);
  if (Array.isArray(before) && Array.isArray(after)) return { kind: 'list', items: diffLists(before, after) };
  return { kind: 'changed', before, after };
}

function diffMaps(before: AttributeMap, after: AttributeMap): ValueDiff {
  const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
  return { kind: 'map', entries: keys.map((key) => [key, diffValues(before[key], after[key])]) };
}

/**
 * Elements kept in order (a longest common subsequence) stay `same`; between two kept elements, a removed map and
 * an added map at the same position are one changed element, shown key by key.
 */
function diffLists(before: AttributeValue[], after: AttributeValue[]): ValueDiff[] {
  const items: ValueDiff[] = [];
  let removed: AttributeValue[] = [];
  let added: AttributeValue[] = [];
  const flush = (): void => {
    const paired = Math.min(removed.length, added.length);
    for (let index = 0; index < paired; index += 1) {
      const [old, next] = [removed[index]!, added[index]!];
      items.push(isMap(old) && isMap(next) ? diffMaps(old, next) : { kind: 'changed', before: old, after: next });
    }
    items.push(...removed.slice(paired).map((value): ValueDiff => ({ kind: 'removed', value })));
    items.push(...added.slice(paired).map((value): ValueDiff => ({ kind: 'added', value })));
    removed = [];
    added = [];
  };
  for (const step of commonSubsequence(before.map(canonical), after.map(canonical))) {
    if (step.kind === 'same') {
      flush();
      items.push({ kind: 'same', value: after[step.after]! });
    } else if (step.kind === 'removed') removed.push(before[step.before]!);
    else added.push(after[step.after]!);
  }
  flush();
  return items;
}

type Step = { kind: 'same'; before: number; after: number } | { kind: 'removed'; before: number } | { kind: 'added'; after: number };

function commonSubsequence(before: string[], after: string[]): Step[] {
  // lengths[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  const lengths = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      lengths[i]![j] = before[i] === after[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const steps: Step[] = [];
  let [i, j] = [0, 0];
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) steps.push({ kind: 'same', before: i++, after: j++ });
    else if (j >= after.length || (i < before.length && lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) steps.push({ kind: 'removed', before: i++ });
    else steps.push({ kind: 'added', after: j++ });
  }
  return steps;
}
