import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Who may use the codec server: answered from the request's Authorization header. */
export type CodecAuthorizer = (
  authorization: string | undefined,
) => Promise<{ allowed: true } | { allowed: false; status: 401 | 403; message: string }>;

export interface CodecHandlerOptions {
  codec: PayloadCodec;
  /** The Temporal UI's origin (`http://127.0.0.1:8233`): the only one a browser may call from. */
  uiOrigin: string;
  authorize: CodecAuthorizer;
  /** Larger bodies are refused before they are read (Temporal's own limit on a payload is 2 MB). */
  maxBodyBytes?: number;
}

const Proto = temporal.api.common.v1.Payload;
/** The codec server protocol: `{ payloads: [Payload in proto3 JSON, bytes as base64] }` both ways. */
const fromJson = (body: { payloads?: unknown[] }): Payload[] =>
  (body.payloads ?? []).map((p) => Proto.fromObject(p as Record<string, unknown>));
const toJson = (payloads: Payload[]) => ({
  payloads: payloads.map((p) => Proto.toObject(Proto.create(p), { bytes: String })),
});

/**
 * The HTTP handler of the codec server (scripts/codec-server.ts). Decrypting a payload reveals the
 * personal data the encryption keeps out of Temporal, and encrypting one forges input a workflow
 * trusts, so every call needs `authorize`'s consent (an administrator's bearer token); browsers may call
 * only from the Temporal UI's origin, and a request carrying another Origin is refused outright.
 */
export function codecRequestHandler({
  codec,
  uiOrigin,
  authorize,
  maxBodyBytes = 4 * 1024 * 1024,
}: CodecHandlerOptions) {
  const reply = (res: ServerResponse, status: number, body?: unknown) => {
    if (body === undefined) return void res.writeHead(status).end();
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader('vary', 'origin');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== uiOrigin)
      return reply(res, 403, { message: `origin ${origin} is not the Temporal UI's` });
    res.setHeader('access-control-allow-origin', uiOrigin);
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    res.setHeader('access-control-allow-headers', 'content-type, x-namespace, authorization');
    res.setHeader('access-control-allow-credentials', 'true');
    // A preflight carries no credentials: it is answered, the request that follows is authorised.
    if (req.method === 'OPTIONS') return reply(res, 204);
    const operation = req.url?.split('?')[0]?.replace(/\/+$/, '').split('/').pop();
    if (req.method !== 'POST' || (operation !== 'encode' && operation !== 'decode')) return reply(res, 404);
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes)
      return reply(res, 413, { message: `body over ${maxBodyBytes} bytes` });

    void (async () => {
      try {
        const verdict = await authorize(req.headers.authorization);
        if (!verdict.allowed) {
          if (verdict.status === 401) res.setHeader('www-authenticate', 'Bearer');
          req.resume();
          return reply(res, verdict.status, { message: verdict.message });
        }
        const body = await readBody(req, maxBodyBytes);
        if (body === undefined) return reply(res, 413, { message: `body over ${maxBodyBytes} bytes` });
        let payloads: Payload[];
        try {
          payloads = fromJson(JSON.parse(body) as { payloads?: unknown[] });
        } catch (error) {
          return reply(res, 400, { message: (error as Error).message });
        }
        const result = operation === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
        reply(res, 200, toJson(result));
      } catch (error) {
        // A payload that does not decrypt (another key, tampered) is the caller's input, not a crash.
        reply(res, 400, { message: (error as Error).message });
      }
    })();
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
