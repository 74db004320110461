import {
  DomainRefusal,
  practiceDecider,
  practiceStream,
  type PracticeState,
  type UnmetCondition,
} from '@mentorflow/domain';
import { type EventStore, loadAggregate } from '@mentorflow/event-store';
import type { DataSource } from 'typeorm';

interface LinkedRow {
  readonly practiceId?: string;
}

/**
 * A road map's «изучение практики» rows (issue 28) may link only a practice published in the bank of the
 * route organisation's region: the API checks the rows against the bank before the route's workflow gets
 * them (the workflow cannot read the bank), refusing with each row's reason.
 */
export async function assertPracticeLinks(
  store: EventStore,
  db: DataSource,
  rows: readonly LinkedRow[] | undefined,
  organisationId: string,
): Promise<void> {
  const linked = (rows ?? []).map((row, i) => ({ at: i + 1, practiceId: row.practiceId })).filter((r) => r.practiceId);
  if (linked.length === 0) return;
  // From the practices' own streams: a practice published a moment ago counts before the bank's read model has it.
  const practices = await Promise.all(
    linked.map(async ({ practiceId }) => {
      const { state } = await loadAggregate<PracticeState, never>(
        store,
        practiceStream(practiceId ?? ''),
        practiceDecider,
      );
      return state;
    }),
  );
  const regions = await db.query<{ organisation_id: string; region: string }[]>(
    'SELECT organisation_id::text, region FROM organisations_view WHERE organisation_id = ANY($1::uuid[])',
    [[organisationId, ...practices.flatMap((p) => (p.status === 'none' ? [] : [p.organisationId]))]],
  );
  const regionOf = (id: string) => regions.find((r) => r.organisation_id === id)?.region;
  const unmet: UnmetCondition[] = linked.flatMap(({ at }, i): UnmetCondition[] => {
    const practice = practices[i];
    const row = `Строка ${at} дорожной карты`;
    if (practice === undefined || practice.status === 'none')
      return [{ code: 'roadMap.row.practiceNotFound', message: `${row}: практика не найдена в банке` }];
    if (practice.status !== 'published')
      return [{ code: 'roadMap.row.practiceNotPublished', message: `${row}: практика ещё не опубликована в банке` }];
    if (regionOf(practice.organisationId) !== regionOf(organisationId))
      return [{ code: 'roadMap.row.practiceOtherRegion', message: `${row}: практика из банка другого региона` }];
    return [];
  });
  if (unmet.length > 0)
    throw new DomainRefusal(
      'route.roadMap.practice',
      'Для изучения можно выбрать только опубликованную практику из банка своего региона',
      unmet,
    );
}

/** The linked practices' titles and authors, for the road map's links and the route's DOCX. */
export async function linkedPractices(
  db: DataSource,
  practiceIds: readonly string[],
): Promise<{ practiceId: string; title: string; authorId: string }[]> {
  const ids = [...new Set(practiceIds)];
  if (ids.length === 0) return [];
  const rows = await db.query<{ practice_id: string; title: string; author_id: string }[]>(
    `SELECT practice_id::text, state->'content'->>'title' AS title, author_id::text
       FROM practices_view WHERE practice_id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map((r) => ({ practiceId: r.practice_id, title: r.title, authorId: r.author_id }));
}
