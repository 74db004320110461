import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { createApiApp } from './bootstrap';

async function main() {
  const app = await createApiApp();
  const port = app.get(ConfigService).getOrThrow<number>('app.port');
  await app.listen(port, '0.0.0.0');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
