import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';
import { roles, type Role } from '@mentorflow/domain';
import type { RoleAssignment } from '../apps/api/src/auth/auth.types';
import { UserDirectory } from '../apps/api/src/users/user-directory';

/**
 * Registers (or extends) a user in the database and prints a development bearer token for them:
 *   npm run token -- --role administrator
 *   npm run token -- --role curator --org <organisationId> [--sub <subject>] [--name "Иванова М. П."] [--expires 12h]
 *   npm run token -- --role regionalCoordinator --region "Самарская область" [--municipality "г. Тольятти"]
 * Roles come from the database, not the token: each --role is granted in each --org (an administrator
 * unscoped, a regional coordinator in --region), recorded as RoleGranted events like an
 * administrator's grant. DATABASE_URL defaults to the embedded PostgreSQL of `npm start`. With OIDC,
 * the same command with the provider's subject as --sub bootstraps the first administrator (ignore the token).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      org: { type: 'string', multiple: true },
      region: { type: 'string' },
      municipality: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const requested = values.role ?? [];
  const unknown = requested.filter((r) => !(roles as readonly string[]).includes(r));
  if (requested.length === 0 || unknown.length > 0) {
    throw new Error(
      `--role is required, one of: ${roles.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
    );
  }
  const organisations = values.org ?? [];
  const assignments = (requested as Role[]).flatMap((role): RoleAssignment[] => {
    if (role === 'administrator') return [{ role }];
    if (role === 'regionalCoordinator') {
      if (!values.region) throw new Error('--role regionalCoordinator needs --region');
      return [{ role, region: values.region, ...(values.municipality ? { municipality: values.municipality } : {}) }];
    }
    if (organisations.length === 0) throw new Error(`--role ${role} needs --org <organisationId>`);
    return organisations.map((organisationId) => ({ role, organisationId }));
  });

  const sub = values.sub ?? randomUUID();
  const url =
    process.env.DATABASE_URL ??
    `postgres://postgres:postgres@127.0.0.1:${process.env.MENTORFLOW_PG_PORT ?? 54329}/mentorflow`;
  const db = await new DataSource(dataSourceOptions(url, { extra: { max: 2 } })).initialize();
  try {
    const user = await new UserDirectory(db).ensure(sub, values.name ?? `Пользователь ${sub.slice(0, 8)}`, assignments);
    process.stderr.write(
      `[token] user ${user.userId} (${user.sub}): ${user.assignments.map((a) => [a.role, a.organisationId ?? a.region].filter(Boolean).join('@')).join(', ')}\n`,
    );
  } finally {
    await db.destroy();
  }

  const secretModule = (await import(join(__dirname, 'lib', 'dev-secret.mjs'))) as {
    developmentJwtSecret(root: string): string;
  };
  const secret = secretModule.developmentJwtSecret(join(__dirname, '..'));
  const token = new JwtService({ secret }).sign(
    { sub },
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
