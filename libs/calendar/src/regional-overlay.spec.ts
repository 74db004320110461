import { CalendarDataError, CalendarYearMissingError } from './calendar.errors';
import { CalendarOverlay } from './calendar-overlay';
import { parseCalendarOverlayXml, parseProductionCalendarXml } from './production-calendar-xml.parser';
import { defaultProductionCalendar, ProductionCalendar } from './production-calendar';
import { knownRegion, russianFederalSubjects } from './regions';

// Every expected date below was counted by hand from libs/calendar/data/2027.xml and the overlays in
// this file. The federal 2027 days that matter here: 02.20 (Sat) t=2 shortened working, 02.22 (Mon)
// t=1 f=02.20, 02.23 (Tue) holiday, 03.08 (Mon) holiday, 05.01 (Sat) holiday, 05.03 (Mon) t=1 f=05.01,
// 11.03 (Wed) t=2, 11.04 (Thu) holiday, 11.05 (Fri) t=1 f=01.02; other Mon–Fri working.
// Weekdays of 2027 used below: 03.02 Tue, 03.09 Tue, 03.13 Sat, 05.16 Sun, 08.20 Fri, 08.30 Mon, 11.06 Sat.
//
// The overlays are examples built for the tests: the dates of Ураза-байрам and Курбан-байрам are set each
// year by a decree of the Rais of the Republic of Tatarstan (those of 2027 here are estimates); 30 August
// (День Республики Татарстан) and 6 November (День Конституции Республики Татарстан) are fixed by its law.

const federal = defaultProductionCalendar();
const MOSCOW = 'Europe/Moscow'; // Kazan
const UFA = 'Asia/Yekaterinburg'; // UTC+5
const TATARSTAN = 'Республика Татарстан';
const BASHKORTOSTAN = 'Республика Башкортостан';

/** What dayInfo answers for a day a region's overlay decides. */
const regionalDay = (region: string, date: string, kind: string, isWorking: boolean, holiday?: string) => ({
  date,
  kind,
  isWorking,
  ...(holiday === undefined ? {} : { holiday }),
  region,
});

const overlayXml = (
  days: string,
  { year = '2027', region = `region="${TATARSTAN}"`, holidays = '<holiday id="1" title="Ураза-байрам"/>' } = {},
): string =>
  `<?xml version="1.0" encoding="UTF-8"?>
<calendar year="${year}" lang="ru" country="ru" ${region}>
    <holidays>
        ${holidays}
    </holidays>
    <days>
        ${days}
    </days>
</calendar>`;

const tatarstanXml = overlayXml(
  `<day d="03.09" t="1" h="1"/>
        <day d="05.16" t="1" h="2"/>
        <day d="08.30" t="1" h="3"/>
        <day d="11.06" t="1" h="4"/>`,
  {
    holidays: `<holiday id="1" title="Ураза-байрам"/>
        <holiday id="2" title="Курбан-байрам"/>
        <holiday id="3" title="День Республики Татарстан"/>
        <holiday id="4" title="День Конституции Республики Татарстан"/>`,
  },
);
const tatarstan2027 = parseCalendarOverlayXml(tatarstanXml);

/** Replacements of federal days, one of each kind. */
const bashkortostan2027: CalendarOverlay = {
  region: BASHKORTOSTAN,
  year: 2027,
  holidays: [{ id: 1, title: 'Ураза-байрам' }],
  days: [
    { monthDay: '02.20', type: 'dayOff' }, // federal: a shortened working Saturday
    { monthDay: '03.09', type: 'dayOff', holidayId: 1 },
    { monthDay: '03.13', type: 'working' }, // federal: a Saturday off
    { monthDay: '05.03', type: 'shortened' }, // federal: a Monday off (t=1 f=05.01)
  ],
};

const withOverlays = federal.withOverlay(tatarstan2027).withOverlay(bashkortostan2027);
const tatarstan = withOverlays.forRegion(TATARSTAN);
const bashkortostan = withOverlays.forRegion('Башкортостан');

