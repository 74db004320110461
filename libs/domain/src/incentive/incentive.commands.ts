import type { DomainCommand } from '../shared/decider';
import type { IncentiveOrder, IncentiveSubject } from './incentive.events';
import type { IncentiveKindOption } from './incentive-kinds.state';

export type ProposeIncentive = DomainCommand<
  'ProposeIncentive',
  IncentiveSubject & {
    readonly amount?: number;
    /** The kinds one may propose now (built-in and the administrator's), read from the catalogue; not stored. */
    readonly kinds: readonly IncentiveKindOption[];
  }
>;
export type ApproveIncentive = DomainCommand<
  'ApproveIncentive',
  { readonly order: IncentiveOrder; readonly amount?: number }
>;
export type DeclineIncentive = DomainCommand<'DeclineIncentive', { readonly reason: string }>;

export type IncentiveCommand = ProposeIncentive | ApproveIncentive | DeclineIncentive;

export type AddIncentiveKind = DomainCommand<'AddIncentiveKind', { readonly kindId: string; readonly name: string }>;
export type RemoveIncentiveKind = DomainCommand<'RemoveIncentiveKind', { readonly kindId: string }>;

export type IncentiveKindCommand = AddIncentiveKind | RemoveIncentiveKind;
