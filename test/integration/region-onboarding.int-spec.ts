import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { localDateOf } from '@mentorflow/calendar';
import {
  mentorLoadDecider,
  mentorLoadStream,
  organisationStream,
  pairDecider,
  parseMentorLoadStream,
  parsePairStream,
  parseRouteStream,
  routeDecider,
  russianDate,
  type CreatedRoute,
  type PairState,
  type RouteState,
} from '@mentorflow/domain';
import { loadAggregate } from '@mentorflow/event-store';
import type { DataSource } from 'typeorm';
import { activitiesFrom } from '../../apps/worker/src/create-worker';
import { generateRegion, type GeneratedStream } from '../../scripts/region/generate-region';
import { onboardRegion } from '../../scripts/region/onboard-region';
import { pairFormedUpdate, pairViewQuery, recordDiaryEntryUpdate } from '../../workflows/pair/pair.messages';
import { pairWorkflow } from '../../workflows/pair/pair.workflow';
import { routeViewQuery } from '../../workflows/route/route.messages';
import { loadFixtureCalendarYears, yearsNeededFrom } from '../support/calendar-fixture';
import { pairStartOptions } from '../support/pair-start';
import { eventually } from '../support/poll';
import { openTestDataSource } from '../support/database';
import { useTimeSkippingWorker } from '../support/time-skipping';

const fold = <S>(decider: { evolve: (s: S, e: never) => S; initialState: () => S }, stream: GeneratedStream): S =>
  stream.events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as never), decider.initialState());

/**
 * Issue 24 §2: a region entered through the bulk path (appended streams, then the workflows of its running
 * programmes, pairs and routes started with the snapshot of their streams) behaves as one entered command by
 * command through the API. A fixed region: seed 1 ending 30 November 2026 has completed and terminated pairs,
 * mentors with two mentees and two routes whose drafts are still open.
 */
