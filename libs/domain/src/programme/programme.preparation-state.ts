import type { PreparationEvent, ProgrammeEvent, ProgrammeProblem } from './programme.events';

/** The preliminary analysis of problems the programme should solve (004 slide 44), as the curator keeps it. */
export interface ProblemAnalysis {
  /** In the order recorded; a revision keeps a problem's place. */
  readonly problems: readonly ProgrammeProblem[];
  /** Set by the director's approval; any later change to the problems clears it. */
  readonly approvedAt?: string;
  readonly approvedBy?: string;
}

const preparationEventTypes: ReadonlySet<string> = new Set<PreparationEvent['type']>([
  'ProblemRecorded',
  'ProblemRevised',
  'ProblemRemoved',
  'ProblemAnalysisApproved',
]);

export const isPreparationEvent = (event: ProgrammeEvent): event is PreparationEvent =>
  preparationEventTypes.has(event.type);

const problemOf = ({ problemId, description, source }: ProgrammeProblem): ProgrammeProblem => ({
  problemId,
  description,
  source,
});

export const evolvePreparation = (analysis: ProblemAnalysis | undefined, event: PreparationEvent): ProblemAnalysis => {
  const problems = analysis?.problems ?? [];
  switch (event.type) {
    case 'ProblemRecorded':
      return { problems: [...problems, problemOf(event.data)] };
    case 'ProblemRevised':
      return {
        problems: problems.map((p) => (p.problemId === event.data.problemId ? problemOf(event.data) : p)),
      };
    case 'ProblemRemoved':
      return { problems: problems.filter((p) => p.problemId !== event.data.problemId) };
    case 'ProblemAnalysisApproved':
      return { problems, approvedAt: event.data.approvedAt, approvedBy: event.data.approvedBy };
  }
};

/** The analysis holds for the gate once it has problems and the director approved it as it stands. */
export const problemAnalysisApproved = (analysis: ProblemAnalysis | undefined): boolean =>
  analysis !== undefined && analysis.problems.length > 0 && analysis.approvedAt !== undefined;
