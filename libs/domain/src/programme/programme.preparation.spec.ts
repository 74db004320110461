import type { ProgrammeCommand } from './programme.commands';
import type { ProgrammeEvent, ProgrammeProblem } from './programme.events';
import { stageWarnings, unmetConditions } from './programme.gates';
import {
  admin,
  advance,
  advanced,
  curator,
  director,
  doc,
  fold,
  inDesign,
  inPreparatory,
  now,
  ready,
  recorded,
  spec,
} from './programme.fixtures';

const problem: ProgrammeProblem = {
  problemId: 'problem-1',
  description: 'Молодые специалисты не справляются с дисциплиной на уроках',
  source: 'complaints',
};
const recordCommand = (data: ProgrammeProblem, metadata = curator): ProgrammeCommand => ({
  type: 'RecordProblem',
  data,
  metadata,
});
const approveCommand = (metadata = director): ProgrammeCommand => ({
  type: 'ApproveProblemAnalysis',
  data: {},
  metadata,
});
const problemRecorded = (data: ProgrammeProblem = problem): ProgrammeEvent => ({
  type: 'ProblemRecorded',
  data: { programmeId: 'prog-1', ...data, recordedAt: now, recordedBy: 'curator-1' },
});
const analysisApproved = (problemIds = ['problem-1']): ProgrammeEvent => ({
  type: 'ProblemAnalysisApproved',
  data: { programmeId: 'prog-1', problemIds, approvedAt: now, approvedBy: 'director-1' },
});
/** Counts as the workflow loads them today: the preparatory content is checked. */
const current = { ...ready, preparationChecked: true, mentorsWithoutTraining: 0, mentorTrainingRequired: false };
const withActs: ProgrammeEvent[] = [
  ...inPreparatory,
  recorded(doc('implementationAct')),
  recorded(doc('regulationApprovalOrder')),
];

describe('preparatory stage: the preliminary analysis of problems (004 slide 44)', () => {
  describe('RecordProblem', () => {
    it('records a problem with its source, trimmed', () =>
      spec
        .given(inPreparatory)
        .when(recordCommand({ ...problem, description: `  ${problem.description} ` }))
        .then([problemRecorded()]));

    it('names every field filled in wrongly', () =>
      spec
        .given(inPreparatory)
        .when(recordCommand({ problemId: 'p', description: ' ', source: 'rumours' as never }))
        .thenRefuses('programme.problem.invalid', ['problem.description.empty', 'problem.source.unknown']));

    it('refuses a director: the curator keeps the analysis', () =>
      spec.given(inPreparatory).when(recordCommand(problem, director)).thenRefuses('programme.forbidden'));

    it('refuses once the preparatory stage is left', () =>
      spec.given(inDesign).when(recordCommand(problem)).thenRefuses('programme.preparation.stageLeft'));

    it('refuses a second problem with the same id', () =>
      spec
        .given([...inPreparatory, problemRecorded()])
        .when(recordCommand(problem))
        .thenRefuses('programme.problem.duplicate'));
  });

  describe('ReviseProblem and RemoveProblem', () => {
    it('revises a problem; the same text again records nothing', () => {
      spec
        .given([...inPreparatory, problemRecorded()])
        .when({ type: 'ReviseProblem', data: { ...problem, source: 'diagnostics' }, metadata: admin })
        .then([
          {
            type: 'ProblemRevised',
            data: { programmeId: 'prog-1', ...problem, source: 'diagnostics', revisedAt: now, revisedBy: 'admin-1' },
          },
        ]);
      spec
        .given([...inPreparatory, problemRecorded()])
        .when({ type: 'ReviseProblem', data: problem, metadata: curator })
        .then([]);
    });

    it('removes a problem; an unknown one is refused', () => {
      spec
        .given([...inPreparatory, problemRecorded()])
        .when({ type: 'RemoveProblem', data: { problemId: 'problem-1' }, metadata: curator })
        .then([
          {
            type: 'ProblemRemoved',
            data: { programmeId: 'prog-1', problemId: 'problem-1', removedAt: now, removedBy: 'curator-1' },
          },
        ]);
      spec
        .given(inPreparatory)
        .when({ type: 'RemoveProblem', data: { problemId: 'problem-9' }, metadata: curator })
        .thenRefuses('programme.problem.notFound');
    });

    it('a change after the approval needs a new approval', () => {
      const state = fold([
        ...inPreparatory,
        problemRecorded(),
        analysisApproved(),
        problemRecorded({ ...problem, problemId: 'problem-2' }),
      ]);
      expect(state.status === 'started' && state.problemAnalysis?.approvedAt).toBeUndefined();
    });
  });

  describe('ApproveProblemAnalysis', () => {
    it('the director approves the problems as they stand', () =>
      spec
        .given([...inPreparatory, problemRecorded()])
        .when(approveCommand())
        .then([analysisApproved()]));

    it('refuses an empty analysis, a curator, and a second approval of the same analysis', () => {
      spec.given(inPreparatory).when(approveCommand()).thenRefuses('programme.problemAnalysis.empty');
      spec
        .given([...inPreparatory, problemRecorded()])
        .when(approveCommand(curator))
        .thenRefuses('programme.forbidden');
      spec
        .given([...inPreparatory, problemRecorded(), analysisApproved()])
        .when(approveCommand())
        .thenRefuses('programme.problemAnalysis.alreadyApproved');
    });
  });

  describe('the preparatory gate', () => {
    it('names a missing analysis, then an unapproved one', () => {
      spec.given(withActs).when(advance(current)).thenRefuses('programme.gate.unmet', ['problemAnalysis.missing']);
      spec
        .given([...withActs, problemRecorded()])
        .when(advance(current))
        .thenRefuses('programme.gate.unmet', ['problemAnalysis.notApproved']);
    });

    it('passes with an approved analysis', () =>
      spec
        .given([...withActs, problemRecorded(), analysisApproved()])
        .when(advance(current))
        .then([advanced('preparatory', 'design', current)]));

    it('decides counts taken before the analysis existed as they were decided (recorded histories)', () =>
      spec
        .given(withActs)
        .when(advance(ready))
        .then([advanced('preparatory', 'design', ready)]));

    it('untrained mentors are a warning, or a block where the organisation requires training', () => {
      const state = fold([...withActs, problemRecorded(), analysisApproved()]);
      const untrained = { ...current, mentorsWithoutTraining: 2 };
      expect(unmetConditions(state, untrained)).toEqual([]);
      expect(stageWarnings(state, untrained).map((w) => w.code)).toEqual(['mentors.untrained']);
      const required = { ...untrained, mentorTrainingRequired: true };
      expect(unmetConditions(state, required).map((u) => u.code)).toEqual(['mentors.untrained']);
      expect(stageWarnings(state, required)).toEqual([]);
    });
  });
});
