import type { Acted, DomainEvent } from '../shared/decider';

/** A mentor's slots taken by one pair or group (stream `mentor-load-<personId>`). */
export type MenteeSlotsReserved = DomainEvent<
  'MenteeSlotsReserved',
  {
    readonly mentorId: string;
    readonly pairId: string;
    readonly menteeCount: number;
    /** The capacity the reservation was checked against (organisation setting, 002 §4.3). */
    readonly capacity: number;
    readonly loadAfter: number;
  } & Acted<'reserved'>
>;

export type MenteeSlotsReleased = DomainEvent<
  'MenteeSlotsReleased',
  {
    readonly mentorId: string;
    readonly pairId: string;
    readonly menteeCount: number;
    readonly loadAfter: number;
  } & Acted<'released'>
>;

export type MentorLoadEvent = MenteeSlotsReserved | MenteeSlotsReleased;
