import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import { DomainRefusal, trainedRoleLabels, trainingRecordProblems, type Role } from '@mentorflow/domain';
import { actingRole } from '../auth/acting-role';
import type { AuthenticatedUser } from '../auth/auth.types';
import { OrganisationsService } from '../organisations/organisations.service';
import { PeopleDirectory } from '../people/people.directory';
import { withNamesBeside } from '../people/named-rows';
import type { OrganisationSettingsDto, TrainingDetailsDto, TrainingDto, TrainingRecordDto } from './training.dto';

/** A record as `trainingColumns` reads it: the answer before the names and the role's label are added. */
type TrainingRow = Omit<TrainingRecordDto, 'personName' | 'personShortName' | 'roleLabel'>;

const trainingColumns = `t.training_id AS "trainingId", t.person_id AS "personId", t.role, t.course_title AS "courseTitle",
  t.catalogue_entry_id AS "catalogueEntryId", c.provider, t.hours, to_char(t.date_from, 'YYYY-MM-DD') AS "dateFrom",
  to_char(t.date_to, 'YYYY-MM-DD') AS "dateTo", t.certificate_number AS "certificateNumber", t.recorded_at AS "recordedAt"`;

/**
 * Training of mentors, tutors and curators (issue 28) and the organisation's settings. Training rows name
 * people, so they stay in the `personal` schema; the programme's gate gets only counts of them.
 */
@Injectable()
export class TrainingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly people: PeopleDirectory,
  ) {}

  async record(user: AuthenticatedUser, organisationId: string, body: TrainingDto, preferred: readonly Role[]) {
    const organisation = await this.organisations.load(user, organisationId);
    const role = actingRole(user, preferred, organisationId);
    if ((await this.people.find(body.personId)) === undefined) {
      throw new DomainRefusal('training.person.unknown', 'Сотрудник не найден в справочнике сотрудников');
    }
    const courseTitle = await this.checkedCourse(body, organisation.timeZone);
    const trainingId = randomUUID();
    await this.people.recordTraining({ ...body, trainingId, organisationId, courseTitle }, { actorId: user.sub, role });
    const [row] = await this.rows('t.training_id = $1', [trainingId], 1, 0);
    return row;
  }

  /**
   * The curator corrects a training record of her organisation (issue 28): the same rules as recording it;
   * the person's history gets «Сведения об обучении исправлены» naming the fields changed.
   */
  async correct(
    user: AuthenticatedUser,
    organisationId: string,
    trainingId: string,
    body: TrainingDetailsDto,
    preferred: readonly Role[],
  ) {
    const organisation = await this.organisations.load(user, organisationId);
    const role = actingRole(user, preferred, organisationId);
    const [stored] = await this.rows(
      't.training_id = $1 AND t.organisation_id = $2',
      [trainingId, organisationId],
      1,
      0,
    );
    if (!stored) throw new NotFoundException('Запись об обучении не найдена');
    const courseTitle = await this.checkedCourse({ ...body, personId: stored.personId }, organisation.timeZone);
    await this.people.correctTraining(
      stored.personId,
      trainingId,
      organisationId,
      { ...body, courseTitle },
      { actorId: user.sub, role },
    );
    const [row] = await this.rows('t.training_id = $1', [trainingId], 1, 0);
    return row;
  }

  /** The course's title (the catalogue's, or as typed) once the record passes the domain's rules; else 422. */
  private async checkedCourse(body: TrainingDto, timeZone: string): Promise<string> {
    const today = localDateOf(new Date(), timeZone);
    const problems = trainingRecordProblems(body, { now: new Date().toISOString(), today });
    const catalogue =
      body.catalogueEntryId === undefined ? undefined : await this.catalogueEntry(body.catalogueEntryId);
    if (body.catalogueEntryId !== undefined && catalogue === undefined) {
      problems.push({
        code: 'training.catalogueEntry.unknown',
        message: 'Программы нет в каталоге повышения квалификации',
      });
    }
    if (problems.length > 0)
      throw new DomainRefusal('training.invalid', 'Сведения об обучении заполнены неверно', problems);
    return catalogue?.title ?? (body.courseTitle ?? '').trim();
  }

  /** The organisation's training records (or one person's there), newest first, with the people's names. */
  async list(user: AuthenticatedUser, organisationId: string, limit: number, offset: number, personId?: string) {
    await this.organisations.load(user, organisationId);
    return personId === undefined
      ? this.rows('t.organisation_id = $1', [organisationId], limit, offset)
      : this.rows('t.organisation_id = $1 AND t.person_id = $2', [organisationId, personId], limit, offset);
  }

  /**
   * The selected mentors of a programme with no training recorded, by name: the checklist's warning. The
   * workflow's gate counts the same rows (libs/projections gate-context.query.ts).
   */
  async untrainedMentors(programmeId: string): Promise<string[]> {
    const rows = await this.db.query<{ person_id: string }[]>(
      `SELECT DISTINCT v.person_id::text AS person_id FROM participants_view v
        WHERE v.programme_id = $1 AND v.status = 'registered' AND v.role = 'mentor'
          AND NOT EXISTS (SELECT 1 FROM personal.trainings t WHERE t.person_id::text = v.person_id::text)`,
      [programmeId],
    );
    const names = await this.people.names(rows.map((r) => r.person_id));
    return rows
      .map((r) => names.get(r.person_id)?.shortName ?? 'сотрудник без карточки')
      .sort((a, b) => a.localeCompare(b, 'ru'));
  }

  async settings(user: AuthenticatedUser, organisationId: string) {
    await this.organisations.load(user, organisationId);
    const [row] = await this.db.query<{ mentorTrainingRequired: boolean; updatedAt: string | null }[]>(
      `SELECT mentor_training_required AS "mentorTrainingRequired", updated_at AS "updatedAt"
         FROM organisation_settings WHERE organisation_id = $1`,
      [organisationId],
    );
    return { organisationId, mentorTrainingRequired: row?.mentorTrainingRequired ?? false };
  }

  async changeSettings(user: AuthenticatedUser, organisationId: string, body: OrganisationSettingsDto) {
    await this.organisations.load(user, organisationId);
    await this.db.query(
      `INSERT INTO organisation_settings (organisation_id, mentor_training_required, updated_by)
       VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id) DO UPDATE SET mentor_training_required = $2, updated_by = $3, updated_at = now()`,
      [organisationId, body.mentorTrainingRequired, user.sub],
    );
    return this.settings(user, organisationId);
  }

  private async catalogueEntry(entryId: string) {
    const [row] = await this.db.query<{ title: string }[]>('SELECT title FROM training_catalogue WHERE entry_id = $1', [
      entryId,
    ]);
    return row;
  }

  private async rows(
    where: string,
    parameters: unknown[],
    limit: number,
    offset: number,
  ): Promise<TrainingRecordDto[]> {
    const rows = await this.db.query<TrainingRow[]>(
      `SELECT ${trainingColumns} FROM personal.trainings t
         LEFT JOIN training_catalogue c ON c.entry_id = t.catalogue_entry_id
        WHERE ${where} ORDER BY t.date_to DESC, t.recorded_at DESC LIMIT ${limit} OFFSET ${offset}`,
      parameters,
    );
    const names = await this.people.names(rows.map((r) => r.personId));
    return rows.map((row) => ({
      ...withNamesBeside(row, ['personId'], names),
      roleLabel: trainedRoleLabels[row.role],
    }));
  }
}
