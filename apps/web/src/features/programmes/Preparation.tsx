import { useState, type FormEvent } from 'react';
import { deleteJson, getJson, newId, postJson, sendJson } from '../../api';
import { useSession } from '../../auth';
import { PersonPicker } from '../../components/PersonPicker';
import {
  CommandForm,
  DataTable,
  DoneBox,
  InputField,
  labelledOptions,
  SelectField,
  ShowMore,
  TextAreaField,
  useDebouncedSearch,
  useLoad,
  usePaged,
} from '../../components/ui';
import { PersonId } from '../../components/people';
import { formatInstant, formatLocalDate } from '../../format';
import { useSubmit } from '../../use-submit';
import { useFormValues, type Bind } from '../../components/form-values';
import { problemSourceLabels } from '../../../../../libs/domain/src/programme/programme.labels';
import { trainedRoleLabels, type TrainedRole } from '../../../../../libs/domain/src/person/person.training';
import type { ProblemSource, ProgrammeProblem } from '../../../../../libs/domain/src/programme/programme.events';
import type { PersonListItem, Programme, TrainingRow } from '../../types';
import type { CatalogueEntry } from './TrainingCatalogue';

/**
 * The preliminary analysis of problems (004 slide 44, issue 28): the curator records and removes problems in
 * the preparatory stage, the director approves the analysis as it stands.
 */