describe('onboarding a region through the bulk path (PostgreSQL, time-skipping Temporal)', () => {
  const taskQueue = `onboarding-test-${randomUUID()}`;
  const temporal = useTimeSkippingWorker({ taskQueue, activities: activitiesFrom });
  const region = generateRegion({
    municipalities: 2,
    organisations: 3,
    pairs: 12,
    routes: 9,
    seed: 1,
    region: `Тестовая область ${randomUUID().slice(0, 8)}`,
    regionCode: 96,
    now: Date.parse('2026-11-30T09:00:00.000Z'),
  });
  const streams = (parse: (id: string) => string | undefined) =>
    region.streams.filter((s) => parse(s.streamId) !== undefined);
  const pairs = streams(parsePairStream).map((s) => ({ stream: s, state: fold<PairState>(pairDecider, s) }));
  const routes = streams(parseRouteStream).map((s) => ({ stream: s, state: fold<RouteState>(routeDecider, s) }));
  const running = {
    pairs: pairs.filter(({ state }) => state.status !== 'completed' && state.status !== 'terminated'),
    routes: routes.filter(({ state }) => state.status === 'created' && state.stage !== 'completed'),
  };
  const onboard = () =>
    onboardRegion(
      {
        store: temporal.store,
        query: (sql, p) => db.query(sql, p),
        temporal: { client: temporal.env.client, taskQueue },
      },
      region,
    );
  const generatedStored = async () => {
    const [row] = await db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM events WHERE event_id = ANY($1::uuid[])',
      [region.streams.flatMap((s) => s.events.map((e) => e.eventId))],
    );
    return row?.n;
  };
  let first: Awaited<ReturnType<typeof onboard>>;
  let db: DataSource;

  /**
   * The route whose open draft the timer test watches. The region is generated as of 30 November 2026, so its drafts
   * fall due in December 2026 — behind the test server's clock on a later day. Before onboarding, this draft's task
   * is moved to fall due twenty seconds after the server's now (its deadline, local date and title), so its workflow
   * starts with a timer on whatever day the suite runs. Seconds, not days: on a clock years ahead (npm run
   * test:clock) the seeded routes' workflows catch up on every missed month, and the time-skipping server moves its
   * clock in real time while they work.
   */
  let watched: { route: CreatedRoute; taskId: string; dueAt: number };
  const moveDraftDeadline = (nowMs: number) => {
    const found = running.routes.find(({ state }) => {
      const route = state as CreatedRoute;
      return route.draft !== undefined && route.tasks[route.draft.taskId]?.status === 'open';
    });
    if (found === undefined) throw new Error('no route with an open draft in the region');
    const route = found.state as CreatedRoute;
    const taskId = route.draft?.taskId as string;
    const raised = found.stream.events.find((e) => e.type === 'TaskRaised' && e.data.taskId === taskId);
    const registered = region.streams
      .find((s) => s.streamId === organisationStream(route.organisationId))
      ?.events.find((e) => e.type === 'OrganisationRegistered');
    const timeZone = registered?.data.timeZone as string;
    if (raised === undefined || !timeZone) throw new Error('the draft task or its organisation is not in the region');
    const dueAt = new Date(nowMs + 20_000).toISOString();
    const dueLocalDate = localDateOf(new Date(dueAt), timeZone);
    Object.assign(raised.data, {
      dueAt,
      dueLocalDate,
      title: String(raised.data.title).replace(/до \d\d\.\d\d\.\d{4}/, `до ${russianDate(dueLocalDate)}`),
    });
    return { route, taskId, dueAt: Date.parse(dueAt) };
  };

  beforeAll(async () => {
    db = await openTestDataSource();
    await loadFixtureCalendarYears(temporal.store, yearsNeededFrom(new Date(await temporal.nowMs()), 2));
    watched = moveDraftDeadline(await temporal.nowMs());
    first = await onboard();
  });
  afterAll(() => db.destroy());

  it('appends every stream and starts a workflow for each running programme, pair and route, none for finished ones', async () => {
    const events = region.streams.reduce((t, s) => t + s.events.length, 0);
    expect(first.events).toBe(events);
    expect(await generatedStored()).toBe(events);
    const finished = pairs.length - running.pairs.length + routes.length - running.routes.length;
    expect(finished).toBeGreaterThan(0);
    expect(first.workflows).toEqual({
      started: 3 + running.pairs.length + running.routes.length,
      existing: 0,
      finished,
    });
    for (const { stream, state } of running.pairs) {
      const view = await temporal.env.client.workflow.getHandle(stream.streamId).query(pairViewQuery);
      // The workflow holds the stream's state and version (it may have marked a task overdue since).
      expect(view.version).toBeGreaterThanOrEqual(stream.events.length);
      expect(view.state).toMatchObject({ status: state.status });
      expect(`pair-${(view.state as { pairId?: string }).pairId}`).toBe(stream.streamId);
    }
  });

  it('a second run of the same region appends nothing and starts nothing', async () => {
    const runIds = await Promise.all(
      running.routes.map(
        async ({ stream }) => (await temporal.env.client.workflow.getHandle(stream.streamId).describe()).runId,
      ),
    );
    const again = await onboard();
    expect(again.events).toBe(0);
    expect(again.workflows).toEqual({
      started: 0,
      existing: first.workflows.started,
      finished: first.workflows.finished,
    });
    // Each generated event once: by its id, the store took none of them again.
    expect(await generatedStored()).toBe(region.streams.reduce((t, s) => t + s.events.length, 0));
    const after = await Promise.all(
      running.routes.map(
        async ({ stream }) => (await temporal.env.client.workflow.getHandle(stream.streamId).describe()).runId,
      ),
    );
    expect(after).toEqual(runIds);
  });

  it("a seeded pair's workflow takes its mentor's diary entry", async () => {
    const pair = running.pairs[0]?.state;
    if (pair === undefined || pair.status === 'notFormed') throw new Error('no running pair in the region');
    const handle = temporal.env.client.workflow.getHandle<typeof pairWorkflow>(`pair-${pair.pairId}`);
    const before = await handle.query(pairViewQuery);
    const view = await handle.executeUpdate(recordDiaryEntryUpdate, {
      args: [
        {
          data: { entryId: randomUUID(), date: '2026-11-30', text: 'Посетили урок наставника' },
          metadata: await temporal.meta(pair.mentorId, 'mentor'),
        },
      ],
    });
    expect(view.version).toBe(before.version + 1);
    const [entry] = await temporal.store.readStream(`pair-${pair.pairId}`, view.version);
    expect(entry).toMatchObject({ type: 'MentorDiaryEntryRecorded', metadata: { actorId: pair.mentorId } });
  });

  it('a seeded mentor with two mentees is refused a third pair', async () => {
    const full = streams(parseMentorLoadStream)
      .map((s) => fold(mentorLoadDecider, s))
      .find((load) => load.load === 2);
    const mentorId = full?.mentorId;
    if (mentorId === undefined) throw new Error('no mentor with two mentees in the region');
    expect((await loadAggregate(temporal.store, mentorLoadStream(mentorId), mentorLoadDecider)).state.load).toBe(2);
    const organisationId = region.streams.find((s) => s.streamId === mentorLoadStream(mentorId))?.organisationId;
    const today = await temporal.nowMs();
    const pairId = randomUUID();
    const handle = await temporal.env.client.workflow.start(
      pairWorkflow,
      pairStartOptions(
        taskQueue,
        {
          pairId,
          organisationId: organisationId as string,
          mentorId: mentorId,
          menteeId: randomUUID(),
          order: { number: '7-к', date: new Date(today).toISOString().slice(0, 10), signedBy: 'Директор' },
          today,
        },
        { metadata: await temporal.meta(randomUUID(), 'director') },
      ),
    );
    const refusal = await handle.executeUpdate(pairFormedUpdate).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refusal as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('DomainRefusal');
    expect(cause.details?.[0]).toMatchObject({ code: 'mentor.capacity.exceeded' });
    expect((await loadAggregate(temporal.store, mentorLoadStream(mentorId), mentorLoadDecider)).state.load).toBe(2);
  });

  it("a seeded route's open draft becomes overdue at its deadline and is escalated, by the system, as through the API", async () => {
    const { route, taskId, dueAt } = watched;
    const handle = temporal.env.client.workflow.getHandle(`route-${route.routeId}`);
    // A timer, not a check at the start: still open until the deadline passes.
    const before = await handle.query(routeViewQuery);
    expect(before.state.status === 'created' && before.state.tasks[taskId]?.status).toBe('open');
    await temporal.env.sleep(dueAt - (await temporal.nowMs()) + 1_000);
    await eventually(
      () => handle.query(routeViewQuery),
      (view) => view.state.status === 'created' && view.state.tasks[taskId]?.status === 'overdue',
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const events = await temporal.store.readStream(`route-${route.routeId}`);
    const overdue = events.find((e) => e.type === 'TaskOverdue');
    expect(overdue?.data).toMatchObject({ taskId });
    expect(overdue?.metadata).toMatchObject({ actorId: 'system', role: 'system' });
    const overdueAt = Date.parse((overdue?.data as { overdueAt: string }).overdueAt);
    expect(overdueAt).toBeGreaterThanOrEqual(dueAt);
    expect(overdueAt - dueAt).toBeLessThan(5_000);
    expect(events.find((e) => e.type === 'TaskEscalated')?.data).toMatchObject({
      taskId,
      escalatedTo: expect.arrayContaining([{ personId: route.participants.tutorId, role: 'tutor' }]),
    });
  });
});
