import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import { dataSourceOptions } from '@mentorflow/database';
import { routeWorkflowId } from '@mentorflow/domain';
import { allProjections, Projector } from '@mentorflow/projections';
import { loadFixtureYearsAhead } from '../support/calendar-fixture';
import { readModelChecksums } from '../support/database';
import { eventually } from '../support/poll';
import { addDays } from '../support/dates';
import { freshIds } from '../support/ids';
import { places, registerOrganisation } from '../support/programme-setup';
import { courseRow, ictDeficit, routeBody, mathsTeacherTitlePage, fourYearsLessADay } from '../support/route-setup';
import { TestSystem } from '../support/system';
import {
  freePort,
  lastWords,
  migrate,
  repoRoot,
  startPostgres,
  startTemporalServer,
  stopPostgres,
  stopTemporal,
  type PostgresProcess,
  type TemporalProcess,
} from '../soak/lib/processes';

/**
 * Issue 23, «Deploys and recovery»: `npm run backup` of a running system with open workflows and timers, `npm run
 * restore` into a fresh data directory after the original is gone, and the system goes on — the pending timer fires,
 * commands work on workflows started before the backup, the read models equal a rebuild, every hash chain verifies.
 * Its own PostgreSQL and Temporal server (the suite's shared ones stay untouched): both are destroyed mid-test.
 */
const MINUTES = 60_000;
const timeZone = 'Europe/Samara';
const today = () => localDateOf(new Date(), timeZone);