export function ProblemAnalysis({
  programme,
  zone,
  onChanged,
}: {
  programme: Programme;
  zone: string;
  onChanged: (version: number) => Promise<void>;
}) {
  const session = useSession();
  const preparatory = programme.stage === 'preparatory';
  const canEdit = preparatory && session.has('curator', 'administrator');
  const canApprove = preparatory && session.has('director', 'administrator');
  const analysis = programme.problemAnalysis;
  const problems = analysis?.problems ?? [];
  const { values, bind, reset } = useFormValues({ description: '', source: '' as ProblemSource | '' });
  const { description, source } = values;
  const record = useSubmit();
  const approve = useSubmit();
  const remove = useSubmit();
  const base = `/programmes/${programme.programmeId}`;

  const onRecord = (event: FormEvent) => {
    event.preventDefault();
    void record.submit(async () => {
      const result = await postJson<{ version: number }>(`${base}/problems`, {
        problemId: newId(),
        description,
        source: source || undefined,
      });
      await onChanged(result.version);
      reset();
      return 'Проблема записана';
    });
  };
  const onApprove = (event: FormEvent) => {
    event.preventDefault();
    void approve.submit(async () => {
      const result = await postJson<{ version: number }>(`${base}/problem-analysis/approval`, {});
      await onChanged(result.version);
      return 'Анализ проблем утверждён';
    });
  };
  const onRemove = (problem: ProgrammeProblem) =>
    void remove.submit(async () => {
      const result = await deleteJson<{ version: number }>(`${base}/problems/${problem.problemId}`, {});
      await onChanged(result.version);
      return 'Проблема удалена из анализа';
    });

  return (
    <>
      {problems.length === 0 ? (
        <p>Проблемы ещё не записаны.</p>
      ) : (
        <DataTable caption="Проблемы, которые должна решить программа" columns={['Проблема', 'Источник', '']}>
          {problems.map((problem) => (
            <tr key={problem.problemId}>
              <td>{problem.description}</td>
              <td>{problemSourceLabels[problem.source]}</td>
              <td>
                {canEdit ? (
                  <button
                    type="button"
                    className="button-link"
                    onClick={() => onRemove(problem)}
                    disabled={remove.busy}
                  >
                    Удалить
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <p>
        {analysis?.approvedAt ? (
          <>
            Анализ утверждён {formatInstant(analysis.approvedAt, zone)}
            {analysis.approvedBy ? (
              <>
                {' '}
                (<PersonId id={analysis.approvedBy} />)
              </>
            ) : null}
          </>
        ) : (
          <strong>Анализ не утверждён руководителем</strong>
        )}
      </p>
      {canEdit ? (
        <CommandForm
          command={record}
          onSubmit={onRecord}
          label="Записать проблему"
          className="form-grid"
          submit="Записать проблему"
          busyText="Запись…"
          failed="Проблема не записана"
        >
          <TextAreaField label="Проблема" {...bind('description')} />
          <SelectField
            label="Источник"
            {...bind('source')}
            options={labelledOptions(problemSourceLabels)}
            empty="— выберите —"
          />
        </CommandForm>
      ) : null}
      {canApprove && problems.length > 0 && !analysis?.approvedAt ? (
        <CommandForm
          command={approve}
          onSubmit={onApprove}
          label="Утвердить анализ проблем"
          submit="Утвердить анализ проблем"
          busyText="Утверждение…"
          failed="Анализ не утверждён"
        >
          <p>Руководитель утверждает анализ в том виде, в каком он записан; после изменений его утверждают снова.</p>
        </CommandForm>
      ) : (
        // The approval form goes once the analysis is approved: its notice stays.
        <DoneBox done={approve.done} />
      )}
    </>
  );
}

/** «Курс (организация)»: the course of a training record as the tables show it. */
export const trainingCourse = (row: TrainingRow): string =>
  `${row.courseTitle}${row.provider ? ` (${row.provider})` : ''}`;

/** The dates of a training record as the tables show them. */
export const trainingDates = (row: TrainingRow): string =>
  `${formatLocalDate(row.dateFrom)} — ${formatLocalDate(row.dateTo)}`;

/** The hours, dates and certificate of a training record as its forms hold them (as typed). */
export interface TrainingTerms {
  hours: string;
  dateFrom: string;
  dateTo: string;
  certificateNumber: string;
}

/** The terms as the API takes them, when recorded and when corrected: what is left empty is not sent. */
export const trainingTermsBody = ({ hours, dateFrom, dateTo, certificateNumber }: TrainingTerms) => ({
  hours: hours === '' ? undefined : Number(hours),
  dateFrom: dateFrom || undefined,
  dateTo: dateTo || undefined,
  certificateNumber: certificateNumber || undefined,
});

/** The fields of the terms, the same when a training is recorded and when it is corrected. */
export function TrainingTermFields({
  bind,
  datesRequired,
}: {
  bind: Bind<keyof TrainingTerms>;
  datesRequired?: boolean;
}) {
  return (
    <>
      <InputField label="Часы" type="number" {...bind('hours')} />
      <InputField label="Начало обучения" required={datesRequired} type="date" {...bind('dateFrom')} />
      <InputField label="Окончание обучения" required={datesRequired} type="date" {...bind('dateTo')} />
      <InputField label="Номер удостоверения" {...bind('certificateNumber')} />
    </>
  );
}

/**
 * Training of mentors, tutors and curators (issue 28): the organisation's records and the form — the person
 * by name, the course from the further-training catalogue (searched) or as free text, hours, dates, certificate.
 */
export function Training({ organisationId, onRecorded }: { organisationId: string; onRecorded: () => Promise<void> }) {
  const session = useSession();
  const list = usePaged<TrainingRow>(`/organisations/${organisationId}/trainings`, []);
  const [person, setPerson] = useState<PersonListItem>();
  const [search, setSearch] = useState('');
  const q = useDebouncedSearch(search);
  const catalogue = usePaged<CatalogueEntry>(`/training-catalogue?q=${encodeURIComponent(q)}`, [q], 20);
  const { values, set, bind } = useFormValues({
    role: 'mentor' as TrainedRole,
    catalogueEntryId: '',
    courseTitle: '',
    hours: '',
    dateFrom: '',
    dateTo: '',
    certificateNumber: '',
  });
  const { role, catalogueEntryId, courseTitle } = values;
  const command = useSubmit();
  const canRecord = session.has('curator', 'director', 'administrator');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await sendJson('POST', `/organisations/${organisationId}/trainings`, {
        personId: person?.personId,
        role,
        ...(catalogueEntryId ? { catalogueEntryId } : { courseTitle: courseTitle || undefined }),
        ...trainingTermsBody(values),
      });
      list.reload();
      await onRecorded();
      const who = person?.shortName ?? '';
      setPerson(undefined);
      set('catalogueEntryId', '');
      set('courseTitle', '');
      set('certificateNumber', '');
      return `Обучение записано: ${who}`;
    });
  };

  return (
    <>
      <TrainingSetting organisationId={organisationId} onChanged={onRecorded} />
      {list.items.length === 0 ? (
        <p>Обучение сотрудников ещё не записано.</p>
      ) : (
        <DataTable
          caption="Обучение наставников, тьюторов и кураторов"
          columns={['Сотрудник', 'Роль', 'Курс', 'Часы', 'Сроки', 'Удостоверение']}
        >
          {list.items.map((row) => (
            <tr key={row.trainingId}>
              <td>{row.personName ?? <PersonId id={row.personId} />}</td>
              <td>{row.roleLabel}</td>
              <td>{trainingCourse(row)}</td>
              <td>{row.hours}</td>
              <td>{trainingDates(row)}</td>
              <td>{row.certificateNumber ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <ShowMore list={list} what="записи об обучении" />
      {canRecord ? (
        <CommandForm
          command={command}
          onSubmit={onSubmit}
          label="Записать обучение"
          className="form-grid"
          submit="Записать обучение"
          busyText="Запись…"
          failed="Обучение не записано"
        >
          <PersonPicker
            organisationId={organisationId}
            label="Сотрудник"
            field="personId"
            value={person}
            onChange={setPerson}
          />
          <SelectField label="Роль" {...bind('role')} options={labelledOptions(trainedRoleLabels)} />
          <InputField
            label="Поиск в каталоге программ повышения квалификации"
            field="catalogueSearch"
            value={search}
            onChange={setSearch}
            hint="Слова названия или организации"
          />
          <SelectField
            label="Программа из каталога"
            {...bind('catalogueEntryId')}
            onChange={(id) => {
              set('catalogueEntryId', id);
              const entry = catalogue.items.find((e) => e.entryId === id);
              if (entry) set('hours', String(entry.hours));
            }}
            options={catalogue.items.map(
              (e) => [e.entryId, `${e.title} — ${e.provider}, ${e.hours} ч, ${e.form}`] as const,
            )}
            empty="— не из каталога —"
          />
          {catalogueEntryId ? null : <InputField label="Курс (если его нет в каталоге)" {...bind('courseTitle')} />}
          <TrainingTermFields bind={bind} datesRequired />
        </CommandForm>
      ) : null}
    </>
  );
}

/**
 * The organisation's setting «обучение наставников обязательно»: shown to everyone, switched by the director
 * or an administrator; while off, untrained mentors are a warning of the checklist, once on a condition.
 */
function TrainingSetting({ organisationId, onChanged }: { organisationId: string; onChanged: () => Promise<void> }) {
  const session = useSession();
  const path = `/organisations/${organisationId}/settings`;
  const settings = useLoad(() => getJson<{ mentorTrainingRequired: boolean }>(path), [path]);
  const command = useSubmit();
  const required = settings.data?.mentorTrainingRequired ?? false;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await sendJson('PUT', path, { mentorTrainingRequired: !required });
      settings.reload();
      await onChanged();
      return required ? 'Обучение наставников больше не обязательно' : 'Обучение наставников обязательно';
    });
  };
  return (
    <>
      <p>
        Обучение наставников {required ? <strong>обязательно</strong> : 'не обязательно'}: без него наставник{' '}
        {required ? 'не выпускает программу из подготовительного этапа' : 'показывается в предупреждениях'}.
      </p>
      {session.has('director', 'administrator') && settings.data ? (
        <CommandForm
          command={command}
          onSubmit={onSubmit}
          label="Настройка обучения наставников"
          submit={required ? 'Сделать обучение необязательным' : 'Сделать обучение наставников обязательным'}
          busyText="Сохранение…"
          variant="plain"
          failed="Настройка не изменена"
        >
          {null}
        </CommandForm>
      ) : null}
    </>
  );
}
