// The human-readable report printed at the end of a run: one throughput table, the builtin proxy's ratios and
// CPU efficiency, memory per idle client, the many-clients run, failover times and the engine benchmark's status.
import type { CpuEfficiencyRow } from './cpu-efficiency.ts';
import type { RatioRow, TargetSummary } from './report-math.ts';
import type { FailoverResult } from './failover-bench.ts';
import type { IdleMemoryResult } from './idle-memory-bench.ts';
import type { ManyClientsResult } from './many-clients-bench.ts';
import type { TargetStatus } from './results-file.ts';
import { SCENARIO_TEXT, type WatchdogResult } from './watchdog-bench.ts';

const fixed = (digits: number) => (value: number | undefined): string => (value === undefined ? '-' : value.toFixed(digits));
const times = (value: number | undefined): string => (value === undefined ? 'n/a' : `${value.toFixed(2)}x`);

/** Right-aligns the columns (numbers) except the ones listed in `leftAligned` (labels, notes). */
export function renderColumns(header: readonly string[], rows: readonly (readonly string[])[], leftAligned: readonly number[] = [0]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (leftAligned.includes(column) ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function throughputRow(summary: TargetSummary, direct: TargetSummary | undefined): string[] {
  const vsDirect = summary.medianTps && direct?.medianTps ? times(summary.medianTps / direct.medianTps) : '-';
  const runs = summary.failedRuns > 0 ? `${summary.runs - summary.failedRuns}/${summary.runs} ok` : String(summary.runs);
  return [
    `${summary.workload} / ${summary.target}`,
    summary.medianTps === undefined ? 'FAILED' : fixed(0)(summary.medianTps),
    summary.tpsSpread === undefined ? '-' : `${(summary.tpsSpread * 100).toFixed(0)}%`,
    fixed(3)(summary.medianLatencyMs),
    summary.target === 'direct' ? '-' : vsDirect,
    fixed(2)(summary.medianProxyCpuSeconds),
    fixed(1)(summary.proxyCpuMicrosPerTransaction),
    fixed(2)(summary.medianServerCpuSeconds),
    summary.standbyCpuShare === undefined ? '-' : `${(summary.standbyCpuShare * 100).toFixed(0)}%`,
    runs,
  ];
}

export function renderThroughputTable(summaries: readonly TargetSummary[]): string {
  const rows = summaries.map((summary) =>
    throughputRow(summary, summaries.find((other) => other.workload === summary.workload && other.target === 'direct')),
  );
  const table = renderColumns(
    ['workload / target', 'median TPS', 'spread', 'lat ms', 'vs direct', 'proxy CPU s', 'proxy µs/txn', 'PG CPU s', 'standby share', 'runs'],
    rows,
  );
  const failures = summaries.flatMap((summary) =>
    summary.errors.map((error) => `  ${summary.workload} / ${summary.target}: ${error}`),
  );
  return failures.length > 0 ? `${table}\nFailed runs:\n${failures.join('\n')}` : table;
}

export function renderRatioTable(ratios: readonly RatioRow[]): string {
  return renderColumns(
    ['TPS ratio', 'primary-only vs PgBouncer', '2 workers vs PgBouncer', 'balanced vs Pgpool-II', 'balanced vs PgBouncer', 'balanced vs direct'],
    ratios.map((row) => [
      row.workload,
      times(row.builtinPrimaryVsPgbouncer),
      times(row.builtinPrimaryTwoWorkersVsPgbouncer),
      times(row.builtinVsPgpool),
      times(row.builtinVsPgbouncer),
      times(row.builtinVsDirect),
    ]),
  );
}

export function renderFailoverTable(results: readonly FailoverResult[]): string {
  return renderColumns(
    ['failover (kill -9 primary)', 'first write after', 'attempts', 'note'],
    results.map((result) => [
      result.target,
      result.seconds === undefined ? result.status : `${result.seconds.toFixed(2)} s`,
      result.attempts === undefined ? '-' : String(result.attempts),
      result.note ?? '',
    ]),
    [0, 3],
  );
}

const seconds = (value: number | undefined): string => (value === undefined ? '-' : `${value.toFixed(2)} s`);

/** Why the old leader still having the VIP matters depends on how it was lost. */
const LEFT_NOTE: Record<WatchdogResult['scenario'], string> = { kill: 'VIP left on the killed leader', cut: 'VIP still on the cut-off leader' };

/** One row per engine and scenario, then each engine's settings. */
export function renderWatchdogTable(results: readonly WatchdogResult[]): string {
  const table = renderColumns(
    ['watchdog (3 members)', 'first query via VIP', 'min', 'max', 'rounds', 'note'],
    results.map((result) => {
      const measured = result.rounds.filter((round) => round.seconds !== undefined);
      const left = result.rounds.filter((round) => round.vipLeftOnOld).length;
      const note = [result.note, left > 0 ? `${LEFT_NOTE[result.scenario]} in ${left}/${result.rounds.length}` : undefined].filter(Boolean).join('; ');
      return [
        `${result.label}, ${SCENARIO_TEXT[result.scenario]}`, result.medianSeconds === undefined ? result.status : `${seconds(result.medianSeconds)} (median)`,
        seconds(result.minSeconds), seconds(result.maxSeconds), `${measured.length}/${result.rounds.length}`, note,
      ];
    }),
    [0, 5],
  );
  const labels = [...new Set(results.flatMap((result) => (result.settings ? [result.label] : [])))];
  const settings = labels.map((label) => `  ${label}: ${JSON.stringify(results.find((result) => result.label === label)!.settings)}`);
  return [table, ...(settings.length > 0 ? ['Watchdog settings:', ...settings] : [])].join('\n');
}

export function renderTargetStatus(statuses: readonly TargetStatus[]): string {
  return statuses
    .map((status) => `${status.label}: ${status.status === 'ran' ? 'ran' : `${status.status} (${status.reason})`}`)
    .join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Seconds of one phase: a number under a `…Seconds` key, or an object with a numeric `seconds`. */
function phaseSeconds(key: string, value: unknown): number | undefined {
  if (typeof value === 'number' && key.endsWith('Seconds')) return value;
  if (isRecord(value) && typeof value.seconds === 'number') return value.seconds;
  return undefined;
}

/**
 * A compact table of the engine plan benchmark when its JSON has the shape
 * `{ runs: { <clusters>: { <phase>: { seconds } | <phase>Seconds } } }`; undefined for any other output,
 * which the report then prints as is. The full JSON is kept in the results file either way.
 */
export function renderEngineTable(json: unknown): string | undefined {
  if (!isRecord(json) || !isRecord(json.runs)) return undefined;
  const sizes = Object.entries(json.runs).filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]));
  const phases = [...new Set(sizes.flatMap(([, run]) => Object.keys(run).filter((key) => phaseSeconds(key, run[key]) !== undefined)))];
  if (sizes.length === 0 || phases.length === 0) return undefined;
  const rows = sizes.map(([size, run]) => [size, ...phases.map((phase) => fixed(3)(phaseSeconds(phase, run[phase])))]);
  return renderColumns(['engine plan (seconds) / clusters', ...phases.map((phase) => phase.replace(/Seconds$/, ''))], rows);
}