function runScript(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const register = script.endsWith('.ts') ? ['-r', '@swc-node/register'] : [];
    const child = spawn(process.execPath, [...register, script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** Timer ids started and neither fired nor cancelled in a workflow's history. */
async function pendingTimers(client: Client, workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const pending = new Map<string, string>();
  for (const event of history.events ?? []) {
    if (event.timerStartedEventAttributes?.timerId)
      pending.set(
        event.timerStartedEventAttributes.timerId,
        String(event.timerStartedEventAttributes.startToFireTimeout?.seconds),
      );
    const ended = event.timerFiredEventAttributes?.timerId ?? event.timerCanceledEventAttributes?.timerId;
    if (ended) pending.delete(ended);
  }
  return [...pending.keys()].sort();
}

describe('backup and restore of the production topology', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentorflow-backup-'));
  const taskQueue = `backup-${process.pid}`;
  const sleeperQueue = `${taskQueue}-sleeper`;
  const [admin, curator, tutor, methodologist, teacher] = freshIds(5);
  const environment = { DATABASE_URL: process.env.DATABASE_URL, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS };
  let postgres: PostgresProcess | undefined;
  let temporal: TemporalProcess | undefined;
  let system: TestSystem | undefined;
  let sleeperWorker: { worker: Worker; running: Promise<void>; connection: NativeConnection } | undefined;

  async function startCluster(dataDir: string, name: string) {
    postgres = await startPostgres(await freePort(), dataDir);
    await migrate(postgres.url); // nothing to do on the restored one: its schema came with it
    temporal = await startTemporalServer(await freePort(), postgres.url, join(dir, `temporal-${name}`));
    process.env.DATABASE_URL = postgres.url;
    process.env.TEMPORAL_ADDRESS = temporal.address;
    system = await TestSystem.start(taskQueue);
    const connection = await NativeConnection.connect({ address: temporal.address });
    const worker = await Worker.create({
      connection,
      taskQueue: sleeperQueue,
      workflowsPath: require.resolve('./fixtures/sleeper.workflow'),
    });
    sleeperWorker = { worker, running: worker.run(), connection };
  }

  async function stopCluster() {
    await system?.stop();
    system = undefined;
    if (sleeperWorker) {
      sleeperWorker.worker.shutdown();
      await sleeperWorker.running;
      await sleeperWorker.connection.close();
      sleeperWorker = undefined;
    }
    // The disaster: the server is killed, not shut down.
    if (temporal) await stopTemporal(temporal, 'SIGKILL');
    if (postgres) await stopPostgres(postgres);
    temporal = undefined;
    postgres = undefined;
  }

  async function temporalClient() {
    const connection = await Connection.connect({ address: temporal?.address });
    return { client: new Client({ connection }), close: () => connection.close() };
  }

  afterAll(async () => {
    // A server that died on its own (not by stopCluster's kill) is the failure's cause: show what it printed last.
    if (temporal && (temporal.child.exitCode !== null || temporal.child.signalCode !== null))
      console.error(
        `the Temporal server exited by itself (${temporal.child.exitCode ?? temporal.child.signalCode}):\n` +
          lastWords(temporal, 6000),
      );
    await stopCluster().catch(() => undefined);
    Object.assign(process.env, environment);
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'restores a running system into a fresh data directory: timers fire, commands work, read models equal a rebuild, chains verify',
    async () => {
      // ---- a running system with open workflows and timers
      await startCluster(join(dir, 'postgres-original'), 'original');
      const live = system as TestSystem;
      await loadFixtureYearsAhead();
      const organisation = await registerOrganisation(live, live.token(admin, ['administrator']), {
        ...places.tolyatti,
        timeZone,
      });
      expect(organisation.status).toBe(201);
      const organisationId = organisation.body.organisationId as string;
      const as = {
        admin: live.token(admin, ['administrator']),
        tutor: live.token(tutor, ['tutor'], [organisationId]),
        methodologist: live.token(methodologist, ['methodologist'], [organisationId]),
      };
      expect(
        (
          await live.request('POST', `/organisations/${organisationId}/staff`, as.admin, {
            personId: curator,
            role: 'curator',
          })
        ).status,
      ).toBe(200);
      const titlePage = mathsTeacherTitlePage(today(), fourYearsLessADay(today()));
      const routeIds: string[] = [];
      const codesBefore: string[] = [];
      for (let i = 0; i < 3; i++) {
        const created = await live.request(
          'POST',
          `/organisations/${organisationId}/routes`,
          as.tutor,
          routeBody(teacher, methodologist, titlePage),
        );
        expect(created.status).toBe(201);
        const routeId = created.body.state.routeId as string;
        codesBefore.push(created.body.state.code as string);
        const diagnosed = await live.request('POST', `/routes/${routeId}/record-diagnostics`, as.tutor, {
          diagnosticsId: randomUUID(),
          date: today(),
          results: ictDeficit(),
        });
        expect(diagnosed.status).toBe(200);
        routeIds.push(routeId);
      }
      // The methodologist's draft tasks, each with its deadline timers in the route's workflow.
      const inboxBefore = await live.eventually(
        () => live.request('GET', '/tasks?kind=draftRoute', as.methodologist),
        (r) => routeIds.every((id) => r.body.some((t: { subject: { id: string } }) => t.subject.id === id)),
      );
      let temporalA = await temporalClient();
      const timersBefore: Record<string, string[]> = {};
      for (const id of routeIds) {
        timersBefore[id] = await live.eventually(
          () => pendingTimers(temporalA.client, routeWorkflowId(id)),
          (timers) => timers.length > 0,
        );
      }
      const sleeping = await temporalA.client.workflow.start('sleeper', {
        taskQueue: sleeperQueue,
        workflowId: `sleeper-${randomUUID()}`,
        args: [60_000],
      });
      await temporalA.close();

      // ---- npm run backup, while it all runs
      const backupDir = join(dir, 'backup');
      const backup = await runScript('scripts/backup.mjs', ['--out', backupDir], {
        DATABASE_URL: (postgres as PostgresProcess).url,
        SCAN_STORAGE_DIR: join(dir, 'scans-original'),
      });
      expect(backup).toMatchObject({ code: 0 });
      expect(backup.output).toMatch(/verified with pg_verifybackup/);

      // ---- the original is lost
      await stopCluster();

      // ---- npm run restore into a fresh directory; a second restore over it is refused
      const restoredDir = join(dir, 'postgres-restored');
      const restored = await runScript('scripts/restore.mjs', [backupDir, '--data-dir', restoredDir], {});
      expect(restored).toMatchObject({ code: 0 });
      expect(restored.output).toMatch(/every hash chain verified/);
      // The lost cluster's hosts were heartbeating in the backup: the restored server must not try to join them.
      expect(restored.output).toMatch(/forgot the [1-9]\d* membership records of the lost cluster's Temporal hosts/);
      const again = await runScript('scripts/restore.mjs', [backupDir, '--data-dir', restoredDir], {});
      expect(again.code).toBe(2);
      expect(again.output).toMatch(/is not empty/);

      await startCluster(restoredDir, 'restored');
      const after = system as TestSystem;
      const tokens = {
        tutor: after.token(tutor, ['tutor'], [organisationId]),
        methodologist: after.token(methodologist, ['methodologist'], [organisationId]),
      };

      // Timers: the one pending in the backup fires in the restored cluster; the routes' own are all still there.
      const temporalB = await temporalClient();
      // A started server answers UNAVAILABLE («Not enough hosts to serve the request») until its services have
      // joined each other and own the history shards: wait for it to describe the workflow, then ask for the result.
      const sleeper = temporalB.client.workflow.getHandle(sleeping.workflowId);
      await eventually(
        () =>
          sleeper.describe().then(
            () => true,
            () => false,
          ),
        (served) => served,
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      expect(await sleeper.result()).toBe('woke');
      // Its gossip ring formed from its own services at once: no join timed out on the lost cluster's hosts (which
      // kept it from serving for 40 s, and once in CI ended the server).
      expect(temporal?.output()).not.toMatch(/unable to bootstrap ringpop/);
      const { createdAt } = JSON.parse(readFileSync(join(backupDir, 'mentorflow-backup.json'), 'utf8')) as {
        createdAt: string;
      };
      const fired = (await temporalB.client.workflow.getHandle(sleeping.workflowId).fetchHistory()).events?.find(
        (event) => event.timerFiredEventAttributes,
      );
      expect(Number(fired?.eventTime?.seconds) * 1000).toBeGreaterThan(Date.parse(createdAt));
      for (const id of routeIds)
        expect(await pendingTimers(temporalB.client, routeWorkflowId(id))).toEqual(timersBefore[id]);

      // The read models came back with the store: the inbox as it was.
      const inboxAfter = await after.request('GET', '/tasks?kind=draftRoute', tokens.methodologist);
      expect(inboxAfter.body.map((t: { taskId: string }) => t.taskId).sort()).toEqual(
        inboxBefore.body.map((t: { taskId: string }) => t.taskId).sort(),
      );

      // Commands work on a workflow started before the backup, and new ones start with the next code.
      const submitted = await after.request('POST', `/routes/${routeIds[0]}/submit-draft`, tokens.methodologist, {
        rows: [courseRow(addDays(today(), 120))],
      });
      expect(submitted.status).toBe(200);
      expect(submitted.body.state.draft).toMatchObject({ onTime: true });
      // Submitting ends the draft's timers (cancelled), the other routes keep theirs.
      await after.eventually(
        () => pendingTimers(temporalB.client, routeWorkflowId(routeIds[0] as string)),
        (timers) => timers.length === 0,
      );
      const next = await after.request(
        'POST',
        `/organisations/${organisationId}/routes`,
        tokens.tutor,
        routeBody(teacher, methodologist, titlePage),
      );
      expect(next.status).toBe(201);
      const sequence = (code: string) => Number(code.slice(-6));
      expect(sequence(next.body.state.code)).toBe(Math.max(...codesBefore.map(sequence)) + 1);
      await after.eventually(
        () => after.request('GET', '/tasks?kind=draftRoute', tokens.methodologist),
        (r) => !r.body.some((t: { subject: { id: string } }) => t.subject.id === routeIds[0]),
      );
      await temporalB.close();
      temporalA = temporalB;

      // The read models equal a rebuild from the restored store; every chain verifies (npm run store:verify).
      await (system as TestSystem).stop();
      system = undefined;
      const dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL as string)).initialize();
      try {
        for (const projection of allProjections) await new Projector(dataSource).catchUp(projection);
        const live = await readModelChecksums(dataSource);
        for (const projection of allProjections) await new Projector(dataSource).rebuild(projection);
        expect(await readModelChecksums(dataSource)).toEqual(live);
      } finally {
        await dataSource.destroy();
      }
      const verified = await runScript('scripts/verify-store.ts', ['--json'], {
        DATABASE_URL: process.env.DATABASE_URL as string,
      });
      expect(verified.code).toBe(0);
    },
    30 * MINUTES,
  );
});
