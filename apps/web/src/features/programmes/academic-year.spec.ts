import { describe, expect, it } from '@jest/globals';
import { academicYearOf } from './academic-year';

describe('academicYearOf', () => {
  it('given a day in December, then the academic year that began in September', () => {
    expect(academicYearOf('2026-12-03')).toEqual({
      start: '2026-09-01',
      end: '2027-08-31',
      title: 'Программа наставничества педагогических работников на 2026/27 учебный год',
    });
  });

  it('given a day in spring, then the year still running; given July or August, then the coming one', () => {
    expect(academicYearOf('2027-03-15').start).toBe('2026-09-01');
    expect(academicYearOf('2027-06-30').start).toBe('2026-09-01');
    expect(academicYearOf('2027-07-01').start).toBe('2027-09-01');
    expect(academicYearOf('2027-08-31').end).toBe('2028-08-31');
  });

  it('given the turn of a century, then the title keeps two digits', () => {
    expect(academicYearOf('2099-10-01').title).toContain('2099/00');
  });
});
