import 'reflect-metadata';
import './tracing';
import { ConfigService } from '@nestjs/config';
import { appConfig } from '@mentorflow/config';
import { assertSchemaCurrent, SchemaMismatchError } from '@mentorflow/database';
import { createApiApp } from './bootstrap';

async function main() {
  // The schema first: an API on a schema it does not know would fail (or worse) on the first command.
  await assertSchemaCurrent(appConfig().databaseUrl, 'API');
  const app = await createApiApp();
  const config = app.get(ConfigService);
  // Loopback unless HOST says otherwise (containers set 0.0.0.0): exposing the API is a decision.
  await app.listen(config.getOrThrow<number>('app.port'), config.getOrThrow<string>('app.http.host'));
}

main().catch((error: unknown) => {
  console.error(error instanceof SchemaMismatchError ? error.message : error);
  process.exit(1);
});
