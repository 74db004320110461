import {
  incentiveLimits,
  incentiveRecipientRoles,
  incentiveStatuses,
  type IncentiveRecipientRole,
  type IncentiveStatus,
} from '@mentorflow/domain';
import { DateField, EnumField, NestedField, NumberField, TextField, UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

/** An amount in roubles; the domain checks the kopecks and the bound again. */
const Amount = () =>
  NumberField({
    min: 0.01,
    max: incentiveLimits.amount,
    optional: true,
    example: 5000,
    description: 'Roubles, for a bonus or allowance (премия / доплата)',
  });

export class ProposeIncentiveDto {
  @UuidField({ description: "The proposer's organisation: the mentor's pair's, the curator's programme's" })
  organisationId!: string;

  @UuidField({ description: 'The person to reward (a mentee of the mentor’s own pair, or a mentor)' })
  personId!: string;

  @EnumField(incentiveRecipientRoles, { example: 'mentee' })
  recipientRole!: IncentiveRecipientRole;

  @UuidField({ optional: true, description: "The mentor's own pair the mentee belongs to (required for a mentee)" })
  pairId?: string;

  @TextField({ max: 100, example: 'certificateOfHonour', description: 'A kind id from GET /incentive-kinds' })
  kind!: string;

  @Amount()
  amount?: number;
}

export class IncentiveOrderDto {
  @TextField({ max: incentiveLimits.orderNumber, example: '45-п' })
  number!: string;

  @DateField({ example: '2026-10-06' })
  date!: string;
}

export class ApproveIncentiveDto {
  @NestedField(IncentiveOrderDto, { description: "The director's order or decision granting the incentive" })
  order!: IncentiveOrderDto;

  @Amount()
  amount?: number;
}

export class DeclineIncentiveDto {
  @TextField({ max: incentiveLimits.reason, example: 'Предложение повторяет поощрение этого года' })
  reason!: string;
}

export class IncentivesQuery extends PaginationQuery {
  @UuidField({ optional: true })
  organisationId?: string;

  @UuidField({ optional: true, description: 'Incentives of one person (the person card)' })
  personId?: string;

  @UuidField({ optional: true, description: "Incentives of a pair's members (its mentors and mentees)" })
  pairId?: string;

  @EnumField(incentiveStatuses, { optional: true })
  status?: IncentiveStatus;
}

export class ResultsSummaryQuery {
  @UuidField()
  organisationId!: string;
}

export class AddIncentiveKindDto {
  @TextField({ max: incentiveLimits.kindName, example: 'Медаль «Учитель года»' })
  name!: string;
}
