import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth';
import type { MonitoringIndicator, MonitoringStage } from '../../types';
import { firstIndicatorOf, MonitoringReportDownload, MonitoringResults } from './MonitoringResults';
import { useAnchor, useProgramme } from './programme-screens';

/** The organisation's monitoring results (process and influence) and the analytical report's download. */
export function ProgrammeMonitoring() {
  const { programme, zone, refreshChecklist } = useProgramme();
  const session = useSession();
  // The checklist's «Внести результат мониторинга» names the monitoring stage (?stage=): its first indicator.
  const [params] = useSearchParams();
  const stage = params.get('stage') === 'influence' ? 'influence' : 'process';
  const [indicator, setIndicator] = useState<MonitoringIndicator>(firstIndicatorOf(stage satisfies MonitoringStage));
  useAnchor(true);
  return (
    <section aria-labelledby="monitoring-title" className="card">
      <h2 id="monitoring-title">Результаты мониторинга (мониторинг процесса и мониторинг влияния)</h2>
      <MonitoringResults
        organisationId={programme.organisationId}
        zone={zone}
        canRecord={session.has('curator', 'director', 'administrator')}
        indicator={indicator}
        onIndicator={setIndicator}
        onRecorded={refreshChecklist}
      />
      {session.has('curator', 'director', 'commissionHead', 'administrator', 'regionalCoordinator') ? (
        <MonitoringReportDownload organisationId={programme.organisationId} zone={zone} />
      ) : null}
    </section>
  );
}
