import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runPgtopo, type CliRun } from './run-pgtopo.ts';

const packageVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
// The start of every ANSI colour escape.
const ansi = /\u001b\[/;

/**
 * Runs pgtopo under a pseudo-terminal (util-linux `script`), because pgtopo colours only on a TTY: without one,
 * a "no colour" assertion could never fail.
 */
function runOnTty(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const command = [join(repoRoot, 'node_modules/.bin/node'), join(repoRoot, 'bin/pgtopo'), ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolveRun, rejectRun) => {
    const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...inherited } = process.env;
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: repoRoot, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', rejectRun);
    child.on('close', (code) => resolveRun({ code, stdout, stderr: '' }));
  });
}

describe('pgtopo --version and --help', () => {
  it('--version prints the package version and exits 0', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await runPgtopo([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(packageVersion);
    }
  });

  it('--help lists the commands and global options and exits 0', async () => {
    const result = await runPgtopo(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: pgtopo /);
    expect(result.stdout).toMatch(/^\s+validate \[options\] \[file\]\s+check a topology file/m);
    expect(result.stdout).toMatch(/^\s+features \[options\] \[file\]\s+show the effective proxy features/m);
    expect(result.stdout).toContain('--no-color');
    expect(result.stdout).toContain('NO_COLOR');
  });

  it('validate --help shows its argument, default file and options', async () => {
    const result = await runPgtopo(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: pgtopo validate \[options\] \[file\]/);
    expect(result.stdout).toContain('(default: "pgtopo.yaml")');
    expect(result.stdout).toMatch(/--json\s+print the findings as JSON/);
  });

  it('features --help shows --json and --cluster', async () => {
    const result = await runPgtopo(['features', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: pgtopo features \[options\] \[file\]/);
    expect(result.stdout).toMatch(/--cluster <name>\s+only this cluster/);
    expect(result.stdout).toMatch(/--json\s+print as JSON/);
  });

  it('`help validate` is the same as `validate --help`', async () => {
    const [viaHelp, viaFlag] = await Promise.all([runPgtopo(['help', 'validate']), runPgtopo(['validate', '--help'])]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });
});

describe('pgtopo usage errors', () => {
  it('an unknown command exits 1, names it and points at --help', async () => {
    const result = await runPgtopo(['frobnicate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).toContain('--help');
    expect(result.stdout).toBe('');
  });

  it('a misspelt command gets a did-you-mean', async () => {
    const result = await runPgtopo(['validat', 'examples/ec2.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Did you mean validate?');
  });

  it('an unknown option exits 1 and names it', async () => {
    const result = await runPgtopo(['validate', '--bogus', 'examples/ec2.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });

  it('no command prints the usage and exits 1', async () => {
    const result = await runPgtopo([]);
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain('Usage: pgtopo');
  });
});

describe('pgtopo exit codes', () => {
  it('0 for a valid file, with a one-line summary on stdout', async () => {
    const result = await runPgtopo(['validate', 'examples/multi-environment.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('✓ examples/multi-environment.yaml is valid: 4 clusters: dev (local), orders (ec2), analytics (aurora), app (kubernetes)\n');
  });

  it('0 for a file with warnings only, the warning on stderr', async () => {
    const result = await runPgtopo(['validate', 'test/fixtures/invalid/warn-vip-dns-ttl.yaml']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warn-vip-dns-ttl\.yaml:13:22: warning: clients see a DNS VIP change only after the record's TTL \(60s\)/);
  });

  it('1 for an invalid file: every error located, the hint on the next line, and a count', async () => {
    const result = await runPgtopo(['validate', 'test/fixtures/invalid/multi-error.yaml']);
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => /^test\/fixtures\/invalid\/multi-error\.yaml:\d+:\d+: error: /.test(line));
    expect(errors.map((line) => line.split(': error: ')[0]!.split(':').slice(1).join(':'))).toEqual(['9:18', '19:22', '25:28', '31:18', '35:11']);
    expect(result.stderr).toContain('unknown key `poolsize` (at clusters.dev.proxy.pooling.poolsize)\n  hint: did you mean `poolSize`?');
    expect(result.stderr).toMatch(/✗ test\/fixtures\/invalid\/multi-error\.yaml: 5 errors\n$/);
  });

  it('1 for a missing file', async () => {
    const result = await runPgtopo(['validate', 'does/not/exist.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does/not/exist.yaml:1:1: error: cannot read the topology file: no such file');
  });

  it('validate --json gives machine-readable findings with the same exit codes', async () => {
    const [bad, good] = await Promise.all([
      runPgtopo(['validate', '--json', 'test/fixtures/invalid/key-poolsize.yaml']),
      runPgtopo(['validate', '--json', 'examples/rds.yaml']),
    ]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      valid: false,
      diagnostics: [{ severity: 'error', line: 7, column: 37, path: 'clusters.dev.proxy.pooling.poolsize', hint: 'did you mean `poolSize`?' }],
    });
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ valid: true, diagnostics: [{ severity: 'warning', path: 'clusters.billing.proxy.ha.vip.type', line: 20 }] });
  });
});

describe('pgtopo colour', () => {
  it('colours on a terminal (so the assertions below can fail)', async () => {
    const result = await runOnTty(['validate', 'examples/ec2.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(ansi);
  });

  it('--no-color turns colour off on a terminal, before or after the command', async () => {
    for (const args of [['--no-color', 'validate', 'examples/ec2.yaml'], ['validate', 'test/fixtures/invalid/key-poolsize.yaml', '--no-color']]) {
      const result = await runOnTty(args);
      expect(result.stdout).toContain('.yaml');
      expect(result.stdout).not.toMatch(ansi);
    }
  });

  it('NO_COLOR=1 turns colour off on a terminal, for validate and features', async () => {
    const cases: Array<[string[], string]> = [
      [['validate', 'test/fixtures/invalid/multi-error.yaml'], 'multi-error.yaml:9:18: error'],
      [['features', 'examples/ec2.yaml'], 'orders (ec2)'],
    ];
    for (const [args, expected] of cases) {
      const result = await runOnTty(args, { NO_COLOR: '1' });
      expect(result.stdout).toContain(expected);
      expect(result.stdout).not.toMatch(ansi);
    }
  });

  it('no colour when output is not a terminal', async () => {
    const [valid, invalid, table] = await Promise.all([
      runPgtopo(['validate', 'examples/ec2.yaml']),
      runPgtopo(['validate', 'test/fixtures/invalid/multi-error.yaml']),
      runPgtopo(['features', 'examples/ec2.yaml']),
    ]);
    for (const result of [valid, invalid, table]) expect(`${result.stdout}${result.stderr}`).not.toMatch(ansi);
  });
});
