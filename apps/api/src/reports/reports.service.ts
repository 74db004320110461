import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { endOfLocalDay, localDateOf, startOfLocalDay } from '@mentorflow/calendar';
import {
  academicYearOf,
  monitoringDecider,
  monitoringRecorders,
  monitoringStream,
  monitoringValueProblem,
  organisationDecider,
  organisationStream,
  routeStageLabels,
  type OrganisationState,
  type RecordMonitoringResult,
  type RegisteredOrganisation,
  associationFiguresAsOf,
  type AssociationFigures,
  type CreatedAssociation,
} from '@mentorflow/domain';
import { EventStore, handleCommand, loadAggregate } from '@mentorflow/event-store';
import {
  loadFactsAsOf,
  loadRegionFactsInMemory,
  loadTrainedMentors,
  loadOrganisationsInScope,
  monitoringResultRows,
  organisationReport,
  regionAggregate,
  regionOrganisationRow,
  routesReport,
  targetModelDocumentKeys,
  targetModelDocumentLabels,
  type FactRow,
  type OrganisationReport,
  type RegionOrganisationRow,
  type RoutesReport,
} from '@mentorflow/projections';
import { actingRole } from '../auth/acting-role';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { canAccessOrganisation } from '../auth/organisation-access';
import { commandMetadata } from '../common/aggregate.gateway';
import type { ReportSheet } from './report-export';
import { municipalityRows, organisationSheets, regionSheets, routesSheets } from './report-sheets';
import { withNamesBeside } from '../people/named-rows';
import { fullNamesOf, PeopleDirectory, type PersonName } from '../people/people.directory';
import { seesStaffNames } from '../people/people.roles';
import type { RecordMonitoringResultDto, RegionReportQuery, ReportQuery } from './report.dto';

export interface BuiltReport {
  readonly json: unknown;
  readonly sheets: ReportSheet[];
  readonly fileName: string;
}

const badDate = (field: string, message: string) =>
  new BadRequestException({
    detail: 'Запрос содержит ошибки',
    errors: [{ field, constraint: 'isDate', message }],
  });

