import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, postJson, type UnmetCondition } from '../../api';
import { useSession } from '../../auth';
import { DoneBox, ErrorBox, StageTrack } from '../../components/ui';
import { formatInstant } from '../../format';
import { programmeStageLabels } from '../../labels';
import type { Programme } from '../../types';
import { ResultsStageSummary } from '../incentives/ResultsStageSummary';
import { ProgrammeCurator } from './ProgrammeCurator';
import { CloseProgrammeDialog, programmeStages as stages, ReturnStage, StagePlans } from './ProgrammeStageActions';
import { fixFor, fixPath, useAnchor, useProgramme } from './programme-screens';

/** Anchors of the one-page programme that now live on a screen of their own (links saved before issue 26). */
const movedAnchors: Record<string, string> = {
  '#meeting-form-title': 'participants',
  '#pair-actions-title': 'pairs',
};

/** The programme's overview: the stage track, the curator, what the next stage needs, stage deadlines, stage actions. */
export function ProgrammeOverview() {
  const { programme, zone, refresh } = useProgramme();
  const session = useSession();
  const navigate = useNavigate();
  const { hash, search } = useLocation();
  const [refusal, setRefusal] = useState<unknown>(null);
  const [advancing, setAdvancing] = useState(false);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useAnchor(true);

  const moved = movedAnchors[hash];
  if (moved) return <Navigate to={`${moved}${search}${hash}`} replace />;

  const programmeId = programme.programmeId;
  const canManage = session.has('curator', 'administrator');
  // Who may fix an unmet condition from the checklist: the director appoints the curator and registers orders.
  const canFix = (condition: UnmetCondition) => {
    const who = fixFor(condition).who;
    if (who === 'director') return session.has('director', 'administrator');
    if (who === 'managerOrDirector') return canManage || session.has('director');
    return canManage;
  };
  const checklist = programme.nextStageChecklist ?? [];
  const warnings = programme.nextStageWarnings ?? [];
  const closed = programme.stage === 'closed';
  // The fix opens the screen that fixes the condition, its form open (the address says which).
  const fix = (condition: UnmetCondition) => void navigate(fixPath(programmeId, condition));

  const requestAdvance = () => (programme.stage === 'results' ? setConfirmingClose(true) : void advance());

  const advance = async () => {
    setConfirmingClose(false);
    setAdvancing(true);
    setRefusal(null);
    setNotice(null);
    try {
      const result = await postJson<{ state: Programme; version: number }>(`/programmes/${programmeId}/advance`, {
        expectedStage: programme.stage,
      });
      await refresh(result.version);
      setNotice(
        result.state.stage === 'closed'
          ? 'Программа наставничества завершена'
          : `Программа переведена на этап «${programmeStageLabels[result.state.stage]}»`,
      );
    } catch (e) {
      setRefusal(e);
      if (e instanceof ApiError && e.status === 409) await refresh(programme.version + 1);
    } finally {
      setAdvancing(false);
    }
  };

  return (
    <>
      <section aria-labelledby="track-title" className="card">
        <h2 id="track-title">Этапы программы</h2>
        <StageTrack
          stages={stages}
          current={programme.stage}
          labels={programmeStageLabels}
          label="Этапы программы наставничества"
        />
        <p>
          {closed ? (
            'Программа завершена'
          ) : (
            <>
              Текущий этап: <strong>{programmeStageLabels[programme.stage]}</strong>
            </>
          )}{' '}
          — с {formatInstant(programme.stageEnteredAt, zone)}
        </p>
        {/* The checklist (and its notice) goes with the last stage: the closing notice stays here. */}
        {closed ? <DoneBox done={notice} /> : null}
        <div id="programme-curator">
          <ProgrammeCurator programme={programme} onAppointed={refresh} />
        </div>
      </section>

      {!closed ? (
        <section aria-labelledby="checklist-title" className="card">
          <h2 id="checklist-title">Условия перехода к следующему этапу</h2>
          {checklist.length === 0 ? (
            <p className="ok-text">Все условия выполнены: этап можно завершить.</p>
          ) : (
            <ul className="checklist">
              {checklist.map((condition) => (
                <li key={condition.code}>
                  <span className="unmet" aria-hidden="true">
                    ✗
                  </span>
                  <span>{condition.message}</span>
                  {canFix(condition) ? (
                    <button type="button" className="button-link" onClick={() => fix(condition)}>
                      {fixFor(condition).label}
                    </button>
                  ) : condition.code === 'curator.notAppointed' ? (
                    <span className="hint">Куратора назначает руководитель организации.</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {warnings.length > 0 ? (
            <ul className="warnings" aria-label="Предупреждения">
              {warnings.map((warning) => (
                <li key={warning.code}>
                  <span aria-hidden="true">⚠</span>
                  <span>{warning.message}</span>
                  {canManage ? (
                    <button type="button" className="button-link" onClick={() => fix(warning)}>
                      {fixFor(warning).label}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {canManage ? (
            <div className="actions">
              <button type="button" className="button-primary" onClick={requestAdvance} disabled={advancing}>
                {advancing
                  ? 'Переход…'
                  : programme.stage === 'results'
                    ? 'Завершить программу'
                    : 'Завершить этап и перейти к следующему'}
              </button>
              <ReturnStage programme={programme} onReturned={refresh} />
            </div>
          ) : null}
          <CloseProgrammeDialog
            programme={programme}
            open={confirmingClose}
            busy={advancing}
            onConfirm={() => void advance()}
            onCancel={() => setConfirmingClose(false)}
          />
          <ErrorBox error={refusal} title="Переход отклонён" />
          <DoneBox done={notice} />
        </section>
      ) : null}
      {programme.stage === 'results' ? <ResultsStageSummary organisationId={programme.organisationId} /> : null}

      <section aria-labelledby="plans-title" className="card">
        <h2 id="plans-title">Сроки этапов</h2>
        <StagePlans programme={programme} canPlan={canManage} onChanged={refresh} />
      </section>
    </>
  );
}
