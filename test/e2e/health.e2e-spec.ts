import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { TestSystem } from '../support/system';

describe('readiness', () => {
  it('reports not ready (503) while no worker polls the task queue, ready once one does', async () => {
    process.env.TEMPORAL_TASK_QUEUE = `nobody-polls-${randomUUID()}`;
    const api: NestFastifyApplication = await createApiApp({ logger: false });
    await api.listen(0, '127.0.0.1');
    try {
      const response = await fetch(`${await api.getUrl()}/health`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { details: unknown };
      expect(body.details).toMatchObject({ database: { status: 'up' }, temporal: { status: 'down', pollers: 0 } });
    } finally {
      await api.close();
    }

    const system = await TestSystem.start();
    try {
      const ready = await system.eventually(
        () => system.request('GET', '/health'),
        (r) => r.status === 200,
      );
      expect(ready.body.details.temporal).toMatchObject({ status: 'up' });
      // The calendar's reach is reported, never a reason to refuse traffic.
      expect(ready.body.details.calendar).toMatchObject({ status: 'up', loadedThrough: expect.any(Number) });
      expect(ready.body.details.calendar.loadedThrough).toBeGreaterThanOrEqual(2027);
    } finally {
      await system.stop();
    }
  });
});