/** A real calendar date, not after today anywhere on Earth (UTC+14): a report cannot describe the future. */
function checkAsOf(asOf: string | undefined, field = 'asOf', future = 'Дата отчёта не может быть в будущем'): void {
  if (asOf === undefined) return;
  const time = Date.parse(`${asOf}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== asOf)
    throw badDate(field, 'Должна быть дата в формате ГГГГ-ММ-ДД');
  if (time - 14 * 3_600_000 > Date.now()) throw badDate(field, future);
}

/** What the period's counts read of a pair's or a route's facts. */
type SubjectFacts = { readonly status?: string; readonly stage?: string };

/** The organisation's figures at the start and the end of a period (the analytical report of its monitoring). */
export interface PeriodFigures {
  readonly from: string;
  readonly to: string;
  readonly start: OrganisationReport | undefined;
  readonly end: OrganisationReport;
  readonly routesStart: RoutesReport;
  readonly routesEnd: RoutesReport;
  /** Subjects that appeared or changed within the period, counted from the two sets of facts. */
  readonly pairsFormed: number;
  readonly pairsTerminated: number;
  readonly routesCreated: number;
  readonly routesCompleted: number;
  /** Full names of the programmes' curators, for those who see the staff's names. */
  readonly names: ReadonlyMap<string, string>;
}

const page = <T>(items: readonly T[], limit: number, offset: number) => ({
  items: items.slice(offset, offset + limit),
  total: items.length,
  limit,
  offset,
});

/** The instant a report is taken at: the end of the asOf day in the organisation's zone, or now. */
const instantFor = (asOf: string | undefined, timeZone: string): { at: string | null; atMs: number } => {
  if (asOf === undefined) return { at: null, atMs: Date.now() };
  const at = endOfLocalDay(asOf, timeZone);
  return { at, atMs: Date.parse(at) };
};

/** The monitoring period the report's day falls in: the academic year (1 September – 31 August). */
const periodOf = (asOf: string | undefined, timeZone: string) =>
  academicYearOf(asOf ?? localDateOf(new Date().toISOString(), timeZone));

/**
 * The first day the report has data for (the earliest registration, in its organisation's zone), so the dashboard
 * offers the monitoring periods from that one on; null for an empty region.
 */
const dataSince = (registrations: readonly { at: Date; timeZone: string }[]): string | null =>
  registrations
    .map(({ at, timeZone }) => localDateOf(at.toISOString(), timeZone))
    .reduce<string | null>((first, day) => (first === null || day < first ? day : first), null);

/** Today's date in the zone. */
const today = (timeZone: string): string => localDateOf(new Date().toISOString(), timeZone);

/** Where no organisation names the zone (an empty region), «today» is Moscow's. */
const DEFAULT_ZONE = 'Europe/Moscow';

@Injectable()
export class ReportsService {
  constructor(
    private readonly store: EventStore,
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
  ) {}

  /** A regional coordinator reaches the organisations of their region (and municipality, if assigned one). */
  private coordinatorCovers(user: AuthenticatedUser, region: string, municipality: string): boolean {
    return (
      user.roles.includes('regionalCoordinator') &&
      user.assignments.some(
        (a) =>
          a.role === 'regionalCoordinator' &&
          a.region === region &&
          (a.municipality === undefined || a.municipality === municipality),
      )
    );
  }

  /** The organisation from its own stream (consistent at once), or 404 for a stranger and for a missing one. */
  private async readableOrganisation(user: AuthenticatedUser, organisationId: string): Promise<RegisteredOrganisation> {
    const { state } = await loadAggregate<OrganisationState, never>(
      this.store,
      organisationStream(organisationId),
      organisationDecider,
    );
    const allowed =
      state.status === 'registered' &&
      (isAdministrator(user) ||
        canAccessOrganisation(user, organisationId) ||
        this.coordinatorCovers(user, state.region, state.municipality));
    if (!allowed || state.status !== 'registered') throw new NotFoundException('Организация не найдена');
    return state;
  }

  /**
   * The names a report shows, in its JSON and its exports alike: those of the organisation's staff, to whom
   * the directory shows them (`seesStaffNames`); anyone else (a regional coordinator) reads the figures by id.
   */
  private async shownNames(
    user: AuthenticatedUser,
    organisationId: string,
    ids: readonly string[],
  ): Promise<ReadonlyMap<string, PersonName>> {
    return seesStaffNames(user, organisationId) ? this.people.names(ids) : new Map();
  }

  async organisationReport(user: AuthenticatedUser, organisationId: string, query: ReportQuery): Promise<BuiltReport> {
    checkAsOf(query.asOf);
    const organisation = await this.readableOrganisation(user, organisationId);
    const { at, atMs } = instantFor(query.asOf, organisation.timeZone);
    const rows = await loadFactsAsOf(this.db, [{ organisationId, at }]);
    const built = organisationReport(organisationId, rows, atMs);
    const report = built && {
      ...built,
      trainedMentors: (await loadTrainedMentors(this.db, [{ organisationId, at }])).get(organisationId) ?? 0,
    };
    if (!report)
      throw new NotFoundException(
        query.asOf
          ? `На ${query.asOf} организация ещё не была зарегистрирована`
          : 'Отчёт ещё не сформирован, повторите позже',
      );
    const associations = await this.associationFigures(
      { organisationId },
      atMs,
      query.asOf ?? today(organisation.timeZone),
    );
    const shown = await this.shownNames(user, organisationId, [
      ...report.mentorLoad.map((r) => r.mentorId),
      ...report.programmes.flatMap((p) => (p.curatorId === null ? [] : [p.curatorId])),
    ]);
    return {
      json: {
        asOf: query.asOf ?? null,
        takenAt: new Date(atMs).toISOString(),
        period: periodOf(query.asOf, organisation.timeZone),
        dataSince: dataSince([{ at: new Date(organisation.registeredAt), timeZone: organisation.timeZone }]),
        ...report,
        // The documents of 004 slide 17 in the order the slide asks about them, named as the export names them.
        documents: targetModelDocumentKeys.map((key) => ({
          key,
          label: targetModelDocumentLabels[key],
          held: report.targetModel.documents[key],
        })),
        programmes: report.programmes.map((p) => withNamesBeside(p, ['curatorId'], shown)),
        mentorLoad: report.mentorLoad.map((r) => withNamesBeside(r, ['mentorId'], shown)),
        associations,
      },
      sheets: organisationSheets(report, fullNamesOf(shown), associations),
      fileName: `monitoring-${organisationId}${query.asOf ? `-${query.asOf}` : ''}`,
    };
  }

  /**
   * The figures of the analytical report for `from`…`to` (both inclusive, in the organisation's zone): the
   * organisation and routes reports at the start of the first day and at the end of the last (or now, for a
   * period ending today), and what began or ended in between.
   */
  async periodFigures(
    user: AuthenticatedUser,
    organisationId: string,
    from: string,
    to: string,
  ): Promise<PeriodFigures> {
    checkAsOf(from, 'from', 'Начало периода не может быть в будущем');
    checkAsOf(to, 'to', 'Конец периода не может быть в будущем');
    if (to < from) throw badDate('to', 'Конец периода не может быть раньше его начала');
    const organisation = await this.readableOrganisation(user, organisationId);
    const startAt = startOfLocalDay(from, organisation.timeZone);
    const endAt = endOfLocalDay(to, organisation.timeZone);
    const endMs = Math.min(Date.parse(endAt), Date.now());
    const [startRows, endRows] = await Promise.all([
      loadFactsAsOf(this.db, [{ organisationId, at: startAt }]),
      loadFactsAsOf(this.db, [{ organisationId, at: endAt }]),
    ]);
    const end = organisationReport(organisationId, endRows, endMs);
    if (!end) throw new NotFoundException(`На ${to} организация ещё не была зарегистрирована`);
    const startMs = Date.parse(startAt);
    const ids = (
      rows: readonly FactRow[],
      type: FactRow['subjectType'],
      where: (facts: SubjectFacts) => boolean = () => true,
    ) => new Set(rows.filter((r) => r.subjectType === type && where(r.facts)).map((r) => r.subjectId));
    const newIn = (type: FactRow['subjectType'], where?: (facts: SubjectFacts) => boolean) => {
      const before = ids(startRows, type, where);
      return [...ids(endRows, type, where)].filter((id) => !before.has(id)).length;
    };
    const curatorIds = end.programmes.flatMap((p) => (p.curatorId === null ? [] : [p.curatorId]));
    return {
      from,
      to,
      start: organisationReport(organisationId, startRows, startMs),
      end,
      routesStart: routesReport(startRows, startMs, routeStageLabels),
      routesEnd: routesReport(endRows, endMs, routeStageLabels),
      pairsFormed: newIn('pair'),
      pairsTerminated: newIn('pair', (f) => f.status === 'terminated'),
      routesCreated: newIn('route'),
      routesCompleted: newIn('route', (f) => f.stage === 'completed'),
      names: fullNamesOf(await this.shownNames(user, organisationId, curatorIds)),
    };
  }

  async routesReport(user: AuthenticatedUser, organisationId: string, query: ReportQuery): Promise<BuiltReport> {
    checkAsOf(query.asOf);
    const organisation = await this.readableOrganisation(user, organisationId);
    const { at, atMs } = instantFor(query.asOf, organisation.timeZone);
    const rows = await loadFactsAsOf(this.db, [{ organisationId, at }], ['route']);
    const report = routesReport(rows, atMs, routeStageLabels);
    // One directory query for the export's every row and the JSON's page.
    const shown = await this.shownNames(user, organisationId, [
      ...report.methodologists.map((r) => r.methodologistId),
      ...report.routes.flatMap((r) => [r.teacherId, r.methodologistId, r.tutorId]),
    ]);
    const routes = page(report.routes, query.limit, query.offset);
    return {
      json: {
        asOf: query.asOf ?? null,
        takenAt: new Date(atMs).toISOString(),
        ...report,
        methodologists: report.methodologists.map((r) => withNamesBeside(r, ['methodologistId'], shown)),
        routes: {
          ...routes,
          items: routes.items.map((r) => withNamesBeside(r, ['teacherId', 'methodologistId', 'tutorId'], shown)),
        },
      },
      sheets: routesSheets(report, fullNamesOf(shown)),
      fileName: `routes-${organisationId}${query.asOf ? `-${query.asOf}` : ''}`,
    };
  }

  private regionScope(user: AuthenticatedUser, query: RegionReportQuery): { region?: string; municipality?: string } {
    if (isAdministrator(user))
      return {
        ...(query.region ? { region: query.region } : {}),
        ...(query.municipality ? { municipality: query.municipality } : {}),
      };
    const assignments = user.assignments.filter((a) => a.role === 'regionalCoordinator' && a.region !== undefined);
    if (assignments.length === 0) throw new ForbiddenException('Координатору не назначен субъект РФ или муниципалитет');
    const assignment = query.region === undefined ? assignments[0] : assignments.find((a) => a.region === query.region);
    if (!assignment?.region) throw new NotFoundException('Регион не найден');
    if (
      assignment.municipality !== undefined &&
      query.municipality !== undefined &&
      query.municipality !== assignment.municipality
    ) {
      throw new NotFoundException('Муниципальное образование не найдено');
    }
    const municipality = assignment.municipality ?? query.municipality;
    return { region: assignment.region, ...(municipality ? { municipality } : {}) };
  }

  /**
   * The mentors' methodical associations (issue 28) hosted by the organisation, or of the region (and
   * municipality) in scope: how many, their members and the meetings held, as of the report's day.
   */
  private async associationFigures(
    where: { organisationId?: string; region?: string; municipality?: string },
    atMs: number,
    day: string,
  ): Promise<AssociationFigures> {
    const rows = await this.db.query<{ state: CreatedAssociation }[]>(
      `SELECT state FROM associations_view
       WHERE ($1::uuid IS NULL OR organisation_id = $1) AND ($2::text IS NULL OR region = $2)
         AND ($3::text IS NULL OR municipality = $3)`,
      [where.organisationId ?? null, where.region ?? null, where.municipality ?? null],
    );
    return associationFiguresAsOf(
      rows.map((r) => r.state),
      new Date(atMs).toISOString(),
      day,
    );
  }

  async regionReport(user: AuthenticatedUser, query: RegionReportQuery): Promise<BuiltReport> {
    checkAsOf(query.asOf);
    const scope = this.regionScope(user, query);
    const organisations = await loadOrganisationsInScope(this.db, scope);
    const instants = organisations.map((o) => ({
      organisationId: o.organisationId,
      ...instantFor(query.asOf, o.facts.timeZone),
    }));
    const facts = await loadRegionFactsInMemory(this.db, instants);
    // Pushed, not copied per row: a region's 250,000 facts made the copies cost 150 ms (benchmark 15).
    const byOrganisation = new Map<string, typeof facts>();
    for (const row of facts) {
      const rows = byOrganisation.get(row.organisationId);
      if (rows) rows.push(row);
      else byOrganisation.set(row.organisationId, [row]);
    }
    // An organisation registered after the date is not part of that day's region.
    const trained = await loadTrainedMentors(
      this.db,
      instants.map(({ organisationId, at }) => ({ organisationId, at })),
    );
    const rows = instants
      .map((o) => regionOrganisationRow(o.organisationId, byOrganisation.get(o.organisationId) ?? [], o.atMs))
      .filter((r): r is RegionOrganisationRow => r !== undefined)
      .map((r) => ({ ...r, trainedMentors: trained.get(r.organisationId) ?? 0 }));
    const totals = regionAggregate(rows);
    const municipalities = municipalityRows(rows);
    const zone = organisations[0]?.facts.timeZone ?? DEFAULT_ZONE;
    const associations = await this.associationFigures(
      scope,
      instantFor(query.asOf, zone).atMs,
      query.asOf ?? today(zone),
    );
    const title = `Показатели реализации ЦМН: ${scope.municipality ?? scope.region ?? 'все регионы'}${query.asOf ? ` на ${query.asOf}` : ''}`;
    return {
      json: {
        scope,
        asOf: query.asOf ?? null,
        period: periodOf(query.asOf, organisations[0]?.facts.timeZone ?? DEFAULT_ZONE),
        dataSince: dataSince(organisations.map((o) => ({ at: o.since, timeZone: o.facts.timeZone }))),
        totals,
        municipalities,
        organisations: page(rows, query.limit, query.offset),
        associations,
      },
      sheets: regionSheets(title, totals, municipalities, rows, associations),
      fileName: `region${query.asOf ? `-${query.asOf}` : ''}`,
    };
  }

  async listMonitoringResults(user: AuthenticatedUser, organisationId: string, query: ReportQuery) {
    checkAsOf(query.asOf);
    const organisation = await this.readableOrganisation(user, organisationId);
    const { at } = instantFor(query.asOf, organisation.timeZone);
    const rows = monitoringResultRows(await loadFactsAsOf(this.db, [{ organisationId, at }], ['monitoringResult']));
    return page(rows, query.limit, query.offset);
  }

  async recordMonitoringResult(user: AuthenticatedUser, organisationId: string, body: RecordMonitoringResultDto) {
    const organisation = await this.readableOrganisation(user, organisationId);
    const valueProblem = monitoringValueProblem(body.indicator, body.value);
    if (valueProblem) {
      throw new BadRequestException({
        detail: 'Запрос содержит ошибки',
        errors: [{ field: 'value', constraint: 'range', message: valueProblem }],
      });
    }
    // The role held in this organisation (404 with none there, 403 with none that records), never one held elsewhere.
    const role = actingRole(user, monitoringRecorders, organisationId);
    const resultId = randomUUID();
    const metadata = commandMetadata(user, role);
    const command: RecordMonitoringResult = {
      type: 'RecordMonitoringResult',
      data: { organisationId: organisation.organisationId, resultId, ...body },
      // Today in the organisation's zone, as the aggregate runner stamps it for workflow commands (never stored).
      metadata: { ...metadata, today: localDateOf(metadata.now, organisation.timeZone) },
    };
    const { events } = await handleCommand(this.store, monitoringStream(organisationId), monitoringDecider, command, {
      actorId: user.sub,
      role,
      organisationId,
    });
    return events[0]?.data;
  }
}
