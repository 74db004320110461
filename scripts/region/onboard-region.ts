import { performance } from 'node:perf_hooks';
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowStartOptions } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import {
  organisationDecider,
  organisationStream,
  pairDecider,
  pairWorkflowId,
  programmeWorkflowId,
  routeWorkflowId,
  parsePairStream,
  parseProgrammeStream,
  parseRouteStream,
  programmeDecider,
  routeDecider,
  type Decider,
  type DomainEvent,
  type OrganisationState,
  type PairSetup,
  type PairState,
  type ProgrammeState,
  type RouteState,
} from '@mentorflow/domain';
import { chainHash, GENESIS_HASH, type EventStore } from '@mentorflow/event-store';
import type { AggregateSnapshot } from '@mentorflow/workflows/shared/aggregate-runner';
import { systemMetadata } from '@mentorflow/workflows/shared/envelope';
import { HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW } from '@mentorflow/workflows/shared/history-limit';
import type { PairFormation } from '@mentorflow/workflows/pair/pair.messages';
import { pairWorkflow } from '@mentorflow/workflows/pair/pair.workflow';
import { programmeWorkflow } from '@mentorflow/workflows/programme/programme.workflow';
import type { RouteWorkflowInput } from '@mentorflow/workflows/route/route.messages';
import { routeWorkflow } from '@mentorflow/workflows/route/route.workflow';
import { appendRegion, inFlight, registerRouteCodes } from './append-region';
import type { GeneratedRegion, GeneratedStream } from './generate-region';

/**
 * Issue 24 §2, the bulk path of onboarding a region: streams already decided command by command through the
 * domain deciders (generate-region.ts; every rule — capacity, consents, orders, codes — was applied there,
 * and the mentors' load streams are among them) are appended many streams at a time, their route codes
 * registered, and then every programme, pair and route that still runs gets its workflow, started as a
 * continued run would be: with the snapshot its decider folds from the stream (state, version, head hash).
 * The workflow ids, task queue and inputs are the API's (time zone, the curator at a route's creation, the
 * history cap); the creating command is not run again, the run arms its timers from the state. Finished
 * aggregates (completed or terminated pairs, completed routes, closed programmes) get no workflow: through
 * the API their workflow has ended too, and nothing reads it. A second run with the same region appends
 * nothing (the store recognises the event ids) and starts nothing (a running workflow is kept, a closed
 * one is not started again).
 */
export interface OnboardingTemporal {
  readonly client: Client;
  readonly taskQueue: string;
}

export interface OnboardingResult {
  readonly streams: number;
  readonly events: number;
  readonly appendMs: number;
  /** Workflows asked for, and how many of them were already there (a previous run). */
  readonly workflows: {
    readonly started: number;
    /** Already there: a workflow of the id (running or closed), or a stream a workflow has written to since. */
    readonly existing: number;
    /** Finished aggregates, which get no workflow. */
    readonly finished: number;
  };
  readonly startMs: number;
}

/** Where a stream's head is: its version and the hash of its last event. */
interface StreamHead {
  readonly version: number;
  readonly lastHash: string | null;
}

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/** The aggregates of a region that run as a workflow, by stream id. */
const workflowKind = (streamId: string): 'programme' | 'pair' | 'route' | undefined =>
  parseProgrammeStream(streamId) !== undefined
    ? 'programme'
    : parsePairStream(streamId) !== undefined
      ? 'pair'
      : parseRouteStream(streamId) !== undefined
        ? 'route'
        : undefined;

const fold = <S>(decider: Pick<Decider<S, never, DomainEvent>, 'evolve' | 'initialState'>, stream: GeneratedStream) =>
  stream.events.reduce(
    (state, event) => decider.evolve(state, { type: event.type, data: event.data } as DomainEvent),
    decider.initialState(),
  );

/**
 * The snapshot a workflow starts from, once the stored stream is known to hold exactly the region's events: its
 * head's hash is the chain of these events (the same ids with other data — a region generated again with the same
 * seed and another `now` — would be taken by the store as a repeat and never appended).
 */
const snapshotOf = <S>(state: S, head: StreamHead | undefined, stream: GeneratedStream): AggregateSnapshot<S> => {
  if (head === undefined || head.version !== stream.events.length)
    throw new Error(
      `${stream.streamId}: the store holds ${head?.version ?? 0} events, the region ${stream.events.length}`,
    );
  const expected = stream.events.reduce(
    (previous, event, i) => chainHash(previous, { ...event, streamId: stream.streamId, streamVersion: i + 1 }),
    GENESIS_HASH,
  );
  if (head.lastHash !== expected)
    throw new Error(
      `${stream.streamId}: the store holds another history under the same event ids (a region generated with the same seed and other options)`,
    );
  return { state, version: head.version, lastHash: head.lastHash };
};

