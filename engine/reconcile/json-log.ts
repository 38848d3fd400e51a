// Structured logs for the controller: one JSON object per line, never containing secret values (the engine only
// ever sees references and hmacs outside provider calls).
import type { Writable } from 'node:stream';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type JsonLog = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

export function jsonLogger(out: Writable, base: Record<string, unknown> = {}): JsonLog {
  return (level, message, fields = {}) => {
    out.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...base, ...fields })}\n`);
  };
}
