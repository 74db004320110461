import fc from 'fast-check';
import type { CommandMetadata } from '../shared/decider';
import { isDomainRefusal } from '../shared/refusal';
import type { ApprovePersonalProgramme, PairCommand } from './pair.commands';
import { pairDecider } from './pair.decider';
import type { PairControlTask, PairEvent } from './pair.events';
import type { PairState } from './pair.state';
import { formData, order } from './pair.fixtures';

/**
 * Model-based test of the pair's life (fc.commands): random sequences of every command a pair
 * receives — legal or not at that moment — run against the decider and against a model written from
 * DOMAIN.md. Every command the model calls illegal must be refused with a domain refusal and store
 * nothing; every legal one must produce exactly the events the model predicts, so no status is skipped
 * (a pair is formed, then active, then completed or terminated) and the history equals the model's.
 */
type Status = 'notFormed' | 'formed' | 'active' | 'completed' | 'terminated';

interface Model {
  status: Status;
  mentorId: string;
  previousMentors: string[];
  diary: Set<string>;
  /** Control tasks that are still open, by id → assignee. */
  open: Map<string, string>;
  interimTaskId: string;
  lastInterim?: 'passed' | 'needsCorrection';
  reportSubmitted: boolean;
  finalDone: boolean;
  replacements: Map<string, 'applied'>;
  lastReplacementId?: string;
  counter: number;
  /** The whole history the model expects, by event type. */
  history: string[];
}

interface Real {
  state: PairState;
  history: PairEvent[];
}

const now = '2026-09-01T06:00:00.000Z';
const at = (actorId: string, role: CommandMetadata['role']): CommandMetadata => ({ actorId, role, now });
const director = at('director-1', 'director');
const head = at('head-1', 'commissionHead');
const programme: ApprovePersonalProgramme['data'] = {
  programmeDocId: 'doc-ppn-1',
  start: '2026-09-01',
  end: '2027-05-31',
  directions: ['Методика преподавания'],
  activities: [{ title: 'Посещение уроков наставника', plannedDate: '2026-09-15' }],
  difficulties: ['Дисциплина на уроке'],
  controller: { personId: 'head-1', role: 'commissionHead' },
  interimControl: { taskId: 'task-interim', dueAt: '2027-01-15T21:00:00.000Z', dueLocalDate: '2027-01-15' },
  finalControl: { taskId: 'task-final', dueAt: '2027-05-31T21:00:00.000Z', dueLocalDate: '2027-05-31' },
  mentorReport: { taskId: 'task-report', dueAt: '2027-05-20T21:00:00.000Z', dueLocalDate: '2027-05-20' },
};
const repeatControl = (n: number): PairControlTask => ({
  taskId: `task-interim-${n}`,
  dueAt: '2027-02-15T21:00:00.000Z',
  dueLocalDate: '2027-02-15',
});

const isOpen = (m: Model) => m.status === 'formed' || m.status === 'active';

/**
 * One step: the command built from the model (so ids and actors are the interesting ones), whether the
 * model allows it, and what it changes in the model and which events it expects when it does.
 */
abstract class PairStep implements fc.Command<Model, Real> {
  abstract toString(): string;
  protected abstract command(m: Model): PairCommand;
  /** `undefined`: the model says this must be refused; otherwise the expected event types. */
  protected abstract expect(m: Model): string[] | undefined;
  protected abstract update(m: Model): void;

  check = () => true;

  run(m: Model, r: Real): void {
    const command = this.command(m);
    const expected = this.expect(m);
    let events: PairEvent[];
    try {
      events = pairDecider.decide(command, r.state);
    } catch (error) {
      if (!isDomainRefusal(error)) throw error;
      if (expected !== undefined)
        throw new Error(`${this.toString()} was refused (${error.code}) but the model allows it`);
      return;
    }
    if (expected === undefined)
      throw new Error(
        `${this.toString()} was accepted (${events.map((e) => e.type).join(', ')}) but the model refuses it`,
      );
    expect(events.map((e) => e.type)).toEqual(expected);
    r.state = events.reduce(pairDecider.evolve, r.state);
    r.history.push(...events);
    m.history.push(...expected);
    this.update(m);
    // The decider's status moves only along the model's machine, one step at a time.
    expect(r.state.status).toBe(m.status);
    expect(r.history.map((e) => e.type)).toEqual(m.history);
  }
}

class Form extends PairStep {
  toString = () => 'Form';
  command = (): PairCommand => ({ type: 'FormPair', data: formData, metadata: director });
  expect = (m: Model) => (m.status === 'notFormed' ? ['PairFormed'] : undefined);
  update = (m: Model) => void (m.status = 'formed');
}