const failure = (action: () => unknown): CalendarDataError => {
  try {
    action();
  } catch (error) {
    if (error instanceof CalendarDataError) return error;
    throw error;
  }
  throw new Error('expected a CalendarDataError');
};

describe('parseCalendarOverlayXml', () => {
  it('reads the region from the root, with the days and holidays as in a federal year', () => {
    expect(tatarstan2027).toEqual({
      region: TATARSTAN,
      year: 2027,
      holidays: [
        { id: 1, title: 'Ураза-байрам' },
        { id: 2, title: 'Курбан-байрам' },
        { id: 3, title: 'День Республики Татарстан' },
        { id: 4, title: 'День Конституции Республики Татарстан' },
      ],
      days: [
        { monthDay: '03.09', type: 'dayOff', holidayId: 1 },
        { monthDay: '05.16', type: 'dayOff', holidayId: 2 },
        { monthDay: '08.30', type: 'dayOff', holidayId: 3 },
        { monthDay: '11.06', type: 'dayOff', holidayId: 4 },
      ],
    });
    expect(Object.isFrozen(tatarstan2027)).toBe(true);
  });

  it.each(['Татарстан', 'республика татарстан', '  Республика   Татарстан ', 'Республика Татарстан (Татарстан)'])(
    'names the region by its official name when the file writes %p',
    (region) => {
      expect(
        parseCalendarOverlayXml(overlayXml('<day d="03.09" t="1" h="1"/>', { region: `region="${region}"` })).region,
      ).toBe(TATARSTAN);
    },
  );

  it.each([
    [
      'without a region attribute',
      overlayXml('', { region: '' }),
      'Не указан регион (атрибут region элемента <calendar>) в календаре 2027 года (строка 2)',
    ],
    [
      'with an empty region',
      overlayXml('', { region: 'region=" "' }),
      'Не указан регион (атрибут region элемента <calendar>)',
    ],
    [
      'for an unknown region',
      overlayXml('', { region: 'region="Татарстания"' }),
      'Неизвестный субъект Российской Федерации «Татарстания» (атрибут region) в календаре 2027 года',
    ],
    [
      'for an ambiguous region',
      overlayXml('', { region: 'region="Алтай"' }),
      'Неизвестный субъект Российской Федерации «Алтай»',
    ],
    [
      'with an impossible date',
      overlayXml('<day d="02.30" t="1" h="1"/>'),
      'Неверная дата 02.30 в календаре 2027 года',
    ],
    [
      'with a working "weekend" day on a weekday',
      overlayXml('<day d="03.10" t="3"/>'),
      'не приходится на субботу или воскресенье',
    ],
    ['with an undeclared holiday', overlayXml('<day d="03.09" t="1" h="2"/>'), 'необъявленный праздник 2'],
    ['with broken XML', overlayXml('<day d="03.09" t="1"'), 'Повреждённый XML производственного календаря'],
    ['for another country', overlayXml('').replace('country="ru"', 'country="kz"'), 'Страна "kz" — не Россия'],
  ])('refuses an overlay %s, in Russian', (_, xml, messageRu) => {
    const error = failure(() => parseCalendarOverlayXml(xml));
    expect(error.code).toBe('CALENDAR_DATA_INVALID');
    expect(error.messageRu).toContain(messageRu);
  });

  it('the federal parser refuses a file that names a region: it would replace the whole country’s year', () => {
    expect(failure(() => parseProductionCalendarXml(tatarstanXml)).messageRu).toContain(
      'Календарь относится к региону "Республика Татарстан": загрузите его как региональный календарь, а не как федеральный год',
    );
  });
});

