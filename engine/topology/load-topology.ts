import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { ProviderRegistry } from '../../providers/provider.ts';
import type { Topology } from '../../schemas/topology.ts';
import { readFailure } from '../output/read-failure.ts';
import { byPosition, type Diagnostic } from './diagnostic.ts';
import { explainSchemaError } from './schema-error-message.ts';
import { schemaErrors } from './schema-validation.ts';
import { semanticFindings } from './semantic-validation.ts';
import { duplicateKeys } from './duplicate-keys.ts';
import { FileTooLargeError, readLimitedFile, type LimitedRead } from './read-limited-file.ts';
import { SourceMap, type SourcePosition } from './source-map.ts';
import { explainYamlError, tooDeep } from './yaml-messages.ts';

export interface LoadedTopology {
  /** The path as the user gave it, for messages. */
  file: string;
  /** Absolute directory of the file: relative paths in the topology are resolved against it. */
  dir: string;
  topology: Topology;
  /** sha256 of the topology's content (not its formatting): a saved plan is refused when it changed. */
  hash: string;
  warnings: Diagnostic[];
  /** Where a document path is in the file, for findings made after loading (a secret that cannot be read). */
  locate(path: ReadonlyArray<string | number>): SourcePosition;
}

export type LoadResult = { ok: true; value: LoadedTopology } | { ok: false; diagnostics: Diagnostic[] };

/** A topology is a few kilobytes; anything this large is the wrong file, and would only take long to reject. */
export const TOPOLOGY_LIMIT = { bytes: 2 * 1024 * 1024, what: 'topology file' };

/** `registry`'s providers add their own rules (local port clashes, …) for the clusters they serve. */
export async function loadTopologyFile(file: string, registry: ProviderRegistry): Promise<LoadResult> {
  const read = await readTopologyFile(file, () => TOPOLOGY_LIMIT);
  return 'diagnostics' in read ? { ok: false, diagnostics: read.diagnostics } : loadTopologyBytes(read, file, registry);
}

/** Reads the file once (pipes and `<(…)` cannot be read twice); a failure comes back as a diagnostic. */
export async function readTopologyFile(file: string, limitOf: Parameters<typeof readLimitedFile>[1]): Promise<LimitedRead | { diagnostics: Diagnostic[] }> {
  try {
    return await readLimitedFile(file, limitOf);
  } catch (error) {
    const message = error instanceof FileTooLargeError ? error.message : `cannot read the topology file: ${readFailure(error)}`;
    return { diagnostics: [{ severity: 'error', file, line: 1, column: 1, path: '', message }] };
  }
}

/** A pipe has no directory of its own: its `.pgtopo/` and relative paths are taken from the working directory. */
export function loadTopologyBytes(read: LimitedRead, file: string, registry: ProviderRegistry): LoadResult {
  return parseTopology(read.bytes.toString('utf8'), file, registry, read.regular ? dirname(resolve(file)) : process.cwd());
}

/** Parses and validates topology text: YAML syntax, then the schema, then the semantic rules. */
export function parseTopology(text: string, file: string, registry: ProviderRegistry, dir: string = dirname(resolve(file))): LoadResult {
  const lines = new LineCounter();
  let document: Document;
  try {
    // yaml's own duplicate-key check compares every key with every earlier one; duplicateKeys does it in one pass.
    document = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, diagnostics: [{ severity: 'error', file, line: 1, column: 1, path: '', ...tooDeep(0) }] };
  }
  const sourceMap = new SourceMap(document, lines);
  const syntax = withoutRepeats([...document.errors, ...duplicateKeys(document)].map((error) => yamlDiagnostic(error, 'error', file, text, sourceMap)));
  const yamlWarnings = document.warnings.map((warning) => yamlDiagnostic(warning, 'warning', file, text, sourceMap));
  if (syntax.length > 0) return { ok: false, diagnostics: [...syntax, ...yamlWarnings].sort(byPosition) };

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const { message, hint } = error instanceof RangeError ? tooDeep(0) : { message: `YAML: ${(error as Error).message}`, hint: undefined };
    return { ok: false, diagnostics: [located(file, sourceMap, [], 'error', message, hint)] };
  }
  if (data === null || data === undefined) {
    return { ok: false, diagnostics: [{ severity: 'error', file, line: 1, column: 1, path: '', message: 'the topology file is empty', hint: 'start from one of the files in examples/' }] };
  }
  const fromSchema = schemaDiagnostics(data, file, sourceMap);
  const semantic = semanticFindings(schemaCleanPart(data, fromSchema), registry);
  const diagnostics: Diagnostic[] = [...yamlWarnings, ...fromSchema.map(({ structural: _, ...d }) => d)];
  for (const finding of semantic) {
    diagnostics.push(located(file, sourceMap, finding.path, finding.severity, finding.message, finding.hint));
  }
  diagnostics.sort(byPosition);
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  return {
    ok: true,
    value: { file, dir, topology: data as Topology, hash: contentHash(data), warnings: diagnostics, locate: (path) => sourceMap.position(path) },
  };
}

