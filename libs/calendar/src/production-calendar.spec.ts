import { CalendarArgumentError, CalendarYearMissingError } from './calendar.errors';
import { CalendarYear } from './calendar-year';
import { parseProductionCalendarXml } from './production-calendar-xml.parser';
import { defaultProductionCalendar, ProductionCalendar } from './production-calendar';

// Every expected date below was counted by hand from libs/calendar/data/YYYY.xml
// (t=1 day off, t=2 shortened working, t=3 working weekend day; other Mon–Fri working).

const calendar = defaultProductionCalendar();
const MOSCOW = 'Europe/Moscow';

const thrown = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('the methodologist’s 10 working days (DOMAIN "Working days")', () => {
  it.each([
    ['at the first instant of the day', '2026-04-27T21:00:00.000Z'],
    ['in the morning', '2026-04-28T09:15:00+03:00'],
    ['at the last instant of the day', '2026-04-28T20:59:59.999Z'],
  ])(
    'results received on Tue 28 April 2026 %s in Moscow are due at the end of Thu 14 May, not 12 May',
    (_, receivedAt) => {
      // Apr 29, 30 | May 1 off, 2–3 weekend | 4, 5, 6, 7, 8 | 9–10 weekend, 11 off (f=05.09) | 12, 13, 14
      expect(calendar.addWorkingDays(receivedAt, 10, MOSCOW)).toEqual({
        dueLocalDate: '2026-05-14',
        dueAt: '2026-05-14T21:00:00.000Z',
      });
    },
  );

  it('results received one minute before 28 April (Moscow) are due a working day earlier', () => {
    expect(calendar.addWorkingDays('2026-04-27T20:59:00Z', 10, MOSCOW).dueLocalDate).toBe('2026-05-13');
  });

  it('accepts a Date as well as an ISO string', () => {
    expect(calendar.addWorkingDays(new Date('2026-04-28T12:00:00Z'), 10, MOSCOW).dueLocalDate).toBe('2026-05-14');
  });

  it('counts across the May holidays of 2019', () => {
    // Fri Apr 26 → Apr 29, 30 | May 1–3 off, 4–5 | 6, 7, 8 | 9–10 off, 11–12 | 13–17
    expect(calendar.addWorkingDays('2019-04-26T15:00:00+03:00', 10, MOSCOW).dueLocalDate).toBe('2019-05-17');
  });
});

describe('n = 1: the next working day after the event’s local date', () => {
  it('an event on a working day is due at the end of the next day', () => {
    expect(calendar.addWorkingDays('2026-04-28T08:00:00+03:00', 1, MOSCOW)).toEqual({
      dueLocalDate: '2026-04-29',
      dueAt: '2026-04-29T21:00:00.000Z',
    });
  });

  it('an event on a shortened Friday before the Victory Day weekend is due on Tue 12 May 2026', () => {
    // May 8 t=2 (the event day itself never counts), 9–10 weekend, 11 t=1 f=05.09
    expect(calendar.addWorkingDays('2026-05-08T16:00:00+03:00', 1, MOSCOW).dueLocalDate).toBe('2026-05-12');
  });

  it('an event on a day off is treated the same: the period starts the next day', () => {
    expect(calendar.addWorkingDays('2026-05-09T12:00:00+03:00', 1, MOSCOW).dueLocalDate).toBe('2026-05-12');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses n = %p', (n) => {
    expect(thrown(() => calendar.addWorkingDays('2026-04-28T08:00:00Z', n, MOSCOW))).toBeInstanceOf(
      CalendarArgumentError,
    );
  });
});

