import type { SqlExecutor } from '@mentorflow/event-store';
import type { Projection } from '../projection';
import { projectionByName } from '../projection-by-name';
import type { Projector, RetryOutcome } from '../projector';
import { openParkedEvents, type ParkedEvent } from './parked-events';

/**
 * Retries every unresolved parked event of `projections` (`npm run projections:retry`), oldest first, each
 * on its own: one that fails again stays parked and the others are still tried.
 */
export async function retryAllParked(
  projector: Projector,
  db: SqlExecutor,
  projections: readonly Projection[],
  retriedBy: string,
): Promise<{ parked: ParkedEvent; outcome: RetryOutcome['kind'] }[]> {
  const open: ParkedEvent[] = [];
  for (const projection of projections) {
    for (let offset = 0; ; offset += 100) {
      const page = await openParkedEvents(db, { limit: 100, offset }, projection.name);
      open.push(...page);
      if (page.length < 100) break;
    }
  }
  const results: { parked: ParkedEvent; outcome: RetryOutcome['kind'] }[] = [];
  for (const parked of open) {
    const outcome = await projector.retryParked(projectionByName(parked.projection, projections), parked.id, {
      by: retriedBy,
    });
    results.push({ parked, outcome: outcome.kind });
  }
  return results;
}
