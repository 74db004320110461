import { decider, decideBy } from '../shared/decider';
import { isMissing } from '../shared/text';
import { refuse, refuseIfAny, unmetIf } from '../shared/rules';
import type { AddIncentiveKind, IncentiveKindCommand, RemoveIncentiveKind } from './incentive.commands';
import { isBuiltInIncentiveKind, type IncentiveKindEvent } from './incentive.events';
import { incentiveFieldLabels } from './incentive.labels';
import { incentiveLimits } from './incentive.rules';
import {
  activeIncentiveKinds,
  evolveIncentiveKinds,
  initialIncentiveKindsState,
  type IncentiveKindsState,
} from './incentive-kinds.state';

const administratorOnly = (role: string): void => {
  if (role !== 'administrator') refuse('incentiveKind.forbidden', 'Список видов поощрений ведёт администратор');
};

const normalisedName = (name: string) => name.trim().replace(/\s+/g, ' ');

const add = ({ data, metadata }: AddIncentiveKind, state: IncentiveKindsState): IncentiveKindEvent[] => {
  administratorOnly(metadata.role);
  const name = typeof data.name === 'string' ? normalisedName(data.name) : '';
  const taken = activeIncentiveKinds(state).some(
    (k) => k.name.toLocaleLowerCase('ru') === name.toLocaleLowerCase('ru'),
  );
  refuseIfAny('incentiveKind.invalid', 'Вид поощрения не добавлен', [
    ...unmetIf(isMissing(data.name), 'name.missing', `Не заполнено поле «${incentiveFieldLabels.name}»`),
    ...unmetIf(
      name.length > incentiveLimits.kindName,
      'name.tooLong',
      `Поле «${incentiveFieldLabels.name}»: не более ${incentiveLimits.kindName} символов`,
    ),
  ]);
  if (taken) return refuse('incentiveKind.exists.conflict', `Вид поощрения «${name}» уже есть в списке`);
  return [
    {
      type: 'IncentiveKindAdded',
      data: { kindId: data.kindId, name, addedAt: metadata.now, addedBy: metadata.actorId },
    },
  ];
};

const remove = ({ data, metadata }: RemoveIncentiveKind, state: IncentiveKindsState): IncentiveKindEvent[] => {
  administratorOnly(metadata.role);
  if (isBuiltInIncentiveKind(data.kindId))
    return refuse('incentiveKind.builtIn', 'Вид поощрения из Положения (002 §5.1) исключить нельзя');
  const kind = state.custom.find((k) => k.kindId === data.kindId);
  if (!kind) return refuse('incentiveKind.notFound', 'Вид поощрения не найден');
  if (kind.removed) return refuse('incentiveKind.removed.conflict', 'Вид поощрения уже исключён из списка');
  return [
    {
      type: 'IncentiveKindRemoved',
      data: { kindId: kind.kindId, removedAt: metadata.now, removedBy: metadata.actorId },
    },
  ];
};

/** The catalogue of incentive kinds: one stream for the whole installation, kept by administrators. */
export const incentiveKindsDecider = decider(
  decideBy<IncentiveKindCommand, IncentiveKindsState, IncentiveKindEvent>({
    AddIncentiveKind: add,
    RemoveIncentiveKind: remove,
  }),
  evolveIncentiveKinds,
  initialIncentiveKindsState,
);
