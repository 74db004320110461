import { EnumField, TextField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

export const notificationStatuses = ['failed', 'pending', 'sent', 'held', 'skipped'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

export class NotificationListQuery extends PaginationQuery {
  @EnumField(notificationStatuses, {
    optional: true,
    description:
      "failed: parked after the last attempt (default); pending: waiting to be sent or retried; sent; held: kept for the recipient's daily digest; skipped: the recipient turned this kind off",
  })
  status?: NotificationStatus;
}

/** A resend goes to the recipient's current address, no other; the administrator may say what was mended. */
export class ResendNotificationDto {
  @TextField({ max: 500, optional: true, example: 'Рабочий e-mail исправлен в карточке сотрудника' })
  reason?: string;
}
