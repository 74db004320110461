import type { UnmetCondition } from '../shared/refusal';
import type { ParticipantRole } from './participant.events';

/** A person a pair or group would take, in the role they would take it in. */
export interface PairMember {
  readonly personId: string;
  readonly role: ParticipantRole;
}

const roleAs: Readonly<Record<ParticipantRole, string>> = { mentor: 'наставник', mentee: 'наставляемый' };

/**
 * 002 §4.4: only candidates the commission approved may be paired, and each in the role they were
 * selected for. `selected` lists the programme's participants with status `registered` (approved, not
 * withdrawn); `nameOf` gives a person's name where the caller knows it, else the role and id name them.
 * One check for forming a pair and for a replacement's new mentor.
 */
export const unselectedMemberProblems = (
  members: readonly PairMember[],
  selected: readonly PairMember[],
  nameOf: (personId: string) => string | undefined = () => undefined,
  code: (member: PairMember) => string = ({ personId, role }) => `${role}.${personId}.notSelected`,
): UnmetCondition[] =>
  members
    .filter((m) => !selected.some((s) => s.personId === m.personId && s.role === m.role))
    .map((member) => {
      const who = nameOf(member.personId) ?? `Участник ${member.personId}`;
      return {
        code: code(member),
        message: `${who} не отобран(а) комиссией в программу наставничества как ${roleAs[member.role]}`,
      };
    });
