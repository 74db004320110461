import { assertNever, decider, type DomainCommand, decideBy } from '../shared/decider';
import type { MentorLoadEvent } from './mentor-load.events';
import { refuse } from '../shared/rules';
import { isBlank } from '../shared/text';

/*
 * How many mentees a mentor accompanies at once (002 §4.3: at most two). One stream per mentor,
 * `mentor-load-<personId>`, so every pair that takes this mentor decides against the same load.
 * The decider alone cannot stop two pairs reserving at the same moment: the caller appends with
 * the stream's expected version, and on a version conflict re-reads the stream and decides again.
 * The workflow reserves before FormPair/ReplaceMentor and releases on completion, termination and
 * for the previous mentor after a replacement.
 */

// ---- Commands -------------------------------------------------------------------------------

export type ReserveMenteeSlots = DomainCommand<
  'ReserveMenteeSlots',
  {
    readonly pairId: string;
    readonly mentorId: string;
    readonly menteeCount: number;
    /** From the organisation's settings (mentorCapacity). */
    readonly capacity: number;
  }
>;

export type ReleaseMenteeSlots = DomainCommand<'ReleaseMenteeSlots', { readonly pairId: string }>;

export type MentorLoadCommand = ReserveMenteeSlots | ReleaseMenteeSlots;

// ---- State ----------------------------------------------------------------------------------

export interface MentorLoadState {
  readonly mentorId?: string;
  /** Mentee count reserved per pair. */
  readonly reservations: Readonly<Record<string, number>>;
  readonly load: number;
}

export const initialMentorLoadState = (): MentorLoadState => ({ reservations: {}, load: 0 });

// ---- Helpers --------------------------------------------------------------------------------

/** «1 наставляемого», «2 наставляемых», «21 наставляемого». */
const menteesAccusative = (count: number): string =>
  `${count} ${count % 10 === 1 && count % 100 !== 11 ? 'наставляемого' : 'наставляемых'}`;

/** «в группе 21 наставляемый», «3 наставляемых». */
const menteesNominative = (count: number): string =>
  `${count} ${count % 10 === 1 && count % 100 !== 11 ? 'наставляемый' : 'наставляемых'}`;

// ---- Decisions ------------------------------------------------------------------------------

// No actor check on either command: only the pair workflow sends them, on behalf of whoever formed the pair.
const reserve = ({ data, metadata }: ReserveMenteeSlots, state: MentorLoadState): MentorLoadEvent[] => {
  if (isBlank(data.pairId) || isBlank(data.mentorId)) {
    return refuse('mentor.load.invalid', 'Не указаны пара/группа или наставник');
  }
  if (state.mentorId !== undefined && state.mentorId !== data.mentorId) {
    return refuse('mentor.load.wrongMentor', 'Запрос относится к другому наставнику');
  }
  if (!Number.isInteger(data.menteeCount) || data.menteeCount < 1) {
    return refuse('mentor.load.menteeCountInvalid', 'Число наставляемых должно быть целым положительным');
  }
  if (!Number.isInteger(data.capacity) || data.capacity < 1) {
    return refuse('mentor.load.capacityInvalid', 'Допустимое число наставляемых должно быть целым положительным');
  }
  const existing = state.reservations[data.pairId];
  // A retried reservation for the same pair is already in the load.
  if (existing === data.menteeCount) return [];
  if (existing !== undefined) {
    return refuse(
      'mentor.load.reservationMismatch',
      `Для этой пары/группы уже зарезервировано мест: ${existing}; сначала освободите их`,
    );
  }
  // A group larger than the capacity never fits, whatever the mentor's load: say so rather than «уже сопровождает 0».
  if (data.menteeCount > data.capacity) {
    return refuse(
      'mentor.capacity.exceeded',
      `В группе ${menteesNominative(data.menteeCount)}, а наставник может сопровождать не более ${data.capacity} одновременно`,
    );
  }
  if (state.load + data.menteeCount > data.capacity) {
    return refuse(
      'mentor.capacity.exceeded',
      `Наставник уже сопровождает ${menteesAccusative(state.load)}; допустимо не более ${data.capacity} одновременно`,
    );
  }
  return [
    {
      type: 'MenteeSlotsReserved',
      data: {
        mentorId: data.mentorId,
        pairId: data.pairId,
        menteeCount: data.menteeCount,
        capacity: data.capacity,
        loadAfter: state.load + data.menteeCount,
        reservedAt: metadata.now,
        reservedBy: metadata.actorId,
      },
    },
  ];
};

const release = ({ data, metadata }: ReleaseMenteeSlots, state: MentorLoadState): MentorLoadEvent[] => {
  const menteeCount = state.reservations[data.pairId];
  // Releasing twice (a retried activity) frees nothing more.
  if (menteeCount === undefined || state.mentorId === undefined) return [];
  return [
    {
      type: 'MenteeSlotsReleased',
      data: {
        mentorId: state.mentorId,
        pairId: data.pairId,
        menteeCount,
        loadAfter: state.load - menteeCount,
        releasedAt: metadata.now,
        releasedBy: metadata.actorId,
      },
    },
  ];
};

export const decideMentorLoad = decideBy<MentorLoadCommand, MentorLoadState, MentorLoadEvent>({
  ReserveMenteeSlots: reserve,
  ReleaseMenteeSlots: release,
});

// ---- Evolution ------------------------------------------------------------------------------

export const evolveMentorLoad = (state: MentorLoadState, event: MentorLoadEvent): MentorLoadState => {
  switch (event.type) {
    case 'MenteeSlotsReserved':
      return {
        mentorId: event.data.mentorId,
        reservations: { ...state.reservations, [event.data.pairId]: event.data.menteeCount },
        load: state.load + event.data.menteeCount,
      };
    case 'MenteeSlotsReleased': {
      const reservations = { ...state.reservations };
      delete reservations[event.data.pairId];
      return { ...state, reservations, load: state.load - event.data.menteeCount };
    }
    default:
      return assertNever(event);
  }
};

export const mentorLoadDecider = decider(decideMentorLoad, evolveMentorLoad, initialMentorLoadState);
