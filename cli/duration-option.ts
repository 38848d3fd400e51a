// Durations given on the command line (`30s`, `5m`, or bare seconds), with an error that names the option.
import { durationMs } from '../schemas/units.ts';

export function parseDuration(text: string, option: string): number {
  try {
    return durationMs(/^\d+$/.test(text) ? Number(text) : text);
  } catch {
    throw new Error(`${option} ${text}: expected a duration such as 500ms, 30s, 5m or 1h`);
  }
}
