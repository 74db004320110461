import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import {
  auditReadsPersonStream,
  employmentProblems,
  consentDateProblems,
  personCardProblems,
  personFieldLabels,
  personStream,
  sensitivePersonFields,
  personToday,
  type PersonCard,
  type PersonEmployment,
  type Role,
  type UnmetCondition,
} from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { personAssociationEvents } from '../associations/person-association-events';
import { historyEntry } from '../common/history-entry';
import { recordedReads, recordRead } from '../common/read-log';
import type { FieldError } from '../common/validation';
import { PeopleDirectory } from './people.directory';
import { sensitiveReaderRoles, staffReaderRoles } from './people.roles';
import {
  cardOf,
  EmploymentExistsError,
  PersonnelKeyTakenError,
  type PersonActor,
  type StoredPerson,
} from './person-records';
import type {
  CreatePersonDto,
  PersonCardPatchDto,
  PersonConsentDto,
  PersonConsentWithdrawalDto,
  PersonEmploymentDto,
} from './person.dto';

/** A card's reader, relative to the person. */
interface Relation {
  /** Sees birth date, personal phone and e-mail. */
  sensitive: boolean;
  /** Outside the person's own organisation and pair: the read is recorded. */
  outside: boolean;
}

/** A domain problem as the field it names (`person.teachingExperience.invalid` → teachingExperienceYears). */
const fieldOf = (code: string): string => {
  const name = code.split('.')[1] ?? 'body';
  return name in personFieldLabels ? name : `${name}Years` in personFieldLabels ? `${name}Years` : name;
};
const badRequest = (problems: readonly UnmetCondition[], field?: string) =>
  new BadRequestException({
    detail: 'Запрос содержит ошибки',
    errors: problems.map((p): FieldError => ({
      field: field ?? fieldOf(p.code),
      constraint: p.code,
      message: p.message,
    })),
  });

const employmentOf = ({ personnelKey, positions, subjects, status, statusFrom, statusTo }: PersonEmploymentDto) => ({
  personnelKey,
  positions,
  subjects,
  status,
  statusFrom,
  statusTo,
});

const actorOf = (user: AuthenticatedUser, organisationIds: readonly string[]): PersonActor => ({
  actorId: user.sub,
  role:
    user.reach.find((r) => organisationIds.includes(r.organisationId) && user.permitted.includes(r.role))?.role ??
    user.permitted[0] ??
    'administrator',
});

