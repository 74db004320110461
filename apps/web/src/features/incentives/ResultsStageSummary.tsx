import { Link } from 'react-router';
import { getJson } from '../../api';
import { ErrorBox, Loading, useLoad } from '../../components/ui';
import type { ResultsSummary } from './incentive';

/**
 * Beside the results stage's conditions, as information (not a gate): the analytical report of the monitoring
 * (its DOCX is downloaded in the monitoring section), the incentives decided and the practices submitted.
 */
export function ResultsStageSummary({ organisationId }: { organisationId: string }) {
  const summary = useLoad(
    () => getJson<ResultsSummary>(`/incentives/results-summary?organisationId=${organisationId}`),
    [organisationId],
  );
  if (summary.error) return <ErrorBox error={summary.error} />;
  if (!summary.data) return <Loading what="Загрузка итогов" />;
  const s = summary.data;
  return (
    <section className="card" aria-labelledby="results-summary-title" data-testid="results-summary">
      <h2 id="results-summary-title">Итоги результативного этапа</h2>
      <ul className="checklist">
        <li>
          Итоговая аналитическая справка по итогам мониторинга:{' '}
          <a href="#monitoring-report-title">скачать за период (DOCX)</a>
        </li>
        <li>
          Поощрений утверждено: {s.incentivesGranted}, наставников поощрено: {s.mentorsRewarded}, ждут решения
          руководителя: {s.incentivesAwaitingDecision} —{' '}
          <Link to={`/incentives?organisation=${organisationId}`}>поощрения</Link>
        </li>
        <li>
          Практик предложено в банк: {s.practicesSubmitted}, опубликовано: {s.practicesPublished} —{' '}
          <Link to={`/practices?organisationId=${organisationId}`}>банк практик</Link>
        </li>
      </ul>
    </section>
  );
}
