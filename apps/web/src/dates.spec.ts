import { describe, expect, it } from '@jest/globals';
import { formatRussianDate, parseRussianDate, withinDates } from './dates';

describe('parseRussianDate', () => {
  it('reads дд.мм.гггг as the ISO date', () => {
    expect(parseRussianDate('03.09.2026')).toBe('2026-09-03');
    expect(parseRussianDate(' 31.12.2026 ')).toBe('2026-12-31');
  });

  it('reads a day and month without leading zeros, other separators and bare digits', () => {
    expect(parseRussianDate('3.9.2026')).toBe('2026-09-03');
    expect(parseRussianDate('03/09/2026')).toBe('2026-09-03');
    expect(parseRussianDate('03092026')).toBe('2026-09-03');
    expect(parseRussianDate('09/03/2026 ')).toBe('2026-03-09');
  });

  it('takes a pasted ISO date as it is', () => {
    expect(parseRussianDate('2026-09-03')).toBe('2026-09-03');
  });

  it('gives nothing for a date that does not exist or is not typed to the end', () => {
    expect(parseRussianDate('31.02.2026')).toBeNull();
    expect(parseRussianDate('29.02.2027')).toBeNull();
    expect(parseRussianDate('03.09.26')).toBeNull();
    expect(parseRussianDate('03.09.2')).toBeNull();
    expect(parseRussianDate('')).toBeNull();
    expect(parseRussianDate('вчера')).toBeNull();
  });

  it('accepts 29 February of a leap year', () => {
    expect(parseRussianDate('29.02.2028')).toBe('2028-02-29');
  });
});

describe('formatRussianDate', () => {
  it('writes an ISO date as дд.мм.гггг, and nothing for no date', () => {
    expect(formatRussianDate('2026-09-03')).toBe('03.09.2026');
    expect(formatRussianDate('')).toBe('');
    expect(formatRussianDate(null)).toBe('');
    expect(formatRussianDate(undefined)).toBe('');
  });

  it('round-trips with the parser', () => {
    expect(parseRussianDate(formatRussianDate('2027-01-31'))).toBe('2027-01-31');
  });
});

describe('withinDates', () => {
  it('honours min and max, both included, and ignores bounds not given', () => {
    expect(withinDates('2026-09-03', '2026-09-03', '2026-09-03')).toBe(true);
    expect(withinDates('2026-09-02', '2026-09-03')).toBe(false);
    expect(withinDates('2026-09-04', undefined, '2026-09-03')).toBe(false);
    expect(withinDates('2026-09-04', '', '')).toBe(true);
  });
});
