import { useSession } from '../../auth';
import { ProblemAnalysis, Training } from './Preparation';
import { useAnchor, useProgramme } from './programme-screens';

/** The preparatory stage's work: the analysis of problems and the mentors' training. */
export function ProgrammePreparation() {
  const { programme, zone, refresh, refreshChecklist } = useProgramme();
  const session = useSession();
  useAnchor(true);
  const problems = programme.stage === 'preparatory' || programme.problemAnalysis !== undefined;
  const training = programme.stage === 'preparatory' && session.has('curator', 'director', 'administrator');
  return (
    <>
      {problems ? (
        <section aria-labelledby="problems-title" className="card">
          <h2 id="problems-title">Анализ проблем</h2>
          <ProblemAnalysis programme={programme} zone={zone} onChanged={refresh} />
        </section>
      ) : null}
      {training ? (
        <section aria-labelledby="training-title" className="card">
          <h2 id="training-title">Обучение</h2>
          <Training organisationId={programme.organisationId} onRecorded={refreshChecklist} />
        </section>
      ) : null}
      {!problems && !training ? (
        <p className="empty">Подготовительный этап пройден без анализа проблем: записывать здесь нечего.</p>
      ) : null}
    </>
  );
}
