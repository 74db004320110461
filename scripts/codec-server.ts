/**
 * A Temporal codec server (https://docs.temporal.io/production-deployment/data-encryption) so that the
 * Temporal Web UI and `temporal workflow show --codec-endpoint` can show decrypted payloads. It decrypts
 * for whoever can reach it: it listens on 127.0.0.1 by default and answers only the configured UI origin.
 * Usage: TEMPORAL_PAYLOAD_KEYS=… node -r @swc-node/register scripts/codec-server.ts [--port 8888] [--ui-origin http://127.0.0.1:8233]
 */
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { payloadCodecFor } from '../libs/temporal/src/payload-codec';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.CODEC_SERVER_PORT ?? '8888' },
    host: { type: 'string', default: process.env.CODEC_SERVER_HOST ?? '127.0.0.1' },
    'ui-origin': { type: 'string', default: process.env.CODEC_SERVER_UI_ORIGIN ?? 'http://127.0.0.1:8233' },
  },
});
const codec = payloadCodecFor(process.env.TEMPORAL_PAYLOAD_KEYS);
const origin = values['ui-origin'] as string;
const Proto = temporal.api.common.v1.Payload;

/** The codec server protocol: `{ payloads: [Payload in proto3 JSON, bytes as base64] }` both ways. */
const fromJson = (body: { payloads?: unknown[] }): Payload[] => (body.payloads ?? []).map((p) => Proto.fromObject(p as Record<string, unknown>));
const toJson = (payloads: Payload[]) => ({ payloads: payloads.map((p) => Proto.toObject(Proto.create(p), { bytes: String })) });

const server = createServer((req, res) => {
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'content-type, x-namespace, authorization');
  res.setHeader('access-control-allow-credentials', 'true');
  if (req.method === 'OPTIONS') return void res.writeHead(204).end();
  const operation = req.url?.replace(/\/+$/, '').split('/').pop();
  if (req.method !== 'POST' || (operation !== 'encode' && operation !== 'decode')) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    void (async () => {
      try {
        const payloads = fromJson(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { payloads?: unknown[] });
        const result = operation === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(toJson(result)));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: (error as Error).message }));
      }
    })();
  });
});

server.listen(Number(values.port), values.host as string, () => {
  process.stderr.write(`[mentorflow] codec server on http://${values.host}:${values.port} for ${origin} (active key "${codec.activeKeyId}")\n`);
});