/** The streams' heads as stored (version and hash of the last event), a few thousand streams a query. */
export async function storedHeads(query: Query, streamIds: readonly string[]): Promise<Map<string, StreamHead>> {
  const heads = new Map<string, StreamHead>();
  for (let i = 0; i < streamIds.length; i += 5000) {
    const rows = (await query(
      `SELECT DISTINCT ON (stream_id) stream_id, stream_version, hash FROM events
        WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_version DESC`,
      [streamIds.slice(i, i + 5000)],
    )) as { stream_id: string; stream_version: number; hash: string | null }[];
    for (const row of rows) heads.set(row.stream_id, { version: row.stream_version, lastHash: row.hash });
  }
  return heads;
}

/** One workflow start: what `client.workflow.start` needs, the API's way. */
export interface WorkflowStart {
  readonly workflowId: string;
  readonly start: (client: Client, taskQueue: string) => Promise<unknown>;
}

/**
 * The workflow starts of a region's running aggregates, each with the snapshot of its stream as appended
 * (`heads`). Exported for the benchmark and the test, which look at what would be started.
 */
export function workflowStarts(
  region: GeneratedRegion,
  heads: ReadonlyMap<string, StreamHead>,
): { starts: WorkflowStart[]; finished: number; movedOn: number } {
  const organisations = new Map(region.streams.map((s) => [s.streamId, s]));
  /** The organisation as it was at `at` (all of it without): its zone, and its curator then, as the API reads them. */
  const organisationAt = (organisationId: string, at = Number.POSITIVE_INFINITY) => {
    const stream = organisations.get(organisationStream(organisationId));
    if (stream === undefined) throw new Error(`organisation ${organisationId} is not in the region`);
    const state: OrganisationState = fold(organisationDecider, {
      ...stream,
      events: stream.events.filter((e) => e.at <= at),
    });
    if (state.status !== 'registered') throw new Error(`organisation ${organisationId} is not registered by then`);
    return state;
  };
  const startOf = <W extends Workflow>(
    workflowId: string,
    workflow: W,
    args: Parameters<W>,
    memo?: Record<string, unknown>,
  ): WorkflowStart => ({
    workflowId,
    start: (client, taskQueue) =>
      client.workflow.start(workflow, {
        workflowId,
        taskQueue,
        args,
        ...(memo === undefined ? {} : { memo }),
        // Idempotent: a workflow of the id, running or closed, is left as it is (the start fails and is counted).
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        // TypeScript cannot resolve the SDK's conditional args type for a generic W; the callers' args are checked.
      } as unknown as WorkflowStartOptions<W>),
  });
  const starts: WorkflowStart[] = [];
  let finished = 0;
  let movedOn = 0;
  for (const stream of region.streams) {
    const head = heads.get(stream.streamId);
    // A workflow of an earlier run has written to the stream since: it is that workflow's, left as it is.
    if (head !== undefined && head.version > stream.events.length) {
      movedOn++;
      continue;
    }
    const metadata = systemMetadata(stream.events.at(-1)?.at ?? region.now);
    const continueAsNewAfterEvents = HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW;
    if (workflowKind(stream.streamId) === 'programme') {
      const state: ProgrammeState = fold(programmeDecider, stream);
      if (state.status !== 'started') throw new Error(`${stream.streamId}: not started`);
      if (state.closed) {
        finished++;
        continue;
      }
      const snapshot = snapshotOf(state, head, stream);
      const { timeZone } = organisationAt(state.organisationId);
      starts.push(
        startOf(programmeWorkflowId(state.programmeId), programmeWorkflow, [
          {
            programmeId: state.programmeId,
            organisationId: state.organisationId,
            title: state.title,
            timeZone,
            metadata,
            snapshot,
            continueAsNewAfterEvents,
          },
        ]),
      );
    } else if (workflowKind(stream.streamId) === 'pair') {
      const state: PairState = fold(pairDecider, stream);
      if (state.status === 'notFormed') throw new Error(`${stream.streamId}: not formed`);
      if (state.status === 'completed' || state.status === 'terminated') {
        finished++;
        continue;
      }
      const formed = stream.events[0]?.data as unknown as PairSetup & Pick<PairFormation, 'order'>;
      const formation: PairFormation = {
        pairId: formed.pairId,
        programmeId: formed.programmeId,
        organisationId: formed.organisationId,
        form: formed.form,
        kind: formed.kind,
        ...(formed.kinds === undefined ? {} : { kinds: formed.kinds }),
        mentorId: formed.mentorId,
        menteeIds: formed.menteeIds,
        consents: formed.consents,
        term: formed.term,
        ...(formed.shortTermReason === undefined ? {} : { shortTermReason: formed.shortTermReason }),
        ...(formed.order === undefined ? {} : { order: formed.order }),
      };
      const snapshot = snapshotOf(state, head, stream);
      const { timeZone } = organisationAt(formation.organisationId);
      starts.push(
        startOf(pairWorkflowId(formation.pairId), pairWorkflow, [
          { formation, timeZone, metadata, snapshot, continueAsNewAfterEvents },
        ]),
      );
    } else if (workflowKind(stream.streamId) === 'route') {
      const state: RouteState = fold(routeDecider, stream);
      if (state.status !== 'created') throw new Error(`${stream.streamId}: not created`);
      if (state.stage === 'completed') {
        finished++;
        continue;
      }
      // The CreateRoute data the API passed, as the state keeps it (goal and tasks are not needed to run on).
      const route: RouteWorkflowInput['route'] = {
        routeId: state.routeId,
        code: state.code,
        organisationId: state.organisationId,
        ...state.participants,
        ...(state.pairId === undefined ? {} : { pairId: state.pairId }),
        titlePage: state.titlePage,
      };
      // The API passes the organisation's last curator when the route is created: as of its first event.
      const organisation = organisationAt(state.organisationId, stream.events[0]?.at);
      const curatorId = organisation.staff.filter((member) => member.role === 'curator').at(-1)?.personId;
      const snapshot = snapshotOf(state, head, stream);
      starts.push(
        startOf(
          routeWorkflowId(state.routeId),
          routeWorkflow,
          [
            {
              route,
              timeZone: organisation.timeZone,
              ...(curatorId === undefined ? {} : { curatorId }),
              metadata,
              snapshot,
              continueAsNewAfterEvents,
            },
          ],
          { code: state.code },
        ),
      );
    }
  }
  return { starts, finished, movedOn };
}

