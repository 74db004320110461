import { DomainRefusal, type TaskView } from '@mentorflow/domain';

/**
 * Pair tasks done by a form on the pair's page, never by the inbox's free-text «Результат» (issue 26): a free
 * text cannot say a control's outcome, and the mentor's final report needs its conclusion on adaptation and
 * proposals as separate, confirmed fields. Refused here, before any command: the workflow is unchanged.
 */
export const pairFormOf = (task: Pick<TaskView, 'kind' | 'subject' | 'assignee'>): DomainRefusal | undefined =>
  task.subject.type !== 'pair'
    ? undefined
    : task.kind === 'finalControl' && task.assignee.role === 'mentor'
      ? new DomainRefusal(
          'pair.task.mentorReportForm',
          'Итоговый отчёт наставника оформляется формой «Итоговый отчёт» на странице пары: заключение об адаптации наставляемого и предложения по дальнейшей работе',
        )
      : task.kind === 'periodicReport'
        ? new DomainRefusal(
            'pair.task.periodicReportForm',
            'Периодический отчёт представляется формой отчёта на странице пары: текст отчёта и, если есть, ссылка на файл',
          )
        : undefined;