describe('New Year holidays and transferred days', () => {
  it('diagnostics on Fri 27 Dec 2024: the working Saturday 28 Dec counts, Dec 30–31 and Jan 1–8 do not', () => {
    // Dec 28 t=3 (1) | 29 Sun, 30 t=1 f=12.28, 31 t=1 f=01.07 | Jan 1–8 t=1 | 9, 10 | 13–17 | 20, 21
    expect(calendar.addWorkingDays('2024-12-27T14:00:00+03:00', 10, MOSCOW)).toEqual({
      dueLocalDate: '2025-01-21',
      dueAt: '2025-01-21T21:00:00.000Z',
    });
  });

  it('Fri 27 Dec 2019 + 5 working days: Dec 30, 31 (shortened), then Jan 9, 10, 13 of 2020', () => {
    expect(calendar.addWorkingDays('2019-12-27T10:00:00+03:00', 5, MOSCOW).dueLocalDate).toBe('2020-01-13');
  });

  it('a working Saturday counts as the next working day (2016-02-20, 2018-12-29, 2022-03-05, 2024-04-27, 2025-11-01)', () => {
    expect(calendar.addWorkingDays('2016-02-19T12:00:00+03:00', 1, MOSCOW).dueLocalDate).toBe('2016-02-20');
    expect(calendar.addWorkingDays('2018-12-28T12:00:00+03:00', 1, MOSCOW).dueLocalDate).toBe('2018-12-29');
    expect(calendar.addWorkingDays('2022-03-04T12:00:00+03:00', 1, MOSCOW).dueLocalDate).toBe('2022-03-05');
    expect(calendar.addWorkingDays('2024-04-26T12:00:00+03:00', 1, MOSCOW).dueLocalDate).toBe('2024-04-27');
    expect(calendar.addWorkingDays('2025-10-31T12:00:00+03:00', 1, MOSCOW).dueLocalDate).toBe('2025-11-01');
  });

  it('after the working Saturday 27 Apr 2024 come four days off: Apr 28 (Sun), 29, 30, May 1', () => {
    expect(calendar.addWorkingDays('2024-04-26T12:00:00+03:00', 2, MOSCOW).dueLocalDate).toBe('2024-05-02');
  });

  it('Defender of the Fatherland Day 2023 plus the transferred Friday 24 Feb', () => {
    // Feb 22 t=2 (1) | 23 holiday, 24 t=1 f=01.01, 25–26 weekend | 27 (2), 28 (3)
    expect(calendar.addWorkingDays('2023-02-21T12:00:00+03:00', 3, MOSCOW).dueLocalDate).toBe('2023-02-28');
  });
});

describe('decreed non-working days', () => {
  it('2020: nothing counts from 28 March to 11 May', () => {
    // Mar 28–29 weekend, Mar 30–Apr 30 decrees 206/239, May 1–11 holidays, transfers and decree 294
    expect(calendar.addWorkingDays('2020-03-27T18:00:00+03:00', 1, MOSCOW)).toEqual({
      dueLocalDate: '2020-05-12',
      dueAt: '2020-05-12T21:00:00.000Z',
    });
  });

  it('2020: 15 April is a named non-working day, 24 June and 1 July too', () => {
    expect(calendar.dayInfo('2020-04-15')).toEqual({
      date: '2020-04-15',
      kind: 'holiday',
      isWorking: false,
      holiday: 'Нерабочие дни (Указ Президента от 02.04.2020 №239)',
    });
    expect(calendar.isWorkingDay('2020-06-24')).toBe(false);
    expect(calendar.isWorkingDay('2020-07-01')).toBe(false);
  });

  it('2021: 4–7 May and 1–3 November were non-working', () => {
    // Fri Apr 30 → May 1–2 weekend, 3 t=1, 4–7 decree, 8–9 weekend, 10 t=1 → Tue May 11
    expect(calendar.addWorkingDays('2021-04-30T12:00:00+03:00', 1, MOSCOW).dueLocalDate).toBe('2021-05-11');
    // Fri Oct 29 → Oct 30–31, Nov 1–3 decree, 4 holiday, 5 t=1 f=01.02, 6–7 → Nov 8, 9, 10
    expect(calendar.addWorkingDays('2021-10-29T12:00:00+03:00', 3, MOSCOW).dueLocalDate).toBe('2021-11-10');
  });
});

describe('day kinds', () => {
  it.each([
    ['2026-01-01', 'holiday'], // Thu, New Year holidays
    ['2026-01-09', 'dayOff'], // Fri, transferred from Sat Jan 3
    ['2026-01-12', 'working'], // Mon
    ['2026-04-30', 'shortened'], // Thu before May 1
    ['2026-05-09', 'holiday'], // Sat, Victory Day
    ['2026-05-10', 'dayOff'], // Sun, not listed
    ['2026-05-11', 'dayOff'], // Mon, transferred from May 9
    ['2024-04-27', 'working'], // Sat made working (t=3)
    ['2025-11-01', 'shortened'], // Sat made working and shortened (t=2)
    ['2023-02-24', 'dayOff'], // Fri, transferred from Jan 1
    ['2019-03-08', 'holiday'],
    ['2020-04-30', 'holiday'], // would be shortened, but the decree made it non-working
  ] as const)('%s is %s', (date, kind) => {
    expect(calendar.dayKind(date)).toBe(kind);
    expect(calendar.isWorkingDay(date)).toBe(kind === 'working' || kind === 'shortened');
  });

  it('names the holiday and the transfer source', () => {
    expect(calendar.dayInfo('2026-06-12')).toMatchObject({ kind: 'holiday', holiday: 'День России' });
    expect(calendar.dayInfo('2026-12-31')).toEqual({
      date: '2026-12-31',
      kind: 'dayOff',
      isWorking: false,
      transferredFrom: '01.04',
    });
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '2026-01-01T00:00:00Z'])(
    'refuses the date %p',
    (date) => {
      expect(thrown(() => calendar.isWorkingDay(date))).toBeInstanceOf(CalendarArgumentError);
    },
  );
});