/** Starts the workflows, `concurrency` at a time; a workflow already there (a running or closed one of the id) is counted, not started. */
export async function startWorkflows(
  temporal: OnboardingTemporal,
  starts: readonly WorkflowStart[],
  concurrency = 32,
): Promise<{ started: number; existing: number }> {
  let existing = 0;
  await inFlight(starts.length, concurrency, async (i) => {
    const start = starts[i] as WorkflowStart;
    try {
      await start.start(temporal.client, temporal.taskQueue);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      existing++;
    }
  });
  return { started: starts.length - existing, existing };
}

/**
 * Appends the region (`appendConcurrency` streams in flight), registers its route codes and, with `temporal`,
 * starts the workflows of its running aggregates (`startConcurrency` starts in flight).
 */
export async function onboardRegion(
  deps: { store: EventStore; query: Query; temporal?: OnboardingTemporal },
  region: GeneratedRegion,
  { appendConcurrency = 12, startConcurrency = 32 }: { appendConcurrency?: number; startConcurrency?: number } = {},
): Promise<OnboardingResult> {
  const t0 = performance.now();
  const appended = await appendRegion(deps.store, region, { concurrency: appendConcurrency });
  await registerRouteCodes(deps.query, region);
  const appendMs = performance.now() - t0;
  if (deps.temporal === undefined)
    return {
      streams: region.streams.length,
      events: appended.events,
      appendMs,
      workflows: { started: 0, existing: 0, finished: 0 },
      startMs: 0,
    };
  const t1 = performance.now();
  // The heads as stored, not as this append left them: a second run appends nothing and learns them here.
  const heads = await storedHeads(
    deps.query,
    region.streams.map((s) => s.streamId).filter((id) => workflowKind(id) !== undefined),
  );
  const { starts, finished, movedOn } = workflowStarts(region, heads);
  const { started, existing } = await startWorkflows(deps.temporal, starts, startConcurrency);
  return {
    streams: region.streams.length,
    events: appended.events,
    appendMs,
    workflows: { started, existing: existing + movedOn, finished },
    startMs: performance.now() - t1,
  };
}
