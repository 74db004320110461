import type { UnmetCondition } from '../shared/refusal';
import { unmetIf } from '../shared/rules';
import type { EmploymentStatus } from './person.card';

/**
 * 152-ФЗ art. 21 §5: once the purpose of processing is gone (the person has left) and consent is withdrawn,
 * the data are destroyed or depersonalised. The directory keeps the person's row (ids in events and read
 * models still point at it) with placeholders in place of everything that names or describes them.
 */

/** What the directory holds about the person that the decision reads. */
export interface DepersonalisationFacts {
  /** The person has a card in the directory (a person known only by an account has no consent to withdraw). */
  readonly hasCard: boolean;
  readonly consentWithdrawnOn?: string;
  readonly depersonalised: boolean;
  readonly employments: readonly {
    readonly organisationId: string;
    readonly organisationName?: string;
    readonly status: EmploymentStatus;
  }[];
}

/**
 * Everything missing before a person may be depersonalised, in Russian; empty when they may be. A person
 * already depersonalised is refused as such (the erased consent is no longer «missing»).
 */
export const depersonalisationProblems = (facts: DepersonalisationFacts): UnmetCondition[] =>
  facts.depersonalised
    ? [{ code: 'person.alreadyDepersonalised', message: 'Персональные данные сотрудника уже обезличены' }]
    : [
        ...unmetIf(
          !facts.hasCard,
          'person.card.missing',
          'Сотрудника нет в справочнике: отзыв согласия на обработку персональных данных не записан',
        ),
        ...unmetIf(
          facts.hasCard && facts.consentWithdrawnOn === undefined,
          'person.consent.notWithdrawn',
          'Не записан отзыв согласия на обработку персональных данных',
        ),
        ...facts.employments
          .filter((e) => e.status !== 'dismissed')
          .map((e) => ({
            code: 'person.employment.notDismissed',
            message: `Сотрудник не уволен из организации «${e.organisationName ?? e.organisationId}»`,
          })),
      ];
