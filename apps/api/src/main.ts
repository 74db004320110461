import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { createApiApp } from './bootstrap';

async function main() {
  const app = await createApiApp();
  const config = app.get(ConfigService);
  // Loopback unless HOST says otherwise (containers set 0.0.0.0): exposing the API is a decision.
  await app.listen(config.getOrThrow<number>('app.port'), config.getOrThrow<string>('app.http.host'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