describe('working days between two dates, (from, to]', () => {
  // Official annual norms (40-hour week) of working days; 2020 and 2021 less the decreed
  // non-working weekdays (2020: 29 = Mar 30–Apr 3, 19 in April, May 6–8, Jun 24, Jul 1;
  // 2021: 7 = May 4–7, Nov 1–3).
  it.each([
    [2013, 247],
    [2014, 247],
    [2015, 247],
    [2016, 247],
    [2017, 247],
    [2018, 247],
    [2019, 247],
    [2020, 248 - 29],
    [2021, 247 - 7],
    [2022, 247],
    [2023, 247],
    [2024, 248],
    [2025, 247],
    [2026, 247],
  ])('%i has %i working days', (year, expected) => {
    expect(calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)).toBe(expected);
  });

  it('2026 month by month', () => {
    const monthEnds = [
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
    ];
    const counts = monthEnds.slice(1).map((end, i) => calendar.workingDaysBetween(monthEnds[i] ?? '', end));
    expect(counts).toEqual([15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22]);
  });

  it('shows the days left to a deadline, 0 on the due date and negative once it has passed', () => {
    expect(calendar.workingDaysBetween('2026-04-28', '2026-05-14')).toBe(10);
    expect(calendar.workingDaysBetween('2026-05-08', '2026-05-14')).toBe(3);
    expect(calendar.workingDaysBetween('2026-05-14', '2026-05-14')).toBe(0);
    expect(calendar.workingDaysBetween('2026-05-18', '2026-05-14')).toBe(-2);
  });
});

describe('time zones (Russia spans UTC+2 … UTC+12)', () => {
  it('Thursday evening in Kaliningrad is already Friday in Vladivostok: different due dates', () => {
    const instant = '2026-03-12T15:00:00Z'; // 17:00 Thu in Kaliningrad, 01:00 Fri in Vladivostok
    expect(calendar.addWorkingDays(instant, 1, 'Europe/Kaliningrad')).toEqual({
      dueLocalDate: '2026-03-13',
      dueAt: '2026-03-13T22:00:00.000Z',
    });
    expect(calendar.addWorkingDays(instant, 1, 'Asia/Vladivostok')).toEqual({
      dueLocalDate: '2026-03-16',
      dueAt: '2026-03-16T14:00:00.000Z',
    });
  });

  it('Friday evening: same due date (Tue 17 Mar 2026), eight hours apart', () => {
    const instant = '2026-03-13T17:00:00Z'; // 19:00 Fri in Kaliningrad, 03:00 Sat in Vladivostok
    expect(calendar.addWorkingDays(instant, 2, 'Europe/Kaliningrad').dueAt).toBe('2026-03-17T22:00:00.000Z');
    expect(calendar.addWorkingDays(instant, 2, 'Asia/Vladivostok').dueAt).toBe('2026-03-17T14:00:00.000Z');
  });

  it.each([
    ['Europe/Kaliningrad', '2026-05-14T22:00:00.000Z'],
    ['Europe/Moscow', '2026-05-14T21:00:00.000Z'],
    ['Asia/Yekaterinburg', '2026-05-14T19:00:00.000Z'],
    ['Asia/Novosibirsk', '2026-05-14T17:00:00.000Z'],
    ['Asia/Vladivostok', '2026-05-14T14:00:00.000Z'],
    ['Asia/Kamchatka', '2026-05-14T12:00:00.000Z'],
  ])('the 28 April 2026 example in %s ends at local midnight %s', (timeZone, dueAt) => {
    expect(calendar.addWorkingDays('2026-04-28T12:00:00+03:00', 10, timeZone)).toEqual({
      dueLocalDate: '2026-05-14',
      dueAt,
    });
  });

  it('uses the offset in force on the due date: Moscow moved from UTC+4 to UTC+3 on 26 Oct 2014', () => {
    // Oct 21–24, 27–31 | Nov 3 t=1, 4 holiday | Nov 5; the event is read at UTC+4, the deadline at UTC+3
    expect(calendar.addWorkingDays('2014-10-20T23:30:00+04:00', 10, MOSCOW)).toEqual({
      dueLocalDate: '2014-11-05',
      dueAt: '2014-11-05T21:00:00.000Z',
    });
    // 20:30Z on Oct 20 was already 00:30 on Oct 21 at UTC+4 (a fixed UTC+3 would say Oct 20)
    expect(calendar.addWorkingDays('2014-10-20T20:30:00Z', 10, MOSCOW).dueLocalDate).toBe('2014-11-06');
  });

  it('refuses an unknown time zone and an instant without an offset', () => {
    const badZone = thrown(() => calendar.addWorkingDays('2026-04-28T12:00:00Z', 10, 'Europe/Atlantis'));
    expect(badZone).toBeInstanceOf(CalendarArgumentError);
    expect(badZone).toMatchObject({ messageRu: expect.stringContaining('Europe/Atlantis') });
    expect(thrown(() => calendar.addWorkingDays('2026-04-28T12:00:00', 10, MOSCOW))).toBeInstanceOf(
      CalendarArgumentError,
    );
    expect(thrown(() => calendar.addWorkingDays('2026-02-30T12:00:00Z', 10, MOSCOW))).toBeInstanceOf(
      CalendarArgumentError,
    );
    expect(thrown(() => calendar.addWorkingDays(new Date(Number.NaN), 10, MOSCOW))).toBeInstanceOf(
      CalendarArgumentError,
    );
  });
});

