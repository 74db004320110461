import { documentDate } from './document-date';

describe('documentDate', () => {
  it.each([
    ['2026-09-01', '«01» сентября 2026 г.'],
    ['2027-08-31', '«31» августа 2027 г.'],
    ['2026-05-14', '«14» мая 2026 г.'],
    ['2028-02-29', '«29» февраля 2028 г.'],
  ])('writes %s as %s', (date, written) => {
    expect(documentDate(date)).toBe(written);
  });

  it.each([undefined, '', '01.09.2026'])('leaves %p blank for the hand to fill', (date) => {
    expect(documentDate(date)).toBe('«___» ____________ 20___ г.');
  });
});
