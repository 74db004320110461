import { describe, expect, it } from '@jest/globals';
import { programmeGates } from '../../../../../libs/domain/src/programme/programme.gates';
import { untrainedMentorsCode } from '../../../../../libs/domain/src/programme/programme.preparation-gates';
import { fixFor, fixPath, programmeScreens } from './programme-screens';

const every = [
  ...Object.values(programmeGates).flatMap((conditions) => conditions.map(({ code, message }) => ({ code, message }))),
  { code: untrainedMentorsCode, message: 'Не прошли обучение отобранные наставники' },
];

describe('fixFor', () => {
  it('given every condition of every stage gate, then each has its own fix, none the pairs screen’s fallback', () => {
    const fallback = fixFor({ code: 'unknown.condition', message: '' });
    expect(fallback.label).toBe('Перейти к парам и группам');
    const unfixed = every.filter((condition) => fixFor(condition).label === fallback.label).map((c) => c.code);
    expect(unfixed).toEqual([]);
  });

  it('given every condition, then its fix names a screen of the bar', () => {
    const screens = programmeScreens.map((s) => s.path as string);
    expect(every.filter((c) => !screens.includes(fixFor(c).screen)).map((c) => c.code)).toEqual([]);
  });
});

describe('fixPath', () => {
  it('given a missing order, then the documents screen with the form open on its kind', () => {
    expect(fixPath('p1', { code: 'document.regulationApprovalOrder.missing', message: '' })).toBe(
      '/programmes/p1/documents?register=regulationApprovalOrder#document-form',
    );
  });

  it('given no curator, then the overview’s appointment', () => {
    expect(fixPath('p1', { code: 'curator.notAppointed', message: '' })).toBe('/programmes/p1#programme-curator');
  });

  it('given a pair without an approved programme, then the pairs screen with the approval asked for', () => {
    expect(fixPath('p1', { code: 'pairs.personalProgrammeNotApproved', message: '' })).toBe(
      '/programmes/p1/pairs?action=approve#pair-actions-title',
    );
  });

  it('given no influence results, then the monitoring screen on that stage', () => {
    expect(fixPath('p1', { code: 'monitoring.influence.noResults', message: '' })).toBe(
      '/programmes/p1/monitoring?stage=influence#monitoring-form-title',
    );
  });
});
