import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import {
  activityProgress,
  assignmentsOf,
  periodicReportsOf,
  auditReadsPairStream,
  DomainRefusal,
  mentorLoadDecider,
  mentorLoadStream,
  pairDecider,
  pairHistoryContent,
  pairHistoryEventLabels,
  pairStream,
  mentorReplacementReasonLabels,
  personIdsOf,
  personSearchKey,
  roleLabels,
  russianDateTime,
  type MentorReplacementReason,
  pairWorkflowId,
  personalProgrammeVersionsOf,
  validateMentorReplacement,
  type MentorEligibilityWarning,
  type FormedPair,
  type MentorLoadState,
  type PairKind,
  type PairState,
  type Role,
} from '@mentorflow/domain';
import { EventStore, loadAggregate, type RecordedEvent } from '@mentorflow/event-store';
import { peopleOfOrganisations } from '@mentorflow/projections';
import type { Envelope } from '@mentorflow/workflows/programme/programme.messages';
import {
  pairFormedUpdate,
  replaceMentorSignal,
  type PairFormation,
  type PairView,
} from '@mentorflow/workflows/pair/pair.messages';
import { HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW } from '@mentorflow/workflows/shared/history-limit';
import { pairWorkflow } from '@mentorflow/workflows/pair/pair.workflow';
import { actingRole } from '../auth/acting-role';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { canAccessOrganisation, organisationOfStream, rolesIn } from '../auth/organisation-access';
import { AggregateGateway, commandMetadata } from '../common/aggregate.gateway';
import { newIdempotentId } from '../common/idempotency';
import { CSV_BOM, csvLine } from '../common/csv';
import { recordedReads, recordRead } from '../common/read-log';
import { OrganisationsService } from '../organisations/organisations.service';
import { withNamesBeside } from '../people/named-rows';
import { fullNamesOf, PeopleDirectory } from '../people/people.directory';
import { likePrefix } from '../common/text-search';
import { ParticipantsService } from '../participants/participants.service';
import { ProgrammesService } from '../programmes/programmes.service';
import type { FormPairDto, PairListQuery, ReplaceMentorDto } from './pair.dto';
import { PairHistoryJson } from './pair-history.json';

/** Who reads every diary entry and mentee report of their organisation's pairs. */
const entryControllers: readonly Role[] = ['curator', 'commissionHead', 'director'];
interface EntryData {
  entryId: string;
  mentorId?: string;
  menteeId?: string;
  date: string;
  text: string;
  recordedAt: string;
}

type PairUpdate<T> = UpdateDefinition<PairView, [Envelope<T>]>;

