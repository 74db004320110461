import {
  competenceAreas,
  competenceLevels,
  deficitLevels,
  routeActivityKinds,
  routeEventTypes,
  routeStages,
} from './route.events';
import {
  competenceAreaLabels,
  competenceLevelLabels,
  deficitLevelLabels,
  routeActivityKindLabels,
  routeEventLabels,
  routeMonthLabel,
  routeStageLabels,
} from './route.labels';

describe('individual educational route (ИОМ)', () => {
  describe('labels', () => {
    const russian = (text: string) => /[А-Яа-яЁё]/.test(text);

    it('every stage, competence area, level and activity kind has a Russian label', () => {
      expect(routeStages.every((s) => russian(routeStageLabels[s]))).toBe(true);
      expect(competenceAreas).toHaveLength(9);
      expect(competenceAreas.every((a) => russian(competenceAreaLabels[a]))).toBe(true);
      expect(competenceLevels.every((l) => russian(competenceLevelLabels[l]))).toBe(true);
      expect(deficitLevels.every((l) => russian(deficitLevelLabels[l]))).toBe(true);
      expect(routeActivityKinds.every((k) => russian(routeActivityKindLabels[k]))).toBe(true);
    });

    it('every route event has a Russian history label', () => {
      expect(routeEventTypes.every((t) => russian(routeEventLabels[t]))).toBe(true);
      expect(routeEventLabels.ProposedRoadMapReturned).toBe('Тьютор вернул дорожную карту педагога на доработку');
    });

    it('names a month in Russian', () => {
      expect(routeMonthLabel('2026-06')).toBe('июнь 2026');
      expect(routeMonthLabel('2026-13')).toBe('2026-13');
    });
  });
});
