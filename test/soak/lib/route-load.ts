import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { routeStream } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { eventually } from '../../support/poll';
import { courseRow, fourYearsLessADay, ictDeficit } from '../../support/route-setup';
import type { Api, Response } from './api';

/**
 * Load for the reliability runs: individual educational routes driven through the API from creation
 * into implementation, then portfolio entries, each command carrying its own client-chosen id. Every
 * answer is recorded, so the store can afterwards be checked against what clients were told.
 */
export interface Sent {
  routeId?: string;
  /** The domain fact the command asks for and the id that names it in the event's data. */
  fact: 'RouteCreated' | 'DiagnosticsRecorded' | 'RouteDraftSubmitted' | 'RoadMapAgreed' | 'PortfolioEntryRecorded';
  factId?: string;
  status: number;
  /** When the answer came (ms since the epoch). */
  at: number;
}

export interface LoadFigures {
  routes: number;
  commands: number;
  acknowledged: number;
  /** No 2xx: a refusal (4xx) or an unknown outcome (5xx, connection lost, timeout). */
  unacknowledged: number;
  statuses: Record<string, number>;
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export class RouteLoad {
  readonly sent: Sent[] = [];
  readonly routeIds: string[] = [];
  private organisationId = '';
  private as!: Record<'tutor' | 'methodologist' | 'teacher', string>;
  private people!: Record<'tutor' | 'methodologist' | 'teacher', string>;

  constructor(private readonly api: Api) {}

  async setUp(): Promise<void> {
    const admin = this.api.token(randomUUID(), ['administrator']);
    const organisation = await this.api.request('POST', '/organisations', admin, {
      name: 'МБОУ «Школа № 17»',
      kind: 'school',
      municipality: 'г. Тольятти',
      region: 'Самарская область',
      timeZone: 'Europe/Samara',
    });
    if (organisation.status !== 201)
      throw new Error(`organisation: ${organisation.status} ${JSON.stringify(organisation.body)}`);
    this.organisationId = organisation.body.organisationId;
    this.people = { tutor: randomUUID(), methodologist: randomUUID(), teacher: randomUUID() };
    this.as = {
      tutor: this.api.token(this.people.tutor, ['tutor'], [this.organisationId]),
      methodologist: this.api.token(this.people.methodologist, ['methodologist'], [this.organisationId]),
      teacher: this.api.token(this.people.teacher, ['mentee'], [this.organisationId]),
    };
    await this.api.usersStored();
  }

  private today = () => new Date().toISOString().slice(0, 10);
  private rows = () => [courseRow(addDays(this.today(), 120))];

  private async send(
    fact: Sent['fact'],
    factId: string | undefined,
    routeId: string | undefined,
    call: () => Promise<Response>,
  ): Promise<Response> {
    const response = await call();
    this.sent.push({ routeId, fact, factId, status: response.status, at: Date.now() });
    return response;
  }

  /** One route from creation to implementation; false when a step was not acknowledged (the route stops there). */
  async driveRoute(): Promise<string | undefined> {
    const today = this.today();
    const created = await this.send('RouteCreated', undefined, undefined, () =>
      this.api.request('POST', `/organisations/${this.organisationId}/routes`, this.as.tutor, {
        teacherId: this.people.teacher,
        methodologistId: this.people.methodologist,
        regionCode: '63',
        titlePage: {
          position: 'Учитель математики',
          education: 'Высшее педагогическое, СГСПУ, 2012',
          teachingExperienceYears: 12,
          selfEducationTopic: 'Функциональная грамотность',
          startDate: today,
          endDate: fourYearsLessADay(today),
        },
        goal: 'Преодолеть дефициты в области ИКТ',
        tasks: ['Освоить цифровые сервисы для уроков'],
      }),
    );
    const routeId = created.body?.state?.routeId as string | undefined;
    if (created.status !== 201 || !routeId) return undefined;
    (this.sent.at(-1) as Sent).routeId = routeId;
    this.routeIds.push(routeId);

    const diagnosticsId = randomUUID();
    const steps: [Sent['fact'], string | undefined, () => Promise<Response>][] = [
      [
        'DiagnosticsRecorded',
        diagnosticsId,
        () =>
          this.api.request('POST', `/routes/${routeId}/record-diagnostics`, this.as.tutor, {
            diagnosticsId,
            date: today,
            results: ictDeficit(),
          }),
      ],
      [
        'RouteDraftSubmitted',
        undefined,
        () => this.api.request('POST', `/routes/${routeId}/submit-draft`, this.as.methodologist, { rows: this.rows() }),
      ],
      [
        'RoadMapAgreed',
        undefined,
        () =>
          this.api.request('POST', `/routes/${routeId}/agree-road-map`, this.as.tutor, {
            controlPoints: [{ controlPointId: 'cp-1', date: addDays(today, 90), description: 'Курс пройден' }],
          }),
      ],
    ];
    for (const [fact, factId, call] of steps) {
      if ((await this.send(fact, factId, routeId, call)).status !== 200) return undefined;
    }
    return routeId;
  }

  async portfolioEntry(routeId: string): Promise<Response> {
    const entryId = randomUUID();
    return this.send('PortfolioEntryRecorded', entryId, routeId, () =>
      this.api.request('POST', `/routes/${routeId}/record-portfolio-entry`, this.as.teacher, {
        entryId,
        rowId: 'row-1',
        product: 'Урок с цифровым тренажёром',
        selfAssessment: 'Ученики работали активнее',
      }),
    );
  }

  figures(): LoadFigures {
    const statuses: Record<string, number> = {};
    for (const s of this.sent) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    const acknowledged = this.sent.filter((s) => s.status >= 200 && s.status < 300).length;
    return {
      routes: this.routeIds.length,
      commands: this.sent.length,
      acknowledged,
      unacknowledged: this.sent.length - acknowledged,
      statuses,
    };
  }
}

export interface StoreCheck {
  streams: number;
  events: number;
  problems: string[];
}

const factKey = (type: string, data: Record<string, unknown>): string | undefined => {
  switch (type) {
    case 'RouteCreated':
    case 'RouteDraftSubmitted':
    case 'RoadMapAgreed':
      return type;
    case 'DiagnosticsRecorded':
      return `${type}:${data.diagnosticsId as string}`;
    case 'PortfolioEntryRecorded':
      return `${type}:${data.entryId as string}`;
    default:
      return undefined;
  }
};

/**
 * What the store must hold after any crash: every acknowledged command's fact exactly once, nothing
 * nobody asked for, an unacknowledged command's fact at most once, stream versions 1..n without a gap,
 * unique event ids, each stream's hash chain intact and tasks raised once.
 */
export async function checkStore(databaseUrl: string, load: RouteLoad): Promise<StoreCheck> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const problems: string[] = [];
  let events = 0;
  try {
    const store = new EventStore({ query: async (sql, p) => (await client.query(sql, p)).rows });
    const bySent = new Map<string, Sent[]>();
    for (const s of load.sent) {
      if (!s.routeId) continue;
      bySent.set(s.routeId, [...(bySent.get(s.routeId) ?? []), s]);
    }
    for (const routeId of load.routeIds) {
      const stream = routeStream(routeId);
      const recorded = await store.readStream(stream);
      events += recorded.length;
      recorded.forEach((e, i) => {
        if (e.streamVersion !== i + 1) problems.push(`${stream}: version ${e.streamVersion} at index ${i}`);
      });
      const facts = new Map<string, number>();
      const tasks = new Map<string, number>();
      for (const e of recorded) {
        const key = factKey(e.type, e.data);
        if (key) facts.set(key, (facts.get(key) ?? 0) + 1);
        if (e.type === 'TaskRaised') tasks.set(e.data.taskId as string, (tasks.get(e.data.taskId as string) ?? 0) + 1);
      }
      for (const [key, n] of [...facts, ...tasks]) if (n > 1) problems.push(`${stream}: ${key} recorded ${n} times`);
      const asked = new Set<string>();
      for (const s of bySent.get(routeId) ?? []) {
        const key = s.factId ? `${s.fact}:${s.factId}` : s.fact;
        asked.add(key);
        const n = facts.get(key) ?? 0;
        const acknowledged = s.status >= 200 && s.status < 300;
        if (acknowledged && n !== 1) problems.push(`${stream}: acknowledged ${key} stored ${n} times`);
        if (!acknowledged && n > 1) problems.push(`${stream}: unacknowledged ${key} stored ${n} times`);
      }
      for (const key of facts.keys())
        if (!asked.has(key)) problems.push(`${stream}: ${key} stored but never asked for`);
      const chain = await store.verifyStream(stream);
      if (!chain.valid) problems.push(`${stream}: hash chain broken at version ${chain.firstBrokenVersion}`);
    }
    const [ids] = (await client.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM events'))
      .rows;
    if (ids.n !== ids.d) problems.push(`event ids not unique: ${ids.n} events, ${ids.d} ids`);
  } finally {
    await client.end();
  }
  return { streams: load.routeIds.length, events, problems };
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/**
 * Waits until routes_view holds every route at its stream's version: the projector, killed or cut off
 * from its database with everything else, has caught up. Returns the routes still behind.
 */
export async function waitForProjection(
  databaseUrl: string,
  routeIds: string[],
  timeoutMs = 60_000,
): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const behind = async () =>
      (
        await client.query<{ route_id: string }>(
          `SELECT s.route_id FROM unnest($1::uuid[]) AS s(route_id)
             LEFT JOIN routes_view v ON v.route_id = s.route_id
            WHERE coalesce(v.version, 0) <> (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = 'route-' || s.route_id::text)`,
          [routeIds],
        )
      ).rows;
    const rows = await eventually(behind, (r) => r.length === 0, { timeoutMs, intervalMs: 200 });
    return rows.map((r) => `${routeStream(r.route_id)}: routes_view behind its stream`);
  } finally {
    await client.end();
  }
}
