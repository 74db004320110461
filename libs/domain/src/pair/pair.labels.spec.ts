import { mentorReplacementReasons, pairForms, pairKinds, pairStatuses } from './pair.events';
import { mentorReplacementReasonLabels, pairFormLabels, pairKindLabels, pairStatusLabels } from './pair.labels';

describe('mentoring pair or group', () => {
  it('labels every form, kind, reason and status in Russian', () => {
    expect(Object.keys(pairFormLabels)).toEqual([...pairForms]);
    expect(Object.keys(pairKindLabels)).toEqual([...pairKinds]);
    expect(Object.keys(mentorReplacementReasonLabels)).toEqual([...mentorReplacementReasons]);
    expect(Object.keys(pairStatusLabels)).toEqual([...pairStatuses]);
    expect(pairFormLabels.teacherTeacher).toBe('Педагог – педагог');
  });
});
