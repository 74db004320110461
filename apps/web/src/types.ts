/**
 * Shapes of the API's answers the screens read. The OpenAPI document describes the request bodies (the
 * DTOs, generated into api-types.ts by `npm run web:types`) but few response bodies: most controllers return
 * the read models without response DTOs. So those answers stay written here, from the read models and the
 * domain's unions, and the parts of them that echo what a command carried are aliases of its DTO; an answer
 * with a response DTO (the training record) is an alias of it.
 */
import type { Role } from '../../../libs/domain/src/shared/decider';
import type { RoadMapRowProgress as DomainRoadMapRowProgress } from '../../../libs/domain/src/route/route.activities';
import type { RouteActivityCompletion } from '../../../libs/domain/src/route/route.state';
import type {
  ProgrammeDocumentKind,
  ProgrammeStageOrClosed,
} from '../../../libs/domain/src/programme/programme.events';
import type {
  PairForm,
  PairKind,
  PairStatus,
  MentorReplacementReason,
} from '../../../libs/domain/src/pair/pair.events';
import type {
  CompetenceArea,
  CompetenceLevel,
  DeficitLevel,
  RouteActivityKind,
  RouteStage,
} from '../../../libs/domain/src/route/route.events';
import type { TaskKind, TaskStatus } from '../../../libs/domain/src/task/task.events';
import type { MonitoringIndicator, MonitoringStage } from '../../../libs/domain/src/monitoring/monitoring.events';
import type { PersonCard, PersonEmployment, PersonName } from '../../../libs/domain/src/person/person.card';
import type { AttachedDocumentScan } from '../../../libs/domain/src/shared/document-scan';
import type { ProblemAnalysis } from '../../../libs/domain/src/programme/programme.preparation-state';
import type { UnmetCondition } from './api';
import type { components } from './api-types';

type Dto = components['schemas'];

export type {
  Role,
  ProgrammeDocumentKind,
  ProgrammeStageOrClosed,
  PairStatus,
  RouteStage,
  CompetenceArea,
  TaskKind,
  TaskStatus,
  RouteActivityKind,
  MentorReplacementReason,
  MonitoringIndicator,
  MonitoringStage,
};

/** A role assignment as granted through POST /users/{id}/roles, with the organisation's name in answers. */
export type Assignment = Dto['RoleAssignmentDto'] & { organisationName?: string };

export interface Me {
  sub: string;
  userId?: string;
  fullName?: string;
  assignments: Assignment[];
}

export interface AuthConfig {
  mode: 'dev' | 'oidc';
  issuer?: string;
  clientId?: string;
}

/** GET /auth/dev-users: only what the picker shows. */
export interface DevUser {
  sub: string;
  fullName: string;
  roles: Role[];
}

export interface Organisation {
  organisationId: string;
  name: string;
  kind: string;
  region: string;
  municipality: string;
  timeZone: string;
  settings?: { mentorCapacity?: number };
}

export interface ProgrammeDocument {
  documentId: string;
  kind: ProgrammeDocumentKind;
  number: string;
  date: string;
  signedBy: string;
  fileRef?: string;
  correctsDocumentId?: string;
  recordedAt: string;
  recordedBy: string;
  /** The signed original's latest scan (issue 22). */
  scan?: DocumentScanInfo;
}

/** A stored scan as the API shows it: its hash, size, type, generated name, when and by whom. */
export type DocumentScanInfo = Omit<AttachedDocumentScan, 'storageKey'>;

export interface Programme {
  programmeId: string;
  organisationId: string;
  title: string;
  stage: ProgrammeStageOrClosed;
  stageEnteredAt: string;
  curatorId?: string;
  documents: Record<string, ProgrammeDocument>;
  version: number;
  nextStageChecklist?: UnmetCondition[];
  /** What the curator is warned of but not stopped by (mentors without training). */
  nextStageWarnings?: UnmetCondition[];
  implementsTargetModel?: boolean;
  /** The preliminary analysis of problems (issue 28). */
  problemAnalysis?: ProblemAnalysis;
  /** The curator's planned end of each stage (YYYY-MM-DD), and those the workflow found overdue. */
  plannedEnds?: Partial<Record<Exclude<ProgrammeStageOrClosed, 'closed'>, string>>;
  overduePlannedEnds?: Partial<Record<Exclude<ProgrammeStageOrClosed, 'closed'>, string>>;
}

