import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { topologyIdentity } from '../../providers/provider.ts';
import { expandTopology } from '../../engine/plan/desired-resources.ts';
import { closeWorkspace, openWorkspace, planWorkspace } from '../../engine/plan/workspace.ts';
import { parallelismOption } from '../command-options.ts';

interface TerraformExportOptions {
  cluster: string;
  out: string;
  parallelism: number;
}

const AWS_ENVIRONMENTS = new Set(['ec2', 'rds', 'aurora']);

export function register(program: Command, registry: ProviderRegistry): void {
  const exports = program.command('export').description('write what pgtopo manages as another tool\'s code');
  const terraform = exports
    .command('terraform')
    .description('synthesize Terraform JSON (cdktn) for an AWS cluster\'s objects, with import blocks for those pgtopo manages')
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .requiredOption('--cluster <name>', 'the ec2, rds or aurora cluster to export')
    .requiredOption('--out <dir>', 'where to write it: <dir>/stacks/<cluster>/cdk.tf.json');
  parallelismOption(terraform);
  terraform.action(async (file: string, options: TerraformExportOptions) => {
    const workspace = await openWorkspace(file, registry);
    try {
      const { topology } = workspace.loaded;
      const cluster = topology.clusters[options.cluster];
      if (!cluster) throw new Error(`no cluster named "${options.cluster}" in ${file} (clusters: ${Object.keys(topology.clusters).join(', ')})`);
      if (!AWS_ENVIRONMENTS.has(cluster.environment) || !('region' in cluster)) {
        throw new Error(`--cluster ${options.cluster}: runs on ${cluster.environment}; only ec2, rds and aurora clusters have AWS objects to export`);
      }
      // A refresh: the database's endpoints go into the proxies' config, and state says what pgtopo manages now.
      const refreshed = await planWorkspace(workspace, 'refresh-only', options);
      const ofCluster = ({ address }: { address: string }) => address.startsWith(`${options.cluster}.`);
      // Loaded here, not with the CLI: only this command pays for cdktn.
      const { exportTerraform } = await import('../../providers/aws/terraform/terraform-export.ts');
      const { handoverSteps } = await import('../../providers/aws/terraform/handover-steps.ts');
      const exported = exportTerraform({
        topology: topologyIdentity(topology.name), clusterName: options.cluster, region: cluster.region, outDir: options.out,
        desired: expandTopology(topology, workspace.registry, workspace.loaded.dir).filter(ofCluster),
        dataSources: refreshed.data_sources,
        managed: refreshed.prior_state.resources.filter(ofCluster),
      });
      process.stdout.write(handoverSteps(exported, options.cluster, file));
    } finally {
      await closeWorkspace(workspace);
    }
  });
}
