import type { RecordedEvent, SqlExecutor } from '@mentorflow/event-store';
import type { Projection } from '../projection';
import { eventOccurredAt, reportEventTypes, subjectsOf, type SubjectRef } from './report-facts';

interface Version {
  at: string;
  organisationId: string;
  json: string;
}

interface OpenInterval {
  id: string;
  from: string;
  json: string;
}

/** What to write for one subject: the open interval's new content and end, and the intervals after it. */
interface IntervalPlan {
  /** Null content or organisation: keep the stored one (only the end changes). */
  update?: { id: string; json: string | null; organisationId: string | null; validTo: string | null };
  inserts: (Version & { validTo: string | null })[];
}

/**
 * Report facts with validity intervals. Each subject (organisation, programme, pair, route, task,
 * monitoring result) is folded with its domain decider; whenever what a report reads of it changes, the
 * open interval closes at the event's own instant and a new one opens. A report as of an instant is then
 * a WHERE on intervals, and rebuilding from the store gives the same table. Each batch is read and
 * written with a handful of set-based statements, not a few per subject.
 */
export const reportFactsProjection: Projection = {
  name: 'report-facts',
  eventTypes: new Set(reportEventTypes),

  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    const bySubject = new Map<string, { ref: SubjectRef; events: RecordedEvent[] }>();
    for (const event of events) {
      for (const ref of subjectsOf(event)) {
        const entry = bySubject.get(ref.key) ?? { ref, events: [] };
        entry.events.push(event);
        bySubject.set(ref.key, entry);
      }
    }
    if (bySubject.size === 0) return;
    const stored = new Map(
      (
        await tx.query<{ subject_key: string; state: unknown; version: number; last_at: Date }>(
          'SELECT subject_key, state, version, last_at FROM report_subjects WHERE subject_key = ANY($1::text[]) FOR UPDATE',
          [[...bySubject.keys()]],
        )
      ).map((r) => [r.subject_key, r]),
    );

    const folded: { key: string; state: string; version: number; lastAt: string }[] = [];
    const changed: { ref: SubjectRef; versions: Version[] }[] = [];
    for (const [key, { ref, events: subjectEvents }] of bySubject) {
      const row = stored.get(key);
      // Every event of a subject lives in one stream: its version says what was applied already.
      const fresh = subjectEvents.filter((e) => e.streamVersion > (row?.version ?? 0));
      const last = fresh.at(-1);
      if (!last) continue;
      let state = (row?.state ?? ref.kind.initialState()) as never;
      let lastAt = row ? row.last_at.getTime() : Number.NEGATIVE_INFINITY;
      const versions: Version[] = [];
      for (const event of fresh) {
        state = ref.kind.evolve(state, event) as never;
        // Intervals must not run backwards even if a clock did.
        lastAt = Math.max(Date.parse(eventOccurredAt(event)), lastAt);
        const derived = ref.kind.facts(state);
        if (!derived) continue;
        const version = {
          at: new Date(lastAt).toISOString(),
          organisationId: derived.organisationId,
          json: JSON.stringify(derived.facts),
        };
        // Several events at one instant leave one interval: the state after the last of them.
        if (versions.at(-1)?.at === version.at) versions[versions.length - 1] = version;
        else versions.push(version);
      }
      folded.push({
        key,
        state: JSON.stringify(state),
        version: last.streamVersion,
        lastAt: new Date(lastAt).toISOString(),
      });
      if (versions.length > 0) changed.push({ ref, versions });
    }
    if (folded.length === 0) return;

    await tx.query(
      `INSERT INTO report_subjects (subject_key, state, version, last_at)
       SELECT k, s::jsonb, v, t FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[]) AS u(k, s, v, t)
       ON CONFLICT (subject_key) DO UPDATE SET state = excluded.state, version = excluded.version, last_at = excluded.last_at`,
      [folded.map((f) => f.key), folded.map((f) => f.state), folded.map((f) => f.version), folded.map((f) => f.lastAt)],
    );
    if (changed.length > 0) await writeIntervals(changed, tx);
  },

  async reset(tx: SqlExecutor): Promise<void> {
    await tx.query('TRUNCATE report_facts, report_subjects');
  },
};

