import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainRefusal,
  depersonalisationProblems,
  depersonalisedName,
  personSearchKey,
  personStream,
  userStream,
  type EmploymentStatus,
} from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import type { AuthenticatedUser } from '../auth/auth.types';
import { historyEntry } from '../common/history-entry';

interface PersonRow {
  person_id: string;
  consent_date: string | null;
  consent_document: string | null;
  consent_withdrawn_on: string | null;
  depersonalised_at: Date | null;
  [column: string]: unknown;
}

interface EmploymentRow {
  organisation_id: string;
  organisation_name: string | null;
  personnel_key: string | null;
  positions: string[];
  subjects: string[];
  status: EmploymentStatus;
  status_from: string | null;
  status_to: string | null;
}

/** Dates as the directory stores them (YYYY-MM-DD), not shifted by the driver's time zone. */
const PERSON_COLUMNS = `person_id, surname, first_name, patronymic, birth_date::text, work_email, work_phone,
  personal_email, personal_phone, category, education, teaching_experience_years, subject_experience_years,
  last_attestation_date::text, consent_date::text, consent_document, consent_withdrawn_on::text, depersonalised_at,
  created_at, updated_at`;

/**
 * 152-ФЗ for the people directory (issue 18): an administrator exports everything the system holds about a
 * person (art. 14: the subject's right to know), and depersonalises a person who has left everywhere and
 * withdrawn consent (art. 21 §5). Events hold ids and field names only, so the hash chains stay intact.
 */
