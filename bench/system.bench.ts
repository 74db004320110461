/**
 * Benchmarks of the running system (issue #11, 4, 5, 6 and 9), each against a baseline measured in the
 * same run, with the API and the worker in this process (bench/support/system.ts): a durable embedded
 * PostgreSQL and a Temporal dev server.
 *
 *   node -r @swc-node/register bench/system.bench.ts [--smoke] [--only history,lag,command,regional,bulk]
 *        [--rounds N] [--strict] [--scale F] [--lag-seconds N] [--lag-rates 1000,5000]
 *        [--organisations N --pairs N --routes N]  (sizes of 9; `bulk` runs its bulk side alone)
 *
 * The markdown report goes to stdout, progress to stderr. See bench/README.md.
 */
import 'reflect-metadata';
import './support/env';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { Pool } from 'pg';
import { pairDecider, pairStream, pairWorkflowId, type PairCommand, type Role } from '@mentorflow/domain';
import { EventStore, type NewEvent, type SqlExecutor } from '@mentorflow/event-store';
import { pairFormedUpdate, recordDiaryEntryUpdate } from '@mentorflow/workflows/pair/pair.messages';
import { pairWorkflow } from '@mentorflow/workflows/pair/pair.workflow';
import { nextOrganisationCode } from '../scripts/region/append-region';
import { generateRegion } from '../scripts/region/generate-region';
import { onboardRegion } from '../scripts/region/onboard-region';
import { diaryEntryRecorded } from '../test/support/pair-events';
import { selectParticipants } from '../test/support/participants';
import { pairFormation } from '../test/support/programme-setup';
import { isDurable } from './support/postgres';
import { inParallel, int, median, ms, percentile, runMain, sleep, type Section } from './support/stats';
import { beginReport, runOnBenchSystem, startBenchSystem, type BenchSystem } from './support/system';
import { benchCli } from './support/cli';

const cli = benchCli('bench:system', {
  only: { type: 'string' },
  rounds: { type: 'string' },
  'history-events': { type: 'string' },
  'history-reads': { type: 'string' },
  'command-ops': { type: 'string' },
  'command-concurrency': { type: 'string' },
  'lag-seconds': { type: 'string' },
  'lag-rates': { type: 'string' },
  scale: { type: 'string' },
  organisations: { type: 'string' },
  pairs: { type: 'string' },
  routes: { type: 'string' },
  concurrency: { type: 'string' },
});
const { args, smoke: SMOKE, num, check, problems, unmet, log, verdict } = cli;

const ONLY = new Set((args.only ?? 'history,lag,command,regional').split(',').map((s) => s.trim()));
const ROUNDS = num(args.rounds, 5, 2);
const HISTORY_EVENTS = num(args['history-events'], 1000, 30);
const HISTORY_READS = num(args['history-reads'], 40, 3);
const COMMAND_OPS = num(args['command-ops'], 30, 3);
const COMMAND_CONCURRENCY = num(args['command-concurrency'], 8, 2);
const LAG_SECONDS = num(args['lag-seconds'], 10, 0.4);
const LAG_RATES = (args['lag-rates'] ?? (SMOKE ? '100,300' : '1000,5000')).split(',').map(Number);
/** Issue #11's regional size is 1,000 organisations, 20,000 pairs, 20,000 routes; --scale runs a fraction. */
const SCALE = num(args.scale, 0.05, 0.002);
const ORGANISATIONS = Math.max(1, Math.round(num(args.organisations, 1000 * SCALE, 1)));
const PAIRS = Math.max(1, Math.round(num(args.pairs, 20_000 * SCALE, 4)));
const ROUTES = Math.max(1, Math.round(num(args.routes, 20_000 * SCALE, 4)));
const CONCURRENCY = num(args.concurrency, 16, 4);

const RUN_ID = randomBytes(3).toString('hex');

const DAY = 86_400_000;
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const today = () => isoDate(Date.now());
/** A term that started a month ago, so diary entries dated today are inside it. */
const term = () => ({ start: isoDate(Date.now() - 30 * DAY), end: isoDate(Date.now() + 340 * DAY) });
const order = (n: number) => ({ number: `${n}-к`, date: isoDate(Date.now() - 31 * DAY), signedBy: 'Директор' });
/** A pair's formation as the benchmarks form pairs: both consenting on the day of order `n`, for term(). */
const formationOnOrder = (n: number, mentorId: string, menteeId: string) => {
  const signed = order(n);
  return pairFormation(mentorId, menteeId, {
    order: signed,
    mentorConsent: signed.date,
    menteeConsent: signed.date,
    term: term(),
  });
};

interface Timed<T> {
  ms: number;
  value: T;
}
async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

// ---------------------------------------------------------------------------------------------------
// Driving the API

