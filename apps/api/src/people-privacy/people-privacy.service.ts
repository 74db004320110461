import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainRefusal,
  depersonalisationProblems,
  depersonalisedName,
  organisationStream,
  personSearchKey,
  personStream,
  userStream,
} from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import type { AuthenticatedUser } from '../auth/auth.types';
import { historyEntry } from '../common/history-entry';
import { PeopleDirectory } from '../people/people.directory';

/**
 * 152-ФЗ for the people directory (issue 18): an administrator exports everything the system holds about a
 * person (art. 14: the subject's right to know), and depersonalises a person who has left everywhere and
 * withdrawn consent (art. 21 §5). Events hold ids and field names only, so the hash chains stay intact.
 */
@Injectable()
export class PeoplePrivacyService {
  constructor(
    private readonly store: EventStore,
    private readonly directory: PeopleDirectory,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async export(personId: string) {
    const [stored, employments, account] = await Promise.all([
      this.directory.find(personId),
      this.directory.employments(personId),
      this.account(personId),
    ]);
    const [participations, pairs, routes, tasks, staff, regionalService, notificationPreferences, incentives] =
      await Promise.all([
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
        // The person's own mail settings (issue 21): only what differs from «at once» is stored.
        this.db.query<{ kind: string; delivery: string }[]>(
          `SELECT kind, delivery, updated_at AS "updatedAt" FROM notification_preferences WHERE person_id = $1 ORDER BY kind`,
          [personId],
        ),
        // Incentives proposed for the person (issue 28): ids, the kind, the order, the director's decision; no names.
        this.db.query<{ incentiveId: string }[]>(
          `SELECT incentive_id AS "incentiveId", organisation_id AS "organisationId", status,
                state->>'kindName' AS "kindName", state->'order' AS "order", (state->>'amount')::numeric AS amount,
                state->>'declineReason' AS "declineReason", proposed_at AS "proposedAt", decided_at AS "decidedAt"
         FROM incentives_view WHERE person_id = $1 ORDER BY proposed_at`,
          [personId],
        ),
      ]);
    if (stored === undefined && account === undefined && participations.length + pairs.length + routes.length === 0)
      throw new NotFoundException('Сотрудник не найден');
    const history = (await this.store.readStream(personStream(personId))).map(historyEntry);
    const accountHistory =
      account === undefined ? [] : (await this.store.readStream(userStream(account.userId))).map(historyEntry);
    return {
      personId,
      exportedAt: new Date().toISOString(),
      card: stored?.card ?? null,
      consent: stored?.consent ?? null,
      depersonalised: stored?.depersonalised ?? false,
      employments,
      account: account ?? null,
      staffRoles: staff,
      regionalService,
      participations,
      pairs,
      routes,
      tasks,
      notificationPreferences,
      incentives,
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
    const [stored, employments] = await Promise.all([
      this.directory.find(personId),
      this.directory.employments(personId),
    ]);
    if (stored === undefined && (await this.account(personId)) === undefined)
      throw new NotFoundException('Сотрудник не найден');
    const problems = depersonalisationProblems({
      hasCard: stored !== undefined,
      ...(stored?.consent?.withdrawnOn === undefined ? {} : { consentWithdrawnOn: stored.consent.withdrawnOn }),
      depersonalised: stored?.depersonalised ?? false,
      employments,
    });
    if (problems.length > 0) throw refusal(problems);
    return this.db.transaction(async (manager) => {
      const erased = await manager.query<unknown[]>(
        `UPDATE personal.persons SET surname = $2, first_name = $2, patronymic = NULL, search_key = $3,
           birth_date = NULL, work_email = NULL, work_phone = NULL, personal_email = NULL, personal_phone = NULL,
           category = NULL, education = NULL, teaching_experience_years = NULL, subject_experience_years = NULL,
           last_attestation_date = NULL, consent_date = NULL, consent_document = NULL, consent_withdrawn_on = NULL,
           depersonalised_at = now(), updated_at = now()
         WHERE person_id = $1 AND depersonalised_at IS NULL
         RETURNING person_id`,
        [personId, depersonalisedName, personSearchKey(depersonalisedName)],
      );
      // Another administrator's depersonalisation came first (UPDATE … RETURNING is [rows, count] through TypeORM).
      if ((Array.isArray(erased[0]) ? erased[0] : erased).length === 0)
        throw refusal(depersonalisationProblems({ hasCard: true, depersonalised: true, employments: [] }));
      await manager.query(
        `UPDATE personal.employments SET personnel_key = NULL, positions = '{}', subjects = '{}',
           status_from = NULL, status_to = NULL, updated_at = now()
         WHERE person_id = $1`,
        [personId],
      );
      // The training stays counted (a mentor was trained); the certificate's number identifies the person.
      await manager.query('UPDATE personal.trainings SET certificate_number = NULL WHERE person_id = $1', [personId]);
      await manager.query('DELETE FROM notification_preferences WHERE person_id = $1', [personId]);
      await manager.query(`UPDATE users SET full_name = $2, email = NULL WHERE subject = $1`, [
        personId,
        depersonalisedName,
      ]);
      // Stored answers of idempotent commands (kept 24 h) that name the person by id may carry the name beside it.
      await manager.query(
        `DELETE FROM personal.idempotency_keys WHERE subject = $1 OR strpos(response_body::text, $1) > 0`,
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

/**
 * Ids of the person's events that carry a name in their data: the account's UserRegistered written before
 * issue 18 (its own stream) and StaffAssigned with a typed fullName (the organisations' streams) — read by
 * stream, which the store indexes.
 */
async function namedEvents(manager: EntityManager, personId: string): Promise<{ eventId: string; type: string }[]> {
  const organisations = await manager.query<{ organisation_id: string }[]>(
    'SELECT organisation_id FROM organisations_view',
  );
  const accounts = await manager.query<{ user_id: string }[]>('SELECT user_id FROM users WHERE subject = $1', [
    personId,
  ]);
  return manager.query(
    `SELECT event_id AS "eventId", type FROM events
     WHERE data ? 'fullName' AND (
       (stream_id = ANY($2::text[]) AND type = 'UserRegistered') OR
       (stream_id = ANY($3::text[]) AND type = 'StaffAssigned' AND data->>'personId' = $1))
     ORDER BY position`,
    [
      personId,
      accounts.map((a) => userStream(a.user_id)),
      organisations.map((o) => organisationStream(o.organisation_id)),
    ],
  );
}

const refusal = (problems: ReturnType<typeof depersonalisationProblems>) =>
  new DomainRefusal(
    'person.depersonalisation.refused',
    'Персональные данные можно обезличить только у сотрудника, уволенного из всех организаций и отозвавшего согласие',
    problems,
  );
