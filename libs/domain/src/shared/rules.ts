import { DomainRefusal, type UnmetCondition } from './refusal';

/** Throws the refusal; typed `never` so a decision can `return refuse(…)`. */
export const refuse = (code: string, message: string, unmet: readonly UnmetCondition[] = []): never => {
  throw new DomainRefusal(code, message, unmet);
};

/** Refuses when any condition is unmet, listing them all. */
export const refuseIfAny = (code: string, message: string, unmet: readonly UnmetCondition[]): void => {
  if (unmet.length > 0) refuse(code, message, unmet);
};

/** One unmet condition when `condition` holds, none otherwise: spread into a list of problems. */
export const unmetIf = (condition: boolean, code: string, message: string): UnmetCondition[] =>
  condition ? [{ code, message }] : [];
