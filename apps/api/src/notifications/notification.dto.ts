import { EnumField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

export const notificationStatuses = ['failed', 'pending', 'sent'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

export class NotificationListQuery extends PaginationQuery {
  @EnumField(notificationStatuses, {
    optional: true,
    description: 'failed: parked after the last attempt (default); pending: waiting to be sent or retried; sent',
  })
  status?: NotificationStatus;
}
