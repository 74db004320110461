// Deficit levels (003 §5.4: высокий, средний, минимальный) are entered per competence by the methodologist or
// the tutor — the seed names the levels but gives no rule to derive them from a percentage.
import type { CommandMetadata } from '../shared/decider';
import type { UnmetCondition } from '../shared/refusal';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import {
  isCompetenceArea,
  isDeficitLevel,
  type CompetenceArea,
  type CompetenceResult,
  type DeficitLevel,
  type DeficitLevelsEntered,
  type RouteEvent,
} from './route.events';
import { competenceAreaLabels } from './route.labels';
import type { EnterDeficitLevels } from './route.commands';
import { duplicates } from './route.rules';
import { CreatedRoute, RouteState } from './route.state';
import { requireActive } from './route.guards';

type LevelInput = { readonly area: CompetenceArea; readonly deficitLevel?: DeficitLevel; readonly percent?: number };

const areaName = (area: string): string => (isCompetenceArea(area) ? competenceAreaLabels[area] : area);

/** Each level names a deficit (below 50 %) of `results` once, with a known level. */
export const deficitLevelProblems = (
  levels: readonly LevelInput[],
  results: readonly { readonly area: CompetenceArea; readonly level: string }[],
): UnmetCondition[] => [
  ...duplicates(levels.map((l) => String(l.area))).map((area) => ({
    code: 'deficitLevel.area.duplicate',
    message: `Уровень дефицита по области «${areaName(area)}» указан несколько раз`,
  })),
  ...levels.flatMap((l) => {
    const result = results.find((r) => r.area === l.area);
    return [
      ...unmetIf(
        !(l.deficitLevel !== undefined && isDeficitLevel(l.deficitLevel)),
        'deficitLevel.unknown',
        `Уровень дефицита по области «${areaName(l.area)}» — высокий, средний или минимальный`,
      ),
      ...unmetIf(
        result !== undefined && result.level !== 'deficit',
        'deficitLevel.notDeficit',
        `Область «${areaName(l.area)}» не дефицитная (50 % и выше): уровень дефицита для неё не указывается`,
      ),
    ];
  }),
];

/** The levels entered with a diagnostics' results, as their own event; none when none were entered. */
export const enteredLevels = (
  state: CreatedRoute,
  diagnosticsId: string,
  inputs: readonly LevelInput[],
  metadata: CommandMetadata,
): DeficitLevelsEntered[] => {
  const levels = inputs.flatMap((l) =>
    l.deficitLevel === undefined ? [] : [{ area: l.area, deficitLevel: l.deficitLevel }],
  );
  if (levels.length === 0) return [];
  return [
    {
      type: 'DeficitLevelsEntered',
      data: { routeId: state.routeId, diagnosticsId, levels, enteredAt: metadata.now, enteredBy: metadata.actorId },
    },
  ];
};

const resultsOf = (state: CreatedRoute, diagnosticsId: string): readonly CompetenceResult[] | undefined =>
  state.diagnostics?.diagnosticsId === diagnosticsId
    ? state.diagnostics.results
    : state.controlDiagnostics?.diagnosticsId === diagnosticsId
      ? state.controlDiagnostics.results
      : state.repeatedDiagnostics?.find((d) => d.diagnosticsId === diagnosticsId)?.results;

export const enterDeficitLevels = ({ data, metadata }: EnterDeficitLevels, current: RouteState): RouteEvent[] => {
  const state = requireActive(current);
  const { methodologistId, tutorId } = state.participants;
  if (metadata.role !== 'administrator' && metadata.actorId !== methodologistId && metadata.actorId !== tutorId)
    return refuse(
      'route.forbidden',
      'Уровень дефицитов указывают методист или тьютор этого маршрута или администратор',
    );
  const results = resultsOf(state, data.diagnosticsId);
  if (results === undefined)
    return refuse('route.diagnostics.notFound', `Диагностика ${data.diagnosticsId} в этом ИОМ не проводилась`);
  refuseIfAny('route.deficitLevels.invalid', 'Уровни дефицитов указаны неверно', [
    ...unmetIf(data.levels.length === 0, 'deficitLevel.empty', 'Не указано ни одного уровня дефицита'),
    ...data.levels
      .filter((l) => !results.some((r) => r.area === l.area))
      .map((l) => ({
        code: 'deficitLevel.area.notDiagnosed',
        message: `Область «${areaName(l.area)}» в этой диагностике не оценивалась`,
      })),
    ...deficitLevelProblems(data.levels, results),
  ]);
  return enteredLevels(state, data.diagnosticsId, data.levels, metadata);
};