class Approve extends PairStep {
  toString = () => 'Approve';
  command = (): PairCommand => ({ type: 'ApprovePersonalProgramme', data: programme, metadata: head });
  expect = (m: Model) =>
    m.status === 'formed' ? ['PersonalProgrammeApproved', 'TaskRaised', 'TaskRaised', 'TaskRaised'] : undefined;
  update = (m: Model) => {
    m.status = 'active';
    m.open.set('task-interim', 'head-1').set('task-report', m.mentorId).set('task-final', 'head-1');
  };
}

class Diary extends PairStep {
  constructor(
    private readonly byPrevious: boolean,
    private readonly reuseId: boolean,
  ) {
    super();
  }
  toString = () => `Diary(byPrevious=${this.byPrevious}, reuseId=${this.reuseId})`;
  private entryId = (m: Model) => (this.reuseId && m.diary.size > 0 ? [...m.diary][0] : `entry-${m.counter}`) as string;
  private actor = (m: Model) => (this.byPrevious ? (m.previousMentors.at(-1) ?? 'mentee-1') : m.mentorId);
  command = (m: Model): PairCommand => ({
    type: 'RecordDiaryEntry',
    data: { entryId: this.entryId(m), date: '2026-09-01', text: 'Посетили урок' },
    metadata: at(this.actor(m), 'mentor'),
  });
  expect = (m: Model) =>
    isOpen(m) && this.actor(m) === m.mentorId && !m.diary.has(this.entryId(m))
      ? ['MentorDiaryEntryRecorded']
      : undefined;
  update = (m: Model) => {
    m.diary.add(this.entryId(m));
    m.counter++;
  };
}

class Interim extends PairStep {
  constructor(private readonly passed: boolean) {
    super();
  }
  toString = () => `Interim(${this.passed ? 'passed' : 'needsCorrection'})`;
  command = (m: Model): PairCommand => ({
    type: 'PassInterimControl',
    data: this.passed
      ? { taskId: m.interimTaskId, outcome: 'passed', comment: 'План выполняется' }
      : {
          taskId: m.interimTaskId,
          outcome: 'needsCorrection',
          comment: 'Нужна корректировка',
          repeatControl: repeatControl(m.counter),
        },
    metadata: head,
  });
  expect = (m: Model) =>
    m.status === 'active' && m.open.has(m.interimTaskId)
      ? this.passed
        ? ['InterimControlPassed', 'TaskCompleted']
        : ['InterimControlFailed', 'TaskCompleted', 'TaskRaised']
      : undefined;
  update = (m: Model) => {
    m.open.delete(m.interimTaskId);
    m.lastInterim = this.passed ? 'passed' : 'needsCorrection';
    if (!this.passed) {
      m.interimTaskId = repeatControl(m.counter).taskId;
      m.open.set(m.interimTaskId, 'head-1');
    }
    m.counter++;
  };
}

class MentorReport extends PairStep {
  toString = () => 'MentorReport';
  command = (m: Model): PairCommand => ({
    type: 'SubmitMentorFinalReport',
    data: { taskId: 'task-report', conclusion: 'Адаптация прошла успешно' },
    metadata: at(m.mentorId, 'mentor'),
  });
  expect = (m: Model) =>
    m.status === 'active' && m.open.get('task-report') === m.mentorId
      ? ['MentorFinalReportSubmitted', 'TaskCompleted']
      : undefined;
  update = (m: Model) => {
    m.open.delete('task-report');
    m.reportSubmitted = true;
  };
}

class Final extends PairStep {
  constructor(private readonly passed: boolean) {
    super();
  }
  toString = () => `Final(${this.passed})`;
  command = (): PairCommand => ({
    type: 'CompleteFinalControl',
    data: {
      taskId: 'task-final',
      outcome: this.passed ? 'passed' : 'notPassed',
      mentorConclusion: 'Наставляемый адаптировался',
    },
    metadata: head,
  });
  // Interim first, then final (002 §4.8), and only with the mentor's report in.
  expect = (m: Model) =>
    m.status === 'active' &&
    m.open.has('task-final') &&
    !m.open.has(m.interimTaskId) &&
    m.lastInterim === 'passed' &&
    m.reportSubmitted
      ? ['FinalControlCompleted', 'TaskCompleted']
      : undefined;
  update = (m: Model) => {
    m.open.delete('task-final');
    m.finalDone = true;
  };
}

class Complete extends PairStep {
  toString = () => 'Complete';
  command = (): PairCommand => ({ type: 'CompletePair', data: {}, metadata: director });
  expect = (m: Model) => (isOpen(m) && m.finalDone ? ['PairCompleted'] : undefined);
  update = (m: Model) => void (m.status = 'completed');
}

