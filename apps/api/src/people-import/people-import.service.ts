import { BadRequestException, ConflictException, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import {
  decideImport,
  fullNameOf,
  importColumns,
  personCardFields,
  personFieldLabels,
  personSearchKey,
  personStream,
  type ExistingPerson,
  type ImportCells,
  type ImportRowDecision,
  type PersonCard,
  type PersonEmployment,
  type Role,
} from '@mentorflow/domain';
import { EventStore, type NewEvent } from '@mentorflow/event-store';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { OrganisationsService } from '../organisations/organisations.service';
import { directoryEditorRoles } from '../people/people.roles';
import { personColumns } from '../people/person-records';
import { ImportFileError, readSheet, type SheetRows } from './import-file';
import type { PeopleImportFileDto, PeopleImportView } from './people-import.dto';

const UNIQUE_VIOLATION = '23505';

/** The roles that import an organisation's staff: those that edit its directory. */
export const importerRoles = directoryEditorRoles;

const cardSqlTypes: Partial<Record<keyof PersonCard, string>> = {
  birthDate: 'date',
  lastAttestationDate: 'date',
  teachingExperienceYears: 'integer',
  subjectExperienceYears: 'integer',
};
const selectedCard = personCardFields
  .map((field) =>
    cardSqlTypes[field] === 'date'
      ? `to_char(p.${personColumns[field]}, 'YYYY-MM-DD') AS "${field}"`
      : `p.${personColumns[field]} AS "${field}"`,
  )
  .join(', ');
const recordsetCard = personCardFields
  .map((field) => `${personColumns[field]} ${cardSqlTypes[field] ?? 'text'}`)
  .join(', ');

type ExistingRow = Record<keyof PersonCard, string | number | null> & {
  personId: string;
  personnelKey: string;
  positions: string[];
  subjects: string[];
  status: PersonEmployment['status'];
  statusFrom: string | null;
  statusTo: string | null;
  depersonalised: boolean;
};

const withoutNulls = <T extends object>(row: Record<string, unknown>, fields: readonly string[]): T =>
  Object.fromEntries(fields.filter((f) => row[f] !== null && row[f] !== undefined).map((f) => [f, row[f]])) as T;

/**
 * Staff import (issue 18): a spreadsheet becomes cards and employments of one organisation. Preview
 * decides every row and stores nothing; apply decides again inside one transaction (the organisation's
 * import lock held) and writes the accepted rows with a handful of multi-row statements and one event
 * insert, whatever the number of rows.
 */
@Injectable()
export class PeopleImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  async preview(user: AuthenticatedUser, organisationId: string, file: PeopleImportFileDto): Promise<PeopleImportView> {
    const { rows, today } = await this.read(user, organisationId, file);
    return view(file.fileName, false, decideImport(rows, await this.existing(this.db.manager, organisationId), today));
  }

  async apply(user: AuthenticatedUser, organisationId: string, file: PeopleImportFileDto): Promise<PeopleImportView> {
    const { rows, today } = await this.read(user, organisationId, file);
    const actor = { actorId: user.sub, role: roleIn(user, organisationId) };
    const decisions = await this.db
      .transaction(async (manager) => {
        // Two imports into one organisation at once would both create the same personnel keys.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`people-import:${organisationId}`]);
        const decided = decideImport(rows, await this.existing(manager, organisationId), today).map((d) =>
          d.outcome === 'created' ? { ...d, personId: randomUUID() } : d,
        );
        await write(manager, organisationId, decided, actor);
        return decided;
      })
      .catch((error: unknown) => {
        // A personnel key taken meanwhile through the directory's API: nothing is stored, the import is repeated.
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
          throw new ConflictException('Сотрудники организации изменились во время импорта: повторите импорт');
        }
        throw error;
      });
    return view(file.fileName, true, decisions);
  }

  /** The file's rows as cells by field, and the organisation's today (dates after it are refused). */
  private async read(user: AuthenticatedUser, organisationId: string, file: PeopleImportFileDto) {
    const organisation = await this.organisations.load(user, organisationId);
    let sheet: SheetRows;
    try {
      sheet = await readSheet(Buffer.from(file.content, 'base64'));
    } catch (error) {
      if (error instanceof ImportFileError) throw fileRefused(error.constraint, error.messageRu, error.tooLarge);
      throw error;
    }
    const [header, ...data] = sheet;
    const { columns, problems } = importColumns(header?.cells ?? []);
    if (problems.length > 0) throw fileRefused('headers', problems.map((p) => p.message).join('. '));
    const rows = data.map(({ line, cells }) => ({
      line,
      cells: Object.fromEntries(
        columns.flatMap((field, column) => (field ? [[field, cells[column] ?? '']] : [])),
      ) as ImportCells,
    }));
    return { rows, today: localDateOf(new Date(), organisation.timeZone) };
  }

  /** The organisation's persons by personnel key: one query. */
  private async existing(manager: EntityManager, organisationId: string): Promise<Map<string, ExistingPerson>> {
    const rows = await manager.query<ExistingRow[]>(
      `SELECT p.person_id AS "personId", ${selectedCard}, p.depersonalised_at IS NOT NULL AS depersonalised,
              e.personnel_key AS "personnelKey", e.positions, e.subjects, e.status,
              to_char(e.status_from, 'YYYY-MM-DD') AS "statusFrom", to_char(e.status_to, 'YYYY-MM-DD') AS "statusTo"
         FROM personal.employments e JOIN personal.persons p ON p.person_id = e.person_id
        WHERE e.organisation_id = $1 AND e.personnel_key IS NOT NULL`,
      [organisationId],
    );
    return new Map(
      rows.map((row) => [
        row.personnelKey,
        {
          personId: row.personId,
          depersonalised: row.depersonalised,
          card: withoutNulls<PersonCard>(row, personCardFields),
          employment: withoutNulls<PersonEmployment>(row, [
            'personnelKey',
            'positions',
            'subjects',
            'status',
            'statusFrom',
            'statusTo',
          ]),
        },
      ]),
    );
  }
}

