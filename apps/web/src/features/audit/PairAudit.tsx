import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { download, getJson, saveBlob } from '../../api';
import { useSession } from '../../auth';
import {
  Badge,
  ErrorBox,
  InputField,
  Loading,
  Progress,
  ShowMore,
  useDebouncedSearch,
  useLoad,
  usePaged,
} from '../../components/ui';
import { PersonId, usePersonLabel } from '../../components/people';
import { useSubmit } from '../../use-submit';
import { formatInstant, formatLocalDate } from '../../format';
import {
  eventTypeLabels,
  mentorReplacementReasonLabels,
  pairFormLabels,
  pairStatusLabels,
  roleLabels,
  systemActorLabel,
} from '../../labels';
import type { ChainVerdict, HistoryEntry, Order, Pair, Role } from '../../types';
import { PairRouteLinks } from '../routes/PairRouteLinks';
import { PairIncentiveHistory } from '../incentives/PairIncentiveHistory';
import { pairHistorySummary } from '../../../../../libs/domain/src/pair/pair.history.labels';

/**
 * Administrators (and the organisation's curator) find a pair by the organisation's name, the mentor's or a
 * mentee's name or the order's number, then read its whole history, verify its hash chain and export it.
 */
export function PairAudit() {
  const { pairId } = useParams();
  const [text, setText] = useState('');
  const q = useDebouncedSearch(text);

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Аудит наставнических пар</h1>
      <InputField
        label="Поиск пары: организация, ФИО наставника или наставляемого, номер приказа"
        field="q"
        value={text}
        onChange={setText}
        type="search"
      />
      {q ? (
        <PairSearchResults key={q} q={q} />
      ) : (
        <p className="hint">Введите хотя бы часть названия, ФИО или номера.</p>
      )}
      {pairId ? <PairRouteLinks key={`routes-${pairId}`} pairId={pairId} /> : null}
      {pairId ? <ReasonedHistory key={pairId} pairId={pairId} /> : null}
      {pairId ? <PairIncentiveHistory key={`incentives-${pairId}`} pairId={pairId} /> : null}
    </section>
  );
}

/**
 * The pair's content (diary entries, reports) for an administrator opens only with a reason, which is sent
 * with the read and recorded beside it; the organisation's curator reads her own pairs without one.
 */
function ReasonedHistory({ pairId }: { pairId: string }) {
  const session = useSession();
  const [draft, setDraft] = useState('');
  const [reason, setReason] = useState<string | undefined>(undefined);
  if (!session.has('administrator') || reason !== undefined) return <PairHistory pairId={pairId} reason={reason} />;
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim()) setReason(draft.trim());
  };
  return (
    <form className="card" aria-label="Причина просмотра" onSubmit={open}>
      <p className="hint">
        История пары содержит записи дневника и отчёты. Укажите, зачем вы её открываете: причина записывается вместе с
        фактом просмотра.
      </p>
      <InputField label="Причина просмотра" field="reason" value={draft} onChange={setDraft} maxLength={500} required />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={!draft.trim()}>
          Открыть историю
        </button>
      </div>
    </form>
  );
}

/** The pairs the search finds, a page at a time: whose, by which order, in which state; each opens its history. */
function PairSearchResults({ q }: { q: string }) {
  const session = useSession();
  const label = usePersonLabel();
  const pairs = usePaged<Pair>(`/pairs?q=${encodeURIComponent(q)}`, []);
  return (
    <>
      <ErrorBox error={pairs.error} />
      <ul className="list" aria-label="Найденные пары" data-testid="pair-search-results">
        {pairs.items.map((pair) => (
          <li key={pair.pairId}>
            <Link to={`/audit/${pair.pairId}`}>
              {`${session.organisations.get(pair.organisationId)?.name ?? 'Организация'}: ${label(pair.mentorId, pair.mentorName)} — ${(pair.mentees ?? pair.menteeIds.map((personId) => ({ personId, name: undefined }))).map((m) => label(m.personId, m.name)).join(', ')}`}
            </Link>{' '}
            <small>
              {`${pairFormLabels[pair.form]}, приказ № ${pair.order.number}`}{' '}
              <Badge tone="neutral">{pairStatusLabels[pair.status]}</Badge>
            </small>
          </li>
        ))}
      </ul>
      <ShowMore list={pairs} what="пар" />
      {pairs.loaded && pairs.items.length === 0 ? <p className="empty">Ничего не найдено.</p> : null}
    </>
  );
}

function orderOf(entry: HistoryEntry): Order | undefined {
  const order = entry.data.order as Order | undefined;
  return order && typeof order === 'object' && 'number' in order ? order : undefined;
}

/** One line of "what" for an event: the facts an auditor looks for (the CSV's «Содержание» starts from it too). */
const summary = (entry: HistoryEntry, label: (id: string) => string): string =>
  pairHistorySummary(entry.type, entry.data as Record<string, unknown>, label);