describe('a Tatarstan organisation’s working days: federal days plus the republic’s own', () => {
  it('10 working days from Tue 2 March 2027 end a day later, because Ураза-байрам (Tue 9 March) is off', () => {
    // Federal: Mar 3, 4, 5 (3) | 6–7 weekend, 8 holiday | 9, 10, 11, 12 (7) | 13–14 | 15, 16, 17 (10)
    expect(federal.addWorkingDays('2027-03-02T12:00:00+03:00', 10, MOSCOW)).toEqual({
      dueLocalDate: '2027-03-17',
      dueAt: '2027-03-17T21:00:00.000Z',
    });
    // Tatarstan: Mar 3, 4, 5 (3) | 8 holiday, 9 Ураза-байрам | 10, 11, 12 (6) | 15, 16, 17, 18 (10)
    expect(tatarstan.addWorkingDays('2027-03-02T12:00:00+03:00', 10, MOSCOW)).toEqual({
      dueLocalDate: '2027-03-18',
      dueAt: '2027-03-18T21:00:00.000Z',
    });
  });

  it('10 working days from Fri 20 August 2027 skip the Day of the Republic (Mon 30 August)', () => {
    // Federal: Aug 23–27 (5) | 30, 31, Sep 1, 2, 3 (10)
    expect(federal.addWorkingDays('2027-08-20T15:00:00+03:00', 10, MOSCOW).dueLocalDate).toBe('2027-09-03');
    // Tatarstan: Aug 23–27 (5) | 30 off | 31, Sep 1, 2, 3 (9) | Sep 6 (10)
    expect(tatarstan.addWorkingDays('2027-08-20T15:00:00+03:00', 10, MOSCOW).dueLocalDate).toBe('2027-09-06');
  });

  it('a regional holiday on a weekend (Курбан-байрам Sun 16 May, 6 November Sat) moves nothing', () => {
    // Nov 3 t=2 (1) | 4 holiday, 5 t=1 f=01.02, 6–7 weekend | 8 (2), 9 (3) — in both calendars
    expect(federal.addWorkingDays('2027-11-02T12:00:00+03:00', 3, MOSCOW).dueLocalDate).toBe('2027-11-09');
    expect(tatarstan.addWorkingDays('2027-11-02T12:00:00+03:00', 3, MOSCOW).dueLocalDate).toBe('2027-11-09');
    // May 14 Fri (1) | 15–16 weekend | 17 (2)
    expect(tatarstan.addWorkingDays('2027-05-13T12:00:00+03:00', 2, MOSCOW).dueLocalDate).toBe('2027-05-17');
  });

  it('a period without a regional day ends where the federal one does', () => {
    // Apr 1 Thu event → Apr 2 (1) | 5–9 (6) | 12, 13, 14, 15 (10)
    expect(tatarstan.addWorkingDays('2027-04-01T12:00:00+03:00', 10, MOSCOW)).toEqual(
      federal.addWorkingDays('2027-04-01T12:00:00+03:00', 10, MOSCOW),
    );
    expect(tatarstan.addWorkingDays('2027-04-01T12:00:00+03:00', 10, MOSCOW).dueLocalDate).toBe('2027-04-15');
  });

  it('counts working days between dates with the overlay: March 2027 and the whole year', () => {
    // (Mar 1, Mar 31]: Mar 2–5 (4), 8–12 (5), 15–19 (5), 22–26 (5), 29–31 (3) = 22 weekdays, minus Mar 8 = 21
    expect(federal.workingDaysBetween('2027-03-01', '2027-03-31')).toBe(21);
    expect(tatarstan.workingDaysBetween('2027-03-01', '2027-03-31')).toBe(20); // minus Mar 9
    expect(tatarstan.workingDaysBetween('2027-03-31', '2027-03-01')).toBe(-20);
    // Only the two weekday holidays count (Mar 9, Aug 30); May 16 and Nov 6 fall on a weekend.
    expect(
      federal.workingDaysBetween('2026-12-31', '2027-12-31') - tatarstan.workingDaysBetween('2026-12-31', '2027-12-31'),
    ).toBe(2);
  });

  it('isWorkingDay and dayInfo show the republic’s holiday by its title and say whose day it is', () => {
    expect(federal.isWorkingDay('2027-03-09')).toBe(true);
    expect(tatarstan.isWorkingDay('2027-03-09')).toBe(false);
    expect(tatarstan.dayInfo('2027-03-09')).toEqual(
      regionalDay(TATARSTAN, '2027-03-09', 'holiday', false, 'Ураза-байрам'),
    );
    expect(tatarstan.dayInfo('2027-11-06')).toEqual(
      regionalDay(TATARSTAN, '2027-11-06', 'holiday', false, 'День Конституции Республики Татарстан'),
    );
    expect(tatarstan.dayKind('2027-08-30')).toBe('holiday');
    expect(federal.dayInfo('2027-03-09')).toEqual({ date: '2027-03-09', kind: 'working', isWorking: true });
  });

  it('federal holidays keep their own titles next to the overlay’s (holiday ids do not clash)', () => {
    // Federal id 4 is Международный женский день, the overlay's id 4 is День Конституции РТ.
    expect(tatarstan.dayInfo('2027-03-08')).toEqual({
      date: '2027-03-08',
      kind: 'holiday',
      isWorking: false,
      holiday: 'Международный женский день',
    });
    expect(tatarstan.dayInfo('2027-11-05')).toEqual({
      date: '2027-11-05',
      kind: 'dayOff',
      isWorking: false,
      transferredFrom: '01.02',
    });
    const merged = tatarstan.calendarYear(2027);
    expect(merged.holidays.map((h) => h.title)).toEqual([
      'Новогодние каникулы',
      'Рождество Христово',
      'День защитника Отечества',
      'Международный женский день',
      'Праздник Весны и Труда',
      'День Победы',
      'День России',
      'День народного единства',
      'Ураза-байрам',
      'Курбан-байрам',
      'День Республики Татарстан',
      'День Конституции Республики Татарстан',
    ]);
    expect(merged.days.find((d) => d.monthDay === '03.09')).toEqual({
      monthDay: '03.09',
      type: 'dayOff',
      holidayId: 9,
    });
    expect(merged.days).toHaveLength(federal.calendarYear(2027).days.length + 4);
  });

  it('a year without an overlay is the federal one; a year with no calendar is still refused', () => {
    // Fri 2026-08-28 + 1 → Mon 31 Aug 2026 in both: the overlay is for 2027 only.
    expect(tatarstan.addWorkingDays('2026-08-28T12:00:00+03:00', 1, MOSCOW).dueLocalDate).toBe('2026-08-31');
    expect(tatarstan.isWorkingDay('2026-08-31')).toBe(true);
    expect(() => tatarstan.addWorkingDays('2027-12-28T12:00:00+03:00', 10, MOSCOW)).toThrow(CalendarYearMissingError);
    expect(tatarstan.years()).toEqual(federal.years());
  });
});

