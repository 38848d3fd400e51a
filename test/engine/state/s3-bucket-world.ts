// One S3 bucket as the tests keep it: objects with ETags, and S3's conditional writes (PutObject with If-None-Match
// `*` or If-Match, DeleteObject with If-Match → 412 PreconditionFailed). The same bucket is served two ways: on
// aws-sdk-client-mock (install) and as a loopback HTTP server that the real SDK stack reaches through
// AWS_ENDPOINT_URL_S3 (serveOverHttp), so both kinds of test check the backend against one set of rules.
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredObject {
  body: string;
  etag: string;
  /** The request's server-side encryption headers, to check what the backend asked for. */
  encryption?: string;
}

interface Conditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

export class BucketError extends Error {
  readonly status: number;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = code;
    this.status = status;
  }
}

export class S3BucketWorld {
  readonly name: string;
  readonly objects = new Map<string, StoredObject>();
  /** `PUT key`, `GET key`, `DELETE key` in order, with ` 412`/` 404` when refused. */
  readonly calls: string[] = [];
  /** Runs just before a PUT of `key` is judged: where a test lets another writer slip in. */
  beforePut: ((key: string) => void) | undefined;
  /** False: a store that answers DeleteObject with If-Match by 501 NotImplemented, as some S3-compatible ones do. */
  conditionalDeletes = true;

  constructor(name: string) {
    this.name = name;
  }

  put(key: string, body: string, conditions: Conditions, encryption?: string): string {
    this.beforePut?.(key);
    const existing = this.objects.get(key);
    if ((conditions.ifNoneMatch === '*' && existing) || (conditions.ifMatch !== undefined && existing?.etag !== conditions.ifMatch)) {
      this.calls.push(`PUT ${key} 412`);
      throw new BucketError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    }
    const etag = `"${createHash('md5').update(body).update(String(this.calls.length)).digest('hex')}"`;
    this.objects.set(key, { body, etag, encryption });
    this.calls.push(`PUT ${key}`);
    return etag;
  }

  get(key: string): StoredObject {
    const existing = this.objects.get(key);
    this.calls.push(existing ? `GET ${key}` : `GET ${key} 404`);
    if (!existing) throw new BucketError(404, 'NoSuchKey', 'The specified key does not exist.');
    return existing;
  }

  delete(key: string, conditions: Conditions): void {
    if (conditions.ifMatch !== undefined && !this.conditionalDeletes) {
      this.calls.push(`DELETE ${key} 501`);
      throw new BucketError(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented');
    }
    const existing = this.objects.get(key);
    if (conditions.ifMatch !== undefined && !existing) {
      this.calls.push(`DELETE ${key} 404`);
      throw new BucketError(404, 'NoSuchKey', 'The specified key does not exist.');
    }
    if (conditions.ifMatch !== undefined && existing?.etag !== conditions.ifMatch) {
      this.calls.push(`DELETE ${key} 412`);
      throw new BucketError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    }
    this.objects.delete(key);
    this.calls.push(`DELETE ${key}`);
  }

  /** Serves the bucket's objects to every S3Client while the stub is installed. */
  install(stub: AwsClientStub<S3Client>): void {
    const sdkError = (error: unknown): never => {
      if (!(error instanceof BucketError)) throw error;
      throw new S3ServiceException({ name: error.name, $fault: 'client', $metadata: { httpStatusCode: error.status }, message: error.message });
    };
    const inBucket = (bucket: string | undefined): void => {
      if (bucket !== this.name) throw new S3ServiceException({ name: 'NoSuchBucket', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'The specified bucket does not exist' });
    };
    stub.on(PutObjectCommand).callsFake((input: PutObjectCommand['input']) => {
      inBucket(input.Bucket);
      try {
        const encryption = input.ServerSideEncryption ? `${input.ServerSideEncryption} ${input.SSEKMSKeyId ?? ''}`.trim() : undefined;
        return { ETag: this.put(input.Key!, String(input.Body), { ifMatch: input.IfMatch, ifNoneMatch: input.IfNoneMatch }, encryption) };
      } catch (error) {
        return sdkError(error);
      }
    });
    stub.on(GetObjectCommand).callsFake((input: GetObjectCommand['input']) => {
      inBucket(input.Bucket);
      try {
        const { body, etag } = this.get(input.Key!);
        return { ETag: etag, Body: { transformToString: async () => body } };
      } catch (error) {
        return sdkError(error);
      }
    });
    stub.on(DeleteObjectCommand).callsFake((input: DeleteObjectCommand['input']) => {
      inBucket(input.Bucket);
      try {
        this.delete(input.Key!, { ifMatch: input.IfMatch });
        return {};
      } catch (error) {
        return sdkError(error);
      }
    });
  }
}

/** A loopback S3-compatible endpoint (path-style) for the bucket; `requests` records each request's signature. */
export async function serveOverHttp(bucket: S3BucketWorld): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => answer(bucket, request, body, response, requests));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.close();
      server.closeAllConnections();
      await once(server, 'close');
    },
  };
}

function answer(bucket: S3BucketWorld, request: IncomingMessage, body: string, response: ServerResponse, requests: string[]): void {
  const url = new URL(request.url!, 'http://bucket');
  const [, name, ...rest] = url.pathname.split('/');
  const key = decodeURIComponent(rest.join('/'));
  const signed = request.headers.authorization?.startsWith('AWS4-HMAC-SHA256 Credential=AKIDUMMY/') ? 'signed' : 'unsigned';
  requests.push(`${request.method} /${name}/${key} ${signed}`);
  const conditions = { ifMatch: header(request, 'if-match'), ifNoneMatch: header(request, 'if-none-match') };
  try {
    if (name !== bucket.name) throw new BucketError(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (request.method === 'PUT') {
      response.setHeader('ETag', bucket.put(key, body, conditions, header(request, 'x-amz-server-side-encryption')));
    } else if (request.method === 'GET') {
      const stored = bucket.get(key);
      response.setHeader('ETag', stored.etag);
      response.setHeader('Content-Type', 'application/json');
      response.end(stored.body);
      return;
    } else if (request.method === 'DELETE') {
      bucket.delete(key, conditions);
      response.statusCode = 204;
    } else {
      throw new BucketError(501, 'NotImplemented', `${request.method} is not implemented here`);
    }
    response.end();
  } catch (error) {
    const failure = error as BucketError;
    response.statusCode = failure.status ?? 500;
    response.setHeader('Content-Type', 'application/xml');
    response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${failure.name}</Code><Message>${failure.message}</Message><RequestId>1</RequestId></Error>`);
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
