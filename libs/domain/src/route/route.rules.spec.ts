import { formatRouteCode, isRouteCode, parseRouteCode } from './route.code';
import { competenceAssessmentLabel } from './route.labels';
import { competenceLevel } from './route.rules';
import { code, thrown } from './route.fixtures';

describe('individual educational route (ИОМ)', () => {
  describe('competenceLevel (003 §5.4)', () => {
    it.each([
      [100, 'Высокий'],
      [81, 'Высокий'],
      [80.99, 'Базовый'],
      [80, 'Базовый'],
      [50, 'Базовый'],
      // The deficit's level is entered by people, never derived from the percentage (no cut-offs at 30/40 %).
      [49.99, 'Дефицитный (уровень дефицита не указан)'],
      [39, 'Дефицитный (уровень дефицита не указан)'],
      [0, 'Дефицитный (уровень дефицита не указан)'],
    ])('%p %% is %s', (percent, label) => expect(competenceAssessmentLabel(competenceLevel(percent))).toBe(label));

    it.each([-1, 100.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p %%', (percent) =>
      expect(thrown(() => competenceLevel(percent))).toMatchObject({
        name: 'DomainRefusal',
        code: 'route.diagnostics.percentOutOfRange',
      }),
    );
  });

  describe('registry code (003 §3.4)', () => {
    it('formats region, organisation, year and sequence with fixed widths', () => {
      expect(formatRouteCode({ regionCode: 63, organisationCode: 42, year: 2026, sequence: 17 })).toBe(
        '63-0042-2026-000017',
      );
      expect(formatRouteCode({ regionCode: 1, organisationCode: 9999, year: 2030, sequence: 999999 })).toBe(
        '01-9999-2030-999999',
      );
    });

    it('parses what it formats', () => {
      expect(parseRouteCode('63-0042-2026-000017')).toEqual({
        regionCode: 63,
        organisationCode: 42,
        year: 2026,
        sequence: 17,
      });
      expect(isRouteCode(code)).toBe(true);
    });

    it.each([
      '63-42-2026-17',
      '00-0042-2026-000017',
      '63-0000-2026-000017',
      '63-0042-1999-000017',
      '63-0042-2026-000000',
      ' 63-0042-2026-000017',
      'ИОМ-17',
    ])('rejects %p', (text) => expect(parseRouteCode(text)).toBeUndefined());

    it.each([
      { regionCode: 0, organisationCode: 42, year: 2026, sequence: 17 },
      { regionCode: 63, organisationCode: 10000, year: 2026, sequence: 17 },
      { regionCode: 63, organisationCode: 42, year: 2126, sequence: 17 },
      { regionCode: 63, organisationCode: 42, year: 2026, sequence: 1.5 },
    ])('refuses to format %p', (parts) =>
      expect(thrown(() => formatRouteCode(parts))).toMatchObject({ name: 'DomainRefusal', code: 'route.code.invalid' }),
    );
  });
});