/** The staff directory's API: who may see and change which person, and in which words a refusal comes. */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: EventStore,
    readonly directory: PeopleDirectory,
  ) {}

  async create(user: AuthenticatedUser, organisationId: string, body: CreatePersonDto) {
    const card = cardOf(body);
    const employment = employmentOf(body);
    this.assertValid(card, employment);
    const personId = body.personId ?? randomUUID();
    try {
      await this.directory.register(personId, organisationId, card, employment, actorOf(user, [organisationId]));
    } catch (error) {
      throw this.conflict(error);
    }
    return { personId };
  }

  list(organisationId: string, q: string | undefined, page: { limit: number; offset: number }) {
    return this.directory.search([organisationId], q, page);
  }

  /** The staff notifications cannot reach: no work e-mail on the card (issue 21, «нет адреса для уведомлений»). */
  withoutWorkEmail(organisationId: string, q: string | undefined, page: { limit: number; offset: number }) {
    return this.directory.search([organisationId], q, page, { withoutWorkEmail: true });
  }

  /** The card as this reader may see it (sensitive fields only for those whose work needs them). */
  async get(user: AuthenticatedUser, personId: string) {
    const { person, relation } = await this.readable(user, personId);
    // Side by side: the card's reads and, for a reader from outside, the read's durable record.
    const [employments, [name]] = await Promise.all([
      this.directory.employments(personId),
      this.directory.names([personId]).then((names) => [names.get(personId)]),
      relation.outside ? this.recordCardRead(user, personId, relation.sensitive) : undefined,
    ]);
    const card: Partial<PersonCard> = { ...person.card };
    if (!relation.sensitive) for (const field of sensitivePersonFields) delete card[field];
    return {
      personId,
      ...card,
      fullName: name?.fullName,
      shortName: name?.shortName,
      employments,
      ...(person.consent ? { consent: person.consent } : {}),
      hasConsent: name?.hasConsent ?? false,
      depersonalised: person.depersonalised,
      ...(person.depersonalisedAt ? { depersonalisedAt: person.depersonalisedAt } : {}),
    };
  }

  async change(user: AuthenticatedUser, personId: string, body: PersonCardPatchDto) {
    const { person, organisationIds } = await this.editable(user, personId);
    const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<PersonCard>;
    this.assertValid(withoutNulls({ ...person.card, ...patch }) as PersonCard);
    const fields = await this.directory.changeCard(personId, patch as PersonCard, actorOf(user, organisationIds));
    return { personId, changedFields: fields };
  }

  async putEmployment(user: AuthenticatedUser, personId: string, organisationId: string, body: PersonEmploymentDto) {
    await this.existing(personId);
    const employment = employmentOf(body);
    this.assertValid(undefined, employment);
    try {
      const fields = await this.directory.putEmployment(
        personId,
        organisationId,
        employment,
        actorOf(user, [organisationId]),
      );
      return { personId, organisationId, changedFields: fields };
    } catch (error) {
      throw this.conflict(error);
    }
  }

  async giveConsent(user: AuthenticatedUser, personId: string, body: PersonConsentDto) {
    const { organisationIds } = await this.editable(user, personId);
    this.assertConsentDate(body.date);
    await this.directory.recordConsent(personId, { given: true, ...body }, actorOf(user, organisationIds));
    return this.get(user, personId);
  }

  async withdrawConsent(user: AuthenticatedUser, personId: string, body: PersonConsentWithdrawalDto) {
    const { organisationIds, person } = await this.editable(user, personId);
    this.assertConsentDate(body.date, true);
    if (!person.consent) throw new ConflictException('Согласие на обработку персональных данных не было получено');
    await this.directory.recordConsent(personId, { given: false, date: body.date }, actorOf(user, organisationIds));
    return this.get(user, personId);
  }

  /**
   * The person's history, oldest first: their stream (who changed which fields — never values — and when) and
   * their part in the mentors' methodical associations (issue 28), each with the actor's name.
   */
  async history(user: AuthenticatedUser, personId: string, page: { limit: number; offset: number }) {
    await this.editable(user, personId);
    const [own, associations] = await Promise.all([
      this.store.readStream(personStream(personId)),
      personAssociationEvents(this.db, this.store, personId),
    ]);
    const entries = [
      ...own.map((event) => ({ event, association: undefined })),
      ...associations.map(({ event, association }) => ({ event, association })),
    ]
      .sort((a, b) => a.event.position - b.event.position)
      .slice(page.offset, page.offset + page.limit);
    const names = await this.directory.names(entries.map(({ event }) => String(event.metadata.actorId)));
    return entries.map(({ event, association }) => {
      const entry = historyEntry(event);
      return {
        ...entry,
        actorName: names.get(String(entry.actorId))?.shortName,
        ...(association ? { association } : {}),
      };
    });
  }

  /** Who read the card from outside the person's organisation or pair, and when (administrators), with the readers' names. */
  async reads(personId: string, page: { limit: number; offset: number }) {
    await this.existing(personId);
    // PersonCardRead's data carries the reader (recordCardRead below).
    const reads = (await recordedReads(this.store, auditReadsPersonStream(personId), page)) as unknown as ({
      readerId: string;
    } & Record<string, unknown>)[];
    const names = await this.directory.names(reads.map((r) => r.readerId));
    return reads.map((r) => ({ ...r, readerName: names.get(r.readerId)?.fullName }));
  }

  private recordCardRead(user: AuthenticatedUser, personId: string, sensitive: boolean): Promise<void> {
    const role = user.permitted.find((r) => r !== 'administrator') ?? user.permitted[0];
    return recordRead(this.db, this.store, auditReadsPersonStream(personId), {
      type: 'PersonCardRead',
      data: {
        personId,
        readerId: user.sub,
        roles: user.permitted,
        format: sensitive ? 'full' : 'work',
        readAt: new Date().toISOString(),
      },
      metadata: { actorId: user.sub, role },
    });
  }

  private assertValid(card?: PersonCard, employment?: PersonEmployment): void {
    const problems = [
      ...(card ? personCardProblems(card, personToday(new Date().toISOString())) : []),
      ...(employment ? employmentProblems(employment) : []),
    ];
    if (problems.length > 0) throw badRequest(problems);
  }

  private assertConsentDate(date: string, withdrawal = false): void {
    const problems = consentDateProblems(date, new Date().toISOString(), withdrawal);
    if (problems.length > 0) throw badRequest(problems, 'date');
  }

  private conflict(error: unknown): unknown {
    if (error instanceof PersonnelKeyTakenError)
      return new ConflictException('Этот табельный номер уже принадлежит другому сотруднику организации');
    if (error instanceof EmploymentExistsError)
      return new ConflictException('Этот человек уже есть в справочнике организации');
    return error;
  }

  private async existing(personId: string): Promise<StoredPerson> {
    const person = await this.directory.find(personId);
    if (!person) throw new NotFoundException('Человек не найден');
    return person;
  }

  /** The person, if the caller keeps the directory of one of their organisations (else 404). */
  private async editable(user: AuthenticatedUser, personId: string) {
    const [person, organisationIds] = await Promise.all([
      this.directory.find(personId),
      this.directory.organisationsOf(personId),
    ]);
    const editor =
      isAdministrator(user) ||
      user.reach.some(
        (r) =>
          organisationIds.includes(r.organisationId) &&
          (sensitiveReaderRoles as readonly Role[]).includes(r.role) &&
          user.permitted.includes(r.role),
      );
    if (!person || !editor) throw new NotFoundException('Человек не найден');
    return { person, organisationIds };
  }

  /**
   * The person and how the caller relates to them: the person themselves; the staff of their organisation
   * who work with people; their mentor or mentee; a methodologist, tutor or teacher of a shared route;
   * an administrator. Anyone else gets 404 (existence is not revealed).
   */
  private async readable(
    user: AuthenticatedUser,
    personId: string,
  ): Promise<{ person: StoredPerson; relation: Relation }> {
    const [person, organisationIds] = await Promise.all([
      this.directory.find(personId),
      this.directory.organisationsOf(personId),
    ]);
    if (!person) throw new NotFoundException('Человек не найден');
    if (user.sub === personId) return { person, relation: { sensitive: true, outside: false } };
    const heldThere = (roles: readonly Role[]) =>
      user.reach.some(
        (r) => organisationIds.includes(r.organisationId) && roles.includes(r.role) && user.permitted.includes(r.role),
      );
    const sensitive = isAdministrator(user) || heldThere(sensitiveReaderRoles);
    if (heldThere(staffReaderRoles)) return { person, relation: { sensitive, outside: false } };
    const [pair, route] = await Promise.all([this.sharePair(user.sub, personId), this.shareRoute(user.sub, personId)]);
    if (pair) return { person, relation: { sensitive, outside: false } };
    if (route || isAdministrator(user)) return { person, relation: { sensitive, outside: true } };
    throw new NotFoundException('Человек не найден');
  }

  /** A mentor and a mentee of one pair (the pair's current mentor). */
  private async sharePair(a: string, b: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM pairs_view
       WHERE (mentor_id = $1 AND state->'menteeIds' @> jsonb_build_array($2::text))
          OR (mentor_id = $2 AND state->'menteeIds' @> jsonb_build_array($1::text)) LIMIT 1`,
      [a, b],
    );
    return rows.length > 0;
  }

  /** A route's teacher, methodologist and tutor see each other. */
  private async shareRoute(a: string, b: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM routes_view
       WHERE $1 IN (teacher_id, methodologist_id, tutor_id) AND $2 IN (teacher_id, methodologist_id, tutor_id) LIMIT 1`,
      [a, b],
    );
    return rows.length > 0;
  }
}

const withoutNulls = (patch: Partial<PersonCard>) =>
  Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null)) as Partial<PersonCard>;
