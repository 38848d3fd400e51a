// Attribute values in plan text the way Terraform prints them: scalars inline, maps as `name = { … }` and lists as
// `name = [ … ]` blocks, one line a key or element, and for a change only what changed inside, the rest counted.
import { paint } from './color.ts';
import { formatValue } from './plan-values.ts';
import { diffValues, isMap, type ValueDiff } from './value-diff.ts';
import type { AttributeValue } from '../../providers/provider.ts';

type Symbol = '+' | '-' | '~' | ' ';

const COLOURS = { '+': 'green', '-': 'red', '~': 'yellow', ' ': 'gray' } as const;
const NESTED = 4;

/** One line `<symbol> <name> = <value>` (a block when the value is a map or a list) at `indent`; `suffix` ends the first line. */
export function valueLines(symbol: Symbol, name: string, value: AttributeValue | undefined, indent: number, suffix = ''): string[] {
  return blockLines(symbol, `${name} = `, value, indent, suffix);
}

/**
 * The change of one attribute: key by key inside maps and lists, `before → after` for anything else, and for two
 * values that print alike (a rotated secret: `(sensitive)` both sides).
 */
export function changeLines(name: string, before: AttributeValue | undefined, after: AttributeValue | undefined, indent: number, suffix = ''): string[] {
  const diff = diffValues(before, after);
  const shown: ValueDiff = diff.kind === 'same' ? { kind: 'changed', before: before ?? null, after: after ?? null } : diff;
  return diffLines(`${name} = `, shown, indent, suffix);
}

/** Names padded to one width, so the `=` of one block line up. */
export function padNames(names: string[]): (name: string) => string {
  const width = Math.max(0, ...names.map((name) => name.length));
  return (name) => name.padEnd(width);
}

function blockLines(symbol: Symbol, label: string, value: AttributeValue | undefined, indent: number, suffix: string, comma = ''): string[] {
  const head = `${' '.repeat(indent)}${paint(COLOURS[symbol], symbol)} ${label}`;
  if (isMap(value) && Object.keys(value).length > 0) {
    const pad = padNames(Object.keys(value).map(keyName));
    const inner = Object.entries(value).flatMap(([key, item]) => blockLines(symbol, `${pad(keyName(key))} = `, item, indent + NESTED, ''));
    return [`${head}{${suffix}`, ...inner, `${' '.repeat(indent + 2)}}${comma}`];
  }
  if (Array.isArray(value) && value.length > 0) {
    const inner = value.flatMap((item) => blockLines(symbol, '', item, indent + NESTED, '', ','));
    return [`${head}[${suffix}`, ...inner, `${' '.repeat(indent + 2)}]${comma}`];
  }
  return [`${head}${formatValue(value)}${comma}${suffix}`];
}

function diffLines(label: string, diff: ValueDiff, indent: number, suffix: string, comma = ''): string[] {
  switch (diff.kind) {
    case 'same': return blockLines(' ', label, diff.value, indent, suffix, comma);
    case 'added': return blockLines('+', label, diff.value, indent, suffix, comma);
    case 'removed': return blockLines('-', label, diff.value, indent, suffix, comma);
    case 'changed': {
      const head = `${' '.repeat(indent)}${paint('yellow', '~')} ${label}`;
      return [`${head}${formatValue(diff.before)} → ${formatValue(diff.after)}${comma}${suffix}`];
    }
    case 'map': {
      const shown = diff.entries.filter(([, entry]) => entry.kind !== 'same');
      const pad = padNames(shown.map(([key]) => keyName(key)));
      const inner = shown.flatMap(([key, entry]) => diffLines(`${pad(keyName(key))} = `, entry, indent + NESTED, ''));
      return enclose(label, '{', '}', inner, diff.entries.length - shown.length, 'attribute', indent, suffix, comma);
    }
    case 'list': {
      const shown = diff.items.filter((item) => item.kind !== 'same');
      const inner = shown.flatMap((item) => diffLines('', item, indent + NESTED, '', ','));
      return enclose(label, '[', ']', inner, diff.items.length - shown.length, 'element', indent, suffix, comma);
    }
  }
}

function enclose(label: string, open: string, close: string, inner: string[], hidden: number, noun: string, indent: number,
  suffix: string, comma: string): string[] {
  const count = hidden > 0 ? [`${' '.repeat(indent + NESTED + 2)}${paint('gray', `# (${hidden} unchanged ${noun}${hidden === 1 ? '' : 's'} hidden)`)}`] : [];
  return [`${' '.repeat(indent)}${paint('yellow', '~')} ${label}${open}${suffix}`, ...inner, ...count, `${' '.repeat(indent + 2)}${close}${comma}`];
}

/** Map keys print bare when they look like names, quoted otherwise (a setting name with spaces or quotes). */
function keyName(key: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(key) ? key : JSON.stringify(key);
}
