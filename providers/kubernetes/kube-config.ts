// Where the provider's API server and credentials come from, as kubectl finds them: the files in KUBECONFIG
// (merged, the first wins), else ~/.kube/config, else the pod's service account when pgtopo runs in a pod. Read
// from the environment configure is given, so a test can point it at its own kubeconfig.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export function loadKubeConfig(env: NodeJS.ProcessEnv, context: string): KubeConfig {
  const config = baseConfig(env);
  if (context !== '') {
    if (!config.getContextObject(context)) {
      const known = config.getContexts().map((candidate) => candidate.name);
      throw new Error(`kubeconfig context "${context}" does not exist (contexts: ${known.join(', ') || 'none'}); fix \`context\` or run \`kubectl config get-contexts\``);
    }
    config.setCurrentContext(context);
  }
  if (!config.getCurrentCluster()) {
    throw new Error(`kubeconfig context "${config.getCurrentContext()}" names no cluster; set one with \`kubectl config use-context\``);
  }
  return config;
}

function baseConfig(env: NodeJS.ProcessEnv): KubeConfig {
  const config = new KubeConfig();
  const files = (env.KUBECONFIG ?? '').split(delimiter).filter((file) => file !== '');
  const home = env.HOME ? join(env.HOME, '.kube', 'config') : undefined;
  if (files.length === 0 && home && existsSync(home)) files.push(home);
  if (files.length > 0) {
    loadFile(config, files[0]!);
    for (const file of files.slice(1)) {
      const more = new KubeConfig();
      loadFile(more, file);
      config.mergeConfig(more, true);
    }
    return config;
  }
  if (env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN)) {
    config.loadFromCluster();
    return config;
  }
  throw new Error('no kubeconfig: set KUBECONFIG, create ~/.kube/config, or run pgtopo in a pod with a service account');
}

function loadFile(config: KubeConfig, file: string): void {
  try {
    config.loadFromFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code && Object.hasOwn(FILE_PROBLEMS, code) ? FILE_PROBLEMS[code] : `cannot be read: ${(error as Error).message}`;
    throw new Error(`kubeconfig ${file} ${why}; point KUBECONFIG at a kubeconfig file`);
  }
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'does not exist',
  EACCES: 'is not readable by this user',
  EISDIR: 'is a directory',
};
