import { consentDateProblems, personToday } from './person.consent';

describe('consent dates', () => {
  const now = '2026-09-01T09:00:00.000Z';

  it('given a consent dated today, when checked, then nothing is refused', () =>
    expect(consentDateProblems('2026-09-01', now)).toEqual([]));

  it('given a consent dated after today, when checked, then it is refused naming the date', () =>
    expect(consentDateProblems('2026-10-01', now)).toEqual([
      { code: 'person.consent.future', message: expect.stringContaining('Дата согласия') },
    ]));

  it('given a withdrawal dated after today, when checked, then the withdrawal date is named', () =>
    expect(consentDateProblems('2026-10-01', now, true)).toEqual([
      { code: 'person.consentWithdrawal.future', message: expect.stringContaining('Дата отзыва согласия') },
    ]));

  it('given a date that does not exist, when checked, then it is refused', () =>
    expect(consentDateProblems('2026-02-30', now)).toEqual([
      { code: 'person.consent.invalid', message: 'Дата согласия не существует' },
    ]));

  it('today never refuses a date that has begun somewhere (UTC+14)', () =>
    expect(personToday('2026-09-01T11:00:00.000Z')).toBe('2026-09-02'));
});