class Api {
  readonly admin: string;
  constructor(readonly bench: BenchSystem) {
    this.admin = this.token(randomUUID(), ['administrator']);
  }
  get sys() {
    if (!this.bench.system) throw new Error('the API is not running');
    return this.bench.system;
  }
  token(sub: string, roles: Role[], organisationIds: string[] = []) {
    return this.sys.token(sub, roles, organisationIds);
  }
  async call(method: string, path: string, token: string, body: unknown, expected: number) {
    const response = await this.sys.request(method, path, token, body);
    if (response.status !== expected)
      throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    return response.body;
  }
  async organisation(n: number): Promise<Organisation> {
    const body = await this.call(
      'POST',
      '/organisations',
      this.admin,
      {
        name: `МБОУ «Школа № ${n}» (${RUN_ID})`,
        kind: 'school',
        municipality: 'г. Самара',
        region: 'Самарская область',
        timeZone: 'Europe/Samara',
      },
      201,
    );
    const organisationId = body.organisationId as string;
    const director = randomUUID();
    return { organisationId, director, directorToken: this.token(director, ['director'], [organisationId]) };
  }
  async programme(org: Organisation): Promise<string> {
    const body = await this.call(
      'POST',
      `/organisations/${org.organisationId}/programmes`,
      org.directorToken,
      { title: `Программа наставничества ${RUN_ID}` },
      201,
    );
    return body.state.programmeId as string;
  }
  /** A mentor and a mentee of the organisation (a pair takes no one else), stored before they are used. */
  async people(org: Organisation): Promise<{ mentorId: string; menteeId: string; mentorToken: string }> {
    const [mentorId, menteeId] = [randomUUID(), randomUUID()];
    const mentorToken = this.token(mentorId, ['mentor'], [org.organisationId]);
    this.token(menteeId, ['mentee'], [org.organisationId]);
    await this.sys.usersStored();
    return { mentorId, menteeId, mentorToken };
  }
  async pair(
    org: Organisation,
    programmeId: string,
    n: number,
    people?: { mentorId: string; menteeId: string; mentorToken: string },
  ): Promise<Pair> {
    const { mentorId, menteeId, mentorToken } = people ?? (await this.people(org));
    // Only candidates the commission selected can be paired (002 §4.4).
    await selectParticipants(this.sys, programmeId, this.admin, [
      { personId: mentorId, role: 'mentor' },
      { personId: menteeId, role: 'mentee' },
    ]);
    const body = await this.call(
      'POST',
      `/programmes/${programmeId}/pairs`,
      org.directorToken,
      formationOnOrder(n, mentorId, menteeId),
      201,
    );
    return { pairId: body.state.pairId as string, mentorId, mentorToken };
  }
  diaryBody() {
    return {
      entryId: randomUUID(),
      date: today(),
      text: 'Посетили урок наставляемого, разобрали формирующее оценивание.',
    };
  }
}

interface Organisation {
  organisationId: string;
  director: string;
  directorToken: string;
}
interface Pair {
  pairId: string;
  mentorId: string;
  mentorToken: string;
}

const executorOf = (pool: Pool): SqlExecutor => ({
  query: async <T>(sql: string, parameters?: unknown[]) => (await pool.query(sql, parameters)).rows as T[],
});

const diaryEvent = (pairId: string, mentorId: string, n: number): NewEvent =>
  diaryEntryRecorded(pairId, mentorId, {
    date: today(),
    text: `Запись № ${n}: посетили урок наставляемого, разобрали формирующее оценивание.`,
    recordedAt: new Date().toISOString(),
  });

// ---------------------------------------------------------------------------------------------------
// 4. A pair's audit history through the API vs a raw read of the same rows

