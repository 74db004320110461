import { assertNever } from '../shared/decider';
import { builtInIncentiveKinds, type IncentiveKindEvent } from './incentive.events';
import { builtInIncentiveKindLabels } from './incentive.labels';

/** One kind of incentive as a list offers it. */
export interface IncentiveKindOption {
  readonly kindId: string;
  readonly name: string;
  /** Built-in kinds (002 §5.1) cannot be removed. */
  readonly builtIn: boolean;
}

export interface IncentiveKindsState {
  /** The administrator's kinds, removed ones too (old incentives keep naming them), oldest first. */
  readonly custom: readonly (IncentiveKindOption & { readonly removed: boolean })[];
}

export const initialIncentiveKindsState = (): IncentiveKindsState => ({ custom: [] });

export const evolveIncentiveKinds = (state: IncentiveKindsState, event: IncentiveKindEvent): IncentiveKindsState => {
  switch (event.type) {
    case 'IncentiveKindAdded':
      return {
        custom: [...state.custom, { kindId: event.data.kindId, name: event.data.name, builtIn: false, removed: false }],
      };
    case 'IncentiveKindRemoved':
      return {
        custom: state.custom.map((k) => (k.kindId === event.data.kindId ? { ...k, removed: true } : k)),
      };
    default:
      return assertNever(event);
  }
};

/** The kinds one may propose now: the built-in list, then the administrator's kinds not removed. */
export const activeIncentiveKinds = (state: IncentiveKindsState): IncentiveKindOption[] => [
  ...builtInIncentiveKinds.map((kindId) => ({ kindId, name: builtInIncentiveKindLabels[kindId], builtIn: true })),
  ...state.custom.filter((k) => !k.removed).map(({ kindId, name }) => ({ kindId, name, builtIn: false })),
];