@Injectable()
export class PeoplePrivacyService {
  constructor(
    private readonly store: EventStore,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async export(personId: string) {
    const [card, employments, account] = await Promise.all([
      this.card(this.db.manager, personId),
      this.employments(this.db.manager, personId),
      this.account(personId),
    ]);
    const [participations, pairs, routes, tasks, staff, regionalService] = await Promise.all([
      this.db.query<{ participantId: string; programmeId: string; organisationId: string; role: string }[]>(
        `SELECT participant_id AS "participantId", programme_id AS "programmeId", organisation_id AS "organisationId", role, status
         FROM participants_view WHERE person_id = $1 ORDER BY updated_at`,
        [personId],
      ),
      this.db.query<{ pairId: string }[]>(
        `SELECT pair_id AS "pairId", organisation_id AS "organisationId", status,
                CASE WHEN mentor_id = $1 THEN 'mentor' ELSE 'mentee' END AS role
         FROM pairs_view WHERE mentor_id = $1 OR state->'menteeIds' ? $1 ORDER BY updated_at`,
        [personId],
      ),
      this.db.query<{ routeId: string }[]>(
        `SELECT route_id AS "routeId", organisation_id AS "organisationId",
                CASE WHEN teacher_id = $1 THEN 'teacher' WHEN methodologist_id = $1 THEN 'methodologist' ELSE 'tutor' END AS role
         FROM routes_view WHERE teacher_id = $1 OR methodologist_id = $1 OR tutor_id = $1 ORDER BY updated_at`,
        [personId],
      ),
      this.db.query<{ taskId: string }[]>(
        `SELECT task_id AS "taskId", organisation_id AS "organisationId", kind, status
         FROM tasks_view WHERE assignee_id = $1 ORDER BY due_at`,
        [personId],
      ),
      this.db.query<{ organisationId: string }[]>(
        `SELECT organisation_id AS "organisationId", (
           SELECT jsonb_agg(s->>'role') FROM jsonb_array_elements(state->'staff') s WHERE s->>'personId' = $1
         ) AS roles
         FROM organisations_view WHERE state->'staff' @> jsonb_build_array(jsonb_build_object('personId', $1::text))`,
        [personId],
      ),
      this.db.query<{ organisationId: string }[]>(
        `SELECT organisation_id AS "organisationId", s->>'role' AS role, s->>'regionalOrganisationId' AS "regionalOrganisationId"
         FROM organisations_view CROSS JOIN LATERAL jsonb_array_elements(state->'regionalSpecialists') s
         WHERE state->'regionalSpecialists' @> jsonb_build_array(jsonb_build_object('personId', $1::text))
           AND s->>'personId' = $1`,
        [personId],
      ),
    ]);
    if (card === undefined && account === undefined && participations.length + pairs.length + routes.length === 0)
      throw new NotFoundException('Сотрудник не найден');
    const history = (await this.store.readStream(personStream(personId))).map(historyEntry);
    const accountHistory =
      account === undefined ? [] : (await this.store.readStream(userStream(account.userId))).map(historyEntry);
    return {
      personId,
      exportedAt: new Date().toISOString(),
      card: card === undefined ? null : cardView(card),
      consent:
        card?.consent_date == null
          ? null
          : {
              date: card.consent_date,
              document: card.consent_document,
              ...(card.consent_withdrawn_on == null ? {} : { withdrawnOn: card.consent_withdrawn_on }),
            },
      depersonalised: card?.depersonalised_at != null,
      employments: employments.map(employmentView),
      account: account ?? null,
      staffRoles: staff,
      regionalService,
      participations,
      pairs,
      routes,
      tasks,
      history,
      accountHistory,
    };
  }

  /**
   * Erases the person's name, contacts and dates from the directory, the account and the read models in
   * one transaction, and records PersonDepersonalised (ids only) on the person's stream. Refused (422) with
   * everything missing unless the person has left every organisation and withdrawn consent.
   */
  async depersonalise(user: AuthenticatedUser, personId: string, documentRef: string) {
    return this.db.transaction(async (manager) => {
      // Locks the card: two administrators at once depersonalise it once.
      const card = await this.card(manager, personId, true);
      const employments = await this.employments(manager, personId);
      const problems = depersonalisationProblems({
        hasCard: card !== undefined,
        ...(card?.consent_withdrawn_on == null ? {} : { consentWithdrawnOn: card.consent_withdrawn_on }),
        ...(card?.depersonalised_at == null ? {} : { depersonalisedAt: card.depersonalised_at.toISOString() }),
        employments: employments.map((e) => ({
          organisationId: e.organisation_id,
          status: e.status,
          ...(e.organisation_name === null ? {} : { organisationName: e.organisation_name }),
        })),
      });
      if (card === undefined && (await this.accountRow(manager, personId)) === undefined)
        throw new NotFoundException('Сотрудник не найден');
      if (problems.length > 0)
        throw new DomainRefusal(
          'person.depersonalisation.refused',
          'Персональные данные можно обезличить только у сотрудника, уволенного из всех организаций и отозвавшего согласие',
          problems,
        );
      await manager.query(
        `UPDATE personal.persons SET surname = $2, first_name = $2, patronymic = NULL, search_key = $3,
           birth_date = NULL, work_email = NULL, work_phone = NULL, personal_email = NULL, personal_phone = NULL,
           category = NULL, education = NULL, teaching_experience_years = NULL, subject_experience_years = NULL,
           last_attestation_date = NULL, consent_date = NULL, consent_document = NULL, consent_withdrawn_on = NULL,
           depersonalised_at = now(), updated_at = now()
         WHERE person_id = $1`,
        [personId, depersonalisedName, personSearchKey(depersonalisedName)],
      );
      await manager.query(
        `UPDATE personal.employments SET personnel_key = NULL, positions = '{}', subjects = '{}',
           status_from = NULL, status_to = NULL, updated_at = now()
         WHERE person_id = $1`,
        [personId],
      );
      await manager.query(`UPDATE users SET full_name = $2, email = NULL WHERE subject = $1`, [
        personId,
        depersonalisedName,
      ]);
      // The one read model that keeps a typed name: the staff list folded from StaffAssigned's optional fullName.
      await manager.query(
        `UPDATE organisations_view SET state = jsonb_set(state, '{staff}', (
           SELECT jsonb_agg(CASE WHEN s->>'personId' = $1 THEN s - 'fullName' ELSE s END ORDER BY n)
           FROM jsonb_array_elements(state->'staff') WITH ORDINALITY AS e(s, n)))
         WHERE state->'staff' @> jsonb_build_array(jsonb_build_object('personId', $1::text))`,
        [personId],
      );
      const store = new EventStore({ query: (sql, parameters) => manager.query(sql, parameters) });
      const streamId = personStream(personId);
      await store.append(streamId, await store.streamVersion(streamId), [
        {
          eventId: randomUUID(),
          type: 'PersonDepersonalised',
          data: { personId },
          metadata: { actorId: user.sub, role: 'administrator', documentRef },
        },
      ]);
      return {
        personId,
        depersonalised: true,
        // Hash-chained events written before names left the events: they cannot be erased, so they are named.
        eventsWithName: await namedEvents(manager, personId),
      };
    });
  }

  private async card(manager: EntityManager, personId: string, lock = false): Promise<PersonRow | undefined> {
    const [row] = await manager.query<PersonRow[]>(
      `SELECT ${PERSON_COLUMNS} FROM personal.persons WHERE person_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [personId],
    );
    return row;
  }

  private employments(manager: EntityManager, personId: string): Promise<EmploymentRow[]> {
    return manager.query<EmploymentRow[]>(
      `SELECT e.organisation_id, o.name AS organisation_name, e.personnel_key, e.positions, e.subjects, e.status,
              e.status_from::text, e.status_to::text
       FROM personal.employments e LEFT JOIN organisations_view o ON o.organisation_id = e.organisation_id
       WHERE e.person_id = $1 ORDER BY o.name, e.organisation_id`,
      [personId],
    );
  }

  private async accountRow(manager: EntityManager, personId: string) {
    const [row] = await manager.query<{ user_id: string }[]>('SELECT user_id FROM users WHERE subject = $1', [
      personId,
    ]);
    return row;
  }

  /** The account linked to the person (its subject is the person id), with its role grants. */
  private async account(personId: string) {
    const [row] = await this.db.query<
      { userId: string; fullName: string; email: string | null; createdAt: Date; disabledAt: Date | null }[]
    >(
      `SELECT user_id AS "userId", full_name AS "fullName", email, created_at AS "createdAt", disabled_at AS "disabledAt"
       FROM users WHERE subject = $1`,
      [personId],
    );
    if (row === undefined) return undefined;
    const assignments = await this.db.query<unknown[]>(
      `SELECT role, organisation_id AS "organisationId", region, municipality, granted_at AS "grantedAt"
       FROM role_assignments WHERE user_id = $1 ORDER BY granted_at`,
      [row.userId],
    );
    return { ...row, assignments };
  }
}

/** Ids of the person's events that carry a name in their data (UserRegistered before issue 18, StaffAssigned). */
async function namedEvents(manager: EntityManager, personId: string): Promise<{ eventId: string; type: string }[]> {
  return manager.query(
    `SELECT e.event_id AS "eventId", e.type FROM events e
     WHERE e.data ? 'fullName' AND (
       (e.type = 'StaffAssigned' AND e.data->>'personId' = $1) OR
       (e.type = 'UserRegistered' AND e.data->>'subject' = $1))
     ORDER BY e.position`,
    [personId],
  );
}

const cardView = (row: PersonRow) => ({
  surname: row.surname,
  firstName: row.first_name,
  patronymic: row.patronymic ?? undefined,
  birthDate: row.birth_date ?? undefined,
  workEmail: row.work_email ?? undefined,
  workPhone: row.work_phone ?? undefined,
  personalEmail: row.personal_email ?? undefined,
  personalPhone: row.personal_phone ?? undefined,
  category: row.category ?? undefined,
  education: row.education ?? undefined,
  teachingExperienceYears: row.teaching_experience_years ?? undefined,
  subjectExperienceYears: row.subject_experience_years ?? undefined,
  lastAttestationDate: row.last_attestation_date ?? undefined,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  ...(row.depersonalised_at == null ? {} : { depersonalisedAt: row.depersonalised_at }),
});

const employmentView = (row: EmploymentRow) => ({
  organisationId: row.organisation_id,
  organisationName: row.organisation_name,
  personnelKey: row.personnel_key,
  positions: row.positions,
  subjects: row.subjects,
  status: row.status,
  statusFrom: row.status_from,
  statusTo: row.status_to,
});
