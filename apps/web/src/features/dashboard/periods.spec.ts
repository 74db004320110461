import { describe, expect, it } from '@jest/globals';
import { periodsWithData } from './periods';

const starts = (years: { start: string }[]) => years.map((y) => y.start);

describe('the dashboard’s monitoring periods', () => {
  it('offers the academic years from the first one with data to the current one, newest first', () => {
    expect(starts(periodsWithData('2026-12-03', '2024-10-15', '2026-12-03'))).toEqual([
      '2026-09-01',
      '2025-09-01',
      '2024-09-01',
    ]);
  });

  it('offers the current year alone while nothing is registered', () => {
    expect(starts(periodsWithData('2026-12-03', null, '2026-12-03'))).toEqual(['2026-09-01']);
  });

  it('keeps a shown date’s year even before the first data', () => {
    expect(starts(periodsWithData('2026-12-03', '2026-09-10', '2025-05-01'))).toEqual(['2026-09-01', '2024-09-01']);
  });
});
