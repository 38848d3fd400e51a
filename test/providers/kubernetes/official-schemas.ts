// Checks manifests against the official Kubernetes API schemas as the kubernetes-models packages carry them, in two
// ways: each model's validate() (types, required fields, formats), and the TypeScript compiler over the models'
// interfaces, whose excess-property check makes an unknown field an error at any depth (validate() alone lets
// unknown fields through).
import { join } from 'node:path';
import ts from 'typescript';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
const repoRoot = join(import.meta.dirname, '../../..');

interface Model {
  validate(): void;
}
type ModelClass = new (data: never) => Model;

const MODELS: Record<string, { model: ModelClass; module: string; type: string }> = {
  'v1/ServiceAccount': { model: ServiceAccount, module: 'kubernetes-models/v1/ServiceAccount', type: 'IServiceAccount' },
  'v1/ConfigMap': { model: ConfigMap, module: 'kubernetes-models/v1/ConfigMap', type: 'IConfigMap' },
  'v1/Service': { model: Service, module: 'kubernetes-models/v1/Service', type: 'IService' },
  'apps/v1/Deployment': { model: Deployment, module: 'kubernetes-models/apps/v1/Deployment', type: 'IDeployment' },
  'policy/v1/PodDisruptionBudget': { model: PodDisruptionBudget, module: 'kubernetes-models/policy/v1/PodDisruptionBudget', type: 'IPodDisruptionBudget' },
};

type Manifest = { apiVersion?: string; kind?: string; metadata?: { name?: string } };

/** Every problem found, as `<kind>/<name>: <message>`; empty when all are valid. */
export function schemaProblems(manifests: Manifest[]): string[] {
  return [...validationProblems(manifests), ...unknownFieldProblems(manifests)];
}

function modelOf(manifest: Manifest) {
  const model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!model) throw new Error(`no official schema is loaded for ${manifest.apiVersion} ${manifest.kind}`);
  return model;
}

function validationProblems(manifests: Manifest[]): string[] {
  return manifests.flatMap((manifest) => {
    try {
      new (modelOf(manifest).model)(structuredClone(manifest) as never).validate();
      return [];
    } catch (error) {
      return [`${manifest.kind}/${manifest.metadata?.name}: ${(error as Error).message}`];
    }
  });
}

function unknownFieldProblems(manifests: Manifest[]): string[] {
  const file = join(repoRoot, 'test/providers/kubernetes/__manifests__.ts');
  const source = manifests.map((manifest, index) => {
    const { module, type } = modelOf(manifest);
    return `import type { ${type} as T${index} } from '${module}';\nexport const m${index}: T${index} = ${JSON.stringify(manifest)};\n`;
  }).join('');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = (name) => name === file || ts.sys.fileExists(name);
  host.getSourceFile = (name, version) => (name === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}
