import { academicYearOf, notInFutureProblems, russianDateTime, todayOf } from './dates';

describe('dates of things that have happened', () => {
  const stamped = { now: '2031-03-10T20:30:00Z', today: '2031-03-11' };

  it('accept today and the past in the organisation’s zone', () => {
    expect(notInFutureProblems('2031-03-11', stamped, 'x.future', 'Дата диагностики')).toEqual([]);
    expect(notInFutureProblems('2030-12-31', stamped, 'x.future', 'Дата диагностики')).toEqual([]);
  });

  it('refuse tomorrow, naming the field and today', () => {
    expect(notInFutureProblems('2031-03-12', stamped, 'x.future', 'Дата диагностики')).toEqual([
      { code: 'x.future', message: 'Дата диагностики не может быть позже сегодняшнего дня (11.03.2031)' },
    ]);
  });

  it('without a stamped date, take the latest date on Earth (UTC+14) so nothing begun locally is refused', () => {
    expect(todayOf({ now: '2031-03-10T10:00:00Z' })).toBe('2031-03-11');
    expect(notInFutureProblems('2031-03-12', { now: '2031-03-10T10:00:00Z' }, 'x.future', 'Дата')).toHaveLength(1);
  });

  it('leave malformed or absent dates to the format checks', () => {
    expect(notInFutureProblems(undefined, stamped, 'x.future', 'Дата')).toEqual([]);
    expect(notInFutureProblems('2031-02-30', stamped, 'x.future', 'Дата')).toEqual([]);
  });
});

describe('the monitoring period: the academic year', () => {
  it('runs from 1 September to 31 August, whichever side of the new year the date lies', () => {
    expect(academicYearOf('2026-09-01')).toEqual({ start: '2026-09-01', end: '2027-08-31' });
    expect(academicYearOf('2027-01-15')).toEqual({ start: '2026-09-01', end: '2027-08-31' });
    expect(academicYearOf('2027-08-31')).toEqual({ start: '2026-09-01', end: '2027-08-31' });
  });
});

describe('an instant as a Russian reader reads it', () => {
  it('is written дд.мм.гггг, чч:мм in the zone asked for, midnight as 00', () => {
    expect(russianDateTime('2031-03-10T15:05:00Z', 'Asia/Vladivostok')).toBe('11.03.2031, 01:05');
    expect(russianDateTime('2031-03-10T21:00:00Z', 'Europe/Moscow')).toBe('11.03.2031, 00:00');
    expect(russianDateTime('2031-03-10T21:00:00Z', 'Europe/Samara')).toBe('11.03.2031, 01:00');
  });
});