function PairHistory({ pairId, reason }: { pairId: string; reason?: string }) {
  const session = useSession();
  const label = usePersonLabel();
  const reasonParam = reason ? `reason=${encodeURIComponent(reason)}` : '';
  const history = useLoad(
    () => getJson<HistoryEntry[]>(`/pairs/${pairId}/history${reasonParam ? `?${reasonParam}` : ''}`),
    [pairId, reasonParam],
  );
  // The pair names everyone its events name (ids only in the events): one map for the whole timeline.
  const pair = useLoad(() => getJson<Pair>(`/pairs/${pairId}`), [pairId]);
  const nameOf = (id: string) => label(id, pair.data?.names?.[id]);
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const { submit: runVerify, busy: verifying, error: verifyError } = useSubmit();
  const [exporting, setExporting] = useState<{ format: string; received: number; total?: number } | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);

  const verify = () =>
    runVerify(async () => {
      setVerdict(await getJson<ChainVerdict>(`/pairs/${pairId}/history/verify`));
    });

  const exportAs = async (format: 'csv' | 'json') => {
    setExportError(null);
    setExporting({ format, received: 0 });
    try {
      const blob = await download(
        `/pairs/${pairId}/history?${[format === 'csv' ? 'format=csv' : '', reasonParam].filter(Boolean).join('&')}`,
        (received, total) => setExporting({ format, received, total }),
      );
      saveBlob(blob, `pair-${pairId}-history.${format}`);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(null);
    }
  };

  if (history.error) return <ErrorBox error={history.error} />;
  if (!history.data) return <Loading what="Загрузка истории" />;
  const entries = history.data;
  const zone = entries[0]?.timeZone ?? session.timeZoneOf(undefined);

  return (
    <>
      <section className="card" aria-labelledby="chain-title">
        <h2 id="chain-title">Целостность истории</h2>
        <p className="hint">
          Каждое событие подписано хешем sha256, сцепленным с предыдущим: проверка пересчитывает всю цепочку.
        </p>
        <div className="actions">
          <button type="button" className="button-primary" onClick={verify} disabled={verifying}>
            {verifying ? 'Проверка…' : 'Проверить цепочку'}
          </button>
          <button type="button" onClick={() => exportAs('csv')} disabled={exporting !== null}>
            Выгрузить CSV
          </button>
          <button type="button" onClick={() => exportAs('json')} disabled={exporting !== null}>
            Выгрузить JSON
          </button>
        </div>
        {verifying ? <Progress label="Пересчёт хешей" /> : null}
        {exporting ? (
          <Progress
            label={`Выгрузка ${exporting.format.toUpperCase()}: получено ${exporting.received} байт`}
            value={exporting.received}
            max={exporting.total}
          />
        ) : null}
        <ErrorBox error={verifyError ?? exportError} />
        {verdict ? (
          <p
            className={`alert ${verdict.valid ? 'alert-ok' : 'alert-error'}`}
            role="status"
            data-testid="chain-verdict"
          >
            {verdict.valid
              ? `Цепочка цела: проверено событий — ${verdict.events}.`
              : `Цепочка нарушена: первое изменённое событие — версия ${verdict.firstBrokenVersion} (всего событий ${verdict.events}).`}
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">История пары</h2>
        <p className="hint">Время — часовой пояс организации ({zone}).</p>
        <ol className="timeline">
          {entries.map((entry) => {
            const order = orderOf(entry);
            const reason = entry.reason
              ? (mentorReplacementReasonLabels[entry.reason as keyof typeof mentorReplacementReasonLabels] ??
                entry.reason)
              : undefined;
            return (
              <li key={entry.version} className={`timeline-item timeline-${entry.type}`}>
                <div className="timeline-when">
                  <time dateTime={entry.recordedAt}>{formatInstant(entry.recordedAt, entry.timeZone ?? zone)}</time>
                  <small>версия {entry.version}</small>
                </div>
                <div className="timeline-body">
                  <h3>{eventTypeLabels[entry.type] ?? entry.type}</h3>
                  <dl className="facts">
                    <div>
                      <dt>Кто</dt>
                      <dd>
                        {systemActorLabel(entry) ?? (
                          <>
                            <PersonId id={entry.actorId} name={entry.actorName} /> —{' '}
                            {roleLabels[entry.role as Role] ?? entry.role}
                          </>
                        )}
                      </dd>
                    </div>
                    {summary(entry, nameOf) ? (
                      <div>
                        <dt>Что</dt>
                        <dd>{summary(entry, nameOf)}</dd>
                      </div>
                    ) : null}
                    {reason ? (
                      <div>
                        <dt>Почему</dt>
                        <dd>{reason}</dd>
                      </div>
                    ) : null}
                    {order ? (
                      <div>
                        <dt>Приказ</dt>
                        <dd>
                          № {order.number} от {formatLocalDate(order.date)}, подписал: {order.signedBy}
                        </dd>
                      </div>
                    ) : entry.documentRef ? (
                      <div>
                        <dt>Документ</dt>
                        <dd>{entry.documentRef}</dd>
                      </div>
                    ) : null}
                  </dl>
                </div>
              </li>
            );
          })}
        </ol>
        {entries.length === 0 ? <Badge tone="neutral">Событий нет</Badge> : null}
        <p>
          <Link to="/audit">Другая пара</Link>
        </p>
      </section>
    </>
  );
}
