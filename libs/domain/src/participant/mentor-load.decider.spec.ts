import type { CommandMetadata } from '../shared/decider';
import { DomainRefusal } from '../shared/refusal';
import { deciderSpec } from '../shared/testing';
import { mentorLoadDecider, type MentorLoadCommand, type MentorLoadState } from './mentor-load.decider';
import type { MentorLoadEvent } from './mentor-load.events';

const spec = deciderSpec(mentorLoadDecider);
const now = '2026-08-28T07:00:00.000Z';
const workflow: CommandMetadata = { actorId: 'director-1', role: 'director', now };

const reserve = (pairId: string, menteeCount = 1, capacity = 2, mentorId = 'mentor-1'): MentorLoadCommand => ({
  type: 'ReserveMenteeSlots',
  data: { pairId, mentorId, menteeCount, capacity },
  metadata: workflow,
});
const release = (pairId: string): MentorLoadCommand => ({
  type: 'ReleaseMenteeSlots',
  data: { pairId },
  metadata: workflow,
});

const reserved = (pairId: string, loadAfter: number, menteeCount = 1, capacity = 2): MentorLoadEvent => ({
  type: 'MenteeSlotsReserved',
  data: { mentorId: 'mentor-1', pairId, menteeCount, capacity, loadAfter, reservedAt: now, reservedBy: 'director-1' },
});
const released = (pairId: string, loadAfter: number, menteeCount = 1): MentorLoadEvent => ({
  type: 'MenteeSlotsReleased',
  data: { mentorId: 'mentor-1', pairId, menteeCount, loadAfter, releasedAt: now, releasedBy: 'director-1' },
});

const fold = (events: MentorLoadEvent[]): MentorLoadState =>
  events.reduce(mentorLoadDecider.evolve, mentorLoadDecider.initialState());

describe('mentor load (at most two mentees at once, 002 §4.3)', () => {
  it('reserves the first slot', () =>
    spec
      .given([])
      .when(reserve('pair-1'))
      .then([reserved('pair-1', 1)]));

  it('reserves the second slot for another pair', () =>
    spec
      .given([reserved('pair-1', 1)])
      .when(reserve('pair-2'))
      .then([reserved('pair-2', 2)]));

  it('refuses a third mentee, saying how many the mentor has and the limit', () => {
    spec
      .given([reserved('pair-1', 1), reserved('pair-2', 2)])
      .when(reserve('pair-3'))
      .thenRefuses('mentor.capacity.exceeded');
    const state = fold([reserved('pair-1', 1), reserved('pair-2', 2)]);
    expect(() => mentorLoadDecider.decide(reserve('pair-3'), state)).toThrow(
      new DomainRefusal(
        'mentor.capacity.exceeded',
        'Наставник уже сопровождает 2 наставляемых; допустимо не более 2 одновременно',
      ),
    );
  });

  it('uses the singular form for one mentee', () => {
    const state = fold([reserved('pair-1', 1)]);
    expect(() => mentorLoadDecider.decide(reserve('pair-2', 1, 1), state)).toThrow(
      'Наставник уже сопровождает 1 наставляемого; допустимо не более 1 одновременно',
    );
  });

  it('refuses a group larger than the free slots', () =>
    spec
      .given([reserved('pair-1', 1)])
      .when(reserve('group-1', 2))
      .thenRefuses('mentor.capacity.exceeded'));

  it('refuses a group larger than the capacity by saying so, not «уже сопровождает 0» (defect 4)', () =>
    expect(() => mentorLoadDecider.decide(reserve('group-1', 3), fold([]))).toThrow(
      new DomainRefusal(
        'mentor.capacity.exceeded',
        'В группе 3 наставляемых, а наставник может сопровождать не более 2 одновременно',
      ),
    ));

  it('reserves a group of three when the organisation allows three (002 §9.1.3: «от двух и более»)', () =>
    spec
      .given([])
      .when(reserve('group-1', 3, 3))
      .then([reserved('group-1', 3, 3, 3)]));

  it('reserves a group of two at once', () =>
    spec
      .given([])
      .when(reserve('group-1', 2))
      .then([reserved('group-1', 2, 2)]));

  it('is idempotent: reserving again for the same pair records nothing', () =>
    spec
      .given([reserved('pair-1', 1), reserved('pair-2', 2)])
      .when(reserve('pair-2'))
      .then([]));

  it('refuses a different count for a pair that already holds slots', () =>
    spec
      .given([reserved('pair-1', 1)])
      .when(reserve('pair-1', 2))
      .thenRefuses('mentor.load.reservationMismatch'));

  it('releasing frees the slot for another pair', () => {
    spec
      .given([reserved('pair-1', 1), reserved('pair-2', 2)])
      .when(release('pair-1'))
      .then([released('pair-1', 1)]);
    spec
      .given([reserved('pair-1', 1), reserved('pair-2', 2), released('pair-1', 1)])
      .when(reserve('pair-3'))
      .then([reserved('pair-3', 2)]);
    expect(fold([reserved('pair-1', 1), reserved('pair-2', 2), released('pair-1', 1)])).toEqual({
      mentorId: 'mentor-1',
      reservations: { 'pair-2': 1 },
      load: 1,
    });
  });

  it('is idempotent on release: nothing held, nothing released', () => {
    spec
      .given([reserved('pair-1', 1), released('pair-1', 0)])
      .when(release('pair-1'))
      .then([]);
    spec.given([]).when(release('pair-1')).then([]);
  });

  it('refuses a reservation for another mentor on this stream', () =>
    spec
      .given([reserved('pair-1', 1)])
      .when(reserve('pair-2', 1, 2, 'mentor-2'))
      .thenRefuses('mentor.load.wrongMentor'));

  it.each([0, 1.5, -1])('refuses the mentee count %p', (count) =>
    spec.given([]).when(reserve('pair-1', count)).thenRefuses('mentor.load.menteeCountInvalid'),
  );

  it.each([0, 2.5])('refuses the capacity %p', (capacity) =>
    spec
      .given([])
      .when(reserve('pair-1', 1, capacity))
      .thenRefuses('mentor.load.capacityInvalid'),
  );

  it('refuses a blank pair or mentor', () =>
    spec
      .given([])
      .when(reserve(' ', 1, 2, ''))
      .thenRefuses('mentor.load.invalid'));
});
