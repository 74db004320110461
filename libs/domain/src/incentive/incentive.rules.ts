import type { Role } from '../shared/decider';
import type { UnmetCondition } from '../shared/refusal';
import { isIsoDate, notInFutureProblems } from '../shared/dates';
import { isMissing } from '../shared/text';
import { unmetIf } from '../shared/rules';
import type { IncentiveOrder, IncentiveRecipientRole } from './incentive.events';
import { incentiveFieldLabels } from './incentive.labels';

export const incentiveLimits = {
  orderNumber: 50,
  reason: 1000,
  kindName: 200,
  /** Roubles: a bonus or allowance, not a salary fund. */
  amount: 10_000_000,
} as const;

/** Who proposes whom (issue 28): the mentor her mentee, the curator a mentor. */
export const incentiveProposerOf: Readonly<Record<IncentiveRecipientRole, Role>> = {
  mentee: 'mentor',
  mentor: 'curator',
};
export const incentiveProposerRoles = ['mentor', 'curator'] as const satisfies readonly Role[];
/** The director grants or declines by order or decision (002 §5.1). */
export const incentiveDeciderRoles = ['director'] as const satisfies readonly Role[];

/** A sum in roubles with at most two decimals (копейки), positive, bounded. */
export const incentiveAmountProblems = (amount: number | undefined): UnmetCondition[] =>
  unmetIf(
    amount !== undefined &&
      (typeof amount !== 'number' ||
        !Number.isFinite(amount) ||
        amount <= 0 ||
        amount > incentiveLimits.amount ||
        Math.round(amount * 100) !== amount * 100),
    'amount.invalid',
    `Поле «${incentiveFieldLabels.amount}»: положительная сумма не более ${incentiveLimits.amount.toLocaleString('ru-RU')} руб., до копеек`,
  );

/** The granting order: number and a real date, not after today in the organisation's zone. */
export const incentiveOrderProblems = (
  order: IncentiveOrder | undefined,
  metadata: { readonly now: string; readonly today?: string },
): UnmetCondition[] => [
  ...unmetIf(
    isMissing(order?.number),
    'order.number.missing',
    `Не заполнено поле «${incentiveFieldLabels.orderNumber}»`,
  ),
  ...unmetIf(
    typeof order?.number === 'string' && order.number.trim().length > incentiveLimits.orderNumber,
    'order.number.tooLong',
    `Поле «${incentiveFieldLabels.orderNumber}»: не более ${incentiveLimits.orderNumber} символов`,
  ),
  ...unmetIf(
    !isIsoDate(order?.date),
    'order.date.invalid',
    `Поле «${incentiveFieldLabels.orderDate}»: дата в формате ГГГГ-ММ-ДД`,
  ),
  ...notInFutureProblems(order?.date, metadata, 'order.date.inFuture', incentiveFieldLabels.orderDate),
];