describe('other regions and the federal calendar are not affected', () => {
  it('the calendar holding overlays still counts federal days, and forRegion of other regions is that same calendar', () => {
    expect(withOverlays.isWorkingDay('2027-03-09')).toBe(true);
    expect(withOverlays.region()).toBeUndefined();
    expect(withOverlays.addWorkingDays('2027-03-02T12:00:00+03:00', 10, MOSCOW).dueLocalDate).toBe('2027-03-17');
    for (const region of ['Самарская область', 'Москва', undefined, null, '', 'Атлантида', 'Алтай']) {
      expect(withOverlays.forRegion(region)).toBe(withOverlays);
    }
    expect(federal.forRegion(TATARSTAN)).toBe(federal); // no overlays at all
  });

  it('one region’s days are not another’s', () => {
    expect(bashkortostan.isWorkingDay('2027-08-30')).toBe(true); // День Республики Татарстан
    expect(tatarstan.isWorkingDay('2027-03-13')).toBe(false); // Bashkortostan's working Saturday
    expect(tatarstan.region()).toBe(TATARSTAN);
    expect(bashkortostan.region()).toBe(BASHKORTOSTAN);
  });

  it('a regional calendar is made once and kept; forRegion of a regional one goes back to the federal one', () => {
    expect(withOverlays.forRegion('татарстан')).toBe(tatarstan);
    expect(tatarstan.forRegion(BASHKORTOSTAN)).toBe(bashkortostan);
    expect(tatarstan.forRegion(undefined)).toBe(withOverlays);
  });

  it('withOverlay and withYear return new calendars and leave the old one as it was', () => {
    const before = federal.overlays();
    const added = federal.withOverlay(tatarstan2027);
    expect(added).not.toBe(federal);
    expect(federal.overlays()).toEqual(before);
    expect(federal.overlays()).toEqual([]);
    expect(added.overlays()).toEqual([tatarstan2027]);
    expect(withOverlays.overlays().map((o) => `${o.region} ${o.year}`)).toEqual([
      'Республика Башкортостан 2027',
      'Республика Татарстан 2027',
    ]);
    // Replacing a federal year keeps the overlays; on a regional calendar it stays regional.
    const replaced = tatarstan.withYear(federal.calendarYear(2027));
    expect(replaced.region()).toBe(TATARSTAN);
    expect(replaced.isWorkingDay('2027-03-09')).toBe(false);
    expect(replaced.overlays()).toHaveLength(2);
    // Adding an overlay on a regional calendar keeps its region.
    expect(tatarstan.withOverlay(bashkortostan2027).region()).toBe(TATARSTAN);
  });
});

