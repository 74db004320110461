import {
  deliveryChoices,
  notificationKinds,
  type DeliveryChoice,
  type NotificationKind,
} from '@mentorflow/projections';
import { EnumField, NestedListField } from '../common/fields';

/** One kind of notification and how the person takes it. */
export class NotificationPreferenceDto {
  @EnumField(notificationKinds, { example: 'TaskReminded', description: 'Вид уведомления' })
  kind!: NotificationKind;

  @EnumField(deliveryChoices, {
    example: 'digest',
    description: 'immediately: сразу; digest: в ежедневной сводке в 08:00; off: не присылать',
  })
  delivery!: DeliveryChoice;
}

/** The kinds given change; the others keep their setting. Escalations cannot be held or turned off (422). */
export class NotificationPreferencesDto {
  @NestedListField(NotificationPreferenceDto, { maxItems: notificationKinds.length, minItems: 1 })
  preferences!: NotificationPreferenceDto[];
}
