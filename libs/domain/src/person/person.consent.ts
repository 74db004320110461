import type { UnmetCondition } from '../shared/refusal';
import { isIsoDate, notInFutureProblems, todayOf } from '../shared/dates';
import { unmetIf } from '../shared/rules';

/**
 * Consent to the processing of personal data (152-ФЗ art. 9) and its withdrawal are facts: their dates
 * cannot lie after today (issue defect 11). `now` is the instant of the request.
 */
export const consentDateProblems = (date: string, now: string, withdrawal = false): UnmetCondition[] => {
  const [code, field] = withdrawal
    ? ['person.consentWithdrawal', 'Дата отзыва согласия']
    : ['person.consent', 'Дата согласия'];
  return [
    ...unmetIf(!isIsoDate(date), `${code}.invalid`, `${field} не существует`),
    ...notInFutureProblems(date, { now }, `${code}.future`, field),
  ];
};

/** Today for a card's fact dates (birth, last attestation): the latest date anywhere at `now`, never refusing today. */
export const personToday = (now: string): string => todayOf({ now });