export interface Participant {
  participantId: string;
  personId: string;
  /** The person's name from the directory (absent for an id the directory does not know). */
  name?: string;
  hasConsent?: boolean;
  role: 'mentor' | 'mentee';
  status: string;
  position: string;
  subject?: string;
  menteeCategory?: string;
  teachingExperienceYears: number;
  subjectExperienceYears: number;
  eligibilityWarnings: string[];
  /** The commission's latest decision (002 §4.4); absent while proposed and for early registrations. */
  review?: {
    decision: 'approved' | 'rejected';
    body: 'methodicalCommission' | 'pedagogicalCouncil';
    date: string;
    minutesNumber: string;
    membersPresent: string[];
    reason?: string;
  };
  withdrawalReason?: string;
}

export type Order = Dto['OrderDto'];

export interface TerminationNotice {
  noticeDate: string;
  givenBy: string;
  givenByRole: 'mentor' | 'mentee';
  endsOn: string;
  endsAt: string;
}

/** A personalised programme's content: its term, directions, activities and the difficulties it addresses. */
interface ProgrammePlan {
  start: string;
  end: string;
  directions: string[];
  activities: Dto['ActivityDto'][];
  difficulties: string[];
}

interface ApprovedProgramme extends ProgrammePlan {
  approvedAt: string;
  approvedBy: string;
}

export interface PersonalProgrammeVersion extends ApprovedProgramme {
  version: number;
  correctionId?: string;
  reason?: string;
  proposedBy?: string;
  proposedAt?: string;
  comment?: string;
}

export interface ProposedCorrection extends ProgrammePlan {
  correctionId: string;
  reason: string;
  proposedAt: string;
  proposedBy: string;
}

export interface Pair {
  pairId: string;
  programmeId: string;
  organisationId: string;
  form: PairForm;
  kind: PairKind;
  status: PairStatus;
  mentorId: string;
  mentorName?: string;
  menteeIds: string[];
  /** The mentees with their names, beside `menteeIds` (the API adds names where the directory knows them). */
  mentees?: { personId: string; name?: string; hasConsent?: boolean }[];
  /** Full names of everyone the pair's history names (every mentor it had, its mentees), by id. */
  names?: Record<string, string>;
  order: Order;
  term: Dto['TermDto'];
  mentorHistory: {
    mentorId: string;
    from: string;
    to?: string;
    order: Order;
    endReason?: MentorReplacementReason;
    replacementId?: string;
  }[];
  /** The latest signed scan of each of the pair's documents: `assignmentOrder`, `consent:<personId>`, … */
  documentScans?: Record<string, DocumentScanInfo>;
  consents: Dto['ConsentDto'][];
  shortTermReason?: string;
  mentorEligibilityWarnings: string[];
  personalProgramme?: ApprovedProgramme;
  controlPlan?: {
    controller: Dto['ControllerDto'];
    interimTaskIds: string[];
    finalTaskId: string;
    mentorReportTaskId?: string;
  };
  /** Every version of the personalised programme, oldest first (absent for pairs folded before versions were kept). */
  personalProgrammeVersions?: PersonalProgrammeVersion[];
  pendingCorrection?: ProposedCorrection;
  /** The last correction returned to the mentor, with what to rework; gone once the mentor proposes again. */
  returnedCorrection?: ProposedCorrection & { comment: string; returnedAt: string; returnedBy: string };
  interimControls: { taskId: string; outcome: 'passed' | 'needsCorrection'; comment: string; controlledAt: string }[];
  mentorFinalReport?: { conclusion: string; proposals?: string; submittedAt: string };
  finalControl?: {
    outcome: 'passed' | 'notPassed';
    mentorConclusion: string;
    proposals?: string;
    comment?: string;
    controlledAt: string;
  };
  /** The mentor's dated assignments to the mentees; their status is their task's. */
  assignments?: { taskId: string; menteeId: string; title: string; activityIndex?: number; dueLocalDate: string }[];
  /** The pair's tasks as its state holds them: what is due, to whom, and by when. */
  tasks?: Record<
    string,
    {
      status: TaskStatus;
      kind?: TaskKind;
      title?: string;
      assignee?: { personId: string; role: Role };
      dueLocalDate?: string;
    }
  >;
  terminationNotice?: TerminationNotice;
  termination?: { reason: string; order?: Order; notice?: TerminationNotice; terminatedAt: string };
  replacementDecisions?: Record<string, 'applied' | 'rejected'>;
  version: number;
}

export interface MentorLoad {
  mentorId: string;
  load: number;
}