async function historyBenchmark(bench: BenchSystem, api: Api): Promise<Section> {
  const org = await api.organisation(1);
  const programmeId = await api.programme(org);
  const pair = await api.pair(org, programmeId, 1);
  const streamId = pairStream(pair.pairId);
  const store = new EventStore(executorOf(bench.pool));
  // The workflow is idle after formation; the diary entries are written straight to the stream (as the
  // workflow's activity would), 100 per append, so the run does not spend minutes on set-up.
  let version = await store.streamVersion(streamId);
  while (version < HISTORY_EVENTS) {
    const n = Math.min(100, HISTORY_EVENTS - version);
    const result = await store.append(
      streamId,
      version,
      Array.from({ length: n }, (_, i) => diaryEvent(pair.pairId, pair.mentorId, version + i + 1)),
    );
    version = result.nextExpectedVersion;
  }
  const rawSql =
    'SELECT position, transaction_id::text AS transaction_id, event_id, stream_id, stream_version, type, data, metadata, recorded_at, hash FROM events WHERE stream_id = $1 ORDER BY stream_version';
  const raw = async () => {
    const { rows } = await bench.pool.query(rawSql, [streamId]);
    if (rows.length !== version) throw new Error(`raw read returned ${rows.length} rows, expected ${version}`);
  };
  const viaApi = async () => {
    const body = await api.call('GET', `/pairs/${pair.pairId}/history`, api.admin, undefined, 200);
    if (!Array.isArray(body) || body.length !== version)
      throw new Error(
        `history returned ${Array.isArray(body) ? body.length : typeof body} entries, expected ${version}`,
      );
  };
  // The pair's read model (GET /pairs/:id below) is eventually consistent: wait until the projector has
  // folded every event appended above, so the floor measures a read, not a 404 while it catches up.
  for (const deadline = Date.now() + 60_000; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const { rows } = await bench.pool.query<{ version: number }>('SELECT version FROM pairs_view WHERE pair_id = $1', [
      pair.pairId,
    ]);
    if (Number(rows[0]?.version) >= version) break;
    if (Date.now() > deadline) throw new Error(`pairs_view did not reach version ${version} within 60 s`);
  }
  for (let i = 0; i < 3; i++) {
    // warm-up: JIT, plan caches, connections
    await raw();
    await viaApi();
  }
  // Diagnostic: the API's fixed cost per request (auth, routing, one read-model row).
  const floor: number[] = [];
  for (let i = 0; i < HISTORY_READS; i++)
    floor.push((await timed(() => api.call('GET', `/pairs/${pair.pairId}`, api.admin, undefined, 200))).ms);
  const rawAll: number[] = [];
  const apiAll: number[] = [];
  const ratios: number[] = [];
  const perRound: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < HISTORY_READS; i++) a.push((await timed(raw)).ms);
    for (let i = 0; i < HISTORY_READS; i++) b.push((await timed(viaApi)).ms);
    rawAll.push(...a);
    apiAll.push(...b);
    ratios.push(median(b) / median(a));
    perRound.push(
      `| ${round} | ${ms(median(a))} | ${ms(percentile(a, 99))} | ${ms(median(b))} | ${ms(percentile(b, 99))} | ${(median(b) / median(a)).toFixed(2)} |`,
    );
    log(
      `history round ${round}/${ROUNDS}: raw p50 ${ms(median(a))}, API p50 ${ms(median(b))} p99 ${ms(percentile(b, 99))}`,
    );
  }
  const ratio = median(ratios);
  const p99 = percentile(apiAll, 99);
  const ok = p99 <= 20 && ratio <= 2;
  if (!SMOKE && !ok) unmet.push('4. audit history');
  return {
    title: `4. a pair's audit history (${int(version)} events) through the API`,
    lines: [
      `GET /pairs/:id/history as an administrator (authorisation by the pair's creating event, the organisation's time zone, the read recorded as an event: a durable append, then the ${int(version)} entries rendered once per API process from the events' text, only the actors' names read for each request) against a raw \`pg\` SELECT of the same ${int(version)} rows; ${ROUNDS} rounds × ${HISTORY_READS} sequential reads per side, interleaved.`,
      '',
      '| side | p50 | p99 | target | met? |',
      '|---|---:|---:|---|:---:|',
      `| raw SELECT | ${ms(median(rawAll))} | ${ms(percentile(rawAll, 99))} | | |`,
      `| API | ${ms(median(apiAll))} | ${ms(p99)} | p99 ≤ 20 ms | ${verdict(p99 <= 20)} |`,
      `| diagnostic: GET /pairs/:id (one read-model row), the API's per-request floor | ${ms(median(floor))} | ${ms(percentile(floor, 99))} | | |`,
      `| ratio (median of per-round p50 ratios) | ${ratio.toFixed(2)} | ${(p99 / percentile(rawAll, 99)).toFixed(2)} (p99 ÷ p99) | ≤ 2 | ${verdict(ratio <= 2)} |`,
      '',
      '<details><summary>per round</summary>',
      '',
      '| round | raw p50 | raw p99 | API p50 | API p99 | ratio p50 |',
      '|---:|---:|---:|---:|---:|---:|',
      ...perRound,
      '',
      '</details>',
    ],
  };
}

// ---------------------------------------------------------------------------------------------------
// 5. Projection lag: commit of an event → its read-model row