describe('an overlay day REPLACES the federal day of its date', () => {
  it('a federal Saturday off made a working day (Sat 13 March 2027)', () => {
    // From Tue 9 March, 4 working days. Federal: 10, 11, 12 (3) | 13–14 weekend | 15 (4).
    expect(federal.addWorkingDays('2027-03-09T12:00:00+05:00', 4, UFA).dueLocalDate).toBe('2027-03-15');
    // Bashkortostan: 10, 11, 12 (3) | 13 working Saturday (4).
    expect(bashkortostan.addWorkingDays('2027-03-09T12:00:00+05:00', 4, UFA)).toEqual({
      dueLocalDate: '2027-03-13',
      dueAt: '2027-03-13T19:00:00.000Z',
    });
    expect(bashkortostan.dayInfo('2027-03-13')).toEqual(regionalDay(BASHKORTOSTAN, '2027-03-13', 'working', true));
  });

  it('a federal working Saturday made a day off (Sat 20 February 2027, federally shortened)', () => {
    // Fri 19 Feb + 1. Federal: Feb 20 t=2 (1). Bashkortostan: 20 off, 21 Sun, 22 t=1 f=02.20, 23 holiday | 24 (1).
    expect(federal.addWorkingDays('2027-02-19T12:00:00+05:00', 1, UFA).dueLocalDate).toBe('2027-02-20');
    expect(bashkortostan.addWorkingDays('2027-02-19T12:00:00+05:00', 1, UFA).dueLocalDate).toBe('2027-02-24');
    expect(bashkortostan.dayInfo('2027-02-20')).toEqual(regionalDay(BASHKORTOSTAN, '2027-02-20', 'dayOff', false));
  });

  it('a federal day off made working (Mon 3 May 2027, federally off for 1 May): nothing of the federal day is kept', () => {
    // Fri 30 Apr + 1. Federal: May 1 holiday, 2 Sun, 3 t=1 f=05.01 | 4 (1). Bashkortostan: May 3 t=2 (1).
    expect(federal.addWorkingDays('2027-04-30T12:00:00+05:00', 1, UFA).dueLocalDate).toBe('2027-05-04');
    expect(bashkortostan.addWorkingDays('2027-04-30T12:00:00+05:00', 1, UFA).dueLocalDate).toBe('2027-05-03');
    expect(federal.dayInfo('2027-05-03')).toEqual({
      date: '2027-05-03',
      kind: 'dayOff',
      isWorking: false,
      transferredFrom: '05.01',
    });
    expect(bashkortostan.dayInfo('2027-05-03')).toEqual(regionalDay(BASHKORTOSTAN, '2027-05-03', 'shortened', true));
  });

  it('a later overlay of the same region and year replaces the earlier one as a whole', () => {
    // Corrected: Ураза-байрам on Wed 10 March instead of Tue 9 March; 30 August is no longer listed.
    const corrected = parseCalendarOverlayXml(overlayXml('<day d="03.10" t="1" h="1"/>'));
    const calendar = withOverlays.withOverlay(corrected);
    const region = calendar.forRegion(TATARSTAN);
    expect(region.isWorkingDay('2027-03-09')).toBe(true);
    expect(region.isWorkingDay('2027-03-10')).toBe(false);
    expect(region.isWorkingDay('2027-08-30')).toBe(true);
    expect(calendar.overlays()).toHaveLength(2);
    expect(calendar.overlays().find((o) => o.region === TATARSTAN)).toEqual(corrected);
    // Mar 3, 4, 5 (3) | 8 holiday | 9 (4) | 10 off | 11, 12 (6) | 15, 16, 17, 18 (10)
    expect(region.addWorkingDays('2027-03-02T12:00:00+03:00', 10, MOSCOW).dueLocalDate).toBe('2027-03-18');
  });
});

