import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  pairFormLabels,
  practiceAuthorRoles,
  practiceDecider,
  practiceLevelLabels,
  practiceReviewerRoles,
  practiceStatusLabels,
  practiceStream,
  type PracticeCommand,
  type PracticeContent,
  type PracticeState,
  type Role,
  type SubmittedPractice,
} from '@mentorflow/domain';
import { EventStore, loadAggregate } from '@mentorflow/event-store';
import { actingRole } from '../auth/acting-role';
import { isAdministrator, type AuthenticatedUser } from '../auth/auth.types';
import { organisationsWhere, rolesIn } from '../auth/organisation-access';
import { commandMetadata } from '../common/aggregate.gateway';
import { namedHistory } from '../common/history-entry';
import { decideOnStream, type WithoutMetadata } from '../common/stream-aggregate';
import { PeopleDirectory } from '../people/people.directory';
import type { PracticesQuery, SubmitPracticeDto } from './practice.dto';

/** Who may see what of the bank: the caller's regions, and where they review. */
interface Reader {
  readonly admin: boolean;
  readonly personId: string;
  readonly regions: string[];
  readonly reviewerOrganisations: string[];
}

/**
 * The bank of best practices (issue 28). A practice is a document lifecycle of its own stream, decided and
 * appended here like a participant's selection: no timers, no tasks, so no workflow. Published practices
 * are read by everyone of the practice's region; the others by their author and their reviewers.
 */
@Injectable()
export class PracticesService {
  constructor(
    private readonly store: EventStore,
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
  ) {}

  async submit(user: AuthenticatedUser, body: SubmitPracticeDto) {
    const { organisationId, ...content } = body;
    const role = actingRole(user, practiceAuthorRoles, organisationId);
    const practiceId = randomUUID();
    await this.execute(user, practiceId, organisationId, role, {
      type: 'SubmitPractice',
      data: { practiceId, organisationId, ...content },
    });
    return this.get(user, practiceId);
  }

  returnToAuthor(user: AuthenticatedUser, practiceId: string, comment: string) {
    return this.act(user, practiceId, (practice) => this.reviewerRole(user, practice), {
      type: 'ReturnPractice',
      data: { comment },
    });
  }

  publish(user: AuthenticatedUser, practiceId: string, comment?: string) {
    return this.act(user, practiceId, (practice) => this.reviewerRole(user, practice), {
      type: 'PublishPractice',
      data: comment === undefined ? {} : { comment },
    });
  }

  resubmit(user: AuthenticatedUser, practiceId: string, content: PracticeContent) {
    return this.act(user, practiceId, (practice) => actingRole(user, practiceAuthorRoles, practice.organisationId), {
      type: 'ResubmitPractice',
      data: content,
    });
  }

  /** One practice from its stream (consistent right after a command), with names and what the caller may do. */
  async get(user: AuthenticatedUser, practiceId: string) {
    const practice = await this.visible(user, practiceId);
    const [organisationName, names] = await Promise.all([
      this.organisationName(practice.organisationId),
      this.people.names([practice.authorId, ...practice.returns.map((r) => r.returnedBy)]),
    ]);
    const reviewer = this.reviewerRoleOrUndefined(user, practice) !== undefined;
    return {
      ...this.described(practice),
      organisationName,
      authorName: names.get(practice.authorId)?.fullName ?? null,
      returns: practice.returns.map((r) => ({ ...r, returnedByName: names.get(r.returnedBy)?.fullName ?? null })),
      canReview: reviewer && practice.status === 'submitted' && practice.authorId !== user.sub,
      canResubmit: practice.authorId === user.sub && practice.status === 'returned',
    };
  }

  /** The practice's events: who did what and when (the actors named), for its author, reviewers and readers. */
  async history(user: AuthenticatedUser, practiceId: string, page: { limit: number; offset: number }) {
    await this.visible(user, practiceId);
    return namedHistory(this.store, this.people, practiceStream(practiceId), page);
  }

