import { useState } from 'react';
import { useParams } from 'react-router';
import { getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import { Badge, DoneBox, ErrorBox, Loading, TextAreaField, useLoad } from '../../components/ui';
import { formatDay, formatInstant } from '../../format';
import { eventTypeLabels, practiceFieldLabels } from '../../labels';
import { useSubmit } from '../../use-submit';
import { practiceStatusTone, type Practice } from './practice';
import { PracticeFormFields } from './PracticeFormFields';

/** One practice: what it says, who wrote it where; the reviewer's decision or the author's correction. */
export function PracticePage() {
  const { practiceId } = useParams();
  const session = useSession();
  const practice = useLoad(() => getJson<Practice>(`/practices/${practiceId}`), [practiceId]);
  const p = practice.data;
  if (!p) return practice.error ? <ErrorBox error={practice.error} /> : <Loading />;
  const zone = session.timeZoneOf(p.organisationId);
  const facts: [string, string][] = [
    ['Автор', p.authorName ?? '—'],
    ['Организация', p.organisationName ?? '—'],
    [practiceFieldLabels.form, p.formLabel],
    [practiceFieldLabels.subject, p.content.subject],
    [practiceFieldLabels.level, p.levelLabel],
    ['Предложена', formatDay(p.submittedAt, zone)],
    ...(p.publishedAt ? [['Опубликована', formatDay(p.publishedAt, zone)] as [string, string]] : []),
  ];
  const section = (key: 'problem' | 'whatWasDone' | 'results' | 'evidence') => (
    <>
      <h2>{practiceFieldLabels[key]}</h2>
      <p className="prewrap">{p.content[key]}</p>
    </>
  );
  return (
    <article aria-labelledby="practice-title">
      <h1 id="practice-title">{p.content.title}</h1>
      <p>
        <Badge tone={practiceStatusTone[p.status]}>{p.statusLabel}</Badge>
      </p>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {section('problem')}
      {section('whatWasDone')}
      {section('results')}
      {section('evidence')}
      {p.content.attachments?.length ? (
        <>
          <h2>{practiceFieldLabels.attachments}</h2>
          <ul>
            {p.content.attachments.map((a) => (
              <li key={a}>
                <a href={a} rel="noopener noreferrer" target="_blank">
                  {a}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.returns.length > 0 ? (
        <>
          <h2>Замечания рецензентов</h2>
          <ul>
            {p.returns.map((r) => (
              <li key={r.returnedAt}>
                {formatDay(r.returnedAt, zone)}, {r.returnedByName ?? 'рецензент'}: {r.comment}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <PracticeHistory practiceId={p.practiceId} zone={zone} version={p.status + p.returns.length} />
      {p.canReview ? <Review practiceId={p.practiceId} onDone={practice.reload} /> : null}
      {p.canResubmit ? (
        <section aria-labelledby="resubmit-title">
          <h2 id="resubmit-title">Доработать и предложить повторно</h2>
          <PracticeFormFields
            title="Доработать практику"
            initial={p.content}
            submitLabel="Предложить повторно"
            send={async (content) => {
              await postJson(`/practices/${p.practiceId}/resubmit`, content);
              practice.reload();
              return 'Практика отправлена на повторное рассмотрение';
            }}
          />
        </section>
      ) : null}
    </article>
  );
}

/** The reviewer's decision: back to the author with what to change, or published for the region. */
function Review({ practiceId, onDone }: { practiceId: string; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const { submit, busy, error, done } = useSubmit();
  const act = (action: 'return' | 'publish', notice: string) =>
    void submit(async () => {
      await postJson(`/practices/${practiceId}/${action}`, comment.trim() ? { comment } : {});
      onDone();
      return notice;
    });
  return (
    <section aria-labelledby="review-title" className="form-grid">
      <h2 id="review-title">Рассмотрение практики</h2>
      <TextAreaField
        label={practiceFieldLabels.comment}
        field="comment"
        value={comment}
        onChange={setComment}
        error={error}
        hint="Обязателен при возврате: что доработать"
        rows={3}
      />
      <ErrorBox error={error} />
      <DoneBox done={done} />
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => act('return', 'Практика возвращена автору')}>
          Вернуть с комментарием
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={busy}
          onClick={() => act('publish', 'Практика опубликована')}
        >
          Опубликовать
        </button>
      </div>
    </section>
  );
}

interface HistoryEntry {
  version: number;
  type: string;
  recordedAt: string;
  actorName: string | null;
}

/** Who submitted, returned, resubmitted and published the practice, and when. */
function PracticeHistory({ practiceId, zone, version }: { practiceId: string; zone: string; version: string }) {
  const history = useLoad(
    () => getJson<HistoryEntry[]>(`/practices/${practiceId}/history?limit=100`),
    [practiceId, version],
  );
  return (
    <section aria-labelledby="practice-history-title">
      <h2 id="practice-history-title">История практики</h2>
      <ErrorBox error={history.error} />
      <ol>
        {(history.data ?? []).map((entry) => (
          <li key={entry.version}>
            {formatInstant(entry.recordedAt, zone)} — {eventTypeLabels[entry.type] ?? entry.type}
            {entry.actorName ? ` (${entry.actorName})` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