export interface Task {
  taskId: string;
  kind: TaskKind;
  title: string;
  status: TaskStatus;
  organisationId: string;
  subject: { type: 'programme' | 'pair' | 'route' | 'calendar'; id: string };
  assignee: { personId: string; role: Role };
  assigneeName?: string;
  /** The stored title with the names of the people it is about («… — Иванова М. П.»), when it is about someone. */
  displayTitle?: string;
  raisedAt: string;
  /** Absent while the deadline waits for a production-calendar year (`deadlinePendingYear`). */
  dueAt?: string;
  dueLocalDate?: string;
  deadlinePendingYear?: number;
  /** The programme whose page does the task: a commission head's review, a pair's control. */
  programmeId?: string;
  /** Short names of whom the task concerns (a route's teacher, a pair's mentees). */
  subjectNames?: string[];
  /** The pair or route by name: «Пара: Иванова М. П. — Петров И. С.», «ИОМ 16-0042-2026-000017 — …». */
  subjectTitle?: string;
  /** Working days to the due date on the organisation's production calendar (negative: overdue; null: no calendar). */
  workingDaysLeft?: number | null;
  /** The same in words: «осталось 3 раб. дн.», «просрочено на 2 раб. дн.». */
  workingDaysText?: string;
  /** The caller may pass the task on (a curator her staff's, an administrator any). */
  canReassign?: boolean;
}

export interface CompetenceResult {
  area: CompetenceArea;
  percent: number;
  level: CompetenceLevel;
  deficitLevel?: DeficitLevel;
}

/** A road-map row as the tutor, the methodologist or the teacher wrote it (the row of the road-map commands). */
export type RoadMapRow = Dto['RoadMapRowDto'];

/** A training record as GET /organisations/:id/trainings answers it (the person card shows them too). */
export type TrainingRow = Dto['TrainingRecordDto'];

/** The «Выполнение» column of one road-map row (GET /routes/:id `roadMapProgress`). */
export type RoadMapRowProgress = { rowId: string } & DomainRoadMapRowProgress;

/** One version of the road map: who made it, when and (a correction) why. */
export interface RoadMapVersion {
  version: number;
  origin: string;
  rows: RoadMapRow[];
  reason?: string;
  at: string;
  by: string;
}

export interface Route {
  routeId: string;
  code: string;
  organisationId: string;
  stage: RouteStage;
  stageEnteredAt: string;
  participants: { teacherId: string; methodologistId: string; tutorId: string };
  teacherName?: string;
  /** 003 §5.1 from the staff directory: names and work contacts (the teacher's birth date only for those allowed). */
  titlePagePeople?: Record<'teacher' | 'methodologist' | 'tutor', TitlePagePerson>;
  titlePage: Record<string, string | number | undefined> & { startDate: string; endDate: string };
  goal?: { goal: string; tasks: string[] };
  diagnostics?: { date: string; results: CompetenceResult[] };
  controlDiagnostics?: { date: string; results: CompetenceResult[] };
  repeatedDiagnostics?: { date: string; nextDiagnosticsDate?: string; results: CompetenceResult[] }[];
  /** The route's diagnostics in order: initial, repeated, control (GET /routes/:id). */
  diagnosticsHistory?: {
    diagnosticsId: string;
    kind: 'initial' | 'repeated' | 'control';
    date: string;
    nextDiagnosticsDate?: string;
    results: CompetenceResult[];
  }[];
  /** The planned date of the next diagnostics (003 title page), if any. */
  nextDiagnosticsDate?: string | null;
  tasks?: Record<string, Task>;
  draft?: {
    taskId: string;
    dueAt: string;
    dueLocalDate: string;
    overdue: boolean;
    submittedAt?: string;
    onTime?: boolean;
  };
  roadMap?: RoadMapVersion;
  /** Every agreed or corrected road map, oldest first; the last is `roadMap`. */
  roadMapVersions?: RoadMapVersion[];
  /** The teacher's own road map awaiting the tutor (design stage). */
  proposal?: { rows: RoadMapRow[]; proposedAt: string; proposedBy: string };
  /** The teacher's last proposal the tutor returned with a comment, until she proposes again. */
  returnedProposal?: {
    rows: RoadMapRow[];
    proposedAt: string;
    comment: string;
    returnedAt: string;
    returnedBy: string;
  };
  /** Activities the teacher marked done (003 §5.2) and the tutor's confirmations. */
  activityCompletions?: RouteActivityCompletion[];
  roadMapProgress?: RoadMapRowProgress[];
  /** The practices the road map's «изучение практики» rows link: title and author's name. */
  practiceLinks?: { practiceId: string; title: string; authorName: string | null }[];
  controlPoints: Dto['ControlPointDto'][];
  portfolio: {
    entryId: string;
    rowId?: string;
    competence?: CompetenceArea;
    /** The day the result was achieved, when given. */
    date?: string;
    product: string;
    selfAssessment: string;
    recordedAt: string;
  }[];
  uncoveredDeficitAreas?: CompetenceArea[];
  draftDeliveredOnTime?: boolean;
  version: number;
}

