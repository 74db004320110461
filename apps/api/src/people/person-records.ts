import { likePrefix } from '../common/text-search';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  changedPersonFields,
  depersonalisedName,
  fullNameOf,
  namePartsOf,
  personCardFields,
  personSearchKey,
  personStream,
  regionalOrganisationKinds,
  regionalSpecialistRoles,
  shortNameOf,
  type EmploymentStatus,
  type PersonCard,
  type PersonCardField,
  type PersonEmployment,
  type PersonEvent,
  type QualificationCategory,
  type RegionalSpecialistRole,
  type TrainingRecord,
} from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';

/**
 * The staff directory's rows (`personal.persons`, `personal.employments`) and the person's stream. Every
 * change is written to the tables and, in the same transaction, as an event of the person's stream that
 * names ids and field names only (never values: depersonalisation erases the rows and no hashed event).
 * Plain functions over a DataSource, so the API, the Excel import and depersonalisation share them.
 */

/** Who made a change, for the event's metadata. */
export interface PersonActor {
  actorId: string;
  role: string;
}

export type { PersonName, PersonListItem } from '@mentorflow/domain';
import type { PersonName, PersonListItem } from '@mentorflow/domain';

export interface PersonContacts extends PersonName {
  workEmail?: string;
  workPhone?: string;
  /** Sensitive: the caller shows it only to those whose work needs it. */
  birthDate?: string;
}

export interface PersonConsent {
  date: string;
  document: string;
  withdrawnOn?: string;
}

export interface StoredPerson {
  personId: string;
  card: PersonCard;
  consent?: PersonConsent;
  depersonalised: boolean;
  /** When the person was depersonalised (the card says so with the date). */
  depersonalisedAt?: string;
}

/** A regional organisation's tutor or methodologist a school may be served by (one role in one organisation). */
export interface RegionalSpecialistCandidate extends PersonName {
  personId: string;
  positions: string[];
  role: RegionalSpecialistRole;
  regionalOrganisationId: string;
  regionalOrganisationName: string;
}

export interface StoredEmployment extends PersonEmployment {
  organisationId: string;
  organisationName?: string;
}

export class PersonnelKeyTakenError extends Error {
  override readonly name = 'PersonnelKeyTakenError';
}
export class EmploymentExistsError extends Error {
  override readonly name = 'EmploymentExistsError';
}

/** The card's columns in `personal.persons`, field by field (one mapping for reads and writes). */
export const personColumns: Readonly<Record<PersonCardField, string>> = {
  surname: 'surname',
  firstName: 'first_name',
  patronymic: 'patronymic',
  birthDate: 'birth_date',
  workEmail: 'work_email',
  workPhone: 'work_phone',
  personalEmail: 'personal_email',
  personalPhone: 'personal_phone',
  category: 'category',
  education: 'education',
  teachingExperienceYears: 'teaching_experience_years',
  subjectExperienceYears: 'subject_experience_years',
  lastAttestationDate: 'last_attestation_date',
};
const dateFields = new Set<PersonCardField>(['birthDate', 'lastAttestationDate']);

const UNIQUE_VIOLATION = '23505';
/** A uuid, so a text id (an account's subject) is compared with the uuid key only when it can be one. */
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** Dates as YYYY-MM-DD text, never a Date shifted by the server's zone. */
const SELECT_PERSON = `SELECT person_id, ${personCardFields
  .map((f) =>
    dateFields.has(f) ? `to_char(${personColumns[f]}, 'YYYY-MM-DD') AS ${personColumns[f]}` : personColumns[f],
  )
  .join(', ')},
  to_char(consent_date, 'YYYY-MM-DD') AS consent_date, consent_document,
  to_char(consent_withdrawn_on, 'YYYY-MM-DD') AS consent_withdrawn_on, depersonalised_at
  FROM personal.persons`;

type PersonRow = Record<string, string | number | boolean | string[] | null | Date>;

const cardOfRow = (row: PersonRow): PersonCard =>
  Object.fromEntries(
    personCardFields.flatMap((f) => {
      const value = row[personColumns[f]];
      return value === null || value === undefined ? [] : [[f, value]];
    }),
  ) as unknown as PersonCard;

