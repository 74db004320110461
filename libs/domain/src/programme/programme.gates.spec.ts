import { programmeDocumentKinds, programmeStages } from './programme.events';
import { implementsTargetModel, programmeGates, targetModelDocuments, unmetConditions } from './programme.gates';
import { programmeDocumentKindLabels, programmeStageLabels } from './programme.labels';
import { closedProgramme, doc, fold, inPreparatory, nothing, ready, recorded, started } from './programme.fixtures';

describe('organisation mentoring programme', () => {
  describe('gates as data', () => {
    it('the checklist is empty for a closed programme and says "not started" before the start', () => {
      expect(unmetConditions(fold([]), ready).map((u) => u.code)).toEqual(['programme.notStarted']);
      expect(unmetConditions(fold(closedProgramme), nothing)).toEqual([]);
    });

    it('the checklist is what AdvanceStage would refuse with', () => {
      const current = { ...nothing, preparationChecked: true, mentorTrainingRequired: true, mentorsWithoutTraining: 1 };
      expect(unmetConditions(fold([started]), current).map((u) => u.code)).toEqual(
        // Not approved is said only once there are problems to approve.
        programmeGates.preparatory
          .map((condition) => condition.code)
          .filter((c) => c !== 'problemAnalysis.notApproved'),
      );
    });

    it('every gate code is unique and every message is Russian', () => {
      const conditions = Object.values(programmeGates).flat();
      expect(new Set(conditions.map((c) => c.code)).size).toBe(conditions.length);
      expect(conditions.every((c) => /[А-Яа-яЁё]/.test(c.message))).toBe(true);
    });

    it('every stage and document kind has a Russian label', () => {
      expect([...programmeStages, 'closed' as const].map((s) => programmeStageLabels[s]).every(Boolean)).toBe(true);
      expect(programmeDocumentKinds.every((k) => /[А-Яа-яЁё]/.test(programmeDocumentKindLabels[k]))).toBe(true);
    });
  });

  describe('implementsTargetModel (004 slide 27)', () => {
    const withActs = fold([
      ...inPreparatory,
      recorded(doc('implementationAct')),
      recorded(doc('regulationApprovalOrder')),
    ]);

    it('holds with the act, the regulation order, an order with consents and an approved programme', () => {
      expect(implementsTargetModel(withActs, ready)).toBe(true);
      expect(targetModelDocuments(withActs, ready)).toEqual({
        implementationAct: true,
        regulationApprovalOrder: true,
        pairAssignmentOrderWithConsent: true,
        approvedPersonalisedProgramme: true,
        mentorContractSupplement: false,
      });
    });

    it('fails without any pair assigned by an order with consents', () =>
      expect(implementsTargetModel(withActs, { ...ready, pairsAssignedWithOrderAndConsents: 0 })).toBe(false));

    it('fails without an approved personalised programme', () =>
      expect(implementsTargetModel(withActs, { ...ready, pairsWithApprovedPersonalProgramme: 0 })).toBe(false));

    it('fails without the regulation order', () =>
      expect(implementsTargetModel(fold([...inPreparatory, recorded(doc('implementationAct'))]), ready)).toBe(false));

    it('fails before the programme starts', () => expect(implementsTargetModel(fold([]), ready)).toBe(false));
  });
});
