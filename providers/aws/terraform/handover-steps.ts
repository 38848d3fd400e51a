// What to do with an export, printed after it: apply it in Terraform (the import blocks adopt what pgtopo manages),
// then make pgtopo let go, so that no object is ever managed by two tools; and how the passwords, which stay out of
// Terraform, are set.
import { relative } from 'node:path';
import type { SecretRef } from '../../../schemas/topology.ts';
import type { LeftOutSecret, TerraformExport } from './terraform-export.ts';

export function handoverSteps(exported: TerraformExport, clusterName: string, topologyFile: string): string {
  const dir = relative(process.cwd(), exported.file.replace(/\/cdk\.tf\.json$/, '')) || '.';
  const lines = [
    `Wrote ${relative(process.cwd(), exported.file)}: ${exported.imports.length} of its objects are imported from what pgtopo manages.`,
    '',
    `To hand cluster ${clusterName} over to Terraform:`,
    `  1. stop any \`pgtopo reconcile --watch\` of ${topologyFile}`,
    ...secretSteps(exported.secrets),
    `  3. cd ${dir} && terraform init && terraform plan   # ${exported.imports.length > 0 ? 'imports, and changes nothing it imports' : 'creates the objects'}`,
    '     terraform apply',
  ];
  if (exported.managed.length > 0) {
    lines.push(`  4. pgtopo state rm ${exported.managed.join(' ')} ${topologyFile}`,
      `  5. remove clusters.${clusterName} from ${topologyFile}, so pgtopo no longer plans it`);
  } else {
    lines.push(`  4. remove clusters.${clusterName} from ${topologyFile} (pgtopo manages nothing of it yet)`);
  }
  return `${lines.join('\n')}\n`;
}

function secretSteps(secrets: LeftOutSecret[]): string[] {
  if (secrets.length === 0) return ['  2. (no passwords)'];
  return [
    '  2. the passwords stay out of Terraform (its state would hold them in clear); while pgtopo managed them they',
    '     exist already, otherwise, and to change one, set them with:',
    ...secrets.map((secret) =>
      `       aws ssm put-parameter --region ${secret.region} --name ${secret.name} --type SecureString --overwrite --value ${valueSource(secret.reference)}`),
  ];
}

function valueSource(reference: SecretRef): string {
  if (reference.fromEnv !== undefined) return `"$${reference.fromEnv}"`;
  return `"file://${reference.fromFile ?? ''}"`;
}
