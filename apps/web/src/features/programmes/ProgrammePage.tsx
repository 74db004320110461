import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, getJson, newId, postJson, type UnmetCondition } from '../../api';
import { readUntil } from '../../query';
import { useSession } from '../../auth';
import {
  Badge,
  DataTable,
  DoneBox,
  ErrorBox,
  InputField,
  labelledOptions,
  Loading,
  SelectField,
  ShowMore,
  StageTrack,
  SubmitButton,
  useLoad,
  usePaged,
} from '../../components/ui';
import { PersonId, usePersonLabel } from '../../components/people';
import { PersonPicker } from '../../components/PersonPicker';
import { useSubmit } from '../../use-submit';
import { formatInstant, formatLocalDate } from '../../format';
import { FormPairForm, menteesOf, PairActions, pairActions, type PairAction } from '../pairs/PairForms';
import { firstIndicatorOf, MonitoringReportDownload, MonitoringResults } from './MonitoringResults';
import { ResultsStageSummary } from '../incentives/ResultsStageSummary';
import { ProgrammeCurator } from './ProgrammeCurator';
import { ProblemAnalysis, Training } from './Preparation';
import { CloseProgrammeDialog, programmeStages as stages, ReturnStage, StagePlans } from './ProgrammeStageActions';
import {
  CommissionMeetingForm,
  MentorCapacityForm,
  ParticipantStatusCell,
  WithdrawParticipant,
} from '../participants/ParticipantReview';
import {
  menteeCategoryLabels,
  mentorEligibilityWarningLabels,
  pairFormLabels,
  pairStatusLabels,
  participantRoleLabels,
  programmeDocumentKindLabels,
  programmeStageLabels,
} from '../../labels';
import type {
  MentorLoad,
  MonitoringIndicator,
  MonitoringStage,
  Pair,
  Participant,
  PersonCardView,
  PersonListItem,
  Programme,
  ProgrammeDocumentKind,
} from '../../types';
import { isAllowedFileRef } from '../../../../../libs/domain/src/shared/file-ref';
import { DocumentScan } from '../scans/DocumentScan';

const documentKinds = Object.keys(programmeDocumentKindLabels) as ProgrammeDocumentKind[];

interface Fix {
  target: 'documents' | 'participants' | 'pairs' | 'monitoring' | 'curator' | 'problems' | 'training';
  documentKind?: ProgrammeDocumentKind;
  monitoringStage?: MonitoringStage;
  participantRole?: 'mentor' | 'mentee';
  /** A command on a pair: the first pair it applies to gets its form opened. */
  pairAction?: PairAction | 'form';
  label: string;
}

/** Where each unmet condition is fixed on this page. */
function fixFor(condition: UnmetCondition): Fix {
  const document = /^document\.(\w+)\.missing$/.exec(condition.code);
  if (document && documentKinds.includes(document[1] as ProgrammeDocumentKind)) {
    return {
      target: 'documents',
      documentKind: document[1] as ProgrammeDocumentKind,
      label: 'Зарегистрировать документ',
    };
  }
  const monitoring = /^monitoring\.(process|influence)\.noResults$/.exec(condition.code);
  if (monitoring) {
    return {
      target: 'monitoring',
      monitoringStage: monitoring[1] as MonitoringStage,
      label: 'Внести результат мониторинга',
    };
  }
  if (condition.code === 'curator.notAppointed') return { target: 'curator', label: 'Назначить куратора' };
  if (condition.code === 'problemAnalysis.missing') return { target: 'problems', label: 'Записать проблему' };
  if (condition.code === 'problemAnalysis.notApproved')
    return { target: 'problems', label: 'Перейти к анализу проблем' };
  if (condition.code === 'mentors.untrained') return { target: 'training', label: 'Записать обучение' };
  if (condition.code === 'mentors.notSelected')
    return { target: 'participants', participantRole: 'mentor', label: 'Отобрать наставника' };
  if (condition.code === 'mentees.notSelected')
    return { target: 'participants', participantRole: 'mentee', label: 'Отобрать наставляемого' };
  if (condition.code === 'pairs.notAssignedWithOrderAndConsents')
    return { target: 'pairs', pairAction: 'form', label: 'Сформировать пару или группу' };
  if (condition.code === 'pairs.personalProgrammeNotApproved')
    return { target: 'pairs', pairAction: 'approve', label: 'Утвердить персонализированную программу' };
  if (condition.code === 'pairs.interimControlNotPassed')
    return { target: 'pairs', pairAction: 'interim', label: 'Провести промежуточный контроль' };
  return { target: 'pairs', label: 'Перейти к парам и группам' };
}