async function lagBenchmark(bench: BenchSystem): Promise<Section> {
  const store = new EventStore(executorOf(bench.pool));
  const streams = 64;
  const organisationId = randomUUID();
  const programmeId = randomUUID();
  const pairs: { pairId: string; mentorId: string; version: number; hash: string | null; busy: boolean }[] = [];
  await inParallel(streams, 8, async () => {
    const pairId = randomUUID();
    const mentorId = randomUUID();
    const menteeId = randomUUID();
    const command: PairCommand = {
      type: 'FormPair',
      data: {
        pairId,
        programmeId,
        organisationId,
        ...formationOnOrder(1, mentorId, menteeId),
        capacityReserved: true,
      },
      metadata: { actorId: randomUUID(), role: 'director', now: new Date().toISOString() },
    };
    const events = pairDecider.decide(command, pairDecider.initialState());
    const result = await store.append(
      pairStream(pairId),
      0,
      events.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data as Record<string, unknown>,
        metadata: { actorId: command.metadata.actorId, role: 'director' },
      })),
    );
    pairs.push({ pairId, mentorId, version: result.nextExpectedVersion, hash: result.lastHash, busy: false });
  });
  const ids = pairs.map((p) => p.pairId);
  const projected = async () => {
    const { rows } = await bench.pool.query<{ pair_id: string; version: number }>(
      'SELECT pair_id, version FROM pairs_view WHERE pair_id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.pair_id, r.version]));
  };
  // Wait until the formations are projected: every measurement starts with no backlog.
  for (let t = Date.now(); (await projected()).size < streams && Date.now() - t < 30_000;) await sleep(20);
  if ((await projected()).size < streams)
    throw new Error(`lag: the ${streams} pair formations were not projected within 30 s (is the projector running?)`);

  const lines: string[] = [
    `Events (mentor diary entries, ≈350 bytes) appended by \`EventStore.append\` at a fixed rate to ${streams} pair streams, several events per append so the commit rate stays ≈ 300–400/s (each append is one durable commit); a watcher polls \`pairs_view\` every ≈5 ms. Lag = first poll that shows the row at the event's version − the moment the append's commit returned. Projector: the worker's \`ProjectorService\`, poll interval PROJECTOR_POLL_MS = ${process.env.PROJECTOR_POLL_MS} ms (the shipped default), ${LAG_SECONDS} s per rate.`,
    '',
    '| rate asked | rate reached | events | lag p50 | lag p99 | lag max | p50 first third → last third | backlog at stop | drained in | target | met? |',
    '|---:|---:|---:|---:|---:|---:|---|---:|---:|---|:---:|',
  ];
  for (const rate of LAG_RATES) {
    const perAppend = Math.max(1, Math.ceil(rate / 350));
    const committed = new Map<string, { version: number; at: number }[]>(); // per pair, in version order
    const lags: { at: number; lag: number }[] = [];
    let sent = 0;
    let acked = 0;
    let stop = false;
    const start = performance.now();
    const deadline = start + LAG_SECONDS * 1000;
    let next = 0;
    const inFlight = new Set<Promise<void>>();
    const watcher = (async () => {
      while (!stop || [...committed.values()].some((list) => list.length > 0)) {
        const seenAt = performance.now();
        const versions = await projected();
        for (const [pairId, list] of committed) {
          const projectedVersion = versions.get(pairId) ?? 0;
          while (list.length > 0 && (list[0] as { version: number }).version <= projectedVersion) {
            const event = list.shift() as { version: number; at: number };
            lags.push({ at: event.at - start, lag: Math.max(0, seenAt - event.at) });
          }
        }
        if (performance.now() - start > LAG_SECONDS * 1000 + 30_000) break; // a backlog that never drains
        await sleep(5);
      }
    })();
    while (performance.now() < deadline) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      while (sent + perAppend <= due) {
        const pair = pairs.find((p, i) => !p.busy && i >= next % streams) ?? pairs.find((p) => !p.busy);
        if (!pair || inFlight.size >= 32) break;
        next++;
        pair.busy = true;
        const events = Array.from({ length: perAppend }, (_, i) =>
          diaryEvent(pair.pairId, pair.mentorId, pair.version + i + 1),
        );
        sent += perAppend;
        const promise = store
          .append(pairStream(pair.pairId), pair.version, events, { previousHash: pair.hash })
          .then((result) => {
            const at = performance.now();
            const list = committed.get(pair.pairId) ?? [];
            for (let v = pair.version + 1; v <= result.nextExpectedVersion; v++) list.push({ version: v, at });
            committed.set(pair.pairId, list);
            pair.version = result.nextExpectedVersion;
            pair.hash = result.lastHash;
            pair.busy = false;
            acked += perAppend;
          });
        inFlight.add(promise);
        void promise.finally(() => inFlight.delete(promise));
      }
      await sleep(2);
    }
    await Promise.all(inFlight);
    const stoppedAt = performance.now();
    const backlog = [...committed.values()].reduce((n, list) => n + list.length, 0);
    stop = true;
    await watcher;
    const drainedMs = performance.now() - stoppedAt;
    const undrained = [...committed.values()].reduce((n, list) => n + list.length, 0);
    // Events still unprojected 30 s after the load stopped are a backlog that did not drain, not a broken run.
    check(
      lags.length + undrained === acked,
      `lag at ${rate}/s: ${lags.length} lags + ${undrained} unprojected for ${acked} events`,
    );
    const values = lags.map((l) => l.lag);
    const third = (k: number) =>
      median(
        lags
          .filter((l) => l.at >= (k * LAG_SECONDS * 1000) / 3 && l.at < ((k + 1) * LAG_SECONDS * 1000) / 3)
          .map((l) => l.lag),
      );
    const reached = acked / ((stoppedAt - start) / 1000);
    const p99 = percentile(values, 99);
    const isLow = rate === LAG_RATES[0];
    // "No growing backlog": the last third's lag no worse than twice the first's (plus a poll interval) and drained within 1 s.
    const steady =
      undrained === 0 && third(2) <= 2 * third(0) + Number(process.env.PROJECTOR_POLL_MS) && drainedMs < 1000;
    const ok = isLow ? undrained === 0 && p99 <= 100 : steady;
    if (!SMOKE && !ok) unmet.push(`5. projection lag at ${rate}/s`);
    lines.push(
      `| ${int(rate)}/s | ${int(reached)}/s | ${int(acked)} | ${ms(median(values))} | ${ms(p99)} | ${ms(Math.max(...values))} | ${ms(third(0))} → ${ms(third(2))} | ${int(backlog)} | ${undrained ? `not within ${ms(drainedMs)}: ${int(undrained)} left` : ms(drainedMs)} | ${isLow ? 'p99 ≤ 100 ms' : 'no growing backlog'} | ${verdict(ok)} |`,
    );
    log(
      `lag at ${rate}/s: reached ${int(reached)}/s, p50 ${ms(median(values))}, p99 ${ms(p99)}, thirds ${ms(third(0))} → ${ms(third(2))}, drained in ${ms(drainedMs)}`,
    );
  }
  lines.push(
    '',
    'Baseline: the commit itself (lag 0). "No growing backlog" = last third\'s p50 ≤ 2 × first third\'s + one poll interval, and the backlog drains within 1 s of the load stopping.',
  );
  return { title: '5. projection lag (commit → read-model row)', lines };
}

// ---------------------------------------------------------------------------------------------------
// 6. Commands through the API vs the same calls with a raw Temporal client