/** The card's fields of `source` (a request body with employment fields too), nothing else. */
export const cardOf = (source: PersonCard): PersonCard =>
  Object.fromEntries(
    personCardFields.flatMap((f) => (source[f] === undefined ? [] : [[f, source[f]]])),
  ) as unknown as PersonCard;

/** Consent counts while given and not withdrawn (152-ФЗ art. 9: a withdrawal ends it). */
const HAS_CONSENT_SQL = 'p.consent_date IS NOT NULL AND p.consent_withdrawn_on IS NULL';

const trimmed = (card: PersonCard): PersonCard =>
  Object.fromEntries(
    Object.entries(card).flatMap(([k, v]) =>
      v === undefined || v === null ? [] : [[k, typeof v === 'string' ? v.trim() : v]],
    ),
  ) as unknown as PersonCard;

/** A name for a card or, where there is none, an account's `users.full_name`. */
const nameOf = (card: Pick<PersonCard, 'surname' | 'firstName' | 'patronymic'>, hasConsent: boolean): PersonName => ({
  fullName: fullNameOf(card),
  shortName: shortNameOf(card),
  hasConsent,
});

/** Full names only, by id: a `names()` map as the exports write it. */
export const fullNamesOf = (names: ReadonlyMap<string, PersonName>): Map<string, string> =>
  new Map([...names].map(([id, name]) => [id, name.fullName]));

export class PersonRecords {
  constructor(private readonly db: DataSource) {}

  /**
   * Names of `personIds` in ONE query: the card's, else the account's (a subject without a card: old data),
   * «Обезличено» for a depersonalised person; an id known to neither is absent from the map.
   */
  async names(personIds: readonly string[]): Promise<Map<string, PersonName>> {
    const contacts = await this.contacts(personIds);
    return new Map(
      [...contacts].map(([id, { fullName, shortName, hasConsent }]) => [
        id,
        { fullName, shortName, ...(hasConsent === undefined ? {} : { hasConsent }) },
      ]),
    );
  }

  /** Full names only, by id (exports, messages): `names()` as a map of texts. */
  async fullNames(personIds: readonly string[]): Promise<Map<string, string>> {
    return fullNamesOf(await this.names(personIds));
  }

