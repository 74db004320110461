import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { roles, type Role } from '@mentorflow/domain';

/**
 * Issues a development bearer token signed with the configured secret:
 *   npm run token -- --role administrator
 *   npm run token -- --role curator --org <organisationId> [--sub <userId>] [--expires 12h]
 */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      org: { type: 'string', multiple: true },
      sub: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const requested = values.role ?? [];
  const unknown = requested.filter((r) => !(roles as readonly string[]).includes(r));
  if (requested.length === 0 || unknown.length > 0) {
    throw new Error(`--role is required, one of: ${roles.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  }
  const secretModule = (await import(join(__dirname, 'lib', 'dev-secret.mjs'))) as { developmentJwtSecret(root: string): string };
  const secret = secretModule.developmentJwtSecret(join(__dirname, '..'));
  const jwt = new JwtService({ secret });
  const token = jwt.sign(
    { sub: values.sub ?? randomUUID(), roles: requested as Role[], organisationIds: values.org ?? [] },
    {
      algorithm: 'HS256',
      issuer: process.env.JWT_ISSUER ?? 'mentorflow',
      audience: process.env.JWT_AUDIENCE ?? 'mentorflow-api',
      expiresIn: values.expires as `${number}h`,
    },
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