async function commandBenchmark(bench: BenchSystem, api: Api): Promise<Section> {
  const org = await api.organisation(2);
  const programmeId = await api.programme(org);
  const client = bench.client;
  const rawForm = async (n: number) => {
    const pairId = randomUUID();
    const formation = {
      ...formationOnOrder(n, randomUUID(), randomUUID()),
      pairId,
      programmeId,
      organisationId: org.organisationId,
    };
    const start = new WithStartWorkflowOperation(pairWorkflow, {
      workflowId: pairWorkflowId(pairId),
      taskQueue: bench.taskQueue,
      workflowIdConflictPolicy: 'FAIL',
      args: [
        {
          formation,
          timeZone: 'Europe/Samara',
          metadata: { actorId: org.director, role: 'director', now: new Date().toISOString() },
        },
      ],
    } as never);
    const view = (await client.workflow.executeUpdateWithStart(pairFormedUpdate, {
      startWorkflowOperation: start,
    })) as { state?: { pairId?: string } };
    if (view.state?.pairId !== pairId) throw new Error(`raw formation returned ${JSON.stringify(view).slice(0, 200)}`);
  };
  let formed = 0;
  // The people are registered before the clock starts: the raw side does not register anyone either.
  const apiForm = (people: Awaited<ReturnType<Api['people']>>) => async () => {
    await api.pair(org, programmeId, ++formed, people);
  };
  const rawDiary = (pair: Pair) => async () => {
    await client.workflow.getHandle(pairWorkflowId(pair.pairId)).executeUpdate(recordDiaryEntryUpdate, {
      args: [
        { data: api.diaryBody(), metadata: { actorId: pair.mentorId, role: 'mentor', now: new Date().toISOString() } },
      ],
    });
  };
  const apiDiary = (pair: Pair) => async () => {
    await api.call('POST', `/pairs/${pair.pairId}/diary`, pair.mentorToken, api.diaryBody(), 200);
  };
  // One pair per client and side, formed through the API (both sides then update pairs of the same shape).
  const rawPairs = await inParallel(COMMAND_CONCURRENCY, 4, (i) => api.pair(org, programmeId, 1000 + i));
  const apiPairs = await inParallel(COMMAND_CONCURRENCY, 4, (i) => api.pair(org, programmeId, 2000 + i));
  for (let i = 0; i < (SMOKE ? 1 : 3); i++) {
    await rawForm(i);
    await apiForm(await api.people(org))();
    await rawDiary(rawPairs[0] as Pair)();
    await apiDiary(apiPairs[0] as Pair)();
  }
  const latency = {
    startRaw: [] as number[],
    startApi: [] as number[],
    updRaw: [] as number[],
    updApi: [] as number[],
  };
  const throughput = { raw: [] as number[], api: [] as number[], ratios: [] as number[] };
  const overheadStart: number[] = [];
  const overheadUpdate: number[] = [];
  let n = 10;
  for (let round = 1; round <= ROUNDS; round++) {
    const sr: number[] = [];
    const sa: number[] = [];
    const ur: number[] = [];
    const ua: number[] = [];
    for (let i = 0; i < COMMAND_OPS; i++) sr.push((await timed(() => rawForm(n++))).ms);
    const people = await Promise.all(Array.from({ length: COMMAND_OPS }, () => api.people(org)));
    for (let i = 0; i < COMMAND_OPS; i++)
      sa.push((await timed(apiForm(people[i] as Awaited<ReturnType<Api['people']>>))).ms);
    for (let i = 0; i < COMMAND_OPS; i++) ur.push((await timed(rawDiary(rawPairs[0] as Pair))).ms);
    for (let i = 0; i < COMMAND_OPS; i++) ua.push((await timed(apiDiary(apiPairs[0] as Pair))).ms);
    latency.startRaw.push(...sr);
    latency.startApi.push(...sa);
    latency.updRaw.push(...ur);
    latency.updApi.push(...ua);
    overheadStart.push(median(sa) - median(sr));
    overheadUpdate.push(median(ua) - median(ur));
    // Throughput: COMMAND_CONCURRENCY clients, each updating its own pair, COMMAND_OPS updates each.
    const rate = async (pairs: Pair[], op: (pair: Pair) => () => Promise<void>) => {
      const t = performance.now();
      await Promise.all(
        pairs.map(async (pair) => {
          for (let i = 0; i < COMMAND_OPS; i++) await op(pair)();
        }),
      );
      return (pairs.length * COMMAND_OPS) / ((performance.now() - t) / 1000);
    };
    const r = await rate(rawPairs, rawDiary);
    const a = await rate(apiPairs, apiDiary);
    throughput.raw.push(r);
    throughput.api.push(a);
    throughput.ratios.push(a / r);
    log(
      `command round ${round}/${ROUNDS}: start p50 raw ${ms(median(sr))} API ${ms(median(sa))}; update p50 raw ${ms(median(ur))} API ${ms(median(ua))}; throughput raw ${int(r)}/s API ${int(a)}/s`,
    );
  }
  const ohStart = median(overheadStart);
  const ohUpdate = median(overheadUpdate);
  const tRatio = median(throughput.ratios);
  const ok = ohStart <= 2 && ohUpdate <= 2 && tRatio >= 0.9;
  if (!SMOKE && !ok) unmet.push('6. commands through the API');
  return {
    title: '6. commands through the API vs a raw Temporal client',
    lines: [
      `Start = form a pair: POST /programmes/:id/pairs (auth, programme and organisation reads, participant lookup, update-with-start) vs \`client.workflow.executeUpdateWithStart(pairFormedUpdate)\` with the same formation. Update = a mentor's diary entry: POST /pairs/:id/diary (auth, the pair's organisation from its creating event, \`executeUpdate\`) vs \`handle.executeUpdate(recordDiaryEntryUpdate)\`. Both wait for the workflow to store the event (an activity's durable append). Latency: 1 client, ${COMMAND_OPS} calls per side and round; throughput: ${COMMAND_CONCURRENCY} clients each updating its own pair ${COMMAND_OPS} times; ${ROUNDS} rounds, sides interleaved.`,
      '',
      '| call | raw p50 | raw p99 | API p50 | API p99 | p50 overhead (median of rounds) | target | met? |',
      '|---|---:|---:|---:|---:|---:|---|:---:|',
      `| start (form a pair) | ${ms(median(latency.startRaw))} | ${ms(percentile(latency.startRaw, 99))} | ${ms(median(latency.startApi))} | ${ms(percentile(latency.startApi, 99))} | ${ms(ohStart)} | ≤ 2 ms | ${verdict(ohStart <= 2)} |`,
      `| update (diary entry) | ${ms(median(latency.updRaw))} | ${ms(percentile(latency.updRaw, 99))} | ${ms(median(latency.updApi))} | ${ms(percentile(latency.updApi, 99))} | ${ms(ohUpdate)} | ≤ 2 ms | ${verdict(ohUpdate <= 2)} |`,
      '',
      '| throughput, updates | raw | API | ratio | target | met? |',
      '|---|---:|---:|---:|---|:---:|',
      `| ${COMMAND_CONCURRENCY} clients | ${int(median(throughput.raw))}/s | ${int(median(throughput.api))}/s | ${tRatio.toFixed(2)} | ≥ 0.9 | ${verdict(tRatio >= 0.9)} |`,
    ],
  };
}

