import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  commissionMeetingProblems,
  DomainRefusal,
  isDomainRefusal,
  participantDecider,
  participantRoleLabels,
  participantStream,
  unselectedMemberProblems,
  type CommandMetadata,
  type PairMember,
  type ParticipantCommand,
  type ParticipantState,
  type RegisteredParticipant,
  type Role,
  type UnmetCondition,
} from '@mentorflow/domain';
import { localDateOf } from '@mentorflow/calendar';
import { EventStore, loadAggregate } from '@mentorflow/event-store';
import { commandMetadata } from '../common/aggregate.gateway';
import { decideOnStream, type WithoutMetadata } from '../common/stream-aggregate';
import type { AuthenticatedUser } from '../auth/auth.types';
import { OrganisationsService } from '../organisations/organisations.service';
import { PeopleDirectory } from '../people/people.directory';
import { ProgrammesService } from '../programmes/programmes.service';
import type { RecordCommissionMeetingDto, RegisterParticipantDto } from './participant.dto';

/**
 * The programme's base of mentors and mentees: candidates the curator proposes, the commission's review
 * that selects them (002 §4.4), withdrawals, and the one check that a pair takes only selected people.
 */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly store: EventStore,
    private readonly programmes: ProgrammesService,
    private readonly organisations: OrganisationsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleDirectory,
  ) {}

  /** Metadata with today's date in the organisation's zone: meeting dates are facts (not after today). */
  private async metadataFor(user: AuthenticatedUser, organisationId: string, role: Role): Promise<CommandMetadata> {
    const { timeZone } = await this.organisations.load(user, organisationId);
    const metadata = commandMetadata(user, role);
    return { ...metadata, today: localDateOf(metadata.now, timeZone) };
  }

  async register(user: AuthenticatedUser, programmeId: string, body: RegisterParticipantDto, role: Role) {
    const programme = await this.programmes.loadForUser(user, programmeId);
    const participantId = randomUUID();
    const { organisationId } = programme;
    return decideOnStream(
      this.store,
      participantStream(participantId),
      participantDecider,
      { type: 'RegisterParticipant', data: { ...body, participantId, programmeId, organisationId } },
      { metadata: commandMetadata(user, role), organisationId },
    );
  }

  /** The participant of this programme from its stream (consistent right after a command), else 404. */
  private async loadOf(programmeId: string, participantId: string): Promise<RegisteredParticipant> {
    const { state } = await loadAggregate<ParticipantState, never>(
      this.store,
      participantStream(participantId),
      participantDecider,
    );
    if (state.status === 'notRegistered' || state.programmeId !== programmeId) {
      throw new NotFoundException('Участник программы наставничества не найден');
    }
    return state;
  }

  private async execute(
    participant: RegisteredParticipant,
    command: WithoutMetadata<ParticipantCommand>,
    metadata: CommandMetadata,
  ): Promise<ParticipantState> {
    return decideOnStream(this.store, participantStream(participant.participantId), participantDecider, command, {
      metadata,
      organisationId: participant.organisationId,
    });
  }

  async withdraw(user: AuthenticatedUser, programmeId: string, participantId: string, reason: string, role: Role) {
    const participant = await this.loadOf(programmeId, participantId);
    return this.execute(participant, { type: 'WithdrawParticipant', data: { reason } }, commandMetadata(user, role));
  }

  /**
   * Records a meeting's decisions, one event per candidate. Every decision is checked first, so a meeting
   * with one unacceptable decision records none; the refusal names each candidate it concerns.
   */
  async recordMeeting(user: AuthenticatedUser, programmeId: string, body: RecordCommissionMeetingDto, role: Role) {
    const programme = await this.programmes.loadForUser(user, programmeId);
    const metadata = await this.metadataFor(user, programme.organisationId, role);
    const meeting = {
      meetingId: randomUUID(),
      body: body.body,
      date: body.date,
      minutesNumber: body.minutesNumber,
      membersPresent: body.membersPresent,
    };
    const meetingProblems = commissionMeetingProblems(meeting, metadata);
    if (meetingProblems.length > 0) {
      throw new DomainRefusal('participant.review.invalid', 'Заседание комиссии оформлено неверно', meetingProblems);
    }
    const ids = body.decisions.map((d) => d.participantId);
    if (new Set(ids).size !== ids.length) {
      throw new DomainRefusal('participant.review.duplicate', 'Решение по одному кандидату указано дважды');
    }
    const candidates = await Promise.all(ids.map((id) => this.loadOf(programmeId, id)));
    const names = await this.people.fullNames(candidates.map((c) => c.personId));
    const commands = body.decisions.map((d) => ({
      type: 'ReviewCandidate' as const,
      data: { meeting, decision: d.decision, ...(d.reason === undefined ? {} : { reason: d.reason }) },
    }));
    const refused: UnmetCondition[] = candidates.flatMap((candidate, i) => {
      try {
        participantDecider.decide({ ...commands[i], metadata }, candidate);
        return [];
      } catch (error) {
        if (!isDomainRefusal(error)) throw error;
        const who = `${participantRoleLabels[candidate.role]} ${names.get(candidate.personId) ?? candidate.personId}`;
        const details = error.unmet.map((u) => u.message).join('; ');
        return [{ code: `${candidate.participantId}.${error.code}`, message: `${who}: ${details || error.message}` }];
      }
    });
    if (refused.length > 0) {
      throw new DomainRefusal('participant.review.refused', 'Решения комиссии не внесены', refused);
    }
    const participants: ParticipantState[] = [];
    for (const [i, candidate] of candidates.entries()) {
      participants.push(await this.execute(candidate, commands[i], metadata));
    }
    return { meetingId: meeting.meetingId, participants };
  }

  /**
   * Who of `members` is not selected for the programme in that role (002 §4.4), named as the user
   * directory names them. For forming a pair and for a replacement's new mentor alike.
   */
  async unselected(
    programmeId: string,
    members: readonly PairMember[],
    code?: (member: PairMember) => string,
  ): Promise<UnmetCondition[]> {
    const selected = await this.db.query<PairMember[]>(
      `SELECT person_id AS "personId", role FROM participants_view
       WHERE programme_id = $1 AND person_id = ANY($2::text[]) AND status = 'registered'`,
      [programmeId, members.map((m) => m.personId)],
    );
    const missing = unselectedMemberProblems(members, selected);
    if (missing.length === 0) return [];
    const names = await this.people.fullNames(members.map((m) => m.personId));
    return unselectedMemberProblems(members, selected, (id) => names.get(id), code);
  }
}
