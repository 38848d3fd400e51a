import type { Cluster, Tls } from '../../../schemas/topology.ts';
import { eachCluster, type Path, type Rule, type RuleContext } from './rule.ts';

/**
 * Where a proxy's TLS material comes from. A file names a path on the machine pgtopo runs on (local) or on the
 * proxy instances (EC2: an absolute path the AMI provides), which means nothing inside a pod; a Kubernetes Secret
 * exists only for kubernetes clusters, an SSM parameter only reaches proxies on AWS.
 */
export const tlsRules: Rule = (context) => {
  eachCluster(context.topology, (_name, cluster, path) => {
    const tls = cluster.proxy?.tls;
    if (tls) checkTls(context, cluster, tls, [...path, 'proxy', 'tls']);
  });
};

/** Each piece of TLS material and the ways to give it: a file, a Kubernetes Secret, an SSM parameter. */
const MATERIAL = [
  { what: 'certificate', file: 'certFile', secret: 'certSecret', parameter: 'certParameter' },
  { what: 'private key', file: 'keyFile', secret: 'certSecret', parameter: 'keyParameter' },
  { what: 'CA bundle', file: 'caFile', secret: 'caSecret', parameter: 'caParameter' },
] as const;

function isOnAws(cluster: Cluster): cluster is Extract<Cluster, { environment: 'ec2' | 'rds' | 'aurora' }> {
  return cluster.environment === 'ec2' || cluster.environment === 'rds' || cluster.environment === 'aurora';
}

function checkTls(context: RuleContext, cluster: Cluster, tls: Tls, path: Path): void {
  const onKubernetes = cluster.environment === 'kubernetes';
  for (const { what, file, secret, parameter } of MATERIAL) {
    if (onKubernetes && tls[file] !== undefined) {
      context.error([...path, file], `\`${file}\` names a file on the machine pgtopo runs on, which proxy pods cannot read`, secretHint(secret));
    }
    if (!isOnAws(cluster) && tls[parameter] !== undefined) {
      context.error([...path, parameter], `an SSM parameter reaches only proxies on AWS, not those of a ${cluster.environment} cluster`,
        onKubernetes ? secretHint(secret) : `use \`${file}\``);
    }
    if (tls[file] !== undefined && tls[parameter] !== undefined) {
      context.error([...path, parameter], `\`${file}\` and \`${parameter}\` both give the ${what}`, 'keep one of them');
    }
  }
  for (const secret of ['certSecret', 'caSecret'] as const) {
    if (!onKubernetes && tls[secret] !== undefined) {
      context.error([...path, secret], `a Kubernetes Secret cannot hold TLS files for a ${cluster.environment} cluster`,
        secret === 'certSecret' ? 'use `certFile` and `keyFile`' : 'use `caFile`');
    }
  }
  if (isOnAws(cluster)) checkInstanceFiles(context, tls, path, cluster.proxy?.ami !== undefined);
  if (context.hasError(path)) return;
  checkPairs(context, tls, path, onKubernetes);
}

/** The CA bundle the `ca-certificates` package (installed by the user data) keeps on Debian, the default AMI. */
const DEBIAN_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * On EC2 the proxies read their TLS files on their instances (pgtopo copies none there), so a path must be absolute
 * and the AMI must carry the file: the default Debian one has no certificate of yours, and a proxy that cannot load
 * it never serves (systemd restarts it every 2 s; an NLB tier's Auto Scaling group replaces the instance, whose
 * successor fails alike). SSM parameters need no AMI of yours.
 */
function checkInstanceFiles(context: RuleContext, tls: Tls, path: Path, customAmi: boolean): void {
  for (const { file, parameter } of MATERIAL) {
    const value = tls[file];
    if (value === undefined) continue;
    if (!value.startsWith('/')) {
      context.error([...path, file], `\`${file}\` names a file on the proxy instances, so it must be an absolute path there`,
        `give the path your AMI (\`proxy.ami\`) puts it at, e.g. \`/etc/pgtopo/tls/…\`, or its SSM parameter as \`${parameter}\``);
    } else if (!customAmi && file !== 'caFile') {
      context.error([...path, file], `the default AMI (Debian 12) has no \`${value}\`, so the proxies would not start`,
        'put the certificate and its key in SSM parameters (`certParameter`, `keyParameter`), or bake them into an AMI and set `proxy.ami: ami-…`');
    } else if (!customAmi && value !== DEBIAN_CA_BUNDLE) {
      context.warn([...path, file], `the proxies read \`${value}\` on their instances, and the default AMI (Debian 12) has it only if Debian ships it; without it they do not start`,
        `put the CA in an SSM parameter (\`caParameter\`), bake it into an AMI and set \`proxy.ami\`, or use Debian's bundle \`${DEBIAN_CA_BUNDLE}\` if it holds the CA`);
    }
  }
}

function secretHint(secret: string): string {
  return secret === 'certSecret'
    ? 'name a Secret of type kubernetes.io/tls instead: `certSecret: <name>`'
    : 'name a Secret holding `ca.crt` instead: `caSecret: <name>`';
}

/** A certificate goes with its key (given the same way), a client mode that offers TLS needs one, `verify-full` a CA. */
function checkPairs(context: RuleContext, tls: Tls, path: Path, onKubernetes: boolean): void {
  const certificate = onKubernetes ? '`certSecret`' : '`certFile` and `keyFile` (or `certParameter` and `keyParameter`)';
  const pairs = [['certFile', 'keyFile'], ['certParameter', 'keyParameter']] as const;
  const hasCertificate = Boolean(tls.certSecret) || pairs.some(([cert, key]) => Boolean(tls[cert]) && Boolean(tls[key]));
  const unpaired = pairs.find(([cert, key]) => Boolean(tls[cert]) !== Boolean(tls[key]));
  if (tls.client && tls.client !== 'disable' && !hasCertificate) {
    context.error([...path, 'client'], `client TLS \`${tls.client}\` needs ${certificate}`);
  } else if (unpaired) {
    const [given, missing] = tls[unpaired[0]] ? unpaired : [unpaired[1], unpaired[0]];
    context.error([...path, given], `\`${given}\` needs \`${missing}\`: a certificate is presented with its private key`);
  }
  if (tls.backend === 'verify-full' && !tls.caFile && !tls.caSecret && !tls.caParameter) {
    context.error([...path, 'backend'], `backend TLS \`verify-full\` needs ${onKubernetes ? '`caSecret`' : '`caFile` (or `caParameter`)'} to verify the servers`);
  }
}