// ---------------------------------------------------------------------------------------------------
// 9. Regional load: organisations, pairs and routes through the API vs the same number of raw appends

async function regionalBenchmark(bench: BenchSystem, api: Api): Promise<Section> {
  const [{ before }] = (
    await bench.pool.query<{ before: string }>('SELECT coalesce(max(position), 0) AS before FROM events')
  ).rows as [{ before: string }];
  const latencies = { organisation: [] as number[], pair: [] as number[], route: [] as number[] };
  const t0 = performance.now();
  const orgs = await inParallel(ORGANISATIONS, CONCURRENCY, async (i) => {
    const org = await timed(() => api.organisation(10_000 + i));
    latencies.organisation.push(org.ms);
    const programmeId = await api.programme(org.value);
    const tutor = randomUUID();
    return { ...org.value, programmeId, tutorToken: api.token(tutor, ['tutor'], [org.value.organisationId]) };
  });
  const tOrgs = performance.now();
  await inParallel(PAIRS, CONCURRENCY, async (i) => {
    const org = orgs[i % orgs.length] as (typeof orgs)[number];
    const people = await api.people(org);
    latencies.pair.push((await timed(() => api.pair(org, org.programmeId, i, people))).ms);
  });
  const tPairs = performance.now();
  const year = Number(today().slice(0, 4));
  await inParallel(ROUTES, CONCURRENCY, async (i) => {
    const org = orgs[i % orgs.length] as (typeof orgs)[number];
    latencies.route.push(
      (
        await timed(() =>
          api.call(
            'POST',
            `/organisations/${org.organisationId}/routes`,
            org.tutorToken,
            {
              teacherId: randomUUID(),
              methodologistId: randomUUID(),
              regionCode: '63',
              titlePage: {
                position: 'Учитель математики',
                education: 'Высшее педагогическое',
                teachingExperienceYears: 7,
                selfEducationTopic: 'Функциональная грамотность',
                startDate: today(),
                endDate: `${year + 3}-${today().slice(5)}`,
              },
              goal: 'Преодолеть профессиональные дефициты',
              tasks: ['Освоить цифровые сервисы для уроков'],
            },
            201,
          ),
        )
      ).ms,
    );
  });
  const tRoutes = performance.now();
  const apiSeconds = (tRoutes - t0) / 1000;
  const { written, rawSeconds } = await rawReinsert(bench, before, 'api');
  // Of this run's organisations only: in smoke mode the other benchmarks write to the same store meanwhile.
  const { rows: counts } = await bench.pool.query<{ pairs: number; routes: number }>(
    `SELECT count(*) FILTER (WHERE type = 'PairFormed')::int AS pairs, count(*) FILTER (WHERE type = 'RouteCreated')::int AS routes
       FROM events WHERE position > $1 AND type IN ('PairFormed', 'RouteCreated') AND data->>'organisationId' = ANY($2)`,
    [before, orgs.map((o) => o.organisationId)],
  );
  check(counts[0]?.pairs === PAIRS, `regional: ${counts[0]?.pairs} PairFormed events, expected ${PAIRS}`);
  check(counts[0]?.routes === ROUTES, `regional: ${counts[0]?.routes} RouteCreated events, expected ${ROUTES}`);
  const full = { organisations: 1000, pairs: 20_000, routes: 20_000 };
  const factor = (full.pairs + full.routes) / (PAIRS + ROUTES);
  const row = (what: string, xs: number[], seconds: number) =>
    `| ${what} | ${int(xs.length)} | ${ms(median(xs))} | ${ms(percentile(xs, 99))} | ${seconds.toFixed(1)} s | ${int(xs.length / seconds)}/s |`;
  return {
    title: `9. regional load (${int(ORGANISATIONS)} organisations, ${int(PAIRS)} pairs, ${int(ROUTES)} routes; scale ${(PAIRS / full.pairs).toPrecision(2)} of issue #11's)`,
    lines: [
      `Through the API, ${CONCURRENCY} concurrent clients: each organisation registered with a programme, then pairs formed (update-with-start of a pair workflow; round-robin over organisations, a fresh mentor each), then routes created. Baseline: the ${int(written.length)} events this wrote, re-inserted as durable single-row INSERTs at the same concurrency into a table LIKE events.`,
      '',
      '| step | calls | p50 | p99 | wall time | rate |',
      '|---|---:|---:|---:|---:|---:|',
      row('organisation + programme', latencies.organisation, (tOrgs - t0) / 1000),
      row('pair formation', latencies.pair, (tPairs - tOrgs) / 1000),
      row('route creation', latencies.route, (tRoutes - tPairs) / 1000),
      '',
      `| figure | API | raw appends | ratio (raw time ÷ API time) |`,
      '|---|---:|---:|---:|',
      `| wall time for ${int(written.length)} events | ${apiSeconds.toFixed(1)} s | ${rawSeconds.toFixed(1)} s | ${(rawSeconds / apiSeconds).toFixed(3)} |`,
      '',
      `Extrapolated to the full size (× ${factor.toFixed(0)}, assuming the rates above hold): ≈ ${((apiSeconds * factor) / 60).toFixed(0)} min through the API, ≈ ${((rawSeconds * factor) / 60).toFixed(1)} min of raw appends.`,
      '',
      ...(await regionalBulk(bench)),
    ],
  };
}

