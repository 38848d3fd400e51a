import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

// Colour is on only when stdout is a TTY, NO_COLOR is unset and --no-color was not given.
let enabled = Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');

export function setColorEnabled(flag: boolean): void {
  if (!flag) enabled = false;
}

export function paint(style: Style, text: string): string {
  return enabled ? styleText(style, text, { validateStream: false }) : text;
}
