/** Russian UI names: the domain's own label tables (one source of truth) plus what only the UI needs. */
import type { Role, TaskStatus } from './types';

export { pendingDeadlineText, taskKindLabels, taskLabel } from '../../../libs/domain/src/task/task.labels';
export { programmeStageLabels, programmeDocumentKindLabels } from '../../../libs/domain/src/programme/programme.labels';
export {
  monitoringStageLabels,
  monitoringIndicatorDefinitions,
  monitoringUnitLabels,
} from '../../../libs/domain/src/monitoring/monitoring.labels';
export {
  pairStatusLabels,
  pairFormLabels,
  pairKindLabels,
  mentorReplacementReasonLabels,
  interimControlOutcomeLabels,
  finalControlOutcomeLabels,
} from '../../../libs/domain/src/pair/pair.labels';
export {
  participantRoleLabels,
  menteeCategoryLabels,
  mentorEligibilityWarningLabels,
  participantStatusLabels,
  reviewBodyLabels,
  candidateDecisionLabels,
} from '../../../libs/domain/src/participant/participant.labels';
export {
  routeStageLabels,
  competenceAreaLabels,
  competenceLevelLabels,
  routeActivityKindLabels,
  routeRoadMapSourceLabels,
  competenceAssessmentLabel,
  deficitLevelLabels,
  roadMapChosenMarkLabel,
  roadMapColumnLabels,
  roadMapDoneMarkLabel,
  routeDiagnosticsKindLabels,
  routeTitlePageLabels,
} from '../../../libs/domain/src/route/route.labels';

export {
  practiceLevelLabels,
  practiceStatusLabels,
  practiceFieldLabels,
} from '../../../libs/domain/src/practice/practice.labels';

import { roleLabels } from '../../../libs/domain/src/shared/role.labels';

export { roleLabels };

/**
 * Who recorded a history event, when it was not a person: «Система» for what the workflows did on
 * their own. Timer events recorded before the system role existed carry the administrator role and
 * keep their old label. Undefined for a person, whom the screen shows by id and role.
 */
export function systemActorLabel(entry: { actorId: string; role: string }): string | undefined {
  if (entry.role === 'system') return 'Система';
  if (entry.actorId === 'system') return `Система (таймер) — ${roleLabels[entry.role as Role] ?? entry.role}`;
  return undefined;
}

export const taskStatusLabels: Readonly<Record<TaskStatus, string>> = {
  open: 'Открыта',
  overdue: 'Просрочена',
  done: 'Выполнена',
  cancelled: 'Отменена',
};

/** What happened, in the words of the audit timeline (shared with the CSV export). */
export { pairHistoryEventLabels as eventTypeLabels } from '../../../libs/domain/src/pair/pair.history.labels';

export const pluralRu = (n: number, one: string, few: string, many: string): string => {
  const mod10 = Math.abs(n) % 10;
  const mod100 = Math.abs(n) % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
};