describe('refusals', () => {
  it('an overlay for a year without a federal calendar, naming the year', () => {
    const overlay2028: CalendarOverlay = {
      region: TATARSTAN,
      year: 2028,
      holidays: [],
      days: [{ monthDay: '08.30', type: 'dayOff' }],
    };
    const error = failure(() => federal.withOverlay(overlay2028));
    expect(error.messageRu).toBe('Нет федерального производственного календаря на 2028 год: сначала загрузите его');
    expect(error.message).toBe(
      'No federal production calendar for 2028: load it before the regional calendar of Республика Татарстан',
    );
    expect(failure(() => new ProductionCalendar([], [tatarstan2027])).messageRu).toBe(
      'Нет федерального производственного календаря на 2027 год: сначала загрузите его',
    );
    // Once the federal year is there, the same overlay is taken.
    const year2028 = parseProductionCalendarXml('<calendar year="2028"><days/></calendar>');
    expect(federal.withYear(year2028).withOverlay(overlay2028).forRegion(TATARSTAN).isWorkingDay('2028-08-30')).toBe(
      false,
    );
  });

  it('an overlay of an unknown region, naming it', () => {
    const error = failure(() => federal.withOverlay({ ...tatarstan2027, region: 'Атлантида' }));
    expect(error.messageRu).toBe(
      'Неизвестный субъект Российской Федерации «Атлантида»: укажите его официальное название, например «Республика Татарстан»',
    );
    expect(error.message).toContain('"Атлантида"');
  });

  it('an overlay built by hand with an invalid date or day', () => {
    const badDate: CalendarOverlay = { ...tatarstan2027, days: [{ monthDay: '02.29', type: 'dayOff' }] };
    expect(failure(() => federal.withOverlay(badDate)).messageRu).toBe('Неверная дата 02.29 в календаре 2027 года');
    const weekdayWorking: CalendarOverlay = { ...tatarstan2027, days: [{ monthDay: '03.10', type: 'working' }] };
    expect(failure(() => federal.withOverlay(weekdayWorking)).messageRu).toContain(
      'не приходится на субботу или воскресенье',
    );
  });

  it('the same region and year twice in the constructor', () => {
    const years = federal.years().map((year) => federal.calendarYear(year));
    expect(
      failure(() => new ProductionCalendar(years, [tatarstan2027, { ...tatarstan2027, region: 'Татарстан' }]))
        .messageRu,
    ).toBe('Региональный календарь «Республика Татарстан» на 2027 год передан дважды');
    expect(
      new ProductionCalendar(years, [tatarstan2027, bashkortostan2027]).forRegion(TATARSTAN).isWorkingDay('2027-03-09'),
    ).toBe(false);
  });
});