/** Seconds until the bench task queue's workflow backlog reads 0 twice in a row (undefined: the server reports no stats). */
async function workflowBacklogDrained(bench: BenchSystem): Promise<number | undefined> {
  const t0 = performance.now();
  let empty = 0;
  while (performance.now() - t0 < 600_000) {
    const { stats } = await bench.client.workflowService.describeTaskQueue({
      namespace: bench.client.options.namespace,
      taskQueue: { name: bench.taskQueue },
      taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
      reportStats: true,
    });
    if (stats === null || stats === undefined) return undefined;
    if (Number(stats.approximateBacklogCount ?? 0) === 0) {
      if (++empty === 2) return (performance.now() - t0) / 1000;
    } else empty = 0;
    await sleep(200);
  }
  check(false, 'regional bulk: the workflow backlog did not drain in 10 minutes');
  return undefined;
}

/**
 * Baseline of 9: the events written after `before`, one durable single-row INSERT each, at the benchmark's
 * concurrency, into a table LIKE events (only those of `ids` when given). Returns the rows and the seconds the
 * inserts took.
 */
async function rawReinsert(bench: BenchSystem, before: string, what: string, ids?: readonly string[]) {
  const { rows: written } = await bench.pool.query(
    `SELECT event_id, stream_id, stream_version, type, data, metadata, hash FROM events WHERE position > $1
     ${ids === undefined ? '' : 'AND event_id = ANY($2::uuid[])'} ORDER BY position`,
    ids === undefined ? [before] : [before, ids],
  );
  const table = `bench_regional_raw_${what}_${RUN_ID}`;
  await bench.pool.query(`CREATE TABLE ${table} (LIKE events INCLUDING ALL)`);
  await bench.pool.query(`CREATE SEQUENCE ${table}_seq OWNED BY ${table}.position`);
  await bench.pool.query(`ALTER TABLE ${table} ALTER COLUMN position SET DEFAULT nextval('${table}_seq')`);
  const r0 = performance.now();
  await inParallel(written.length, CONCURRENCY, async (i) => {
    const row = written[i] as Record<string, unknown>;
    await bench.pool.query(
      `INSERT INTO ${table} (event_id, stream_id, stream_version, type, data, metadata, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        row.event_id,
        row.stream_id,
        row.stream_version,
        row.type,
        JSON.stringify(row.data),
        JSON.stringify(row.metadata),
        row.hash,
      ],
    );
  });
  const rawSeconds = (performance.now() - r0) / 1000;
  const { rows: copied } = await bench.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  check(copied[0]?.n === written.length, `regional: raw table holds ${copied[0]?.n}, expected ${written.length}`);
  await bench.pool.query(`DROP TABLE ${table}`);
  return { written, rawSeconds };
}

/**
 * 9, the bulk path (issue 24 §2): a region of the same size with a year of history, decided through the
 * domain deciders (scripts/region/generate-region.ts), entered through onboardRegion: its streams appended
 * 12 at a time, route codes registered, then the workflows of its running programmes, pairs and routes
 * started with their snapshots, 32 starts in flight. Baseline: the events it wrote as raw appends.
 */
async function regionalBulk(bench: BenchSystem): Promise<string[]> {
  const query = (sql: string, p?: unknown[]) => bench.pool.query(sql, p).then((r) => r.rows);
  const region = generateRegion({
    municipalities: Math.min(10, ORGANISATIONS),
    organisations: ORGANISATIONS,
    pairs: PAIRS,
    routes: ROUTES,
    seed: 24,
    region: `Регион бенчмарка ${RUN_ID}`,
    firstOrganisationCode: await nextOrganisationCode(query, 63),
  });
  const generated = region.streams.reduce((t, s) => t + s.events.length, 0);
  const [{ before }] = (
    await bench.pool.query<{ before: string }>('SELECT coalesce(max(position), 0) AS before FROM events')
  ).rows as [{ before: string }];
  const t0 = performance.now();
  const result = await onboardRegion(
    {
      store: new EventStore(executorOf(bench.pool)),
      query,
      temporal: { client: bench.client, taskQueue: bench.taskQueue },
    },
    region,
  );
  const bulkSeconds = (performance.now() - t0) / 1000;
  // The worker runs each started workflow's first task after the start returned: until the queue's backlog is empty.
  const drainedSeconds = await workflowBacklogDrained(bench);
  const drained = drainedSeconds === undefined ? undefined : bulkSeconds + drainedSeconds;
  check(result.events === generated, `regional bulk: appended ${result.events} events, generated ${generated}`);
  check(result.workflows.existing === 0, `regional bulk: ${result.workflows.existing} workflows already there`);
  // Only the region's own events: the workflows just started may have appended (overdue tasks) meanwhile.
  const { written, rawSeconds } = await rawReinsert(
    bench,
    before,
    'bulk',
    region.streams.flatMap((s) => s.events.map((e) => e.eventId)),
  );
  check(
    written.length === generated,
    `regional bulk: ${written.length} of the region's events stored, ${generated} generated`,
  );
  const { started, finished } = result.workflows;
  const target = { organisations: 1000, pairs: 10_000, routes: 10_000 };
  const factor = (target.pairs + target.routes) / (PAIRS + ROUTES);
  const extrapolated = bulkSeconds * factor;
  return [
    `Bulk path (issue 24 §2, \`onboardRegion\`, \`npm run seed:region\`): a region of the same size (${int(ORGANISATIONS)} organisations, ${int(PAIRS)} pairs, ${int(ROUTES)} routes) with a year of history decided through the domain deciders, ${int(generated)} events in ${int(region.streams.length)} streams (the mentors' load among them); appended 12 streams at a time, route codes registered, then ${int(started)} workflows of the running programmes, pairs and routes started with their snapshots, 32 in flight (${int(finished)} finished pairs and routes get none). Baseline: the same ${int(written.length)} events, re-inserted as above.`,
    '',
    '| figure | bulk path | raw appends | ratio (raw time ÷ bulk time) |',
    '|---|---:|---:|---:|',
    `| wall time | ${bulkSeconds.toFixed(1)} s (append ${(result.appendMs / 1000).toFixed(1)} s, ${int(started)} starts ${(result.startMs / 1000).toFixed(1)} s) | ${rawSeconds.toFixed(1)} s | ${(rawSeconds / bulkSeconds).toFixed(3)} |`,
    `| … until the worker has run every started workflow's first task (task queue backlog 0) | ${drained === undefined ? 'n/a (no backlog stats)' : `${drained.toFixed(1)} s`} | | ${drained === undefined ? '' : (rawSeconds / drained).toFixed(3)} |`,
    '',
    `${factor === 1 ? "Issue 24's region itself" : "Extrapolated to issue 24's region"} (${int(target.organisations)} organisations, ${int(target.pairs)} pairs, ${int(target.routes)} routes${factor === 1 ? '' : `; × ${factor.toFixed(1)}, assuming the rates hold`}): entered (appended, codes registered, workflows started) in ≈ ${(extrapolated / 60).toFixed(1)} min against the ≤ 5 min target (${verdict(extrapolated <= 300)}); ≈ ${((rawSeconds * factor) / 60).toFixed(1)} min of raw appends.${drained === undefined ? '' : ` The worker then catches up for ≈ ${(((drained - bulkSeconds) * factor) / 60).toFixed(1)} min more: each started workflow arms its timers from the snapshot and does at once what the generated history leaves to timers (a route's monthly control-point review and check for every month since its road map was agreed, a pair's controls past due marked overdue), which through the API happened over the year.`}`,
  ];
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const report = beginReport('System benchmarks', 'API (Nest on Fastify) and worker in this process; ', cli);
  const { sections } = report;
  // The projector of benchmark 5 runs in the worker, which TestSystem starts with the API.
  // `bulk` runs 9's bulk side alone (e.g. at issue 24's full size); it needs the worker the API starts beside it.
  const needsApi = ['history', 'command', 'lag', 'regional', 'bulk'].some((name) => ONLY.has(name));
  const bench = await startBenchSystem(log, { api: needsApi });
  return runOnBenchSystem(bench, report, async () => {
    if (bench.server.own && !isDurable(bench.settings)) problems.push('the throwaway cluster is not durable');
    const api = needsApi ? new Api(bench) : undefined;
    if (ONLY.has('history')) sections.push(await historyBenchmark(bench, api as Api));
    if (ONLY.has('command')) sections.push(await commandBenchmark(bench, api as Api));
    if (ONLY.has('lag')) sections.push(await lagBenchmark(bench));
    if (ONLY.has('regional')) sections.push(await regionalBenchmark(bench, api as Api));
    if (ONLY.has('bulk'))
      sections.push({
        title: `9, bulk side only (${int(ORGANISATIONS)} organisations, ${int(PAIRS)} pairs, ${int(ROUTES)} routes)`,
        lines: await regionalBulk(bench),
      });
  });
}

runMain(main, log);