@Injectable()
export class PairsService {
  constructor(
    private readonly gateway: AggregateGateway,
    private readonly store: EventStore,
    private readonly programmes: ProgrammesService,
    private readonly organisations: OrganisationsService,
    private readonly participants: ParticipantsService,
    private readonly people: PeopleDirectory,
    private readonly history: PairHistoryJson,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Starts the pair's workflow; it reserves the mentor's capacity and answers formed or refused. */
  async form(
    user: AuthenticatedUser,
    programmeId: string,
    body: FormPairDto,
    preferred: readonly Role[],
  ): Promise<PairView> {
    const programme = await this.programmes.loadForUser(user, programmeId);
    const role = actingRole(user, preferred, programme.organisationId);
    const pairId = newIdempotentId();
    // Only after the people are known to be the organisation's: the refusal below names them.
    await this.assertPeopleOf(programme.organisationId, body.mentorId, body.menteeIds);
    const unselected = await this.participants.unselected(programmeId, [
      { personId: body.mentorId, role: 'mentor' },
      ...body.menteeIds.map((personId) => ({ personId, role: 'mentee' as const })),
    ]);
    if (unselected.length > 0) {
      throw new DomainRefusal(
        'pair.members.notSelected',
        'Закрепить можно только участников, отобранных методической комиссией в программу наставничества',
        unselected,
      );
    }
    const { kind, kinds, ...setup } = body;
    const [organisation, [selected]] = await Promise.all([
      this.organisations.load(user, programme.organisationId),
      // The mentor's eligibility (≥5 years teaching, ≥3 in the subject) travels with the decision as a warning.
      this.db.query<{ warnings: MentorEligibilityWarning[] | null }[]>(
        `SELECT state->'eligibilityWarnings' AS warnings FROM participants_view
         WHERE programme_id = $1 AND person_id = $2 AND role = 'mentor' AND status = 'registered' LIMIT 1`,
        [programmeId, body.mentorId],
      ),
    ]);
    const formation: PairFormation = {
      ...setup,
      // The first kind stays the pair's `kind`, which older readers know; `kinds` keeps them all.
      kind: kinds?.[0] ?? (kind as PairKind),
      ...(kinds === undefined ? {} : { kinds }),
      pairId,
      programmeId,
      organisationId: programme.organisationId,
      ...(selected?.warnings?.length ? { mentorEligibilityWarnings: selected.warnings } : {}),
    };
    return this.gateway.start(pairWorkflow, pairWorkflowId(pairId), pairFormedUpdate, {
      args: [
        {
          formation,
          timeZone: organisation.timeZone,
          metadata: commandMetadata(user, role),
          continueAsNewAfterEvents: HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW,
        },
      ],
    });
  }

  /**
   * The mentor and every mentee must be people of the programme's organisation (registered there as a
   * participant, on its staff, or holding a role there), checked before the workflow starts, so nobody's
   * capacity is reserved for a refused pair. Someone of another organisation is answered like someone who
   * does not exist: 404, nothing revealed about them.
   */
  private async assertPeopleOf(organisationId: string, mentorId: string, menteeIds: readonly string[]): Promise<void> {
    const people = await peopleOfOrganisations(this.db, [organisationId], [mentorId, ...menteeIds]);
    if (!people.has(mentorId)) throw new NotFoundException('Наставник не найден в этой организации');
    if (menteeIds.some((id) => !people.has(id)))
      throw new NotFoundException('Наставляемый не найден в этой организации');
  }

  async command<T>(
    user: AuthenticatedUser,
    pairId: string,
    update: PairUpdate<T>,
    data: T,
    preferred: readonly Role[],
    reason?: string,
  ) {
    // The workflow decides on the pair's state; the API only needs whose pair it is (benchmark 6: folding
    // the whole stream per update cost more the longer the pair ran).
    const organisationId = await this.organisationFor(user, pairId);
    const role = actingRole(user, preferred, organisationId);
    return this.gateway.commandAs(user, role, pairWorkflowId(pairId), update, data, reason);
  }

  /**
   * Checks a replacement before signalling it: the pair can take it, the new mentor is selected for the
   * programme and has a free slot. The workflow checks again when it applies it and records a
   * rejection if the state moved on meanwhile.
   */
  async replaceMentor(user: AuthenticatedUser, pairId: string, body: ReplaceMentorDto, preferred: readonly Role[]) {
    const pair = await this.loadForUser(user, pairId);
    const role = actingRole(user, preferred, pair.organisationId);
    // From the key under an Idempotency-Key: the workflow applies one replacement id once, so a retried signal is a no-op.
    const replacementId = newIdempotentId();
    const organisation = await this.organisations.load(user, pair.organisationId);
    const metadata = commandMetadata(user, role, body.reason);
    const { now } = metadata;
    // Every mentee is asked for (002 §4.5): none sent means each one is named as missing.
    const request = { ...body, menteeConsents: body.menteeConsents ?? [], replacementId };
    const unmet = [
      ...validateMentorReplacement(
        pair,
        { ...request, capacityReserved: true },
        { now, today: localDateOf(now, organisation.timeZone) },
      ),
      ...(await this.participants.unselected(
        pair.programmeId,
        [{ personId: body.newMentorId, role: 'mentor' }],
        () => 'replacement.newMentorNotSelected',
      )),
    ];
    const { state: load } = await loadAggregate<MentorLoadState, never>(
      this.store,
      mentorLoadStream(body.newMentorId),
      mentorLoadDecider,
    );
    if (load.load + pair.menteeIds.length > organisation.settings.mentorCapacity) {
      unmet.push({
        code: 'replacement.newMentorCapacity',
        message: `У нового наставника нет свободных мест: уже ${load.load} из ${organisation.settings.mentorCapacity}`,
      });
    }
    if (unmet.length > 0) throw new DomainRefusal('pair.replacement.invalid', 'Замена наставника невозможна', unmet);
    await this.gateway.handle<typeof pairWorkflow>(pairWorkflowId(pairId)).signal(replaceMentorSignal, {
      data: request,
      metadata,
    });
    return { replacementId, status: 'accepted' };
  }

  /** The programme's versions, oldest first, and a correction awaiting decision (from the read model). */
  async programmeVersions(user: AuthenticatedUser, pairId: string) {
    const pair = await this.get(user, pairId);
    const versions = personalProgrammeVersionsOf(pair);
    return { versions, ...(pair.pendingCorrection === undefined ? {} : { pending: pair.pendingCorrection }) };
  }

  /** The mentor's assignments with their tasks' status, and each activity's progress today (the organisation's zone). */
  async progress(user: AuthenticatedUser, pairId: string) {
    const pair = await this.get(user, pairId);
    const { timeZone } = await this.organisations.load(user, pair.organisationId);
    const today = localDateOf(new Date().toISOString(), timeZone);
    return { assignments: assignmentsOf(pair), activities: activityProgress(pair, today) };
  }

  /** The periodic reports: period, author, due date, status. */
  async periodicReports(user: AuthenticatedUser, pairId: string) {
    const pair = await this.get(user, pairId);
    return { reportPeriodMonths: pair.reportPeriodMonths, reports: periodicReportsOf(pair) };
  }

  /**
   * The mentor's diary and the mentees' reports (002 §6.1.9, §7.1.6), newest first, as far as the reader may
   * read them: the pair's mentor and its controllers (curator, commission head, director) both, a mentee
   * only their own reports, anyone else nothing. The administrator reads them on the audit screen, where the
   * reason for opening them is recorded.
   */
  async entries(user: AuthenticatedUser, pairId: string, page: { limit: number; offset: number }) {
    const pair = await this.get(user, pairId);
    const controls = rolesIn(user, pair.organisationId).some((r) => entryControllers.includes(r));
    const types =
      controls || pair.mentorId === user.sub
        ? ['MentorDiaryEntryRecorded', 'MenteeReportRecorded']
        : pair.menteeIds.includes(user.sub)
          ? ['MenteeReportRecorded']
          : [];
    const ownOnly = types.length === 1 ? user.sub : null;
    const rows = await this.db.query<{ type: string; data: EntryData; total: string }[]>(
      `SELECT type, data, count(*) OVER () AS total FROM events
       WHERE stream_id = $1 AND type = ANY($2::text[]) AND ($3::text IS NULL OR data->>'menteeId' = $3::text)
       ORDER BY data->>'date' DESC, stream_version DESC LIMIT $4 OFFSET $5`,
      [pairStream(pairId), types, ownOnly, page.limit, page.offset],
    );
    const names = new Map(Object.entries(pair.names ?? {}));
    return {
      total: Number(rows[0]?.total ?? 0),
      items: rows.map(({ type, data }) => {
        const authorId = data.mentorId ?? data.menteeId ?? '';
        return {
          kind: type === 'MentorDiaryEntryRecorded' ? ('diary' as const) : ('menteeReport' as const),
          entryId: data.entryId,
          authorId,
          authorName: names.get(authorId),
          date: data.date,
          text: data.text,
          recordedAt: data.recordedAt,
        };
      }),
    };
  }

  async get(user: AuthenticatedUser, pairId: string) {
    const [row] = await this.db.query<{ state: PairState; version: number }[]>(
      'SELECT state, version FROM pairs_view WHERE pair_id = $1',
      [pairId],
    );
    if (!row || row.state.status === 'notFormed' || !canAccessOrganisation(user, row.state.organisationId)) {
      throw new NotFoundException('Наставническая пара не найдена');
    }
    // 002 §2 «ИОМ наставляемого»: the routes linked to this pair, for the link from its page.
    const menteeRoutes = await this.db.query<{ routeId: string; code: string; teacherId: string }[]>(
      'SELECT route_id AS "routeId", code, teacher_id AS "teacherId" FROM routes_view WHERE pair_id = $1 ORDER BY code',
      [pairId],
    );
    const {
      pairs: [named],
      people,
    } = await this.withNames(
      [row.state],
      menteeRoutes.map((r) => r.teacherId),
    );
    return {
      ...named,
      version: row.version,
      // Named as the pair's people are: whoever reads the pair reads its mentees' names.
      menteeRoutes: menteeRoutes.map((r) => withNamesBeside(r, ['teacherId'], people)),
    };
  }

  /**
   * The pairs with their people's names beside the ids, and `names` of everyone the pair's history names
   * (every mentor it had, its mentees, who approved or proposed its programme's versions) for its timeline — one directory query for all of them.
   */
  private async withNames<P extends FormedPair>(pairs: readonly P[], alsoNamed: readonly string[] = []) {
    // Who approved, proposed or returned a version of the programme is named on the pair page too.
    const peopleOf = (p: P) => [
      ...new Set([
        p.mentorId,
        ...p.menteeIds,
        ...p.mentorHistory.map((term) => term.mentorId),
        ...(p.personalProgrammeVersions ?? []).flatMap((v) => [v.approvedBy, ...(v.proposedBy ? [v.proposedBy] : [])]),
        ...(p.personalProgramme ? [p.personalProgramme.approvedBy] : []),
        ...(p.pendingCorrection ? [p.pendingCorrection.proposedBy] : []),
        ...(p.returnedCorrection ? [p.returnedCorrection.returnedBy] : []),
      ]),
    ];
    const people = await this.people.names([...pairs.flatMap(peopleOf), ...alsoNamed]);
    const names = fullNamesOf(people);
    return {
      pairs: pairs.map((p) => ({
        ...p,
        mentorName: names.get(p.mentorId),
        mentees: p.menteeIds.map((personId) => ({ personId, name: names.get(personId) })),
        names: Object.fromEntries(peopleOf(p).flatMap((id) => (names.has(id) ? [[id, names.get(id)]] : []))),
      })),
      // Every name read, `alsoNamed`'s too, for the caller to place: one directory query in all.
      people,
    };
  }

  async list(user: AuthenticatedUser, query: PairListQuery) {
    const all = isAdministrator(user);
    const q = query.q?.trim() || undefined;
    const rows = await this.db.query<{ state: PairState; version: number }[]>(
      `SELECT v.state, v.version FROM pairs_view v
       WHERE ($1 OR v.organisation_id = ANY($2::uuid[]))
         AND ($3::uuid IS NULL OR v.programme_id = $3::uuid) AND ($4::uuid IS NULL OR v.organisation_id = $4::uuid)
         AND ($5::text IS NULL OR v.status = $5::text) AND ($6::text IS NULL OR v.mentor_id = $6::text)
         AND ($7::text IS NULL OR v.form = $7::text)
         AND ($12::text IS NULL OR v.state->'menteeIds' ? $12::text)
         AND ($10::text IS NULL
              OR v.state->'order'->>'number' ILIKE '%' || $10 || '%'
              OR EXISTS (SELECT 1 FROM organisations_view o
                         WHERE o.organisation_id = v.organisation_id AND o.name ILIKE '%' || $10 || '%')
              -- Names live in the people directory, not in the pair: joined at read time, never the depersonalised.
              OR EXISTS (SELECT 1 FROM personal.persons p
                         WHERE (p.person_id::text = v.mentor_id OR v.state->'menteeIds' ? p.person_id::text)
                           AND p.depersonalised_at IS NULL
                           AND (p.search_key LIKE $11 || '%' OR p.search_key LIKE '% ' || $11 || '%')))
       ORDER BY v.updated_at DESC LIMIT $8 OFFSET $9`,
      [
        all,
        user.organisationIds,
        query.programmeId ?? null,
        query.organisationId ?? null,
        query.status ?? null,
        query.mentorId ?? null,
        query.form ?? null,
        query.limit,
        query.offset,
        q ? likePrefix(q) : null,
        q ? likePrefix(personSearchKey(q)) : null,
        query.menteeId ?? null,
      ],
    );
    const { pairs: named } = await this.withNames(rows.map((r) => r.state as FormedPair));
    return named.map((pair, i) => ({ ...pair, version: rows[i]!.version }));
  }

  /**
   * A mentor's load (from the mentor's own stream: exact, not eventual), as far as the caller may see it:
   * a mentor who is not a person of one of the caller's organisations is 404, and only the pairs of
   * those organisations are shown and counted — a mentor who also works elsewhere (a network agreement)
   * does not reveal the other organisation's pairs.
   */
  async mentorLoad(user: AuthenticatedUser, mentorId: string) {
    const all = isAdministrator(user);
    if (!all && !(await peopleOfOrganisations(this.db, user.organisationIds, [mentorId])).has(mentorId)) {
      throw new NotFoundException('Наставник не найден');
    }
    const { state } = await loadAggregate<MentorLoadState, never>(
      this.store,
      mentorLoadStream(mentorId),
      mentorLoadDecider,
    );
    const pairIds = Object.keys(state.reservations);
    if (all || pairIds.length === 0) return { mentorId, load: state.load, reservations: state.reservations };
    // The creating event names the pair's organisation the moment it is formed (the projection may lag).
    const visible = await this.db.query<{ stream_id: string }[]>(
      `SELECT stream_id FROM events WHERE stream_id = ANY($1::text[]) AND stream_version = 1 AND data->>'organisationId' = ANY($2::text[])`,
      [pairIds.map(pairStream), user.organisationIds],
    );
    const shown = new Set(visible.map((r) => r.stream_id));
    const reservations = Object.fromEntries(
      Object.entries(state.reservations).filter(([pairId]) => shown.has(pairStream(pairId))),
    );
    return { mentorId, load: Object.values(reservations).reduce((sum, n) => sum + n, 0), reservations };
  }

  /**
   * The audit trail: every event of the pair in order, with who, when (organisation time), why and which
   * document. Each read is itself recorded (152-FZ: who looked at whose personal data, when).
   * The JSON is rendered from the events' text without parsing them and kept per process (PairHistoryJson):
   * a 1,000-event history would otherwise be parsed into objects and serialised again (benchmark 4).
   * Absent fields are null.
   */
  async historyJson(user: AuthenticatedUser, pairId: string, reason?: string): Promise<Buffer> {
    const authorised = this.auditedRead(user, pairId, 'json', reason);
    return this.history.json(
      pairId,
      authorised.then((read) => read.timeZone),
      (ids) => this.people.fullNames(ids),
    );
  }

  /**
   * The same trail as entries (CSV export), named: the actors and the people the events name (mentors,
   * mentees), in one directory query, so «Содержание» reads as the timeline does.
   */
  async historyEntries(user: AuthenticatedUser, pairId: string, reason?: string): Promise<AuditEntry[]> {
    const [{ timeZone }, events] = await Promise.all([
      this.auditedRead(user, pairId, 'csv', reason),
      this.store.readStream(pairStream(pairId)),
    ]);
    const ids = new Set(events.flatMap((e) => [String(e.metadata.actorId ?? ''), ...personIdsOf(e.data)]));
    ids.delete('');
    const names = await this.people.fullNames([...ids]);
    return events.map((e) => toAuditEntry(e, timeZone, names));
  }

  /**
   * Authorises a reader of the pair's history by its creating event (no fold of the stream) and records the
   * read, with the reason the reader gave for opening the pair's content (diary entries, reports) if any.
   */
  private async auditedRead(
    user: AuthenticatedUser,
    pairId: string,
    format: string,
    reason?: string,
  ): Promise<{ organisationId: string; timeZone: string }> {
    const organisationId = await this.organisationFor(user, pairId);
    // Side by side: the time zone read and the read's durable record (nothing is answered unless both succeed).
    const [{ timeZone }] = await Promise.all([
      this.organisations.load(user, organisationId),
      this.recordAuditRead(user, pairId, organisationId, format, reason),
    ]);
    return { organisationId, timeZone };
  }

  /** Who read the pair's audit history, and when. */
  async auditReads(
    user: AuthenticatedUser,
    pairId: string,
    page: { limit: number; offset: number } = { limit: 100, offset: 0 },
  ) {
    await this.loadForUser(user, pairId);
    return recordedReads(this.store, auditReadsPairStream(pairId), page);
  }

  private recordAuditRead(
    user: AuthenticatedUser,
    pairId: string,
    organisationId: string | undefined,
    format: string,
    reason: string | undefined,
  ): Promise<void> {
    return recordRead(this.db, this.store, auditReadsPairStream(pairId), {
      type: 'PairAuditHistoryRead',
      data: {
        pairId,
        readerId: user.sub,
        roles: user.permitted,
        format,
        readAt: new Date().toISOString(),
        ...(reason ? { reason } : {}),
      },
      metadata: { actorId: user.sub, role: readerRole(user, organisationId), organisationId },
    });
  }

  async verify(user: AuthenticatedUser, pairId: string) {
    await this.loadForUser(user, pairId);
    return this.store.verifyStream(pairStream(pairId));
  }

  /** The pair's organisation from its creating event, if the user may reach it (else 404). */
  private async organisationFor(user: AuthenticatedUser, pairId: string): Promise<string> {
    const organisationId = await organisationOfStream(this.db, pairStream(pairId));
    if (organisationId === undefined || !canAccessOrganisation(user, organisationId))
      throw new NotFoundException('Наставническая пара не найдена');
    return organisationId;
  }

  async loadForUser(user: AuthenticatedUser, pairId: string): Promise<FormedPair> {
    const { state } = await loadAggregate(this.store, pairStream(pairId), pairDecider);
    return this.visibleTo(user, state);
  }

  private visibleTo(user: AuthenticatedUser, state: PairState): FormedPair {
    if (state.status === 'notFormed' || !canAccessOrganisation(user, state.organisationId)) {
      throw new NotFoundException('Наставническая пара не найдена');
    }
    return state;
  }
}

/** The role the reader read in: the route's role they hold in the pair's organisation. */
const readerRole = (user: AuthenticatedUser, organisationId: string | undefined) =>
  (organisationId ? rolesIn(user, organisationId) : user.roles).find((role) => user.permitted.includes(role)) ??
  user.permitted[0];

/** дд.мм.гггг чч:мм in the organisation's zone, as Russian Excel reads a date and time. */
const localTime = (iso: string, timeZone: string) => russianDateTime(iso, timeZone).replace(', ', ' ');

/** One row of the CSV export: everything already in words. */
export interface AuditEntry {
  version: number;
  /** The event's Russian name (the timeline's). */
  event: string;
  /** дд.мм.гггг чч:мм in `timeZone`. */
  recordedAtLocal: string;
  timeZone: string;
  /** The actor's name where the directory gives one, «Система» for the workflows, else the id. */
  actor: string;
  role: string;
  reason: string | undefined;
  documentRef: string | undefined;
  /** The event's fields in words (never JSON). */
  content: string;
  hash: string | null;
}

const text = (value: unknown): string | undefined =>
  value === undefined || value === null || typeof value === 'object' ? undefined : String(value);

function toAuditEntry(e: RecordedEvent, timeZone: string, names: ReadonlyMap<string, string>): AuditEntry {
  const actorId = text(e.metadata.actorId) ?? '';
  const role = text(e.metadata.role) ?? '';
  const reason = text(e.metadata.reason ?? (e.data as { reason?: unknown }).reason);
  const label = (id: string) => names.get(id) ?? id;
  return {
    version: e.streamVersion,
    event: pairHistoryEventLabels[e.type] ?? e.type,
    recordedAtLocal: localTime(e.recordedAt, timeZone),
    timeZone,
    actor: role === 'system' || actorId === 'system' ? 'Система' : label(actorId),
    role: roleLabels[role as Role] ?? role,
    reason: reason && (mentorReplacementReasonLabels[reason as MentorReplacementReason] ?? reason),
    documentRef: text(e.metadata.documentRef ?? (e.data as { order?: { number?: unknown } }).order?.number),
    content: pairHistoryContent(e.type, e.data, label),
    hash: e.hash,
  };
}

/**
 * CSV for Russian Excel: UTF-8 with a BOM (else Excel reads it as cp1251), `;` between cells (the Russian
 * list separator), CRLF rows, Russian headers and words. The machine export with every field is the JSON.
 */
export function auditCsv(entries: AuditEntry[]): string {
  const header = [
    'Версия',
    'Событие',
    'Время (местное)',
    'Часовой пояс',
    'Кто',
    'Роль',
    'Причина',
    'Документ',
    'Содержание',
    'Хеш',
  ];
  const rows = entries.map((e) => [
    e.version,
    e.event,
    e.recordedAtLocal,
    e.timeZone,
    e.actor,
    e.role,
    e.reason,
    e.documentRef,
    e.content,
    e.hash,
  ]);
  return CSV_BOM + [header, ...rows].map(csvLine).join('');
}
