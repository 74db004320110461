import fc from 'fast-check';
import type { CommandMetadata } from '../shared/decider';
import { isDomainRefusal } from '../shared/refusal';
import type { ProgrammeCommand } from './programme.commands';
import { programmeDecider } from './programme.decider';
import {
  programmeStages,
  type ProgrammeDocumentKind,
  type ProgrammeEvent,
  type ProgrammeStageOrClosed,
} from './programme.events';
import { emptyGateContext } from './programme.gate-context';
import { ready } from './programme.fixtures';
import type { ProgrammeState } from './programme.state';

/**
 * Model-based test: random command sequences against the decider and against a model written from
 * DOMAIN.md independently of the gate table. The decider must never skip or reorder a stage, and its
 * event history must be exactly what the model expects.
 */
interface Model {
  stage: ProgrammeStageOrClosed;
  documents: Set<ProgrammeDocumentKind>;
}

const order: ProgrammeStageOrClosed[] = [...programmeStages, 'closed'];
const required: Record<string, ProgrammeDocumentKind[]> = {
  preparatory: ['implementationAct', 'regulationApprovalOrder'],
  design: ['roadMap'],
  implementation: [],
  reflectiveAnalytical: ['processMonitoringReport', 'influenceMonitoringReport'],
  results: ['finalReport'],
};
const curator: CommandMetadata = { actorId: 'curator-1', role: 'curator', now: '2026-03-02T06:00:00.000Z' };

type Step =
  | { kind: 'record'; document: ProgrammeDocumentKind }
  | { kind: 'advance'; pairsReady: boolean }
  | { kind: 'return'; to: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc
    .constantFrom(...(Object.values(required).flat() as ProgrammeDocumentKind[]))
    .map((document) => ({ kind: 'record' as const, document })),
  fc.boolean().map((pairsReady) => ({ kind: 'advance' as const, pairsReady })),
  fc.integer({ min: 0, max: 4 }).map((to) => ({ kind: 'return' as const, to })),
);

/** What the model says must happen; `undefined` means the command must be refused. */
function expectStage(model: Model, s: Step): ProgrammeStageOrClosed | undefined {
  const index = order.indexOf(model.stage);
  if (model.stage === 'closed') return undefined;
  if (s.kind === 'record') return model.stage;
  if (s.kind === 'return') return s.to < index ? order[s.to] : undefined;
  // Implementation asks that every active pair passed interim control: vacuously true with none (emptyGateContext).
  // The reflective-analytical stage also asks for recorded monitoring results of both stages (002 §10).
  const needsPairs =
    model.stage === 'preparatory' || model.stage === 'design' || model.stage === 'reflectiveAnalytical';
  const documentsOk = (required[model.stage] ?? []).every((d) => model.documents.has(d));
  return documentsOk && (!needsPairs || s.pairsReady) ? order[index + 1] : undefined;
}

/** The step as the curator's command; a recorded document gets the id and number given. */
const commandFor = (s: Step, documentId: string, number: string): ProgrammeCommand =>
  s.kind === 'record'
    ? {
        type: 'RecordDocument',
        data: { documentId, kind: s.document, number, date: '2026-03-01', signedBy: 'Директор' },
        metadata: curator,
      }
    : s.kind === 'advance'
      ? { type: 'AdvanceStage', data: { context: s.pairsReady ? ready : emptyGateContext }, metadata: curator }
      : {
          type: 'ReturnToStage',
          data: { stage: programmeStages[s.to] ?? 'preparatory', reason: 'Причина' },
          metadata: curator,
        };

/** A programme at its preparatory stage with the curator appointed. */
const startedProgramme = (): ProgrammeState =>
  [
    {
      type: 'ProgrammeStarted',
      data: {
        programmeId: 'p',
        organisationId: 'o',
        title: 't',
        stage: 'preparatory',
        startedAt: curator.now,
        startedBy: 'd',
      },
    },
    {
      type: 'CuratorAppointed',
      data: { programmeId: 'p', curatorId: 'curator-1', appointedAt: curator.now, appointedBy: 'd' },
    },
  ].reduce((st, e) => programmeDecider.evolve(st, e as ProgrammeEvent), programmeDecider.initialState());

