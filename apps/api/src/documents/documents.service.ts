import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainRefusal, personalProgrammeVersionsOf, type FormedPair } from '@mentorflow/domain';
import type { AuthenticatedUser } from '../auth/auth.types';
import { OrganisationsService } from '../organisations/organisations.service';
import { PairsService } from '../pairs/pairs.service';
import { PeopleDirectory } from '../people/people.directory';
import { ProgrammesService } from '../programmes/programmes.service';
import { renderDocx } from './document-kit';
import {
  assignmentOrder,
  consentDocument,
  isParticipant,
  missingConsents,
  replacementOf,
  replacementOrder,
  terminationOrder,
  type PairDocumentContext,
} from './pair-documents';
import { mentorFinalReportDocument, personalProgrammeDocument } from './programme-documents';

/** Everyone a pair's documents may name: every mentor it had and its mentees. */
const peopleOf = (pair: FormedPair) => [...pair.mentorHistory.map((t) => t.mentorId), pair.mentorId, ...pair.menteeIds];

/**
 * The pair's documents as DOCX, built from its record with the same organisation checks as the record
 * (the pair is read as its reader may read it). Names come from the personal directory; nothing of a
 * person is logged.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly pairs: PairsService,
    private readonly organisations: OrganisationsService,
    private readonly programmes: ProgrammesService,
    private readonly people: PeopleDirectory,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The order assigning the pair, with every pair of its programme the same order assigned; 409 while a consent is missing. */
  async assignmentOrder(user: AuthenticatedUser, pairId: string): Promise<Buffer> {
    const pair = await this.pairs.loadForUser(user, pairId);
    const pairs = await this.formedTogether(pair);
    const context = await this.context(user, pair, pairs.flatMap(peopleOf));
    const missing = pairs.flatMap((p) => missingConsents(p, context));
    if (missing.length > 0) {
      throw new DomainRefusal(
        'document.assignmentOrder.consent.conflict',
        'Приказ о закреплении издаётся только с письменного согласия наставника и каждого наставляемого',
        missing,
      );
    }
    return renderDocx(assignmentOrder(pairs, context));
  }

  /** The written consent of one participant of the pair (the mentor, a replacing mentor or a mentee). */
  async consent(user: AuthenticatedUser, pairId: string, personId: string): Promise<Buffer> {
    const pair = await this.pairs.loadForUser(user, pairId);
    if (!isParticipant(pair, personId)) throw new NotFoundException('Участник пары не найден');
    return renderDocx(consentDocument(pair, personId, await this.context(user, pair, peopleOf(pair))));
  }

  /** The order of a mentor's replacement: the latest, or the one `replacementId` names. */
  async replacementOrder(user: AuthenticatedUser, pairId: string, replacementId?: string): Promise<Buffer> {
    const pair = await this.pairs.loadForUser(user, pairId);
    const replacement = replacementOf(pair, replacementId);
    if (replacement === undefined) {
      throw new DomainRefusal('document.replacementOrder.conflict', 'Наставник этой пары/группы не заменялся');
    }
    return renderDocx(replacementOrder(pair, replacement, await this.context(user, pair, peopleOf(pair))));
  }

  /** The order ending the pair's mentoring early. */
  async terminationOrder(user: AuthenticatedUser, pairId: string): Promise<Buffer> {
    const pair = await this.pairs.loadForUser(user, pairId);
    if (pair.termination === undefined) {
      throw new DomainRefusal(
        'document.terminationOrder.conflict',
        'Наставничество этой пары/группы не прекращалось досрочно',
      );
    }
    return renderDocx(terminationOrder(pair, await this.context(user, pair, peopleOf(pair))));
  }

  /** The personalised programme: the version `version` names, by default the current one; 409 before approval. */
  async personalProgramme(user: AuthenticatedUser, pairId: string, version?: number): Promise<Buffer> {
    const pair = await this.pairs.loadForUser(user, pairId);
    const versions = personalProgrammeVersionsOf(pair);
    const current = versions.at(-1);
    if (current === undefined) {
      throw new DomainRefusal(
        'document.personalProgramme.conflict',
        'Персонализированная программа наставничества этой пары/группы ещё не утверждена',
      );
    }
    const chosen = version === undefined ? current : versions.find((v) => v.version === version);
    if (chosen === undefined) throw new NotFoundException('Версия программы не найдена');
    const people = [
      ...peopleOf(pair),
      chosen.approvedBy,
      ...(pair.controlPlan ? [pair.controlPlan.controller.personId] : []),
    ];
    return renderDocx(
      personalProgrammeDocument(pair, chosen, chosen === current, await this.context(user, pair, people)),
    );
  }

  /** The mentor's final report as submitted; 409 while it is not. */
  async mentorFinalReport(user: AuthenticatedUser, pairId: string): Promise<Buffer> {
    const pair = await this.pairs.loadForUser(user, pairId);
    const report = pair.mentorFinalReport;
    if (report === undefined) {
      throw new DomainRefusal(
        'document.finalReport.conflict',
        'Отчёт наставника по итогам наставничества ещё не представлен',
      );
    }
    return renderDocx(mentorFinalReportDocument(pair, report, await this.context(user, pair, peopleOf(pair))));
  }

  /**
   * The pairs of the programme one order assigned (the same number and date), in the order they were
   * formed: one order for the pairs formed together. The others come from the read model; this one as read.
   */
  private async formedTogether(pair: FormedPair): Promise<FormedPair[]> {
    const rows = await this.db.query<{ state: FormedPair }[]>(
      `SELECT state FROM pairs_view
       WHERE programme_id = $1 AND pair_id <> $2
         AND state->'order'->>'number' = $3 AND state->'order'->>'date' = $4`,
      [pair.programmeId, pair.pairId, pair.order.number, pair.order.date],
    );
    return [pair, ...rows.map((r) => r.state)].sort((a, b) => a.formedAt.localeCompare(b.formedAt));
  }

  private async context(
    user: AuthenticatedUser,
    pair: FormedPair,
    personIds: readonly string[],
  ): Promise<PairDocumentContext> {
    const [organisation, programme, names] = await Promise.all([
      this.organisations.load(user, pair.organisationId),
      this.programmes.loadForUser(user, pair.programmeId),
      this.people.fullNames([...new Set(personIds)]),
    ]);
    const regulationId = programme.latestDocumentByKind.regulationApprovalOrder;
    const regulation = regulationId === undefined ? undefined : programme.documents[regulationId];
    return {
      organisation: {
        name: organisation.name,
        municipality: organisation.municipality,
        region: organisation.region,
      },
      timeZone: organisation.timeZone,
      names,
      ...(regulation === undefined ? {} : { regulation: { number: regulation.number, date: regulation.date } }),
    };
  }
}
