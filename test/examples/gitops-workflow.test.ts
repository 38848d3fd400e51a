// examples/gitops/.github/workflows/pgtopo.yml parses, and holds what the pipeline relies on: plan on pull requests
// with the plan commented and saved as an artifact, apply on main of that artifact only, applies never overlapping,
// AWS credentials from OIDC and none stored. Its topology validates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { providerRegistry } from '../../cli/provider-registry.ts';
import { loadTopologyFile } from '../../engine/topology/load-topology.ts';
import { formatDiagnostic } from '../../engine/topology/diagnostic.ts';

const folder = join(import.meta.dirname, '../../examples/gitops');
const text = readFileSync(join(folder, '.github/workflows/pgtopo.yml'), 'utf8');

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { if?: string; permissions?: Record<string, string>; concurrency?: { group?: string; 'cancel-in-progress'?: boolean }; steps: Step[] }
interface Workflow { on: { pull_request?: unknown; push?: { branches?: string[] } }; env: Record<string, string>; jobs: Record<string, Job> }

const workflow = parse(text, { uniqueKeys: true }) as Workflow;
const { plan, apply } = workflow.jobs;
const step = (job: Job, action: string) => job.steps.find((candidate) => candidate.uses?.startsWith(`${action}@`));

describe('the GitOps workflow', () => {
  it('plans on pull requests and applies on pushes to main', () => {
    expect(workflow.on.pull_request).toBeDefined();
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(plan!.if).toBe("github.event_name == 'pull_request'");
    expect(apply!.if).toBe("github.event_name == 'push'");
    expect(plan!.steps.some((candidate) => candidate.run === 'sh pgtopo-pipeline.sh plan')).toBe(true);
    expect(apply!.steps.some((candidate) => candidate.run === 'sh pgtopo-pipeline.sh apply')).toBe(true);
  });

  it('comments the markdown plan and keeps the saved plan as an artifact that the apply downloads from the planning run', () => {
    const upload = step(plan!, 'actions/upload-artifact');
    expect(upload?.with).toMatchObject({ name: 'pgtopo-plan', path: '${{ env.PGTOPO_PLAN_DIR }}' });
    expect(plan!.steps.some((candidate) => candidate.run?.includes('gh pr comment') && candidate.run.includes('$PGTOPO_PLAN_DIR/plan.md'))).toBe(true);
    expect(plan!.permissions?.['pull-requests']).toBe('write');
    const download = step(apply!, 'actions/download-artifact');
    expect(download?.with).toMatchObject({ name: 'pgtopo-plan', 'run-id': '${{ steps.planned.outputs.run-id }}', 'github-token': '${{ github.token }}' });
    expect(apply!.permissions?.actions).toBe('read');
    const index = (job: Job, predicate: (candidate: Step) => boolean) => job.steps.findIndex(predicate);
    expect(index(apply!, (candidate) => candidate === download)).toBeLessThan(index(apply!, (candidate) => candidate.run === 'sh pgtopo-pipeline.sh apply'));
    // The apply writes outputs.json (pgtopo output --json) beside the plan; the job keeps it for a deploy step.
    const outputs = step(apply!, 'actions/upload-artifact');
    expect(outputs?.with).toMatchObject({ name: 'pgtopo-outputs', path: '${{ env.PGTOPO_PLAN_DIR }}/outputs.json' });
    expect(index(apply!, (candidate) => candidate === outputs)).toBeGreaterThan(index(apply!, (candidate) => candidate.run === 'sh pgtopo-pipeline.sh apply'));
  });

  it('never runs two applies at once, nor cancels one halfway', () => {
    expect(apply!.concurrency).toEqual({ group: 'pgtopo-apply', 'cancel-in-progress': false });
    expect(plan!.concurrency?.group).toContain('github.event.pull_request.number');
  });

  it('takes AWS credentials from OIDC only', () => {
    for (const job of [plan!, apply!]) {
      expect(job.permissions?.['id-token']).toBe('write');
      expect(step(job, 'aws-actions/configure-aws-credentials')?.with?.['role-to-assume']).toBe('${{ vars.PGTOPO_AWS_ROLE_ARN }}');
    }
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/);
  });

  it('runs the same pgtopo in plan and apply, on the topology of the example', async () => {
    const installs = [plan!, apply!].map((job) => job.steps.find((candidate) => candidate.run?.startsWith('npm install --global'))?.run);
    expect(installs).toEqual(['npm install --global "pgtopo@${PGTOPO_VERSION}"', 'npm install --global "pgtopo@${PGTOPO_VERSION}"']);
    const result = await loadTopologyFile(join(folder, workflow.env.PGTOPO_TOPOLOGY!), providerRegistry({}));
    expect(result.ok, result.ok ? '' : result.diagnostics.map(formatDiagnostic).join('\n')).toBe(true);
    if (result.ok) expect(result.value.topology.state?.backend).toBe('s3');
  });
});
