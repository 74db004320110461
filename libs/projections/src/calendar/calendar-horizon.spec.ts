import { defaultProductionCalendar, parseProductionCalendarXml } from '@mentorflow/calendar';
import { calendarHorizon } from './calendar-tasks';

// The shipped data ends with 2027; each case gives its own clock.
const shipped = defaultProductionCalendar();
const emptyYear = (year: number) => parseProductionCalendarXml(`<calendar year="${year}"><days/></calendar>`);

describe('how far the production calendar reaches (/health, the administrators’ task ahead of time)', () => {
  it('before 1 October of the last loaded year nothing is due', () => {
    expect(calendarHorizon(shipped, new Date('2027-09-30T20:59:00Z'), '10-01')).toEqual({ loadedThrough: 2027 });
  });

  it('from 1 October (Moscow) the next year is due, with a Russian warning', () => {
    expect(calendarHorizon(shipped, new Date('2027-09-30T21:00:00Z'), '10-01')).toEqual({
      loadedThrough: 2027,
      missingYear: 2028,
      warning: 'Производственный календарь загружен по 2027 год: загрузите календарь на 2028 год до 1 января',
    });
  });

  it('the warning date is configurable', () => {
    expect(calendarHorizon(shipped, new Date('2027-11-15T12:00:00Z'), '12-01').warning).toBeUndefined();
    expect(calendarHorizon(shipped, new Date('2027-12-01T12:00:00Z'), '12-01').missingYear).toBe(2028);
  });

  it('a loaded next year ends the warning', () => {
    expect(calendarHorizon(shipped.withYear(emptyYear(2028)), new Date('2027-10-05T12:00:00Z'), '10-01')).toEqual({
      loadedThrough: 2028,
    });
  });

  it('a current year without data is said so', () => {
    expect(calendarHorizon(shipped, new Date('2028-03-01T12:00:00Z'), '10-01')).toMatchObject({
      loadedThrough: 2027,
      missingYear: 2028,
      warning: 'Нет производственного календаря на текущий 2028 год: сроки ждут его загрузки',
    });
  });
});