class Terminate extends PairStep {
  toString = () => 'Terminate';
  command = (): PairCommand => ({
    type: 'TerminatePair',
    data: { reason: 'Увольнение наставляемого', order },
    metadata: director,
  });
  expect = (m: Model) => (isOpen(m) ? ['PairTerminated', ...[...m.open.keys()].map(() => 'TaskCancelled')] : undefined);
  update = (m: Model) => {
    m.status = 'terminated';
    m.open.clear();
  };
}

class Replace extends PairStep {
  constructor(private readonly kind: 'fresh' | 'sameMentor' | 'retryLast') {
    super();
  }
  toString = () => `Replace(${this.kind})`;
  private replacementId = (m: Model) =>
    this.kind === 'retryLast' && m.lastReplacementId ? m.lastReplacementId : `replacement-${m.counter}`;
  private newMentor = (m: Model) =>
    this.kind === 'sameMentor'
      ? m.mentorId
      : this.kind === 'retryLast'
        ? (m.previousMentors.at(-1) ?? 'x')
        : `mentor-${m.counter + 2}`;
  private retried = (m: Model) => this.kind === 'retryLast' && m.lastReplacementId !== undefined;
  command = (m: Model): PairCommand => {
    // A retry sends exactly what was sent before: the old mentor's successor is the current one.
    const newMentorId = this.retried(m) ? m.mentorId : this.newMentor(m);
    return {
      type: 'ReplaceMentor',
      data: {
        replacementId: this.replacementId(m),
        reason: 'dismissal',
        order,
        newMentorId,
        newMentorConsent: { personId: newMentorId, date: '2026-09-01' },
        capacityReserved: true,
      },
      metadata: director,
    };
  };
  expect = (m: Model) => {
    // An applied request sent again changes nothing (empty, not refused), whatever the pair's state.
    if (this.retried(m)) return m.status === 'notFormed' ? undefined : [];
    if (!isOpen(m) || this.kind === 'sameMentor') return undefined;
    return [
      'MentorReplaced',
      ...[...m.open.values()].filter((assignee) => assignee === m.mentorId).map(() => 'TaskReassigned'),
    ];
  };
  update = (m: Model) => {
    if (this.retried(m)) return;
    const next = this.newMentor(m);
    for (const [taskId, assignee] of m.open) if (assignee === m.mentorId) m.open.set(taskId, next);
    m.previousMentors.push(m.mentorId);
    m.mentorId = next;
    m.lastReplacementId = this.replacementId(m);
    m.replacements.set(m.lastReplacementId, 'applied');
    m.counter++;
  };
}

// Steps that move a pair forward come up more often, so runs also reach completion, not only termination.
const forward = [
  fc.constant(new Approve()),
  fc.constant(new Interim(true)),
  fc.constant(new MentorReport()),
  fc.constant(new Final(true)),
  fc.constant(new Complete()),
];
const commands = [
  fc.constant(new Form()),
  ...forward,
  ...forward,
  fc.tuple(fc.boolean(), fc.boolean()).map(([byPrevious, reuseId]) => new Diary(byPrevious, reuseId)),
  fc.boolean().map((passed) => new Interim(passed)),
  fc.boolean().map((passed) => new Final(passed)),
  fc.constant(new Terminate()),
  fc.constantFrom('fresh' as const, 'sameMentor' as const, 'retryLast' as const).map((kind) => new Replace(kind)),
];

const freshModel = (): Model => ({
  status: 'notFormed',
  mentorId: 'mentor-1',
  previousMentors: [],
  diary: new Set(),
  open: new Map(),
  interimTaskId: 'task-interim',
  reportSubmitted: false,
  finalDone: false,
  replacements: new Map(),
  counter: 0,
  history: [],
});

describe('pair state machine (model-based, fc.commands)', () => {
  it('never skips a status, refuses what the model refuses, and records exactly the model’s history', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60, size: 'max' }), (cmds) => {
        fc.modelRun(() => ({ model: freshModel(), real: { state: pairDecider.initialState(), history: [] } }), cmds);
      }),
      { numRuns: 400 },
    );
  });

  it('reaches every final status in the runs it generates (the generator is not stuck before them)', () => {
    const reached = new Set<Status>();
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60, size: 'max' }), (cmds) => {
        const setup = () => ({
          model: freshModel(),
          real: { state: pairDecider.initialState(), history: [] as PairEvent[] },
        });
        const { model, real } = setup();
        fc.modelRun(() => ({ model, real }), cmds);
        reached.add(model.status);
      }),
      { numRuns: 400 },
    );
    expect([...reached].sort()).toEqual(['active', 'completed', 'formed', 'notFormed', 'terminated']);
  });
});