async function writeIntervals(changed: { ref: SubjectRef; versions: Version[] }[], tx: SqlExecutor): Promise<void> {
  const openRows = await tx.query<{
    id: string;
    subject_type: string;
    subject_id: string;
    valid_from: Date;
    facts: object;
  }>(
    `SELECT f.id, f.subject_type, f.subject_id, f.valid_from, f.facts FROM report_facts f
     JOIN unnest($1::text[], $2::text[]) AS u(t, i) ON f.subject_type = u.t AND f.subject_id = u.i
     WHERE f.valid_to IS NULL FOR UPDATE OF f`,
    [changed.map((c) => c.ref.kind.type), changed.map((c) => c.ref.id)],
  );
  const open = new Map(
    openRows.map((r) => [
      `${r.subject_type}:${r.subject_id}`,
      { id: r.id, from: r.valid_from.toISOString(), json: JSON.stringify(r.facts) },
    ]),
  );
  const updates: NonNullable<IntervalPlan['update']>[] = [];
  const inserts: { type: string; id: string; version: Version & { validTo: string | null } }[] = [];
  for (const { ref, versions } of changed) {
    const plan = planIntervals(open.get(`${ref.kind.type}:${ref.id}`), versions);
    if (plan.update) updates.push(plan.update);
    for (const version of plan.inserts) inserts.push({ type: ref.kind.type, id: ref.id, version });
  }
  // Closing the open intervals first keeps "one open interval per subject" true at every statement.
  if (updates.length > 0) {
    await tx.query(
      `UPDATE report_facts f SET facts = coalesce(u.j::jsonb, f.facts), organisation_id = coalesce(u.o, f.organisation_id), valid_to = u.t
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[]) AS u(id, j, o, t) WHERE f.id = u.id`,
      [
        updates.map((u) => u.id),
        updates.map((u) => u.json),
        updates.map((u) => u.organisationId),
        updates.map((u) => u.validTo),
      ],
    );
  }
  if (inserts.length > 0) {
    await tx.query(
      `INSERT INTO report_facts (subject_type, subject_id, organisation_id, valid_from, valid_to, facts)
       SELECT t, i, o, f, e, j::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[]) AS u(t, i, o, f, e, j)`,
      [
        inserts.map((x) => x.type),
        inserts.map((x) => x.id),
        inserts.map((x) => x.version.organisationId),
        inserts.map((x) => x.version.at),
        inserts.map((x) => x.version.validTo),
        inserts.map((x) => x.version.json),
      ],
    );
  }
}

/**
 * The intervals a subject's new versions make after its open one: an unchanged version adds nothing, a
 * version at the open interval's own instant replaces its content, any other opens the next interval.
 */
export function planIntervals(open: OpenInterval | undefined, versions: readonly Version[]): IntervalPlan {
  let current: { from: string; json: string } | undefined = open;
  let update: IntervalPlan['update'];
  const inserts: Version[] = [];
  for (const version of versions) {
    if (current && sameFacts(current.json, version.json)) continue;
    if (current && current.from === version.at) {
      if (inserts.length > 0) inserts[inserts.length - 1] = version;
      else if (open)
        update = { id: open.id, json: version.json, organisationId: version.organisationId, validTo: null };
      current = { from: version.at, json: version.json };
      continue;
    }
    inserts.push(version);
    current = { from: version.at, json: version.json };
  }
  const first = inserts[0];
  if (open && first)
    update = {
      id: open.id,
      json: update?.json ?? null,
      organisationId: update?.organisationId ?? null,
      validTo: first.at,
    };
  return {
    ...(update ? { update } : {}),
    inserts: inserts.map((v, i) => ({ ...v, validTo: inserts[i + 1]?.at ?? null })),
  };
}

const canonical = (json: string): string => JSON.stringify(sortKeys(JSON.parse(json)));
const sortKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortKeys)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k, sortKeys(v)]),
        )
      : value;
// jsonb reorders keys: compare key-sorted forms when the texts differ.
const sameFacts = (a: string, b: string): boolean => a === b || canonical(a) === canonical(b);