  /**
   * Names and contacts (work e-mail and phone; the birth date, which the caller shows only to those allowed)
   * of `personIds` in ONE query, found as `names()` finds them: the route's title page (003 §5.1) shows them.
   */
  async contacts(personIds: readonly string[]): Promise<Map<string, PersonContacts>> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<
      {
        id: string;
        surname: string | null;
        first_name: string | null;
        patronymic: string | null;
        work_email: string | null;
        work_phone: string | null;
        birth_date: string | null;
        depersonalised: boolean | null;
        has_consent: boolean | null;
        full_name: string | null;
      }[]
    >(
      `SELECT i.id, p.surname, p.first_name, p.patronymic, p.work_email, p.work_phone,
              to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.depersonalised_at IS NOT NULL AS depersonalised,
              ${HAS_CONSENT_SQL} AS has_consent, u.full_name
       FROM unnest($1::text[]) AS i(id)
       LEFT JOIN personal.persons p ON p.person_id = CASE WHEN i.id ~ '${UUID_PATTERN}' THEN i.id::uuid END
       LEFT JOIN users u ON u.subject = i.id
       WHERE p.person_id IS NOT NULL OR u.user_id IS NOT NULL`,
      [ids],
    );
    return new Map(
      rows.map((r): [string, PersonContacts] => [
        r.id,
        r.depersonalised
          ? { fullName: depersonalisedName, shortName: depersonalisedName }
          : r.surname !== null
            ? {
                ...nameOf(
                  { surname: r.surname, firstName: r.first_name ?? '', patronymic: r.patronymic ?? undefined },
                  !!r.has_consent,
                ),
                ...(r.work_email ? { workEmail: r.work_email } : {}),
                ...(r.work_phone ? { workPhone: r.work_phone } : {}),
                ...(r.birth_date ? { birthDate: r.birth_date } : {}),
              }
            : nameOf(namePartsOf(r.full_name ?? ''), false),
      ]),
    );
  }

  /**
   * The positions each of `personIds` holds where not dismissed (every organisation's employment), in ONE
   * query: the route's title page names the methodologist's and tutor's (003 §5.1).
   */
  async positions(personIds: readonly string[]): Promise<Map<string, string[]>> {
    const ids = [...new Set(personIds)].filter((id) => new RegExp(UUID_PATTERN).test(id));
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ person_id: string; positions: string[] }[]>(
      `SELECT e.person_id::text AS person_id, array_agg(DISTINCT position ORDER BY position) AS positions
       FROM personal.employments e CROSS JOIN unnest(e.positions) AS position
       WHERE e.person_id = ANY($1::uuid[]) AND e.status <> 'dismissed'
       GROUP BY e.person_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.person_id, r.positions]));
  }

  /**
   * Staff of `organisationIds` whose ФИО starts with `q` (case- and ё/е-insensitive, indexed), by surname as
   * the search key folds it (the database's collation may not sort Cyrillic). `withoutWorkEmail`: only those
   * notifications cannot reach (issue 21: no work e-mail on the card), not dismissed there, not depersonalised.
   */
  async search(
    organisationIds: readonly string[],
    q: string | undefined,
    page: { limit: number; offset: number },
    { withoutWorkEmail = false }: { withoutWorkEmail?: boolean } = {},
  ): Promise<PersonListItem[]> {
    const rows = await this.db.query<PersonRow[]>(
      `SELECT * FROM (
         SELECT DISTINCT ON (p.person_id) p.person_id, p.search_key, p.surname, p.first_name, p.patronymic, p.category,
                p.work_email, p.work_phone, p.depersonalised_at IS NOT NULL AS depersonalised,
                ${HAS_CONSENT_SQL} AS has_consent, e.positions, e.subjects, e.status
         FROM personal.persons p JOIN personal.employments e ON e.person_id = p.person_id
         WHERE e.organisation_id = ANY($1::uuid[]) AND p.search_key LIKE $2 || '%'
           AND (NOT $5::boolean
                OR (NULLIF(btrim(p.work_email), '') IS NULL AND p.depersonalised_at IS NULL AND e.status <> 'dismissed'))
         ORDER BY p.person_id, e.organisation_id) AS found
       ORDER BY search_key, person_id
       LIMIT $3 OFFSET $4`,
      [organisationIds, likePrefix(personSearchKey(q ?? '')), page.limit, page.offset, withoutWorkEmail],
    );
    return rows.map((r) => {
      const depersonalised = r.depersonalised === true;
      const name = depersonalised
        ? { fullName: depersonalisedName, shortName: depersonalisedName }
        : nameOf(cardOfRow(r), false);
      return {
        personId: r.person_id as string,
        fullName: name.fullName,
        shortName: name.shortName,
        positions: r.positions as string[],
        subjects: r.subjects as string[],
        ...(r.category ? { category: r.category as QualificationCategory } : {}),
        status: r.status as EmploymentStatus,
        ...(r.work_email && !depersonalised ? { workEmail: r.work_email as string } : {}),
        ...(r.work_phone && !depersonalised ? { workPhone: r.work_phone as string } : {}),
        ...(depersonalised ? {} : { hasConsent: r.has_consent === true }),
      };
    });
  }

  /**
   * The tutors and methodologists a school of `region` may be served by: on the staff (not dismissed) of a
   * regional organisation (ЦНППМ, ИРО, methodical centre) of the region and holding the role there through an
   * enabled account whose subject is the person — what AssignRegionalSpecialist requires — searched like
   * search(). One row per person, role and regional organisation.
   */
  async regionalSpecialistCandidates(
    region: string,
    q: string | undefined,
    page: { limit: number; offset: number },
  ): Promise<RegionalSpecialistCandidate[]> {
    const rows = await this.db.query<PersonRow[]>(
      `SELECT p.person_id, p.surname, p.first_name, p.patronymic, ${HAS_CONSENT_SQL} AS has_consent,
              e.positions, o.organisation_id AS regional_organisation_id, o.name AS regional_organisation_name, a.role
       FROM organisations_view o
       JOIN personal.employments e ON e.organisation_id = o.organisation_id AND e.status <> 'dismissed'
       JOIN personal.persons p ON p.person_id = e.person_id AND p.depersonalised_at IS NULL
       JOIN users u ON u.subject = p.person_id::text AND u.disabled_at IS NULL
       JOIN role_assignments a ON a.user_id = u.user_id AND a.organisation_id = o.organisation_id
                               AND a.role = ANY($2::text[])
       WHERE o.region = $1 AND o.state->>'kind' = ANY($3::text[]) AND p.search_key LIKE $4 || '%'
       ORDER BY p.search_key, p.person_id, o.name, a.role
       LIMIT $5 OFFSET $6`,
      [
        region,
        regionalSpecialistRoles,
        regionalOrganisationKinds,
        likePrefix(personSearchKey(q ?? '')),
        page.limit,
        page.offset,
      ],
    );
    return rows.map((r) => ({
      personId: r.person_id as string,
      ...nameOf(cardOfRow(r), r.has_consent === true),
      positions: r.positions as string[],
      role: r.role as RegionalSpecialistRole,
      regionalOrganisationId: r.regional_organisation_id as string,
      regionalOrganisationName: r.regional_organisation_name as string,
    }));
  }

  async find(personId: string): Promise<StoredPerson | undefined> {
    const [row] = await this.db.query<PersonRow[]>(`${SELECT_PERSON} WHERE person_id = $1`, [personId]);
    if (!row) return undefined;
    return {
      personId,
      card: cardOfRow(row),
      ...(row.consent_date
        ? {
            consent: {
              date: row.consent_date as string,
              document: (row.consent_document as string | null) ?? '',
              ...(row.consent_withdrawn_on ? { withdrawnOn: row.consent_withdrawn_on as string } : {}),
            },
          }
        : {}),
      depersonalised: row.depersonalised_at !== null,
      ...(row.depersonalised_at ? { depersonalisedAt: new Date(row.depersonalised_at as Date).toISOString() } : {}),
    };
  }

  async employments(personId: string): Promise<StoredEmployment[]> {
    const rows = await this.db.query<PersonRow[]>(
      `SELECT e.organisation_id, o.name AS organisation_name, e.personnel_key, e.positions, e.subjects, e.status,
              to_char(e.status_from, 'YYYY-MM-DD') AS status_from, to_char(e.status_to, 'YYYY-MM-DD') AS status_to
       FROM personal.employments e LEFT JOIN organisations_view o ON o.organisation_id = e.organisation_id
       WHERE e.person_id = $1 ORDER BY o.name, e.organisation_id`,
      [personId],
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id as string,
      ...(r.organisation_name ? { organisationName: r.organisation_name as string } : {}),
      ...(r.personnel_key ? { personnelKey: r.personnel_key as string } : {}),
      positions: r.positions as string[],
      subjects: r.subjects as string[],
      status: r.status as EmploymentStatus,
      ...(r.status_from ? { statusFrom: r.status_from as string } : {}),
      ...(r.status_to ? { statusTo: r.status_to as string } : {}),
    }));
  }

  /**
   * Registers the person in the organisation: a new card, or (an existing person id — совместительство, or
   * an account's subject) the card's changes and a new employment. The person's stream records both.
   */
  async register(
    personId: string,
    organisationId: string,
    card: PersonCard,
    employment: PersonEmployment,
    actor: PersonActor,
  ): Promise<void> {
    await this.inTransaction(
      async (manager, events) => {
        const before = await manager.query<PersonRow[]>(`${SELECT_PERSON} WHERE person_id = $1 FOR UPDATE`, [personId]);
        if (before[0]) {
          const exists = await manager.query<unknown[]>(
            'SELECT 1 FROM personal.employments WHERE person_id = $1 AND organisation_id = $2',
            [personId, organisationId],
          );
          if (exists.length > 0) throw new EmploymentExistsError(personId);
          await this.writeCard(manager, events, personId, cardOfRow(before[0]), card);
        } else {
          const values = trimmed(card);
          await manager.query(
            `INSERT INTO personal.persons (person_id, search_key, ${personCardFields.map((f) => personColumns[f]).join(', ')})
           VALUES ($1, $2, ${personCardFields.map((_, i) => `$${i + 3}`).join(', ')})`,
            [personId, personSearchKey(fullNameOf(values)), ...personCardFields.map((f) => values[f] ?? null)],
          );
        }
        await writeEmployment(manager, personId, organisationId, employment);
        events.push({ type: 'PersonRegistered', data: { personId, organisationId } });
      },
      personId,
      actor,
    );
  }

  /** Writes the card's changed fields (blank equals absent); nothing changed, nothing is written. */
  async changeCard(personId: string, card: PersonCard, actor: PersonActor): Promise<PersonCardField[]> {
    let fields: PersonCardField[] = [];
    await this.inTransaction(
      async (manager, events) => {
        const [row] = await manager.query<PersonRow[]>(`${SELECT_PERSON} WHERE person_id = $1 FOR UPDATE`, [personId]);
        if (!row) return;
        fields = await this.writeCard(manager, events, personId, cardOfRow(row), card);
      },
      personId,
      actor,
    );
    return fields;
  }

  /** Creates or replaces the person's employment in one organisation; the event names the changed fields. */
  async putEmployment(
    personId: string,
    organisationId: string,
    employment: PersonEmployment,
    actor: PersonActor,
  ): Promise<string[]> {
    let fields: string[] = [];
    await this.inTransaction(
      async (manager, events) => {
        const [before] = (await this.employments(personId)).filter((e) => e.organisationId === organisationId);
        fields = (['personnelKey', 'positions', 'subjects', 'status', 'statusFrom', 'statusTo'] as const).filter(
          (f) => JSON.stringify(before?.[f] ?? null) !== JSON.stringify(employment[f] ?? null),
        );
        if (before && fields.length === 0) return;
        await writeEmployment(manager, personId, organisationId, employment);
        events.push({
          type: 'PersonEmploymentChanged',
          data: { personId, organisationId, status: employment.status, fields },
        });
      },
      personId,
      actor,
    );
    return fields;
  }

  /** Records consent given (date, document) or withdrawn (date); the event says which, never the document. */
  async recordConsent(
    personId: string,
    consent: { given: true; date: string; document: string } | { given: false; date: string },
    actor: PersonActor,
  ): Promise<void> {
    await this.inTransaction(
      async (manager, events) => {
        await manager.query(
          consent.given
            ? `UPDATE personal.persons SET consent_date = $2, consent_document = $3, consent_withdrawn_on = NULL, updated_at = now() WHERE person_id = $1`
            : `UPDATE personal.persons SET consent_withdrawn_on = $2, updated_at = now() WHERE person_id = $1`,
          consent.given ? [personId, consent.date, consent.document.trim()] : [personId, consent.date],
        );
        events.push({ type: 'PersonConsentRecorded', data: { personId, given: consent.given } });
      },
      personId,
      actor,
    );
  }

  /**
   * A training of the person (issue 28): the row in `personal.trainings` and, in the same transaction, the
   * person's event naming its id only.
   */
  async recordTraining(
    training: { trainingId: string; organisationId: string; catalogueEntryId?: string; courseTitle: string } & Omit<
      TrainingRecord,
      'courseTitle' | 'catalogueEntryId'
    >,
    actor: PersonActor,
    /** When it is recorded: now, unless a test writes the past the way it was (the reports read it as of a date). */
    recordedAt?: string,
  ): Promise<void> {
    const { personId, trainingId, organisationId } = training;
    await this.inTransaction(
      async (manager, events) => {
        await manager.query(
          `INSERT INTO personal.trainings (training_id, person_id, organisation_id, role, course_title,
             catalogue_entry_id, hours, date_from, date_to, certificate_number, recorded_by, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, COALESCE($12::timestamptz, now()))`,
          [
            trainingId,
            personId,
            organisationId,
            training.role,
            training.courseTitle,
            training.catalogueEntryId ?? null,
            training.hours,
            training.dateFrom,
            training.dateTo,
            training.certificateNumber?.trim() || null,
            actor.actorId,
            recordedAt ?? null,
          ],
        );
        events.push({ type: 'PersonTrainingRecorded', data: { personId, trainingId, organisationId } });
      },
      personId,
      actor,
    );
  }

  /**
   * Corrects a training record in place (issue 28) and, in the same transaction, appends the person's event
   * naming the fields changed (never their values); nothing changed, nothing written. The fields changed.
   */
  async correctTraining(
    personId: string,
    trainingId: string,
    organisationId: string,
    corrected: Omit<TrainingRecord, 'personId' | 'courseTitle' | 'catalogueEntryId'> & {
      courseTitle: string;
      catalogueEntryId?: string;
    },
    actor: PersonActor,
  ): Promise<string[]> {
    const after: Record<string, string | number | null> = {
      role: corrected.role,
      courseTitle: corrected.courseTitle,
      catalogueEntryId: corrected.catalogueEntryId ?? null,
      hours: corrected.hours,
      dateFrom: corrected.dateFrom,
      dateTo: corrected.dateTo,
      certificateNumber: corrected.certificateNumber?.trim() || null,
    };
    let fields: string[] = [];
    await this.inTransaction(
      async (manager, events) => {
        const [before] = await manager.query<Record<string, string | number | null>[]>(
          `SELECT role, course_title AS "courseTitle", catalogue_entry_id::text AS "catalogueEntryId", hours,
                  to_char(date_from, 'YYYY-MM-DD') AS "dateFrom", to_char(date_to, 'YYYY-MM-DD') AS "dateTo",
                  certificate_number AS "certificateNumber"
             FROM personal.trainings WHERE training_id = $1 FOR UPDATE`,
          [trainingId],
        );
        fields = Object.keys(after).filter((field) => String(before?.[field] ?? '') !== String(after[field] ?? ''));
        if (fields.length === 0) return;
        await manager.query(
          `UPDATE personal.trainings SET role = $2, course_title = $3, catalogue_entry_id = $4, hours = $5,
             date_from = $6, date_to = $7, certificate_number = $8 WHERE training_id = $1`,
          [
            trainingId,
            after.role,
            after.courseTitle,
            after.catalogueEntryId,
            after.hours,
            after.dateFrom,
            after.dateTo,
            after.certificateNumber,
          ],
        );
        events.push({ type: 'PersonTrainingCorrected', data: { personId, trainingId, organisationId, fields } });
      },
      personId,
      actor,
    );
    return fields;
  }

  /** The organisations the person works in (any status): whose staff they are. */
  async organisationsOf(personId: string): Promise<string[]> {
    const rows = await this.db.query<{ organisation_id: string }[]>(
      'SELECT organisation_id FROM personal.employments WHERE person_id = $1',
      [personId],
    );
    return rows.map((r) => r.organisation_id);
  }

  private async writeCard(
    manager: EntityManager,
    events: PersonEvent[],
    personId: string,
    before: PersonCard,
    change: Partial<PersonCard>,
  ): Promise<PersonCardField[]> {
    const after = trimmed({ ...before, ...change });
    // An explicit null in a patch clears the field.
    const fields = changedPersonFields(before, after).filter((f) => f in change);
    if (fields.length === 0) return [];
    await manager.query(
      `UPDATE personal.persons SET ${fields.map((f, i) => `${personColumns[f]} = $${i + 3}`).join(', ')},
         search_key = $2, updated_at = now() WHERE person_id = $1`,
      [personId, personSearchKey(fullNameOf(after)), ...fields.map((f) => after[f] ?? null)],
    );
    events.push({ type: 'PersonCardChanged', data: { personId, fields } });
    return fields;
  }

  private async inTransaction(
    work: (manager: EntityManager, events: PersonEvent[]) => Promise<void>,
    personId: string,
    actor: PersonActor,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      const events: PersonEvent[] = [];
      await work(manager, events);
      if (events.length === 0) return;
      const store = new EventStore({ query: (sql, parameters) => manager.query(sql, parameters) });
      const streamId = personStream(personId);
      // A concurrent change to the same person fails here (WrongExpectedVersionError → 409) and rolls back.
      await store.append(
        streamId,
        await store.streamVersion(streamId),
        events.map((e) => ({
          eventId: randomUUID(),
          type: e.type,
          data: e.data as unknown as Record<string, unknown>,
          metadata: { actorId: actor.actorId, role: actor.role },
        })),
      );
    });
  }
}

async function writeEmployment(
  manager: EntityManager,
  personId: string,
  organisationId: string,
  e: PersonEmployment,
): Promise<void> {
  try {
    await manager.query(
      `INSERT INTO personal.employments (person_id, organisation_id, personnel_key, positions, subjects, status, status_from, status_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (person_id, organisation_id) DO UPDATE SET personnel_key = $3, positions = $4, subjects = $5,
         status = $6, status_from = $7, status_to = $8, updated_at = now()`,
      [
        personId,
        organisationId,
        e.personnelKey?.trim() || null,
        e.positions.map((p) => p.trim()),
        e.subjects.map((s) => s.trim()),
        e.status,
        e.statusFrom ?? null,
        e.statusTo ?? null,
      ],
    );
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new PersonnelKeyTakenError(e.personnelKey);
    throw error;
  }
}
