import type { DomainEvent } from '../shared/decider';

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
    readonly reservedAt: string;
    readonly reservedBy: string;
  }
>;

export type MenteeSlotsReleased = DomainEvent<
  'MenteeSlotsReleased',
  {
    readonly mentorId: string;
    readonly pairId: string;
    readonly menteeCount: number;
    readonly loadAfter: number;
    readonly releasedAt: string;
    readonly releasedBy: string;
  }
>;

export type MentorLoadEvent = MenteeSlotsReserved | MenteeSlotsReleased;
