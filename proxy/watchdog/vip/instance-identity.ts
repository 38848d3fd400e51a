// Who this proxy is on EC2 — instance, region, primary network interface — read from the instance metadata
// service with IMDSv2 only: a session token first (PUT with a TTL), then GETs carrying it. IMDSv1 (GETs without a
// token) is refused rather than fallen back to, because it is the variant SSRF attacks read credentials through and
// instances should run with HttpTokens=required. The cloud VIP drivers move addresses to this identity's ENI.

/** The SDK's own variable for the metadata endpoint, so a test or an IPv6-only instance points both the same way. */
const ENDPOINT_VARIABLE = 'AWS_EC2_METADATA_SERVICE_ENDPOINT';
const DEFAULT_ENDPOINT = 'http://169.254.169.254';
/** The token lives six hours; it is renewed a minute early and again whenever IMDS answers 401. */
const TOKEN_TTL_SECONDS = 21_600;
const RENEW_EARLY_MS = 60_000;
/** IMDS answers in milliseconds on EC2; off EC2 the link-local address usually just does not answer. */
const REQUEST_TIMEOUT_MS = 2_000;

export interface InstanceIdentity {
  instanceId: string;
  region: string;
  /** MAC address of the primary network interface (device 0), lower case. */
  mac: string;
  /** The primary network interface (`eni-…`). */
  eniId: string;
  /** The primary private IPv4 address of that interface. */
  privateIp: string;
}

export class InstanceMetadataError extends Error {}

export interface InstanceMetadataOptions {
  /** Default: AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254. */
  endpoint?: string;
  requestTimeoutMs?: number;
  now?: () => number;
}

/** An IMDSv2 session: one token at a time, renewed when it nears its end or IMDS says it has expired. */
export class InstanceMetadata {
  readonly #endpoint: string;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  /** The token being fetched or held: concurrent reads share one PUT. */
  #token: { value: Promise<string>; renewAt: number } | undefined;

  constructor(options: InstanceMetadataOptions = {}) {
    this.#endpoint = (options.endpoint ?? process.env[ENDPOINT_VARIABLE] ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
    this.#timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
  }

  /** The text of one metadata path, e.g. `meta-data/instance-id`. */
  async get(path: string, signal?: AbortSignal): Promise<string> {
    let response = await this.#request('GET', path, { 'x-aws-ec2-metadata-token': await this.#currentToken(signal) }, signal);
    if (response.status === 401) {
      this.#token = undefined;
      response = await this.#request('GET', path, { 'x-aws-ec2-metadata-token': await this.#currentToken(signal) }, signal);
    }
    if (!response.ok) throw new InstanceMetadataError(`the instance metadata service answered HTTP ${response.status} for ${path}`);
    return (await response.text()).trim();
  }

  #currentToken(signal: AbortSignal | undefined): Promise<string> {
    if (this.#token && this.#now() < this.#token.renewAt) return this.#token.value;
    const value = this.#newToken(signal);
    this.#token = { value, renewAt: this.#now() + TOKEN_TTL_SECONDS * 1000 - RENEW_EARLY_MS };
    value.catch(() => {
      if (this.#token?.value === value) this.#token = undefined;
    });
    return value;
  }

  async #newToken(signal: AbortSignal | undefined): Promise<string> {
    const response = await this.#request('PUT', 'api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': String(TOKEN_TTL_SECONDS) }, signal);
    if (!response.ok) {
      throw new InstanceMetadataError(`the instance metadata service issued no IMDSv2 session token (HTTP ${response.status}); ` +
        'pgtopo reads instance metadata with IMDSv2 only: enable it on the instance (metadata option HttpTokens=required), ' +
        'and allow a hop limit of 2 when the proxy runs in a container');
    }
    return response.text();
  }

  async #request(method: 'GET' | 'PUT', path: string, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const url = `${this.#endpoint}/latest/${path}`;
    try {
      return await fetch(url, { method, headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      if (signal?.aborted) throw error;
      const why = timeout.aborted ? `no answer within ${this.#timeoutMs} ms` : causeOf(error);
      throw new InstanceMetadataError(`cannot reach the EC2 instance metadata service at ${this.#endpoint} (${why}): ` +
        'the AWS VIP methods run on EC2 instances only', { cause: error });
    }
  }
}

/** Instance id, region and primary interface of this instance. */
export async function instanceIdentity(metadata: InstanceMetadata, signal?: AbortSignal): Promise<InstanceIdentity> {
  const [instanceId, region, mac, privateIp] = await Promise.all(
    ['meta-data/instance-id', 'meta-data/placement/region', 'meta-data/mac', 'meta-data/local-ipv4'].map((path) => metadata.get(path, signal)),
  ) as [string, string, string, string];
  const eniId = await metadata.get(`meta-data/network/interfaces/macs/${mac}/interface-id`, signal);
  return { instanceId, region, mac: mac.toLowerCase(), eniId, privateIp };
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? String(error);
}