/** Which of the user's roles acts in this organisation (for the events' metadata). */
function roleIn(user: AuthenticatedUser, organisationId: string): Role {
  const held = user.reach.find((r) => r.organisationId === organisationId && user.permitted.includes(r.role));
  return held?.role ?? (isAdministrator(user) ? 'administrator' : (user.permitted[0] as Role));
}

const fileRefused = (constraint: string, message: string, tooLarge = false) => {
  const body = { detail: message, errors: [{ field: 'content', constraint, message }] };
  return tooLarge ? new HttpException(body, HttpStatus.PAYLOAD_TOO_LARGE) : new BadRequestException(body);
};

/**
 * The accepted rows in one upsert of persons, one of employments and one insert of events: the events name
 * the changed fields only (values stay in the personal schema).
 */
async function write(
  manager: EntityManager,
  organisationId: string,
  decisions: readonly ImportRowDecision[],
  actor: { actorId: string; role: Role },
): Promise<void> {
  const changing = decisions.filter((d) => d.outcome === 'created' || d.outcome === 'updated');
  if (changing.length === 0) return;
  const rows = changing.map((d) => ({ ...d, personId: d.personId! }));
  const cardChanged = rows.filter((r) => r.outcome === 'created' || r.changedCardFields.length > 0);
  if (cardChanged.length > 0) {
    await manager.query(
      `INSERT INTO personal.persons (person_id, search_key, ${personCardFields.map((f) => personColumns[f]).join(', ')})
       SELECT person_id, search_key, ${personCardFields.map((f) => personColumns[f]).join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS r(person_id uuid, search_key text, ${recordsetCard})
       ON CONFLICT (person_id) DO UPDATE SET
         search_key = excluded.search_key,
         ${personCardFields.map((f) => `${personColumns[f]} = excluded.${personColumns[f]}`).join(', ')},
         updated_at = now()`,
      [
        JSON.stringify(
          cardChanged.map((r) => ({
            person_id: r.personId,
            search_key: personSearchKey(fullNameOf(r.card!)),
            ...Object.fromEntries(personCardFields.map((f) => [personColumns[f], r.card![f] ?? null])),
          })),
        ),
      ],
    );
  }
  const employmentChanged = rows.filter((r) => r.outcome === 'created' || r.changedEmploymentFields.length > 0);
  if (employmentChanged.length > 0) {
    await manager.query(
      `INSERT INTO personal.employments (person_id, organisation_id, personnel_key, positions, subjects, status, status_from, status_to)
       SELECT person_id, $2, personnel_key, positions, subjects, status, status_from, status_to
         FROM jsonb_to_recordset($1::jsonb) AS r(person_id uuid, personnel_key text, positions text[], subjects text[],
                                                  status text, status_from date, status_to date)
       ON CONFLICT (person_id, organisation_id) DO UPDATE SET
         personnel_key = excluded.personnel_key, positions = excluded.positions, subjects = excluded.subjects,
         status = excluded.status, status_from = excluded.status_from, status_to = excluded.status_to, updated_at = now()`,
      [
        JSON.stringify(
          employmentChanged.map((r) => ({
            person_id: r.personId,
            personnel_key: r.personnelKey,
            positions: r.employment!.positions,
            subjects: r.employment!.subjects,
            status: r.employment!.status,
            status_from: r.employment!.statusFrom ?? null,
            status_to: r.employment!.statusTo ?? null,
          })),
        ),
        organisationId,
      ],
    );
  }
  const metadata = { actorId: actor.actorId, role: actor.role, import: true };
  const event = (type: string, data: Record<string, unknown>): NewEvent => ({
    eventId: randomUUID(),
    type,
    data,
    metadata,
  });
  await new EventStore({ query: (sql, parameters) => manager.query(sql, parameters) }).appendToStreams(
    rows.map((r) => ({
      streamId: personStream(r.personId),
      events:
        r.outcome === 'created'
          ? [event('PersonRegistered', { personId: r.personId, organisationId })]
          : [
              ...(r.changedCardFields.length > 0
                ? [event('PersonCardChanged', { personId: r.personId, fields: r.changedCardFields })]
                : []),
              ...(r.changedEmploymentFields.length > 0
                ? [
                    event('PersonEmploymentChanged', {
                      personId: r.personId,
                      organisationId,
                      status: r.employment!.status,
                      fields: r.changedEmploymentFields,
                    }),
                  ]
                : []),
            ],
    })),
  );
}

function view(fileName: string, applied: boolean, decisions: readonly ImportRowDecision[]): PeopleImportView {
  const counts = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const d of decisions) counts[d.outcome] += 1;
  return {
    fileName,
    applied,
    counts,
    rows: decisions.map((d) => {
      const changedFields = [...d.changedCardFields, ...d.changedEmploymentFields];
      return {
        line: d.line,
        personnelKey: d.personnelKey,
        fullName: d.fullName,
        outcome: d.outcome,
        ...(d.personId ? { personId: d.personId } : {}),
        changedFields,
        changedFieldLabels: changedFields.map((f) => personFieldLabels[f]),
        problems: d.problems,
      };
    }),
  };
}