  /** The bank: full-text search under the `russian` configuration, filters, newest first or best match first. */
  async list(user: AuthenticatedUser, query: PracticesQuery) {
    const reader = await this.reader(user);
    const q = query.q?.trim() ? query.q.trim() : null;
    const rows = await this.db.query<{ state: SubmittedPractice; organisation_name: string }[]>(
      `SELECT p.state, o.name AS organisation_name
       FROM practices_view p JOIN organisations_view o ON o.organisation_id = p.organisation_id
       WHERE ($1::boolean OR (p.status = 'published' AND o.region = ANY($2::text[]))
              OR p.author_id = $3 OR p.organisation_id = ANY($4::uuid[]))
         AND ($5::text IS NULL OR p.search @@ websearch_to_tsquery('russian', $5))
         AND ($6::text IS NULL OR p.form = $6)
         AND ($7::text IS NULL OR p.level = $7)
         AND ($8::uuid IS NULL OR p.organisation_id = $8)
         AND ($9::text IS NULL OR p.status = $9)
         AND ($10::text IS NULL OR strpos(lower(p.state->'content'->>'subject'), lower($10)) > 0)
       ORDER BY CASE WHEN $5::text IS NULL THEN 0 ELSE ts_rank(p.search, websearch_to_tsquery('russian', $5)) END DESC,
                coalesce(p.published_at, p.submitted_at) DESC, p.practice_id
       LIMIT $11 OFFSET $12`,
      [
        reader.admin,
        reader.regions,
        reader.personId,
        reader.reviewerOrganisations,
        q,
        query.form ?? null,
        query.level ?? null,
        query.organisationId ?? null,
        query.status ?? null,
        query.subject?.trim() ? query.subject.trim() : null,
        query.limit,
        query.offset,
      ],
    );
    const names = await this.people.names(rows.map((r) => r.state.authorId));
    return rows.map((r) => ({
      ...this.described(r.state),
      organisationName: r.organisation_name,
      authorName: names.get(r.state.authorId)?.fullName ?? null,
    }));
  }

  private described(practice: SubmittedPractice) {
    return {
      ...practice,
      statusLabel: practiceStatusLabels[practice.status],
      formLabel: pairFormLabels[practice.content.form],
      levelLabel: practiceLevelLabels[practice.content.level],
    };
  }

  /** `command` on a practice the caller may see, in the role `roleOn` gives her on it; answers the practice after. */
  private async act(
    user: AuthenticatedUser,
    practiceId: string,
    roleOn: (practice: SubmittedPractice) => Role,
    command: WithoutMetadata<PracticeCommand>,
  ) {
    const practice = await this.visible(user, practiceId);
    await this.execute(user, practiceId, practice.organisationId, roleOn(practice), command);
    return this.get(user, practiceId);
  }

  private async execute(
    user: AuthenticatedUser,
    practiceId: string,
    organisationId: string,
    role: Role,
    command: WithoutMetadata<PracticeCommand>,
  ): Promise<PracticeState> {
    return decideOnStream(this.store, practiceStream(practiceId), practiceDecider, command, {
      metadata: commandMetadata(user, role),
      organisationId,
    });
  }

  /** The practice if the caller may see it; else 404, as for one that does not exist. */
  private async visible(user: AuthenticatedUser, practiceId: string): Promise<SubmittedPractice> {
    const { state } = await loadAggregate<PracticeState, never>(
      this.store,
      practiceStream(practiceId),
      practiceDecider,
    );
    if (state.status === 'none') throw new NotFoundException('Практика не найдена');
    const reader = await this.reader(user);
    const seen =
      reader.admin ||
      state.authorId === reader.personId ||
      reader.reviewerOrganisations.includes(state.organisationId) ||
      (state.status === 'published' && reader.regions.includes(await this.regionOf(state.organisationId)));
    if (!seen) throw new NotFoundException('Практика не найдена');
    return state;
  }

  private reviewerRoleOrUndefined(user: AuthenticatedUser, practice: SubmittedPractice): Role | undefined {
    const held = rolesIn(user, practice.organisationId);
    return practiceReviewerRoles.find((role) => held.includes(role));
  }

  /**
   * The reviewer's role in the practice's organisation: its commission head, the coordinator of its region
   * (who, unlike elsewhere, acts here: the regional operator publishes) or an administrator.
   */
  private reviewerRole(user: AuthenticatedUser, practice: SubmittedPractice): Role {
    const role = this.reviewerRoleOrUndefined(user, practice);
    if (role) return role;
    // Seen but not theirs to review (the author, or a reader of the region): the domain says why.
    return actingRole(user, [...practiceAuthorRoles, ...user.permitted], practice.organisationId);
  }

  private async reader(user: AuthenticatedUser): Promise<Reader> {
    const organisationIds = [...new Set(user.reach.map((r) => r.organisationId))];
    const rows =
      organisationIds.length === 0
        ? []
        : await this.db.query<{ region: string }[]>(
            'SELECT DISTINCT region FROM organisations_view WHERE organisation_id = ANY($1::uuid[])',
            [organisationIds],
          );
    return {
      admin: isAdministrator(user),
      personId: user.sub,
      regions: rows.map((r) => r.region),
      reviewerOrganisations: organisationsWhere(
        user,
        practiceReviewerRoles.filter((r) => r !== 'administrator'),
      ),
    };
  }

  private async regionOf(organisationId: string): Promise<string> {
    const rows = await this.db.query<{ region: string }[]>(
      'SELECT region FROM organisations_view WHERE organisation_id = $1',
      [organisationId],
    );
    return rows[0]?.region ?? '';
  }

  private async organisationName(organisationId: string): Promise<string | null> {
    const rows = await this.db.query<{ name: string }[]>(
      'SELECT name FROM organisations_view WHERE organisation_id = $1',
      [organisationId],
    );
    return rows[0]?.name ?? null;
  }
}
