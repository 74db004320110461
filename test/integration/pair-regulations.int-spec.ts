import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import { pairStream, type PairState } from '@mentorflow/domain';
import { activitiesFrom } from '../../apps/worker/src/create-worker';
import { completeTaskUpdate, reassignTaskUpdate } from '../../workflows/shared/task.messages';
import {
  assignMenteeTaskUpdate,
  decidePeriodicReportUpdate,
  decideProgrammeCorrectionUpdate,
  giveTerminationNoticeUpdate,
  pairFormedUpdate,
  pairViewQuery,
  passInterimControlUpdate,
  proposeProgrammeCorrectionUpdate,
  replaceMentorSignal,
  submitPeriodicReportUpdate,
} from '../../workflows/pair/pair.messages';
import { waitUntil } from '../support/poll';
import { captureHistory } from '../support/replay';
import { registerTestSchool } from '../support/organisation';
import { pairStartOptions, personalProgrammeFrom, startActivePair } from '../support/pair-start';
import { pairWorkflow } from '../../workflows/pair/pair.workflow';
import { useTimeSkippingWorker } from '../support/time-skipping';

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The new paths of the pair workflow (correction, written notice, the mentees' consent), recorded for the replay gate. */
describe('pair workflow: correction, written notice and the mentees’ consent', () => {
  const taskQueue = `pair-regulations-${randomUUID()}`;
  const temporal = useTimeSkippingWorker({ taskQueue, activities: activitiesFrom });
  const [organisationId, director, curator] = freshIds(3);

  beforeAll(() => registerTestSchool(temporal.store, organisationId, 'МБОУ СОШ № 7'));
  const { meta, nowMs: now } = temporal;
  const tasksOf = (state: PairState) => (state.status === 'notFormed' ? [] : Object.values(state.tasks));

  async function activePair(mentorId: string, menteeId: string) {
    const today = await now();
    const pairId = randomUUID();
    const order = { number: `${pairId.slice(0, 4)}-к`, date: isoDate(today), signedBy: 'Директор' };
    const { handle, active } = await startActivePair(
      temporal,
      taskQueue,
      { pairId, organisationId, mentorId, menteeId, order, today },
      { director, curator },
    );
    return { pairId, handle, active, today };
  }

  it('needs correction, takes the mentor’s corrected programme with a later end, then ends on a mentee’s notice', async () => {
    const [mentor, mentee] = [randomUUID(), randomUUID()];
    const { pairId, handle, active, today } = await activePair(mentor, mentee);
    const interim = tasksOf(active.state).find((t) => t.kind === 'interimControl');

    const failed = await handle.executeUpdate(passInterimControlUpdate, {
      args: [
        {
          data: {
            taskId: interim?.taskId ?? '',
            outcome: 'needsCorrection',
            comment: 'Скорректировать план',
            repeatControlDate: isoDate(today + 40 * DAY),
          },
          metadata: await meta(curator, 'curator'),
        },
      ],
    });
    expect(tasksOf(failed.state).find((t) => t.kind === 'programmeCorrection')).toMatchObject({
      status: 'open',
      dueLocalDate: isoDate(today + 40 * DAY),
      assignee: { personId: mentor, role: 'mentor' },
    });

    const newEnd = isoDate(today + 210 * DAY);
    const proposed = await handle.executeUpdate(proposeProgrammeCorrectionUpdate, {
      args: [
        {
          data: {
            correctionId: randomUUID(),
            reason: 'Перенос открытого урока',
            start: isoDate(today),
            end: newEnd,
            directions: ['Адаптация'],
            difficulties: ['Дисциплина на уроке'],
            activities: [{ title: 'Открытый урок', plannedDate: isoDate(today + 60 * DAY) }],
          },
          metadata: await meta(mentor, 'mentor'),
        },
      ],
    });
    const correctionId = proposed.state.status === 'notFormed' ? '' : proposed.state.pendingCorrection?.correctionId;
    const approved = await handle.executeUpdate(decideProgrammeCorrectionUpdate, {
      args: [
        { data: { correctionId: correctionId ?? '', decision: 'approved' }, metadata: await meta(curator, 'curator') },
      ],
    });
    const finalTask = tasksOf(approved.state).find(
      (t) => t.kind === 'finalControl' && t.assignee.role === 'curator' && t.status === 'open',
    );
    expect(finalTask?.dueLocalDate).toBe(newEnd);

    const given = await handle.executeUpdate(giveTerminationNoticeUpdate, {
      args: [{ data: { noticeDate: isoDate(await now()) }, metadata: await meta(mentee, 'mentee') }],
    });
    expect(given.state.status).toBe('active');
    await temporal.env.sleep('10 days');
    await waitUntil(async () => (await handle.query(pairViewQuery)).state.status === 'terminated');
    await handle.result();
    const types = (await temporal.store.readStream(pairStream(pairId))).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'InterimControlFailed',
        'PersonalProgrammeCorrectionProposed',
        'PersonalProgrammeCorrected',
        'PairTerminationNoticeGiven',
        'PairTerminated',
      ]),
    );
    await captureHistory('pair-correction-and-notice', handle);
  });

  it('replaces the mentor with the mentee’s consent', async () => {
    const [mentor, mentee, newMentor] = [randomUUID(), randomUUID(), randomUUID()];
    const { handle } = await activePair(mentor, mentee);
    const today = isoDate(await now());
    await handle.signal(replaceMentorSignal, {
      data: {
        replacementId: randomUUID(),
        reason: 'transfer',
        order: { number: '9-к', date: today, signedBy: 'Директор' },
        newMentorId: newMentor,
        newMentorConsent: { personId: newMentor, date: today },
        menteeConsents: [{ personId: mentee, date: today }],
      },
      metadata: await meta(director, 'director'),
    });
    await waitUntil(async () => {
      const { state } = await handle.query(pairViewQuery);
      return state.status !== 'notFormed' && state.mentorId === newMentor;
    });
    await captureHistory('pair-replacement-mentee-consents', handle);
  });

  it('raises the mentor’s dated assignment as the mentee’s task, marks it overdue, and takes it done from the inbox', async () => {
    const [mentor, mentee] = [randomUUID(), randomUUID()];
    const { pairId, handle, today } = await activePair(mentor, mentee);
    const given = await handle.executeUpdate(assignMenteeTaskUpdate, {
      args: [
        {
          data: {
            menteeId: mentee,
            title: 'Подготовить карту урока',
            dueDate: isoDate(today + 3 * DAY),
            activityIndex: 0,
          },
          metadata: await meta(mentor, 'mentor'),
        },
      ],
    });
    const task = tasksOf(given.state).find((t) => t.kind === 'menteeAssignment');
    expect(task).toMatchObject({ status: 'open', assignee: { personId: mentee, role: 'mentee' } });
    await temporal.env.sleep('5 days');
    await waitUntil(async () => {
      const { state } = await handle.query(pairViewQuery);
      return tasksOf(state).some((t) => t.taskId === task?.taskId && t.status === 'overdue');
    });
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ data: { taskId: task?.taskId ?? '', result: 'Сделано' }, metadata: await meta(mentee, 'mentee') }],
    });
    const types = (await temporal.store.readStream(pairStream(pairId))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['MenteeAssignmentGiven', 'TaskOverdue', 'TaskCompleted']));
    await captureHistory('pair-mentee-assignment', handle);
  });

  it('opens the reporting periods one after another, marks an unsent report overdue, takes and returns a report', async () => {
    const [mentor, mentee] = [randomUUID(), randomUUID()];
    const { pairId, handle } = await activePair(mentor, mentee);
    const reportTasks = async () =>
      tasksOf((await handle.query(pairViewQuery)).state).filter((t) => t.kind === 'periodicReport');
    await waitUntil(async () => (await reportTasks()).length === 2);
    const [mentorTask, menteeTask] = await reportTasks();
    expect(mentorTask).toMatchObject({ status: 'open', assignee: { personId: mentor, role: 'mentor' } });
    expect(menteeTask?.remindAt).toHaveLength(1);

    // The first period ends: its unsent reports turn overdue and the second period's tasks are raised.
    await temporal.env.sleep('32 days');
    await waitUntil(async () => (await reportTasks()).length === 4);
    expect((await reportTasks()).slice(0, 2).map((t) => t.status)).toEqual(['overdue', 'overdue']);

    await handle.executeUpdate(completeTaskUpdate, {
      args: [
        {
          data: { taskId: menteeTask?.taskId ?? '', result: 'Отчёт за месяц' },
          metadata: await meta(mentee, 'mentee'),
        },
      ],
    });
    await handle.executeUpdate(submitPeriodicReportUpdate, {
      args: [
        {
          data: { taskId: mentorTask?.taskId ?? '', text: 'Отчёт наставника за месяц' },
          metadata: await meta(mentor, 'mentor'),
        },
      ],
    });
    const returned = await handle.executeUpdate(decidePeriodicReportUpdate, {
      args: [
        {
          data: { taskId: mentorTask?.taskId ?? '', decision: 'returned', comment: 'Дополните' },
          metadata: await meta(curator, 'curator'),
        },
      ],
    });
    expect(tasksOf(returned.state).filter((t) => t.kind === 'periodicReport' && t.status === 'open')).toHaveLength(3);
    const types = (await temporal.store.readStream(pairStream(pairId))).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['PeriodicReportPeriodOpened', 'PeriodicReportSubmitted', 'PeriodicReportDecided']),
    );
    await captureHistory('pair-periodic-reports', handle);
  });

  it('passes the mentor’s task to another mentor with a reason (issue 27), and refuses a blank reason', async () => {
    const [mentor, mentee, colleague] = [randomUUID(), randomUUID(), randomUUID()];
    const { pairId, handle, active } = await activePair(mentor, mentee);
    const task = tasksOf(active.state).find((t) => t.assignee.personId === mentor);
    const reassign = async (reason: string) =>
      handle.executeUpdate(reassignTaskUpdate, {
        args: [
          {
            data: { taskId: task?.taskId ?? '', toPersonId: colleague, reason },
            metadata: await meta(curator, 'curator'),
          },
        ],
      });
    await expect(reassign(' ')).rejects.toThrow();
    await reassign('Наставник в отпуске');
    const { state } = await handle.query(pairViewQuery);
    expect(tasksOf(state).find((t) => t.taskId === task?.taskId)?.assignee).toEqual({
      personId: colleague,
      role: 'mentor',
    });
    const events = await temporal.store.readStream(pairStream(pairId));
    expect(events.filter((e) => e.type === 'TaskReassigned').map((e) => e.data)).toEqual([
      expect.objectContaining({ reason: 'Наставник в отпуске', reassignedBy: curator }),
    ]);
    await captureHistory('pair-task-reassigned', handle);
  });

  it('takes the mentor’s first programme, returned with a comment and approved as the programme (issue 26)', async () => {
    const [mentor, mentee, head] = [randomUUID(), randomUUID(), randomUUID()];
    const today = await now();
    const pairId = randomUUID();
    const order = { number: `${pairId.slice(0, 4)}-к`, date: isoDate(today), signedBy: 'Директор' };
    const handle = await temporal.env.client.workflow.start(
      pairWorkflow,
      pairStartOptions(
        taskQueue,
        { pairId, organisationId, mentorId: mentor, menteeId: mentee, order, today },
        { metadata: await meta(director, 'director') },
      ),
    );
    await handle.executeUpdate(pairFormedUpdate);
    // The mentor's proposal names no controller: the head who approves it controls the pair.
    const { start, end, directions, difficulties, activities } = personalProgrammeFrom(today, head);
    const programme = { start, end, directions, difficulties, activities };
    const propose = async (reason: string) => {
      const { state } = await handle.executeUpdate(proposeProgrammeCorrectionUpdate, {
        args: [{ data: { ...programme, correctionId: randomUUID(), reason }, metadata: await meta(mentor, 'mentor') }],
      });
      return state.status === 'notFormed' ? '' : (state.pendingCorrection?.correctionId ?? '');
    };
    const decide = async (correctionId: string, decision: 'approved' | 'returned', comment?: string) =>
      handle.executeUpdate(decideProgrammeCorrectionUpdate, {
        args: [{ data: { correctionId, decision, comment }, metadata: await meta(head, 'commissionHead') }],
      });

    const returned = await decide(await propose('Первая версия'), 'returned', 'Добавьте посещение уроков');
    expect(returned.state).toMatchObject({
      status: 'formed',
      returnedCorrection: { comment: 'Добавьте посещение уроков' },
    });
    const approved = await decide(await propose('Добавлено посещение уроков'), 'approved');
    expect(approved.state).toMatchObject({
      status: 'active',
      controlPlan: { controller: { personId: head, role: 'commissionHead' } },
      personalProgrammeVersions: [expect.objectContaining({ version: 1, proposedBy: mentor, approvedBy: head })],
    });
    expect(
      tasksOf(approved.state)
        .map((t) => t.kind)
        .sort(),
    ).toEqual(['finalControl', 'finalControl', 'interimControl']);
    const types = (await temporal.store.readStream(pairStream(pairId))).map((e) => e.type);
    expect(types).toEqual([
      'PairFormed',
      'PersonalProgrammeCorrectionProposed',
      'PersonalProgrammeCorrectionReturned',
      'PersonalProgrammeCorrectionProposed',
      'PersonalProgrammeApproved',
      'TaskRaised',
      'TaskRaised',
      'TaskRaised',
    ]);
    await captureHistory('pair-first-programme-returned', handle);
  });
});
