import { assertNever, decider, type DomainCommand, type Role, decideBy } from '../shared/decider';
import { type UnmetCondition } from '../shared/refusal';
import { isIsoDate, notInFutureProblems } from '../shared/dates';
import { refuse } from '../shared/rules';
import {
  isMonitoringIndicator,
  type MonitoringEvent,
  type MonitoringIndicator,
  type MonitoringUnit,
} from './monitoring.events';
import { monitoringIndicatorDefinitions } from './monitoring.labels';

export const monitoringCommentMaxLength = 2000;

export type RecordMonitoringResult = DomainCommand<
  'RecordMonitoringResult',
  {
    readonly organisationId: string;
    readonly resultId: string;
    readonly indicator: MonitoringIndicator;
    readonly value: number;
    readonly periodStart: string;
    readonly periodEnd: string;
    readonly pairId?: string;
    readonly comment?: string;
  }
>;

export type MonitoringCommand = RecordMonitoringResult;

/** The organisation's monitoring journal: which results it holds (ids make a retried request harmless). */
export interface MonitoringState {
  readonly organisationId?: string;
  readonly resultIds: readonly string[];
}

export const initialMonitoringState = (): MonitoringState => ({ resultIds: [] });

/** Who enters monitoring results of an organisation (002 §10; the curator runs the monitoring, 004 slide 31). */
export const monitoringRecorders: readonly Role[] = ['curator', 'director', 'administrator'];

const unitRange: Readonly<Record<MonitoringUnit, { min: number; max: number; integer: boolean; text: string }>> = {
  percent: { min: 0, max: 100, integer: false, text: 'Значение в процентах — от 0 до 100' },
  percentagePoints: { min: -100, max: 100, integer: false, text: 'Изменение в процентных пунктах — от −100 до 100' },
  count: { min: 0, max: 100_000, integer: true, text: 'Количество — целое число от 0 до 100 000' },
  change: { min: -100_000, max: 100_000, integer: true, text: 'Изменение — целое число от −100 000 до 100 000' },
  score: { min: 1, max: 5, integer: true, text: 'Оценка — целое число от 1 до 5' },
};

/** Field-level problems of a result's value for its indicator, for the API's 400 and the decider alike. */
export const monitoringValueProblem = (indicator: MonitoringIndicator, value: number): string | undefined => {
  const range = unitRange[monitoringIndicatorDefinitions[indicator].unit];
  const fits =
    Number.isFinite(value) && value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value));
  return fits ? undefined : range.text;
};

const record = ({ data, metadata }: RecordMonitoringResult, state: MonitoringState): MonitoringEvent[] => {
  if (!monitoringRecorders.some((role) => role === metadata.role)) {
    return refuse(
      'monitoring.forbidden',
      'Вносить результаты мониторинга может куратор, руководитель организации или администратор',
    );
  }
  if (state.resultIds.includes(data.resultId))
    return refuse('monitoring.duplicate.conflict', 'Такой результат мониторинга уже внесён');
  if (state.organisationId !== undefined && state.organisationId !== data.organisationId) {
    return refuse('monitoring.organisationMismatch', 'Журнал мониторинга принадлежит другой организации');
  }
  const valueProblem = isMonitoringIndicator(data.indicator)
    ? monitoringValueProblem(data.indicator, data.value)
    : undefined;
  const problems: UnmetCondition[] = [
    ...(isMonitoringIndicator(data.indicator)
      ? []
      : [{ code: 'indicator.unknown', message: `Неизвестный показатель мониторинга: «${data.indicator}»` }]),
    ...(valueProblem ? [{ code: 'value.outOfRange', message: valueProblem }] : []),
    ...(isIsoDate(data.periodStart)
      ? []
      : [{ code: 'periodStart.invalid', message: 'Начало периода должно быть датой ГГГГ-ММ-ДД' }]),
    ...(isIsoDate(data.periodEnd)
      ? []
      : [{ code: 'periodEnd.invalid', message: 'Конец периода должен быть датой ГГГГ-ММ-ДД' }]),
    ...(isIsoDate(data.periodStart) && isIsoDate(data.periodEnd) && data.periodEnd < data.periodStart
      ? [{ code: 'period.endBeforeStart', message: 'Конец периода раньше его начала' }]
      : []),
    // A result describes a period that has passed: its end is a fact, checked against today in the organisation's zone.
    ...notInFutureProblems(data.periodEnd, metadata, 'periodEnd.future', 'Конец периода мониторинга'),
    ...((data.comment ?? '').length > monitoringCommentMaxLength
      ? [{ code: 'comment.tooLong', message: `Комментарий: не более ${monitoringCommentMaxLength} символов` }]
      : []),
  ];
  if (problems.length > 0) return refuse('monitoring.invalid', 'Результат мониторинга заполнен неверно', problems);
  const indicator = data.indicator;
  const comment = data.comment?.trim();
  return [
    {
      type: 'MonitoringResultRecorded',
      data: {
        organisationId: data.organisationId,
        resultId: data.resultId,
        indicator,
        stage: monitoringIndicatorDefinitions[indicator].stage,
        value: data.value,
        periodStart: data.periodStart,
        periodEnd: data.periodEnd,
        ...(data.pairId === undefined ? {} : { pairId: data.pairId }),
        ...(comment ? { comment } : {}),
        recordedAt: metadata.now,
        recordedBy: metadata.actorId,
      },
    },
  ];
};

export const decideMonitoring = decideBy<MonitoringCommand, MonitoringState, MonitoringEvent>({
  RecordMonitoringResult: record,
});

export const evolveMonitoring = (state: MonitoringState, event: MonitoringEvent): MonitoringState => {
  switch (event.type) {
    case 'MonitoringResultRecorded':
      return { organisationId: event.data.organisationId, resultIds: [...state.resultIds, event.data.resultId] };
    default:
      return assertNever(event.type);
  }
};

export const monitoringDecider = decider(decideMonitoring, evolveMonitoring, initialMonitoringState);
