// Node's internal `stream_wrap` binding: the request objects and shared state array that net.Socket itself uses to
// read and write on a libuv handle (lib/net.js, lib/internal/stream_base_commons.js). The data path drives handles
// with it directly (handle-io.ts, tcp-transport.ts). Null where the binding is missing or incomplete, or with
// PGTOPO_PROXY_IO=stream set: callers then keep to net.Socket's public API.

export interface WriteRequest {
  buffer: Buffer | null;
  oncomplete: ((status: number) => void) | null;
}

export interface ShutdownRequest {
  oncomplete: ((status: number) => void) | null;
}

export interface StreamBinding {
  WriteWrap: new () => WriteRequest;
  ShutdownWrap: new () => ShutdownRequest;
  streamBaseState: Int32Array;
  kLastWriteWasAsync: number;
  kReadBytesOrError: number;
}

const REQUIRED = ['kLastWriteWasAsync', 'kReadBytesOrError'] as const;

function loadBinding(): StreamBinding | null {
  if (process.env.PGTOPO_PROXY_IO === 'stream') return null;
  try {
    const binding = (process as unknown as { binding(name: string): Partial<StreamBinding> }).binding('stream_wrap');
    const complete = typeof binding.WriteWrap === 'function' && typeof binding.ShutdownWrap === 'function' && binding.streamBaseState instanceof Int32Array;
    return complete && REQUIRED.every((key) => typeof binding[key] === 'number') ? (binding as StreamBinding) : null;
  } catch {
    return null;
  }
}

export const streamBinding: StreamBinding | null = loadBinding();
