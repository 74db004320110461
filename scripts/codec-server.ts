/**
 * A Temporal codec server (https://docs.temporal.io/production-deployment/data-encryption) so that the
 * Temporal Web UI and `temporal workflow show --codec-endpoint` can show decrypted payloads.
 * Every request needs the API's authentication: `Authorization: Bearer <token>` of a user holding the
 * administrator role (README: Temporal's port, codec server); browsers may call only from --ui-origin.
 * It reads the API's environment (DATABASE_URL for the roles, JWT_SECRET or OIDC_*, TEMPORAL_PAYLOAD_KEYS).
 * Usage: node -r @swc-node/register scripts/codec-server.ts [--port 8888] [--host 127.0.0.1] [--ui-origin http://127.0.0.1:8233]
 */
import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { appConfig } from '@mentorflow/config';
import { dataSourceOptions } from '@mentorflow/database';
import { administratorTokenCheck } from '../apps/api/src/auth/administrator-token';
import { TokenVerifier } from '../apps/api/src/auth/token-verifier';
import { UserDirectory } from '../apps/api/src/users/user-directory';
import { codecRequestHandler } from '../libs/temporal/src/codec-http';
import { payloadCodecFor } from '../libs/temporal/src/payload-codec';

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.CODEC_SERVER_PORT ?? '8888' },
      host: { type: 'string', default: process.env.CODEC_SERVER_HOST ?? '127.0.0.1' },
      'ui-origin': { type: 'string', default: process.env.CODEC_SERVER_UI_ORIGIN ?? 'http://127.0.0.1:8233' },
    },
  });
  // The API's configuration, validated the same way; the codec server itself never connects to Temporal.
  process.env.TEMPORAL_ADDRESS ||= 'unused-by-the-codec-server:7233';
  const config = appConfig();
  const db = await new DataSource(dataSourceOptions(config.databaseUrl, { extra: { max: 2 } })).initialize();
  const verifier = new TokenVerifier(new JwtService({}), new ConfigService({ app: config }));
  const codec = payloadCodecFor(config.temporal.payloadKeys);
  const origin = values['ui-origin'] as string;
  const server = createServer(
    codecRequestHandler({
      codec,
      uiOrigin: origin,
      authorize: administratorTokenCheck(verifier, new UserDirectory(db)),
    }),
  );
  server.listen(Number(values.port), values.host as string, () => {
    const { port } = server.address() as AddressInfo;
    process.stderr.write(
      `[mentorflow] codec server on http://${values.host}:${port} for ${origin}, administrators only (active key "${codec.activeKeyId}")\n`,
    );
  });
  const stop = () => {
    server.close(() => void db.destroy().finally(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`[mentorflow] codec server: ${error.message}\n`);
  process.exit(1);
});
