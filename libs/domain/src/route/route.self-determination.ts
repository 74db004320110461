// Self-determination and reflection of the route (000 п.1 and п.7; 002 §9.2.2; 003 reflective stage): the
// teacher's desired professional image at the start, and at the end a reflective analysis per deficit —
// what changed, the evidence, how near the desired image — which the tutor agrees.
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';
import { isCompetenceArea, type ReflectionEntry, type RouteEvent } from './route.events';
import { competenceAreaLabels } from './route.labels';
import type { AgreeReflection, RecordDesiredImage, RecordReflection } from './route.commands';
import { duplicates } from './route.rules';
import { RouteState } from './route.state';
import { requireTurn } from './route.guards';

export const recordDesiredImage = ({ data, metadata }: RecordDesiredImage, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'teacher', 'diagnosticMotivational', 'design');
  if (isUnsetOrBlank(data.desiredImage))
    return refuse('route.desiredImage.empty', 'Опишите желаемый образ себя как состоявшегося профессионала');
  const desiredImage = data.desiredImage.trim();
  if (state.desiredImage?.text === desiredImage) return [];
  return [
    {
      type: 'DesiredImageRecorded',
      data: { routeId: state.routeId, desiredImage, recordedAt: metadata.now, recordedBy: metadata.actorId },
    },
  ];
};

export const recordReflection = ({ data, metadata }: RecordReflection, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'teacher', 'reflective');
  if (state.reflection?.agreedAt !== undefined)
    return refuse('route.reflection.agreed', 'Рефлексивный анализ уже согласован тьютором');
  const deficits = (state.diagnostics?.results ?? []).filter((r) => r.level === 'deficit').map((r) => r.area);
  const name = (area: string) => (isCompetenceArea(area) ? competenceAreaLabels[area] : area);
  refuseIfAny('route.reflection.invalid', 'Рефлексивный анализ заполнен неверно', [
    ...unmetIf(data.entries.length === 0, 'reflection.entries.empty', 'Нет ни одной записи рефлексивного анализа'),
    ...duplicates(data.entries.map((e) => String(e.area))).map((area) => ({
      code: 'reflection.area.duplicate',
      message: `Область «${name(area)}» указана несколько раз`,
    })),
    ...deficits
      .filter((area) => !data.entries.some((e) => e.area === area))
      .map((area) => ({
        code: 'reflection.deficit.missing',
        message: `Нет рефлексии по дефициту «${name(area)}»`,
      })),
    ...data.entries.flatMap((e) => {
      const at = `Область «${name(e.area)}»`;
      return [
        ...unmetIf(!isCompetenceArea(e.area), 'reflection.area.unknown', `${at}: неизвестная область компетенций`),
        ...unmetIf(isUnsetOrBlank(e.whatChanged), 'reflection.whatChanged.empty', `${at}: не указано, что изменилось`),
        ...unmetIf(isUnsetOrBlank(e.evidence), 'reflection.evidence.empty', `${at}: не указаны подтверждения`),
        ...unmetIf(
          isUnsetOrBlank(e.nearnessToImage),
          'reflection.nearness.empty',
          `${at}: не указано, насколько удалось приблизиться к желаемому образу`,
        ),
      ];
    }),
  ]);
  const entries: ReflectionEntry[] = data.entries.map((e) => ({
    area: e.area,
    whatChanged: e.whatChanged.trim(),
    evidence: e.evidence.trim(),
    nearnessToImage: e.nearnessToImage.trim(),
  }));
  return [
    {
      type: 'ReflectionRecorded',
      data: { routeId: state.routeId, entries, recordedAt: metadata.now, recordedBy: metadata.actorId },
    },
  ];
};

export const agreeReflection = ({ metadata }: AgreeReflection, current: RouteState): RouteEvent[] => {
  const state = requireTurn(current, metadata, 'tutor', 'reflective');
  if (state.reflection === undefined)
    return refuse('route.reflection.missing', 'Педагог ещё не представил рефлексивный анализ');
  if (state.reflection.agreedAt !== undefined)
    return refuse('route.reflection.agreed', 'Рефлексивный анализ уже согласован');
  return [
    { type: 'ReflectionAgreed', data: { routeId: state.routeId, agreedAt: metadata.now, agreedBy: metadata.actorId } },
  ];
};