export function ProgrammePage() {
  const { programmeId = '' } = useParams();
  const session = useSession();
  const [programme, setProgramme] = useState<Programme>();
  const loaded = useLoad(async () => {
    const value = await getJson<Programme>(`/programmes/${programmeId}`);
    setProgramme(value);
    return value;
  }, [programmeId]);
  const [documentKind, setDocumentKind] = useState<ProgrammeDocumentKind>('implementationAct');
  const [participantRole, setParticipantRole] = useState<'mentor' | 'mentee'>('mentor');
  const [indicator, setIndicator] = useState<MonitoringIndicator>(firstIndicatorOf('process'));
  const [refusal, setRefusal] = useState<unknown>(null);
  const [advancing, setAdvancing] = useState(false);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [pairRequest, setPairRequest] = useState<{ action: PairAction | 'form'; nonce: number }>();
  const [capacityChanged, setCapacityChanged] = useState<number>();
  const participants = usePaged<Participant>(`/programmes/${programmeId}/participants`, []);
  const documentForm = useRef<HTMLElement>(null);
  const participantForm = useRef<HTMLElement>(null);
  const monitoringSection = useRef<HTMLElement>(null);
  const pairsSection = useRef<HTMLElement>(null);
  const curatorSection = useRef<HTMLDivElement>(null);
  const problemsSection = useRef<HTMLElement>(null);
  const trainingSection = useRef<HTMLElement>(null);

  // A task in the inbox links to the form that decides it (#meeting-form-title, #pair-actions-title).
  const { hash } = useLocation();
  const shown = programme !== undefined;
  useEffect(() => {
    if (shown && hash) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [shown, hash]);

  if (loaded.error && !programme) return <ErrorBox error={loaded.error} />;
  if (!programme) return <Loading what="Загрузка программы" />;

  const zone = session.timeZoneOf(programme.organisationId);
  const organisation = session.organisations.get(programme.organisationId);
  const canManage = session.has('curator', 'administrator');
  // Who may fix an unmet condition from the checklist: the director appoints the curator and registers orders.
  const canFix = (condition: UnmetCondition) => {
    const target = fixFor(condition).target;
    if (target === 'curator') return session.has('director', 'administrator');
    if (target === 'documents' || target === 'monitoring') return canManage || session.has('director');
    return canManage;
  };
  // 002 §4.4: the commission head chairs the review of candidates; the curator or an administrator records it too.
  const canReview = session.has('commissionHead', 'curator', 'administrator');
  const canWithdraw = session.has('curator', 'commissionHead', 'director', 'administrator');
  const capacity = capacityChanged ?? organisation?.settings?.mentorCapacity ?? 2;
  const checklist = programme.nextStageChecklist ?? [];
  const warnings = programme.nextStageWarnings ?? [];
  const closed = programme.stage === 'closed';

  // The participants list is a projection that lags a command: read it until it shows the change.
  const reloadParticipants = () => void participants.awaitChange();
  const programmePath = `/programmes/${programmeId}`;
  const refresh = async (version: number) =>
    setProgramme(await readUntil<Programme>(programmePath, (p) => p.version >= version));
  const checklistCodes = (p: Programme) => (p.nextStageChecklist ?? []).map((c) => c.code).join();
  const refreshChecklist = async () =>
    setProgramme(
      await readUntil<Programme>(programmePath, (p) => checklistCodes(p) !== checklistCodes(programme), {
        timeoutMs: 3000,
      }),
    );

  const fix = (condition: UnmetCondition) => {
    const target = fixFor(condition);
    if (target.documentKind) setDocumentKind(target.documentKind);
    if (target.participantRole) setParticipantRole(target.participantRole);
    if (target.monitoringStage) setIndicator(firstIndicatorOf(target.monitoringStage));
    if (target.pairAction) {
      setPairRequest({ action: target.pairAction, nonce: Date.now() });
      return;
    }
    const sections = {
      documents: documentForm,
      participants: participantForm,
      pairs: pairsSection,
      monitoring: monitoringSection,
      curator: curatorSection,
      problems: problemsSection,
      training: trainingSection,
    };
    const section = sections[target.target];
    section.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    section.current?.querySelector<HTMLElement>('input, select, button')?.focus({ preventScroll: true });
  };

  // The last advance closes the programme: the curator first confirms what is still open.
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
    <article aria-labelledby="programme-title">
      <p className="breadcrumbs">
        <Link to="/programmes">Программы</Link> / {organisation?.name ?? 'Организация'}
      </p>
      <h1 id="programme-title">{programme.title}</h1>
      <p className="hint">
        Время — часовой пояс организации ({zone}).{' '}
        {programme.implementsTargetModel ? <Badge tone="ok">Организация внедряет целевую модель</Badge> : null}
      </p>

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
        <div ref={curatorSection}>
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

      {programme.stage === 'preparatory' || programme.problemAnalysis ? (
        <section aria-labelledby="problems-title" className="card" ref={problemsSection}>
          <h2 id="problems-title">Анализ проблем</h2>
          <ProblemAnalysis programme={programme} zone={zone} onChanged={refresh} />
        </section>
      ) : null}

      {programme.stage === 'preparatory' && session.has('curator', 'director', 'administrator') ? (
        <section aria-labelledby="training-title" className="card" ref={trainingSection}>
          <h2 id="training-title">Обучение</h2>
          <Training organisationId={programme.organisationId} onRecorded={refreshChecklist} />
        </section>
      ) : null}

      <section aria-labelledby="plans-title" className="card">
        <h2 id="plans-title">Сроки этапов</h2>
        <StagePlans programme={programme} canPlan={canManage} onChanged={refresh} />
      </section>

      <section aria-labelledby="documents-title" className="card" ref={documentForm}>
        <h2 id="documents-title">Документы</h2>
        <DocumentTable programme={programme} zone={zone} canAttach={canManage || session.has('director')} />
        {canManage || session.has('director') ? (
          <DocumentForm
            programmeId={programmeId}
            kind={documentKind}
            onKind={setDocumentKind}
            onRecorded={(version) => refresh(version)}
          />
        ) : null}
      </section>

      <section aria-labelledby="monitoring-title" className="card" ref={monitoringSection}>
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

      <section aria-labelledby="participants-title" className="card" ref={participantForm}>
        <h2 id="participants-title">Наставники и наставляемые</h2>
        <Participants
          list={participants}
          programmeId={programmeId}
          canWithdraw={canWithdraw}
          onWithdrawn={async () => {
            reloadParticipants();
            await refreshChecklist();
          }}
        />
        {canReview ? (
          <CommissionMeetingForm
            programmeId={programmeId}
            participants={participants.items}
            onRecorded={() => {
              reloadParticipants();
              void refreshChecklist();
            }}
          />
        ) : null}
        {canManage ? (
          <ParticipantForm
            programmeId={programmeId}
            organisationId={programme.organisationId}
            role={participantRole}
            onRole={setParticipantRole}
            onRegistered={async () => {
              await refreshChecklist();
              participants.reload();
            }}
          />
        ) : null}
      </section>

      <section aria-labelledby="pairs-title" className="card" ref={pairsSection}>
        <h2 id="pairs-title">Пары и группы</h2>
        <Pairs
          programmeId={programmeId}
          capacity={capacity}
          canAudit={session.has('administrator', 'curator')}
          canForm={session.has('director', 'curator', 'administrator')}
          participants={participants.items}
          request={pairRequest}
          onChanged={async () => {
            await refreshChecklist();
          }}
        />
        {session.has('director', 'curator', 'administrator') ? (
          <MentorCapacityForm
            organisationId={programme.organisationId}
            capacity={capacity}
            onChanged={setCapacityChanged}
          />
        ) : null}
      </section>
    </article>
  );
}