describe('programme stage machine (model-based)', () => {
  it('never skips or reorders a stage, and records exactly what the model expects', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state = startedProgramme();
        const model: Model = { stage: 'preparatory', documents: new Set() };
        steps.forEach((s, i) => {
          const command = commandFor(s, `doc-${i}`, `${i}`);
          const expected = expectStage(model, s);
          let events: ProgrammeEvent[] = [];
          try {
            events = programmeDecider.decide(command, state);
          } catch (error) {
            expect(isDomainRefusal(error)).toBe(true);
            expect(expected).toBeUndefined();
            return;
          }
          expect(expected).toBeDefined();
          const moves = events.filter((e) => e.type === 'StageAdvanced' || e.type === 'StageReturned');
          if (s.kind === 'advance') {
            expect(moves).toEqual([
              expect.objectContaining({
                type: 'StageAdvanced',
                data: expect.objectContaining({ from: model.stage, to: expected }),
              }),
            ]);
          } else if (s.kind === 'return') {
            expect(moves).toEqual([
              expect.objectContaining({
                type: 'StageReturned',
                data: expect.objectContaining({ from: model.stage, to: expected }),
              }),
            ]);
          } else {
            expect(moves).toEqual([]);
            model.documents.add(s.document);
          }
          state = events.reduce(programmeDecider.evolve, state);
          model.stage = expected as ProgrammeStageOrClosed;
          expect(state.status === 'started' && state.stage).toBe(model.stage);
        });
      }),
      { numRuns: 300 },
    );
  });
});

/** The same machine as fc.commands: each step checks itself against the model, and fast-check shrinks a failing run to its shortest. */
interface Real {
  state: ProgrammeState;
  history: ProgrammeEvent[];
  modelHistory: string[];
}

class ProgrammeStep implements fc.Command<Model, Real> {
  constructor(
    private readonly step: Step,
    private readonly n: number,
  ) {}
  check = () => true;
  toString = () => JSON.stringify(this.step);

  run(model: Model, real: Real): void {
    const s = this.step;
    const command = commandFor(s, `doc-${this.n}-${real.history.length}`, `${this.n}`);
    const expected = expectStage(model, s);
    let events: ProgrammeEvent[];
    try {
      events = programmeDecider.decide(command, real.state);
    } catch (error) {
      expect(isDomainRefusal(error)).toBe(true);
      expect(expected).toBeUndefined();
      return;
    }
    expect(expected).toBeDefined();
    const from = model.stage;
    if (s.kind === 'record') model.documents.add(s.document);
    model.stage = expected as ProgrammeStageOrClosed;
    // What the model expects recorded: the move between stages (advancing out of results also closes).
    const move = s.kind === 'advance' ? 'StageAdvanced' : s.kind === 'return' ? 'StageReturned' : undefined;
    if (move) real.modelHistory.push(`${move}:${from}→${model.stage}`);
    real.history.push(...events);
    real.state = events.reduce(programmeDecider.evolve, real.state);
    const recorded = real.history
      .filter((e) => e.type === 'StageAdvanced' || e.type === 'StageReturned')
      .map((e) => `${e.type}:${(e.data as { from: string }).from}→${(e.data as { to: string }).to}`);
    expect(recorded).toEqual(real.modelHistory);
    expect(real.state.status === 'started' && real.state.stage).toBe(model.stage);
  }
}

describe('programme stage machine (model-based, fc.commands)', () => {
  it('moves one stage at a time and records exactly the moves the model makes', () => {
    const steps = step.chain((s) => fc.nat(1000).map((n) => new ProgrammeStep(s, n)));
    fc.assert(
      fc.property(fc.commands([steps], { maxCommands: 80, size: 'max' }), (cmds) => {
        const state = startedProgramme();
        const model: Model = { stage: 'preparatory', documents: new Set() };
        fc.modelRun(() => ({ model, real: { state, history: [], modelHistory: [] } }), cmds);
      }),
      { numRuns: 120 },
    );
  });
});