describe('the official 2027 calendar (decree data of 2026-09-02)', () => {
  it('diagnostics on Thu 24 Dec 2026 are due on Mon 18 Jan 2027: the 2026 calendar no longer ends the count', () => {
    // Dec 25 | 28, 29, 30 | Dec 31 t=1 | Jan 1–8 t=1, 9–10 weekend | 11, 12, 13, 14, 15 | 18
    expect(calendar.addWorkingDays('2026-12-24T11:00:00+03:00', 10, MOSCOW)).toEqual({
      dueLocalDate: '2027-01-18',
      dueAt: '2027-01-18T21:00:00.000Z',
    });
  });

  it('Sat 20 Feb 2027 is a shortened working day and Mon 22 Feb a day off transferred from it', () => {
    // Feb 19 | 20 t=2 | 21 Sun, 22 t=1 f=02.20, 23 t=1 | 24
    expect(calendar.addWorkingDays('2027-02-18T10:00:00+03:00', 3, MOSCOW).dueLocalDate).toBe('2027-02-24');
    expect(calendar.dayInfo('2027-02-20')).toMatchObject({ kind: 'shortened', isWorking: true });
    expect(calendar.dayInfo('2027-02-22')).toMatchObject({
      kind: 'dayOff',
      isWorking: false,
      transferredFrom: '02.20',
    });
  });

  it('4 and 5 Nov 2027 are off (5 Nov transferred from 2 January), 3 Nov is shortened', () => {
    // Nov 3 t=2 | 4 t=1 h=8, 5 t=1 f=01.02, 6–7 weekend | 8, 9
    expect(calendar.addWorkingDays('2027-11-02T10:00:00+03:00', 3, MOSCOW).dueLocalDate).toBe('2027-11-09');
    expect(calendar.dayInfo('2027-11-04')).toMatchObject({ kind: 'holiday', holiday: 'День народного единства' });
  });

  it('31 Dec 2027 is a day off: four working days from Mon 27 Dec end on Thu 30 Dec', () => {
    expect(calendar.addWorkingDays('2027-12-27T12:00:00+03:00', 3, MOSCOW).dueLocalDate).toBe('2027-12-30');
    expect(calendar.isWorkingDay('2027-12-31')).toBe(false);
  });

  it('the same instant counts from the local date of each zone: Sunday in Moscow, Monday in Kamchatka', () => {
    const instant = '2027-12-26T13:00:00Z';
    expect(calendar.addWorkingDays(instant, 1, MOSCOW)).toEqual({
      dueLocalDate: '2027-12-27',
      dueAt: '2027-12-27T21:00:00.000Z',
    });
    expect(calendar.addWorkingDays(instant, 1, 'Asia/Kamchatka')).toEqual({
      dueLocalDate: '2027-12-28',
      dueAt: '2027-12-28T12:00:00.000Z',
    });
  });
});