/**
 * The proxy's CPU per transaction against PgBouncer's, with the issue 18 target and whether it is met, beside the
 * bare Node.js pipe's: what the same target asks of a proxy that does nothing.
 */
export function renderCpuEfficiencyTable(rows: readonly CpuEfficiencyRow[]): string {
  const verdict = (value: number | undefined, target: number): string =>
    value === undefined ? 'n/a' : `${times(value)} ${value <= target ? 'met' : 'missed'}`;
  return renderColumns(
    ['CPU µs / txn vs PgBouncer', 'builtin-primary', 'builtin-primary-w2', 'Node pipe', 'PgBouncer', 'ratio', '2 workers ratio', 'Node pipe ratio', 'target'],
    rows.map((row) => [
      row.workload === 'churn' ? 'churn (µs / login)' : row.workload,
      fixed(1)(row.builtinMicros),
      fixed(1)(row.builtinTwoWorkersMicros),
      fixed(1)(row.nodePipeMicros),
      fixed(1)(row.pgbouncerMicros),
      verdict(row.ratio, row.target),
      verdict(row.twoWorkersRatio, row.target),
      verdict(row.nodePipeRatio, row.target),
      `≤ ${row.target.toFixed(2)}x`,
    ]),
  );
}

const kib = (bytes: number | undefined): string => (bytes === undefined ? '-' : (bytes / 1024).toFixed(2));
const mib = (bytes: number | undefined): string => (bytes === undefined ? '-' : (bytes / 2 ** 20).toFixed(1));

/**
 * One row per (target, level): RSS, the growth per client over the base and over the level before, and how long the
 * logins took.
 */
export function renderIdleMemoryTable(results: readonly IdleMemoryResult[]): string {
  const rows = results.flatMap((result) =>
    result.status === 'failed'
      ? [[result.label, '-', '-', '-', '-', '-', `FAILED: ${result.reason ?? ''}`]]
      : result.points.map((point) => [
        `${result.label} / ${point.clients}`, mib(result.baseRssBytes), mib(point.rssBytes), kib(point.bytesPerClient),
        kib(point.marginalBytesPerClient), point.loginSeconds.toFixed(1), '',
      ]),
  );
  return renderColumns(
    ['idle clients / target', 'base RSS MiB', 'RSS MiB', 'kB / client', 'kB / client from level before', 'login s', 'note'], rows, [0, 6],
  );
}

export function renderManyClientsTable(results: readonly ManyClientsResult[]): string {
  return renderColumns(
    ['idle + active clients', 'errors', 'base MiB', 'idle MiB', 'peak MiB', 'kB / idle', 'TPS', 'lat median ms', 'lat p99 ms'],
    results.map((result) => [
      `${result.label}: ${result.idleClients} + ${result.activeClients}`,
      result.errors.length === 0 ? 'none' : result.errors.join('; '),
      mib(result.baseRssBytes),
      mib(result.idleRssBytes),
      mib(result.peakRssBytes),
      result.baseRssBytes === undefined || result.idleRssBytes === undefined
        ? '-'
        : kib((result.idleRssBytes - result.baseRssBytes) / result.idleClients),
      fixed(0)(result.tps),
      fixed(2)(result.latencyMedianMs),
      fixed(2)(result.latencyP99Ms),
    ]),
    [0, 1],
  );
}