interface SchemaDiagnostic extends Diagnostic {
  /** Unknown keys leave the rest of the structure intact, so semantic rules can still check it. */
  structural: boolean;
}

function schemaDiagnostics(data: unknown, file: string, sourceMap: SourceMap): SchemaDiagnostic[] {
  const errors = schemaErrors(data);
  // A bad discriminator also fails the enum listing the same values; one message is enough.
  const discriminated = new Set(errors.filter((e) => e.keyword === 'discriminator').map((e) => `${e.instancePath}/${String(e.params.tag)}`));
  const seen = new Set<string>();
  const diagnostics: SchemaDiagnostic[] = [];
  for (const error of errors) {
    if (error.keyword === 'enum' && discriminated.has(error.instancePath)) continue;
    // ajv reports a bad key name twice: as the pattern it failed, and as "property name must be valid".
    if (error.keyword === 'propertyNames') continue;
    const finding = explainSchemaError(error, data);
    const diagnostic = located(file, sourceMap, finding.path, 'error', finding.message, finding.hint, finding.at);
    const key = `${diagnostic.path}\n${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const structural = error.keyword !== 'additionalProperties' && error.keyword !== 'unevaluatedProperties';
    diagnostics.push(Object.assign(diagnostic, { structural }));
  }
  return diagnostics;
}

/**
 * The part of the document whose structure the schema accepted, so semantic rules can report on the healthy
 * clusters in the same run instead of making the user fix one layer at a time.
 */
function schemaCleanPart(data: unknown, diagnostics: SchemaDiagnostic[]): Topology {
  // Every prefix of one or two segments that holds a structural error: one lookup per cluster, not one scan.
  const brokenPrefixes = new Set(diagnostics.filter((d) => d.structural).flatMap((d) => {
    const [first, second] = d.path.split('.');
    return second === undefined ? [first] : [first, `${first}.${second}`];
  }));
  const broken = (prefix: string) => brokenPrefixes.has(prefix);
  if (!isMapping(data)) return { version: 1, name: 'invalid', clusters: {} };
  const topology = data as unknown as Topology;
  const clusters = isMapping(topology.clusters)
    ? Object.fromEntries(Object.entries(topology.clusters).filter(([name]) => !broken(`clusters.${name}`)))
    : {};
  return {
    ...topology,
    clusters,
    users: broken('users') ? [] : topology.users,
    state: broken('state') ? undefined : topology.state,
  };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function located(
  file: string, sourceMap: SourceMap, path: Array<string | number>, severity: Diagnostic['severity'],
  message: string, hint?: string, at: 'key' | 'value' = 'value',
): Diagnostic {
  const { line, column } = sourceMap.position(path, at);
  return { severity, file, line, column, path: dottedPath(path), message: message.trim(), ...(hint ? { hint } : {}) };
}

/** A key holding a line break (a injection attempt, usually) is quoted, so the path stays on one line. */
function dottedPath(path: Array<string | number>): string {
  return path.map((segment) => (/[\u0000-\u001f]/.test(String(segment)) ? JSON.stringify(segment) : segment)).join('.');
}

function yamlDiagnostic(error: YAMLError, severity: Diagnostic['severity'], file: string, text: string, sourceMap: SourceMap): Diagnostic {
  const problem = explainYamlError(error, text);
  const { line, column } = sourceMap.offsetPosition(problem.offset);
  return { severity, file, line, column, path: '', message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) };
}

function withoutRepeats(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

function contentHash(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