describe('a year the data lacks', () => {
  it('a deadline running into 2028 says the 2028 calendar is missing instead of guessing Mon–Fri', () => {
    // Dec 28, 29, 30 count; Dec 31 is off (transferred from 2 January); the 4th working day would be in 2028
    const error = thrown(() => calendar.addWorkingDays('2027-12-27T12:00:00+03:00', 4, MOSCOW));
    expect(error).toBeInstanceOf(CalendarYearMissingError);
    expect(error).toMatchObject({
      year: 2028,
      code: 'CALENDAR_YEAR_MISSING',
      message: 'No production calendar for 2028: load the 2028 calendar',
      messageRu: 'Нет производственного календаря на 2028 год: загрузите его',
    });
  });

  it('a deadline that ends before the missing year is still computed', () => {
    expect(calendar.addWorkingDays('2027-12-27T12:00:00+03:00', 3, MOSCOW)).toEqual({
      dueLocalDate: '2027-12-30',
      dueAt: '2027-12-30T21:00:00.000Z',
    });
  });

  it.each(['2012-06-01', '2028-01-11'])('asking about %s names the missing year', (date) => {
    const error = thrown(() => calendar.dayKind(date));
    expect(error).toBeInstanceOf(CalendarYearMissingError);
    expect(error).toMatchObject({ year: Number(date.slice(0, 4)) });
    expect(thrown(() => calendar.isWorkingDay(date))).toBeInstanceOf(CalendarYearMissingError);
  });

  it('counting working days into a missing year fails too', () => {
    expect(thrown(() => calendar.workingDaysBetween('2027-12-01', '2028-01-31'))).toBeInstanceOf(
      CalendarYearMissingError,
    );
  });
});

describe('loading and replacing years', () => {
  // A made-up 2028 for the tests only (not the official calendar): Jan 3–7 and Jan 10 off.
  const fixture2028 = parseProductionCalendarXml(`<?xml version="1.0" encoding="UTF-8"?>
    <calendar year="2028" lang="ru" country="ru">
      <holidays><holiday id="1" title="Новогодние каникулы"/></holidays>
      <days>
        <day d="01.03" t="1" h="1"/><day d="01.04" t="1" h="1"/><day d="01.05" t="1" h="1"/>
        <day d="01.06" t="1" h="1"/><day d="01.07" t="1" h="1"/>
        <day d="01.10" t="1"/>
      </days>
    </calendar>`);

  it('the default calendar holds 2013–2027', () => {
    expect(calendar.years()).toEqual([
      2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027,
    ]);
    expect(defaultProductionCalendar()).toBe(calendar);
  });

  it('withYear adds a year and leaves the original untouched', () => {
    const extended = calendar.withYear(fixture2028);
    expect(extended.years()).toContain(2028);
    expect(calendar.hasYear(2028)).toBe(false);
    // Dec 28, 29, 30 | Dec 31 off | Jan 1–2 weekend, 3–7 off per the fixture, 8–9 weekend, 10 off | Jan 11 is the 4th
    expect(extended.addWorkingDays('2027-12-27T12:00:00+03:00', 4, MOSCOW).dueLocalDate).toBe('2028-01-11');
  });

  it('withYear replaces a year: an extra day off on 14 May 2026 moves the example to 15 May', () => {
    const official = calendar.calendarYear(2026);
    const amended: CalendarYear = { ...official, days: [...official.days, { monthDay: '05.14', type: 'dayOff' }] };
    const replaced = calendar.withYear(amended);
    expect(replaced.years()).toEqual(calendar.years());
    expect(replaced.addWorkingDays('2026-04-28T12:00:00+03:00', 10, MOSCOW).dueLocalDate).toBe('2026-05-15');
    expect(calendar.addWorkingDays('2026-04-28T12:00:00+03:00', 10, MOSCOW).dueLocalDate).toBe('2026-05-14');
  });

  it('an empty calendar knows no year at all', () => {
    const error = thrown(() => new ProductionCalendar().isWorkingDay('2026-05-14'));
    expect(error).toBeInstanceOf(CalendarYearMissingError);
  });

  it('refuses the same year twice and invalid hand-built years', () => {
    expect(() => new ProductionCalendar([fixture2028, fixture2028])).toThrow('The 2028 calendar is given twice');
    expect(() => calendar.withYear({ ...fixture2028, days: [{ monthDay: '02.30', type: 'dayOff' }] })).toThrow(
      'Invalid date 02.30 in the 2028 calendar',
    );
  });

  it('the loaded years cannot be changed from outside', () => {
    expect(Object.isFrozen(calendar.calendarYear(2026).days)).toBe(true);
  });
});
