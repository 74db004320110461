import { Gauge, type Registry } from 'prom-client';
import type { SqlExecutor } from '@mentorflow/event-store';
import { allProjections } from '../all-projections';
import { openParkedCounts } from '../parking/parked-events';

/**
 * Per read model, how far its checkpoint is behind the store's last position (0: caught up). Positions come from a
 * sequence, so the figure counts positions, not events: a rolled-back append leaves a gap that is counted until the
 * read model passes it. A read model without a checkpoint yet is behind by the whole store.
 */
export async function projectionLag(db: SqlExecutor): Promise<Record<string, number>> {
  const rows = await db.query<{ name: string; lag: string }>(
    `SELECT p.name, GREATEST(0, (SELECT coalesce(max(position), 0) FROM events) - coalesce(c.position, 0))::text AS lag
     FROM unnest($1::text[]) AS p(name) LEFT JOIN projection_checkpoints c ON c.name = p.name`,
    [allProjections.map((p) => p.name)],
  );
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.lag)]));
}

/** Notifications waiting to be sent (due now or later) and those parked after their last attempt. */
export async function outboxDepth(db: SqlExecutor): Promise<{ pending: number; failed: number }> {
  const [row] = await db.query<{ pending: number; failed: number }>(
    `SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL)::int AS pending,
            count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed
     FROM notification_outbox`,
  );
  return { pending: row?.pending ?? 0, failed: row?.failed ?? 0 };
}

/**
 * The gauges read from the database at each scrape (a few indexed queries, no state in the process): projection lag
 * and parked events per read model, the notification outbox's depth. The API and the worker both report them — the
 * same figures from the same database; dashboards take `max` over the instances.
 */
export function registerStoreMetrics(registry: Registry, db: SqlExecutor): void {
  const names = allProjections.map((p) => p.name);
  new Gauge({
    name: 'mentorflow_projection_lag_positions',
    help: "Store positions between a read model's checkpoint and the store's last event",
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      for (const [projection, lag] of Object.entries(await projectionLag(db))) this.set({ projection }, lag);
    },
  });
  new Gauge({
    name: 'mentorflow_projection_parked_events',
    help: 'Unresolved parked (poison) events per read model',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      const parked = await openParkedCounts(db);
      for (const projection of names) this.set({ projection }, parked[projection] ?? 0);
    },
  });
  new Gauge({
    name: 'mentorflow_notification_outbox',
    help: 'Notifications in the outbox by status: pending (to be sent) or failed (parked after the last attempt)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const { pending, failed } = await outboxDepth(db);
      this.set({ status: 'pending' }, pending);
      this.set({ status: 'failed' }, failed);
    },
  });
}
