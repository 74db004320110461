/** The mentor's diary and the mentee's reports on the pair's page: write one, read the earlier ones (newest first). */
import type { FormEvent } from 'react';
import { getJson, newId, postJson } from '../../api';
import { useSession } from '../../auth';
import { CommandForm, ErrorBox, InputField, PAGE_SIZE, TextAreaField, useLoad } from '../../components/ui';
import { usePersonLabel } from '../../components/people';
import { formatNumericDate, todayIn } from '../../format';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import type { Pair } from '../../types';

interface Entry {
  kind: 'diary' | 'menteeReport';
  entryId: string;
  authorId: string;
  authorName?: string;
  date: string;
  text: string;
}

export function PairEntries({ pair, isMentor, isMentee }: { pair: Pair; isMentor: boolean; isMentee: boolean }) {
  const entries = useLoad(
    () => getJson<{ total: number; items: Entry[] }>(`/pairs/${pair.pairId}/entries?limit=${PAGE_SIZE}&offset=0`),
    [pair.pairId],
  );
  const items = entries.data?.items ?? [];
  const diary = items.filter((e) => e.kind === 'diary');
  const reports = items.filter((e) => e.kind === 'menteeReport');
  const open = pair.status === 'active' || pair.status === 'formed';
  const total = entries.data?.total ?? 0;
  return (
    <>
      <ErrorBox error={entries.error} title="Записи пары не загрузились" />
      {total > items.length ? (
        <p className="hint">{`Показаны последние ${items.length} из ${total} записей.`}</p>
      ) : null}
      {isMentor || diary.length ? (
        <section aria-labelledby="diary-title" id="diary">
          <h2 id="diary-title">Дневник наставника</h2>
          {isMentor && open ? (
            <EntryForm
              pair={pair}
              path="diary"
              label="Запись в дневнике"
              submit="Записать в дневник"
              done="Запись добавлена в дневник"
              onDone={entries.reload}
            />
          ) : null}
          <EntryList entries={diary} empty="В дневнике пока нет записей." label="Записи дневника" />
        </section>
      ) : null}
      {isMentee || reports.length || isMentor ? (
        <section aria-labelledby="mentee-reports-title" id="mentee-reports">
          <h2 id="mentee-reports-title">Отчёты наставляемого</h2>
          {isMentee && open ? (
            <EntryForm
              pair={pair}
              path="reports"
              label="Отчёт наставляемого"
              submit="Отправить отчёт"
              done="Отчёт отправлен наставнику"
              onDone={entries.reload}
            />
          ) : null}
          <EntryList entries={reports} empty="Отчётов наставляемого пока нет." label="Отчёты наставляемого" author />
        </section>
      ) : null}
    </>
  );
}

function EntryList({
  entries,
  empty,
  label,
  author = false,
}: {
  entries: Entry[];
  empty: string;
  label: string;
  author?: boolean;
}) {
  const name = usePersonLabel();
  if (!entries.length) return <p className="empty">{empty}</p>;
  return (
    <ul className="entries" aria-label={label}>
      {entries.map((e) => (
        <li key={e.entryId}>
          <strong>{formatNumericDate(e.date)}</strong>
          {author ? ` — ${name(e.authorId, e.authorName)}` : ''}
          <p>{e.text}</p>
        </li>
      ))}
    </ul>
  );
}

/** A dated text the pair's mentor (diary) or mentee (report) writes; the date is a fact, never after today. */
function EntryForm({
  pair,
  path,
  label,
  submit,
  done,
  onDone,
}: {
  pair: Pair;
  path: 'diary' | 'reports';
  label: string;
  submit: string;
  done: string;
  onDone: () => void;
}) {
  const session = useSession();
  const { values, set, bind } = useFormValues(() => ({
    date: todayIn(session.timeZoneOf(pair.organisationId)),
    text: '',
  }));
  const { date, text } = values;
  const command = useSubmit();
  const send = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      await postJson(`/pairs/${pair.pairId}/${path}`, { entryId: newId(), date, text });
      set('text', '');
      onDone();
      return done;
    });
  };
  return (
    <CommandForm
      command={command}
      onSubmit={send}
      label={label}
      className="form-grid"
      submit={submit}
      busyText="Запись…"
      failed={`${label}: не записано`}
    >
      <InputField label="Дата" {...bind('date')} required type="date" />
      <TextAreaField label="Текст" {...bind('text')} rows={3} />
    </CommandForm>
  );
}
