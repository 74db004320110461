import { CalendarArgumentError } from './calendar.errors';
import { endOfLocalDay, localDateOf, localDateTimeOf, startOfLocalDay } from './time-zone';

// Offsets are those of the IANA database: Moscow UTC+4 from 2011-03-27 to 2014-10-26, UTC+3
// since; Novosibirsk UTC+6 until 2016-07-24, UTC+7 since; Kamchatka UTC+12 throughout.
describe('local midnight as a UTC instant', () => {
  it.each([
    ['Europe/Kaliningrad', '2026-01-01', '2025-12-31T22:00:00.000Z'],
    ['Europe/Moscow', '2026-01-01', '2025-12-31T21:00:00.000Z'],
    ['Asia/Yekaterinburg', '2026-01-01', '2025-12-31T19:00:00.000Z'],
    ['Asia/Novosibirsk', '2026-01-01', '2025-12-31T17:00:00.000Z'],
    ['Asia/Vladivostok', '2026-01-01', '2025-12-31T14:00:00.000Z'],
    ['Asia/Kamchatka', '2026-01-01', '2025-12-31T12:00:00.000Z'],
    ['Europe/Moscow', '2013-06-10', '2013-06-09T20:00:00.000Z'],
    ['Europe/Kaliningrad', '2014-06-10', '2014-06-09T21:00:00.000Z'],
    ['Europe/Moscow', '2014-10-26', '2014-10-25T20:00:00.000Z'], // the change happened at 02:00 local
    ['Europe/Moscow', '2014-10-27', '2014-10-26T21:00:00.000Z'],
    ['Asia/Novosibirsk', '2016-07-24', '2016-07-23T18:00:00.000Z'],
    ['Asia/Novosibirsk', '2016-07-25', '2016-07-24T17:00:00.000Z'],
    ['Asia/Kamchatka', '2013-03-01', '2013-02-28T12:00:00.000Z'],
    ['UTC', '2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('%s %s begins at %s', (timeZone, date, expected) => {
    expect(startOfLocalDay(date, timeZone)).toBe(expected);
  });

  it('finds the start of a day whose midnight does not exist (São Paulo, 2018-11-04 00:00 → 01:00)', () => {
    expect(startOfLocalDay('2018-11-04', 'America/Sao_Paulo')).toBe('2018-11-04T03:00:00.000Z');
    expect(startOfLocalDay('2018-11-03', 'America/Sao_Paulo')).toBe('2018-11-03T03:00:00.000Z');
  });

  it('takes the first midnight when clocks go back across it (São Paulo, 2019-02-17)', () => {
    expect(startOfLocalDay('2019-02-17', 'America/Sao_Paulo')).toBe('2019-02-17T03:00:00.000Z');
  });
});

describe('end of a local day: the start of the next one, exclusive', () => {
  it.each([
    ['Europe/Moscow', '2026-05-14', '2026-05-14T21:00:00.000Z'],
    ['Europe/Kaliningrad', '2026-12-31', '2026-12-31T22:00:00.000Z'],
    ['Asia/Kamchatka', '2026-02-28', '2026-02-28T12:00:00.000Z'],
    ['Europe/Moscow', '2014-10-25', '2014-10-25T20:00:00.000Z'], // still UTC+4 at the next midnight
    ['Europe/Moscow', '2014-10-26', '2014-10-26T21:00:00.000Z'], // UTC+3 by then
  ])('%s %s ends at %s', (timeZone, date, expected) => {
    expect(endOfLocalDay(date, timeZone)).toBe(expected);
  });

  it('refuses a date that does not exist', () => {
    expect(() => endOfLocalDay('2026-02-29', 'Europe/Moscow')).toThrow(CalendarArgumentError);
  });
});

describe('local date of an instant', () => {
  it.each([
    ['2026-03-12T21:59:59.999Z', 'Europe/Kaliningrad', '2026-03-12'],
    ['2026-03-12T22:00:00.000Z', 'Europe/Kaliningrad', '2026-03-13'],
    ['2026-03-12T13:59:59Z', 'Asia/Vladivostok', '2026-03-12'],
    ['2026-03-12T14:00:00Z', 'Asia/Vladivostok', '2026-03-13'],
    ['2026-03-12T12:00:00Z', 'Asia/Kamchatka', '2026-03-13'],
    ['2014-06-10T20:30:00Z', 'Europe/Moscow', '2014-06-11'], // UTC+4 then
    ['2026-06-10T20:30:00Z', 'Europe/Moscow', '2026-06-10'], // UTC+3 now
    ['2026-06-11T02:30:00+05:00', 'Europe/Moscow', '2026-06-11'],
    ['2026-06-10T23:30:00-01:00', 'Asia/Yekaterinburg', '2026-06-11'],
  ])('%s in %s is %s', (instant, timeZone, expected) => {
    expect(localDateOf(instant, timeZone)).toBe(expected);
  });

  it.each(['2026-06-10', '2026-06-10T12:00:00', '2026-06-10T24:00:00Z', 'yesterday', ''])(
    'refuses the instant %p',
    (instant) => {
      expect(() => localDateOf(instant, 'Europe/Moscow')).toThrow(CalendarArgumentError);
    },
  );

  it.each(['', 'Moscow', 'Europe/Nowhere'])('refuses the time zone %p', (timeZone) => {
    expect(() => localDateOf('2026-06-10T12:00:00Z', timeZone)).toThrow(CalendarArgumentError);
  });
});

describe("local wall-clock time of an instant (the audit history's recordedAtLocal)", () => {
  it.each([
    ['2026-03-01T21:30:15.999Z', 'Europe/Samara', '2026-03-02T01:30:15'], // seconds truncated, not rounded
    ['2026-03-01T00:00:00.000Z', 'Asia/Kamchatka', '2026-03-01T12:00:00'],
    ['2014-10-25T21:59:59.500Z', 'Europe/Moscow', '2014-10-26T01:59:59'], // UTC+4 until 02:00 local
    ['2014-10-25T22:00:00.000Z', 'Europe/Moscow', '2014-10-26T01:00:00'], // then UTC+3: the hour repeats
    ['2026-06-10T23:30:00-01:00', 'UTC', '2026-06-11T00:30:00'],
  ])('%s in %s reads %s', (instant, timeZone, expected) => {
    expect(localDateTimeOf(instant, timeZone)).toBe(expected);
  });
});