describe('the subjects of the Russian Federation (Constitution art. 65)', () => {
  it('lists all 89 once: 24 republics, 9 krais, 48 oblasts, 3 federal cities, 1 autonomous oblast, 4 autonomous okrugs', () => {
    expect(russianFederalSubjects).toHaveLength(89);
    expect(new Set(russianFederalSubjects).size).toBe(89);
    const count = (pattern: RegExp) => russianFederalSubjects.filter((name) => pattern.test(name)).length;
    expect(count(/Республик/)).toBe(24);
    expect(count(/ край$/)).toBe(9);
    expect(count(/^[А-Яа-я-]+ область( - Кузбасс)?$/)).toBe(48);
    expect(count(/^г\. /)).toBe(3);
    expect(count(/автономная область/)).toBe(1);
    expect(count(/автономный округ/)).toBe(4);
    for (const name of russianFederalSubjects) expect(knownRegion(name)).toBe(name);
  });

  it.each([
    ['Татарстан', 'Республика Татарстан'],
    ['  республика   ТАТАРСТАН ', 'Республика Татарстан'],
    ['Республика Татарстан (Татарстан)', 'Республика Татарстан'],
    ['Респ. Татарстан', 'Республика Татарстан'],
    ['Башкирия', 'Республика Башкортостан'],
    ['Адыгея', 'Республика Адыгея'],
    ['Чечня', 'Чеченская Республика'],
    ['Дагестан', 'Республика Дагестан'],
    ['Якутия', 'Республика Саха (Якутия)'],
    ['Москва', 'г. Москва'],
    ['город Москва', 'г. Москва'],
    ['г.Москва', 'г. Москва'],
    ['Санкт-Петербург', 'г. Санкт-Петербург'],
    ['Самарская обл.', 'Самарская область'],
    ['самарская область', 'Самарская область'],
    ['Кемеровская область — Кузбасс', 'Кемеровская область - Кузбасс'],
    ['Кемеровская область', 'Кемеровская область - Кузбасс'],
    ['Республика Северная Осетия – Алания', 'Республика Северная Осетия - Алания'],
    ['Чувашия', 'Чувашская Республика - Чувашия'],
    ['ХМАО — Югра', 'Ханты-Мансийский автономный округ - Югра'],
    ['Ненецкий АО', 'Ненецкий автономный округ'],
    ['Еврейская АО', 'Еврейская автономная область'],
    ['Орёл', undefined],
    ['Орловская область', 'Орловская область'],
    ['ОРЛОВСКАЯ ОБЛАСТЬ', 'Орловская область'],
    ['Алтай', undefined], // the republic or the krai: ambiguous, not guessed
    ['Республика Алтай', 'Республика Алтай'],
    ['Алтайский край', 'Алтайский край'],
    ['Р', undefined],
    ['', undefined],
  ])('knownRegion(%p) → %p', (name, expected) => {
    expect(knownRegion(name)).toBe(expected);
  });

  it('finds «ё» and «е» alike, and nothing for a non-string or an absurdly long name', () => {
    expect(knownRegion('Республика Марий Эл')).toBe('Республика Марий Эл');
    expect(knownRegion('Чёченская Республика')).toBe('Чеченская Республика');
    expect(knownRegion(undefined)).toBeUndefined();
    expect(knownRegion(null)).toBeUndefined();
    expect(knownRegion(42 as unknown as string)).toBeUndefined();
    expect(knownRegion('Татарстан'.repeat(100))).toBeUndefined();
  });
});

describe('speed: the overlay costs nothing per day counted', () => {
  it('10 000 working days on a regional calendar is as quick as on the federal one', () => {
    const calendar = new ProductionCalendar(
      federal.years().map((year) => federal.calendarYear(year)),
      federal.years().map((year) => ({
        region: TATARSTAN,
        year,
        holidays: [{ id: 1, title: 'День Республики Татарстан' }],
        days: [{ monthDay: '08.30', type: 'dayOff' as const, holidayId: 1 }],
      })),
    );
    const regional = calendar.forRegion(TATARSTAN);
    const started = Date.now();
    for (let i = 0; i < 20; i += 1) regional.workingDaysBetween('2013-01-01', '2027-12-31');
    expect(Date.now() - started).toBeLessThan(2_000);
    // Each year's 30 August that falls on a weekday is one working day fewer.
    const weekdays = calendar.years().filter((year) => calendar.isWorkingDay(`${year}-08-30`)).length;
    expect(
      calendar.workingDaysBetween('2012-12-31', '2027-12-31') - regional.workingDaysBetween('2012-12-31', '2027-12-31'),
    ).toBe(weekdays);
  });
});