function DocumentTable({ programme, zone, canAttach }: { programme: Programme; zone: string; canAttach: boolean }) {
  const documents = Object.values(programme.documents).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  if (documents.length === 0) return <p className="empty">Документы не зарегистрированы.</p>;
  return (
    <DataTable
      caption="Зарегистрированные документы"
      columns={['Документ', 'Номер', 'Дата', 'Подписал', 'Зарегистрирован', 'Файл', 'Скан подписанного экземпляра']}
    >
      {documents.map((d) => (
        <tr key={d.documentId}>
          <td>{programmeDocumentKindLabels[d.kind]}</td>
          <td>{d.number}</td>
          <td>{formatLocalDate(d.date)}</td>
          <td>{d.signedBy}</td>
          <td>{formatInstant(d.recordedAt, zone)}</td>
          <td>
            <FileLink fileRef={d.fileRef} />
          </td>
          <td>
            <DocumentScan
              scan={d.scan}
              title={`${programmeDocumentKindLabels[d.kind]} № ${d.number}`}
              uploadPath={`/programmes/${programme.programmeId}/documents/${d.documentId}/scan`}
              downloadPath={`/programmes/${programme.programmeId}/documents/${d.documentId}/scan`}
              canAttach={canAttach && programme.stage !== 'closed'}
              zone={zone}
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * A document's file as a link only when the address is https: (the API accepts nothing else; a link
 * stored before that rule, such as `javascript:`, is shown as inert text, never as an href).
 */
function FileLink({ fileRef }: { fileRef: string | undefined }) {
  if (!fileRef) return <>—</>;
  if (!isAllowedFileRef(fileRef)) return <span className="hint">{fileRef}</span>;
  return (
    <a href={fileRef} target="_blank" rel="noopener noreferrer">
      Открыть
    </a>
  );
}

function DocumentForm({
  programmeId,
  kind,
  onKind,
  onRecorded,
}: {
  programmeId: string;
  kind: ProgrammeDocumentKind;
  onKind: (k: ProgrammeDocumentKind) => void;
  onRecorded: (version: number) => Promise<void>;
}) {
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [signedBy, setSignedBy] = useState('');
  const [fileRef, setFileRef] = useState('');
  const { submit: send, busy, error, done } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      const result = await postJson<{ version: number }>(`/programmes/${programmeId}/documents`, {
        documentId: newId(),
        kind,
        number,
        date,
        signedBy,
        ...(fileRef ? { fileRef } : {}),
      });
      await onRecorded(result.version);
      setNumber('');
      setFileRef('');
      return `Документ «${programmeDocumentKindLabels[kind]}» № ${number} зарегистрирован`;
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="document-form-title" className="form-grid">
      <h3 id="document-form-title">Зарегистрировать документ</h3>
      <SelectField
        label="Вид документа"
        field="kind"
        error={error}
        value={kind}
        onChange={onKind}
        options={labelledOptions(programmeDocumentKindLabels)}
      />
      <InputField label="Номер" field="number" error={error} value={number} onChange={setNumber} />
      <InputField label="Дата документа" field="date" error={error} type="date" value={date} onChange={setDate} />
      <InputField label="Кем подписан" field="signedBy" error={error} value={signedBy} onChange={setSignedBy} />
      <InputField
        label="Ссылка на файл (необязательно, адрес https://…)"
        field="fileRef"
        error={error}
        value={fileRef}
        onChange={setFileRef}
      />
      <div className="actions">
        <SubmitButton busy={busy} busyText="Регистрация…" variant="plain">
          Зарегистрировать
        </SubmitButton>
      </div>
      <ErrorBox error={error} />
      <DoneBox done={done} />
    </form>
  );
}

function Participants({
  list,
  programmeId,
  canWithdraw,
  onWithdrawn,
}: {
  list: ReturnType<typeof usePaged<Participant>>;
  programmeId: string;
  canWithdraw: boolean;
  onWithdrawn: () => Promise<void>;
}) {
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.loaded) return <Loading />;
  if (list.items.length === 0) return <p className="empty">Участники не отобраны.</p>;
  return (
    <>
      <DataTable
        caption="Кандидаты и отобранные участники"
        columns={[
          'Участник',
          'Роль',
          'Должность',
          'Стаж (общий / по предмету)',
          'Замечания',
          'Решение комиссии',
          ...(canWithdraw ? ['Действия'] : []),
        ]}
      >
        {list.items.map((p) => (
          <tr key={p.participantId}>
            <td>
              <PersonId id={p.personId} name={p.name} hasConsent={p.hasConsent} />
            </td>
            <td>
              {participantRoleLabels[p.role]}
              {p.menteeCategory
                ? ` — ${menteeCategoryLabels[p.menteeCategory as keyof typeof menteeCategoryLabels] ?? p.menteeCategory}`
                : ''}
            </td>
            <td>
              {p.position}
              {p.subject ? `, ${p.subject}` : ''}
            </td>
            <td>
              {p.teachingExperienceYears} / {p.subjectExperienceYears}
            </td>
            <td>
              {p.eligibilityWarnings
                .map((w) => mentorEligibilityWarningLabels[w as keyof typeof mentorEligibilityWarningLabels] ?? w)
                .join('; ') || '—'}
            </td>
            <td>
              <ParticipantStatusCell participant={p} />
            </td>
            {canWithdraw ? (
              <td>
                <WithdrawParticipant programmeId={programmeId} participant={p} onWithdrawn={() => void onWithdrawn()} />
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      <ShowMore list={list} what="участников" />
    </>
  );
}

function ParticipantForm({
  programmeId,
  organisationId,
  role,
  onRole,
  onRegistered,
}: {
  programmeId: string;
  organisationId: string;
  role: 'mentor' | 'mentee';
  onRole: (r: 'mentor' | 'mentee') => void;
  onRegistered: () => Promise<void>;
}) {
  const [person, setPerson] = useState<PersonListItem>();
  const [position, setPosition] = useState('');
  const [subject, setSubject] = useState('');
  const [teaching, setTeaching] = useState('');
  const [inSubject, setInSubject] = useState('');
  const [category, setCategory] = useState('newSpecialist');
  const { submit: send, busy, error } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      await postJson(`/programmes/${programmeId}/participants`, {
        personId: person?.personId,
        role,
        position,
        ...(subject ? { subject } : {}),
        teachingExperienceYears: teaching === '' ? undefined : Number(teaching),
        subjectExperienceYears: inSubject === '' ? undefined : Number(inSubject),
        ...(role === 'mentee' ? { menteeCategory: category } : {}),
      });
      await onRegistered();
      setPerson(undefined);
    });
  };

  // The directory fills in what it knows of the chosen person; the curator may still correct it.
  const choose = (chosen: PersonListItem | undefined) => {
    setPerson(chosen);
    if (!chosen) return;
    setPosition(chosen.positions[0] ?? '');
    setSubject(chosen.subjects[0] ?? '');
    getJson<PersonCardView>(`/people/${chosen.personId}`).then(
      (card) => {
        setTeaching(card.teachingExperienceYears === undefined ? '' : String(card.teachingExperienceYears));
        setInSubject(card.subjectExperienceYears === undefined ? '' : String(card.subjectExperienceYears));
      },
      () => undefined,
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="participant-form-title" className="form-grid">
      <h3 id="participant-form-title">Предложить кандидата</h3>
      <p className="hint">Кандидат станет участником после решения методической комиссии (педагогического совета).</p>
      <SelectField
        label="Роль"
        field="role"
        error={error}
        value={role}
        onChange={onRole}
        options={labelledOptions(participantRoleLabels)}
      />
      <PersonPicker
        organisationId={organisationId}
        label="Сотрудник"
        field="personId"
        error={error}
        hint="Начните вводить фамилию: должность и стаж подставятся из справочника сотрудников"
        value={person}
        onChange={choose}
      />
      <InputField label="Должность" field="position" error={error} value={position} onChange={setPosition} />
      <InputField label="Предмет (необязательно)" field="subject" error={error} value={subject} onChange={setSubject} />
      <YearsField
        label="Педагогический стаж, лет"
        field="teachingExperienceYears"
        error={error}
        value={teaching}
        onChange={setTeaching}
      />
      <YearsField
        label="Стаж по предмету, лет"
        field="subjectExperienceYears"
        error={error}
        value={inSubject}
        onChange={setInSubject}
      />
      {role === 'mentee' ? (
        <SelectField
          label="Категория наставляемого"
          field="menteeCategory"
          error={error}
          value={category}
          onChange={setCategory}
          options={labelledOptions(menteeCategoryLabels)}
        />
      ) : null}
      <div className="actions">
        <SubmitButton busy={busy} busyText="Сохранение…" variant="plain">
          Предложить
        </SubmitButton>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

function Pairs({
  programmeId,
  capacity,
  canAudit,
  canForm,
  participants,
  request,
  onChanged,
}: {
  programmeId: string;
  capacity: number;
  canAudit: boolean;
  canForm: boolean;
  participants: Participant[];
  request?: { action: PairAction | 'form'; nonce: number };
  onChanged: () => Promise<void>;
}) {
  const session = useSession();
  const label = usePersonLabel();
  const pairs = usePaged<Pair>(`/pairs?programmeId=${programmeId}`, []);
  const canReadLoad = session.has('curator', 'director', 'commissionHead', 'administrator');
  const mentorKey = [...new Set(pairs.items.map((p) => p.mentorId))].sort().join();
  const loads = useLoad(async () => {
    const result = new Map<string, number>();
    if (!canReadLoad) return result;
    await Promise.all(
      mentorKey
        .split(',')
        .filter(Boolean)
        .map(async (mentorId) => {
          const load = await getJson<MentorLoad>(`/mentors/${mentorId}/load`).catch(() => undefined);
          if (load) result.set(mentorId, load.load);
        }),
    );
    return result;
  }, [mentorKey, pairs.items]);
  // The inbox's link to a pair's review names the pair (?pair=): its actions open on it.
  const { search } = useLocation();
  const [selected, setSelected] = useState(() => new URLSearchParams(search).get('pair') ?? '');
  // …and a link to a control (?action=) opens its form on that pair.
  const [open, setOpen] = useState<{ action: PairAction; nonce: number } | undefined>(() => {
    const action = new URLSearchParams(search).get('action');
    return pairActions.includes(action as PairAction) ? { action: action as PairAction, nonce: 0 } : undefined;
  });
  const formRef = useRef<HTMLDivElement>(null);

  // A checklist item asks for a command: open its form on the first pair it applies to.
  useEffect(() => {
    if (!request) return;
    if (request.action === 'form') {
      const details = formRef.current?.querySelector('details');
      if (details) {
        details.open = true;
        details.scrollIntoView({ behavior: 'smooth', block: 'start' });
        details.querySelector<HTMLElement>('select, input')?.focus({ preventScroll: true });
      }
      return;
    }
    const action = request.action;
    const target = pairs.items.find((p) =>
      action === 'approve'
        ? p.status === 'formed'
        : action === 'interim'
          ? p.status === 'active' && !p.interimControls.some((c) => c.outcome === 'passed')
          : p.status === 'formed' || p.status === 'active',
    );
    if (target) {
      setSelected(target.pairId);
      setOpen({ action, nonce: request.nonce });
    }
  }, [request]);

  const mentees = (pair: Pair) => menteesOf(pair);
  const current = pairs.items.find((p) => p.pairId === selected);
  const changed = async () => {
    pairs.reload();
    await onChanged();
    // The pairs list is a projection that lags the accepted command: read it until it shows the change.
    void pairs.awaitChange();
  };

  return (
    <>
      {pairs.error ? <ErrorBox error={pairs.error} /> : null}
      {!pairs.loaded && !pairs.error ? <Loading /> : null}
      {pairs.loaded && pairs.items.length === 0 ? (
        <p className="empty">Пары и группы ещё не закреплены приказом руководителя.</p>
      ) : null}
      {pairs.items.length ? (
        <DataTable
          caption="Наставнические пары и группы"
          columns={[
            'Форма',
            'Наставник',
            'Нагрузка наставника',
            'Наставляемые',
            'Статус',
            'Срок',
            'Приказ',
            ...(canAudit ? ['История'] : []),
          ]}
        >
          {pairs.items.map((pair) => {
            const load = loads.data?.get(pair.mentorId);
            return (
              <tr key={pair.pairId} data-pair-id={pair.pairId}>
                <td>
                  {pairFormLabels[pair.form]}
                  {pair.menteeIds.length > 1 ? ' (группа)' : ''}
                </td>
                <td>
                  <PersonId id={pair.mentorId} name={pair.mentorName} />
                  {pair.mentorHistory.length > 1 ? <small> (замена наставника)</small> : null}
                </td>
                <td>
                  {load === undefined ? (
                    '—'
                  ) : (
                    <Badge tone={load >= capacity ? 'warn' : 'ok'}>{`${load} из ${capacity}`}</Badge>
                  )}
                </td>
                <td>
                  {mentees(pair).map((m) => (
                    <PersonId key={m.personId} id={m.personId} name={m.name} hasConsent={m.hasConsent} />
                  ))}
                </td>
                <td>
                  <Badge tone={pair.status === 'terminated' ? 'danger' : pair.status === 'active' ? 'ok' : 'neutral'}>
                    {pairStatusLabels[pair.status]}
                  </Badge>
                </td>
                <td>
                  {formatLocalDate(pair.term.start)} — {formatLocalDate(pair.term.end)}
                </td>
                <td>
                  № {pair.order.number} от {formatLocalDate(pair.order.date)}
                </td>
                {canAudit ? (
                  <td>
                    <Link to={`/audit/${pair.pairId}`}>История</Link>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      ) : null}
      <ShowMore list={pairs} what="пар и групп" />
      {pairs.items.length ? (
        <div className="pair-actions">
          <h3 id="pair-actions-title">Действия с парой или группой</h3>
          <SelectField
            label="Пара или группа"
            field="pair"
            value={selected}
            onChange={setSelected}
            empty="— выберите пару или группу —"
            options={pairs.items.map(
              (p) =>
                [
                  p.pairId,
                  `№ ${p.order.number}: наставник ${label(p.mentorId, p.mentorName)}, наставляемые ${menteesOf(p)
                    .map((m) => label(m.personId, m.name))
                    .join(', ')} — ${pairStatusLabels[p.status]}`,
                ] as const,
            )}
          />
          {current ? (
            <PairActions
              key={current.pairId}
              pair={current}
              mentors={participants.filter((p) => p.role === 'mentor')}
              onChanged={changed}
              open={open}
            />
          ) : null}
        </div>
      ) : null}
      {canForm ? (
        <div ref={formRef}>
          <FormPairForm programmeId={programmeId} participants={participants} capacity={capacity} onFormed={changed} />
        </div>
      ) : null}
    </>
  );
}

/** Years of experience: a whole number, 0 or more, typed on a numeric keyboard. */
function YearsField({
  label,
  field,
  error,
  value,
  onChange,
}: {
  label: string;
  field: string;
  error: unknown;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <InputField
      label={label}
      field={field}
      error={error}
      type="number"
      min={0}
      inputMode="numeric"
      value={value}
      onChange={onChange}
    />
  );
}