export interface HistoryEntry {
  version: number;
  type: string;
  recordedAt: string;
  recordedAtLocal?: string;
  timeZone?: string;
  actorId: string;
  /** The actor's full name, where known. */
  actorName?: string;
  /** `system` for what the workflows did on their own (timers). */
  role: Role | 'system';
  reason?: string;
  documentRef?: string;
  data: Record<string, unknown>;
  hash?: string;
}

export interface ChainVerdict {
  valid: boolean;
  events: number;
  firstBrokenVersion?: number;
  reason?: string;
}

export interface CalendarYearInfo {
  year: number;
  source: 'shipped' | 'loaded';
  loadedAt?: string;
  loadedBy?: string;
}

export interface User {
  userId: string;
  sub: string;
  fullName: string;
  email?: string;
  /** Set while the user is blocked: their tokens are refused. */
  disabledAt: string | null;
  assignments: Assignment[];
}

/** A region's own non-working days for one year, over the federal calendar (`GET /calendar/overlays`). */
export interface CalendarOverlayInfo {
  /** The official name of the subject of the Russian Federation. */
  region: string;
  year: number;
  /** How many days the overlay lists. */
  days: number;
  loadedAt: string;
  loadedBy: string;
}

/** A person's name as the API gives it beside an id (`PeopleDirectory.names`); absent: the API knows no name. */
export type { PersonName, PersonListItem } from '../../../libs/domain/src/person/person.card';

/** GET /people/:personId: the card (sensitive fields only for the roles allowed them), employments and consent. */
export interface PersonCardView extends Partial<PersonCard> {
  personId: string;
  fullName: string;
  shortName: string;
  employments: (PersonEmployment & { organisationId: string; organisationName?: string })[];
  consent?: { date: string; document: string; withdrawnOn?: string };
  hasConsent: boolean;
  depersonalised: boolean;
  /** When the person was depersonalised (ISO instant). */
  depersonalisedAt?: string;
}

/** GET /people/:id/reads: one recorded read of the card from outside the person's organisation or pair. */
export interface PersonCardRead {
  readerId: string;
  readerName?: string;
  roles: Role[];
  format: 'full' | 'work';
  readAt: string;
  recordedAt: string;
}

/** GET /organisations/:id/regional-specialists/candidates: who may be assigned (one role in one regional organisation). */
export type RegionalSpecialistCandidate = PersonName &
  Pick<RegionalSpecialistView, 'personId' | 'role' | 'regionalOrganisationId'> & {
    positions: string[];
    regionalOrganisationName: string;
  };

/** GET /organisations/:id/regional-specialists: a regional organisation's tutor or methodologist serving the school. */
export type RegionalSpecialistView = components['schemas']['RegionalSpecialistDto'] & {
  assignedAt: string;
  name?: string;
  regionalOrganisationName?: string;
};

/** A person on a route's title page: the id always, the rest where the directory knows it. */
export interface TitlePagePerson extends Partial<PersonName> {
  personId: string;
  workEmail?: string;
  workPhone?: string;
  birthDate?: string;
  /** The methodologist's and the tutor's positions (003 §5.1). */
  positions?: string[];
}

/** How a person takes one kind of notification (GET /me/notification-preferences). */
export type DeliveryChoice = Dto['NotificationPreferenceDto']['delivery'];
export type NotificationPreference = Dto['NotificationPreferenceDto'] & { label: string; locked: boolean };

/** A row of the notification outbox (GET /notifications), as administrators see it. */
export interface NotificationItem {
  notificationId: string;
  kind: 'TaskRaised' | 'TaskReassigned' | 'TaskReminded' | 'TaskOverdue' | 'TaskEscalated';
  recipientId: string;
  recipientRole: Role;
  recipientName?: string;
  taskId: string;
  subject: string;
  /** e-mail, or the organisation's messenger webhook (issue 21). */
  channel: 'email' | 'webhook';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  failedAt: string | null;
  sentAt: string | null;
  resentAt: string | null;
}

/** An event a read model parked after repeated failures (GET /projections/parked), as administrators see it. */
export interface ParkedEventItem {
  id: string;
  projection: string;
  position: number;
  eventType: string;
  error: string;
  failures: number;
  firstFailedAt: string;
  lastFailedAt: string;
  retriedAt: string | null;
}

/** GET/POST/DELETE /calendar/feed: whether the person's calendar feed exists; its address only when just made. */
export interface CalendarFeedStatus {
  exists: boolean;
  createdAt?: string;
  url?: string;
}

/** GET/PUT/DELETE /organisations/:id/webhook: the messenger webhook; its secret only when just set. */
export interface OrganisationWebhook {
  configured: boolean;
  url?: string;
  createdAt?: string;
  secret?: string;
}
