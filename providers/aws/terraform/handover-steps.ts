// What to do with an export, printed after it: apply it in Terraform (the import blocks adopt what pgtopo manages),
// then make pgtopo let go, so that no object is ever managed by two tools; and how the passwords, which stay out of
// Terraform, are set.
import { relative } from 'node:path';
import type { SecretRef } from '../../../schemas/topology.ts';
import type { LeftOutSecret, TerraformExport } from './terraform-export.ts';

export function handoverSteps(exported: TerraformExport, clusterName: string, topologyFile: string): string {
  const dir = relative(process.cwd(), exported.file.replace(/\/cdk\.tf\.json$/, '')) || '.';
  const adopted = exported.managed.length > 0;
  const lines = [
    `Wrote ${relative(process.cwd(), exported.file)} (${exported.imports.length} import blocks for the objects pgtopo manages).`,
    '',
    `To hand cluster ${clusterName} over to Terraform:`,
    `  1. stop any \`pgtopo reconcile --watch\` of ${topologyFile}`,
    ...secretSteps(exported.secrets, adopted),
    `  3. cd ${shellWord(dir)} && terraform init && terraform plan   # ${adopted ? 'review: imports, and whatever else it would change' : 'creates the objects'}`,
    '     terraform apply',
  ];
  if (adopted) {
    lines.push(`  4. pgtopo state rm ${exported.managed.map(shellWord).join(' ')} ${shellWord(topologyFile)}`,
      `  5. remove clusters.${clusterName} from ${topologyFile}, so pgtopo no longer plans it`);
  } else {
    lines.push(`  4. remove clusters.${clusterName} from ${topologyFile} (pgtopo manages nothing of it yet)`);
  }
  return `${lines.join('\n')}\n`;
}

function secretSteps(secrets: LeftOutSecret[], adopted: boolean): string[] {
  if (secrets.length === 0) return ['  2. (no passwords to set)'];
  return [
    '  2. the passwords are not in the Terraform code (Terraform\'s state would hold them in clear);',
    adopted ? '     pgtopo has set them; to change one later:' : '     set them before terraform apply:',
    ...secrets.filter((secret) => secret.reference !== null).map((secret) =>
      `       aws ssm put-parameter --region ${secret.region} --name ${secret.name} --type SecureString --overwrite --value ${valueSource(secret.reference!)}`),
    ...secrets.filter((secret) => secret.reference === null).map((secret) => generatedKeyStep(secret, adopted)),
  ];
}

/** The watchdog's key: pgtopo made it and the members sign with it, so it is kept; without an apply, make one once. */
function generatedKeyStep(secret: LeftOutSecret, adopted: boolean): string {
  if (adopted) return `     the watchdog's key ${secret.name} stays as pgtopo made it (never overwrite it while members run)`;
  return `     the watchdog's key, once: aws ssm put-parameter --region ${secret.region} --name ${secret.name} --type SecureString --value "$(openssl rand -base64 32)"`;
}

/** Addresses hold `[` and `]`, which a shell would take as a pattern. */
function shellWord(word: string): string {
  return /^[\w./:-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

function valueSource(reference: SecretRef): string {
  if (reference.fromEnv !== undefined) return `"$${reference.fromEnv}"`;
  return `"file://${reference.fromFile ?? ''}"`;
}
