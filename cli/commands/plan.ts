import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { readFileSync } from 'node:fs';
import { renderPlanJson } from '../../engine/output/plan-json.ts';
import { renderPlanMarkdown } from '../../engine/output/plan-markdown.ts';
import { renderPlanText } from '../../engine/output/plan-text.ts';
import { writeSavedPlan } from '../../engine/plan/saved-plan.ts';
import { closeWorkspace, openWorkspace, planWorkspace } from '../../engine/plan/workspace.ts';
import { parallelismOption, targetOption } from '../command-options.ts';

interface PlanOptions {
  out?: string;
  json?: boolean;
  format: string;
  detailedExitcode?: boolean;
  target?: string[];
  refreshOnly?: boolean;
  destroy?: boolean;
  parallelism: number;
}

export function register(program: Command, registry: ProviderRegistry): void {
  const command = program
    .command('plan')
    .description('refresh reality, compare it with the topology and show what apply would change')
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .option('--out <path>', 'save the plan so `pgtopo apply <path>` does exactly this')
    .option('--json', 'print the plan as versioned JSON (same as --format json)')
    .option('--format <format>', 'text, json or markdown (a pull-request comment)', 'text')
    .option('--detailed-exitcode', 'exit 0 without changes, 2 with changes, 1 on error')
    .option('--refresh-only', 'only show drift; apply would just record it in state')
    .option('--destroy', 'plan to destroy everything in state');
  targetOption(command);
  parallelismOption(command);
  command.action(async (file: string, options: PlanOptions) => {
    const format = options.json ? 'json' : options.format;
    if (!['text', 'json', 'markdown'].includes(format)) throw new Error(`--format ${format}: expected text, json or markdown`);
    const workspace = await openWorkspace(file, registry);
    const mode = options.destroy ? 'destroy' : options.refreshOnly ? 'refresh-only' : 'apply';
    try {
      const plan = await planWorkspace(workspace, mode, options);
      if (format === 'json') process.stdout.write(renderPlanJson(plan, pgtopoVersion()));
      else if (format === 'markdown') process.stdout.write(renderPlanMarkdown(plan));
      else process.stdout.write(renderPlanText(plan));
      if (options.out) {
        writeSavedPlan(options.out, plan);
        if (format === 'text') process.stdout.write(`\nSaved the plan to ${options.out}. Apply exactly it with: pgtopo apply ${options.out}\n`);
      }
      process.exitCode = options.detailedExitcode && plan.has_changes ? 2 : 0;
    } finally {
      await closeWorkspace(workspace);
    }
  });
}

function pgtopoVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
