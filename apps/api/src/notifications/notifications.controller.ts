import { Body, Query } from '@nestjs/common';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, IdParam, Read } from '../common/endpoints';
import { NotificationListQuery, ResendNotificationDto } from './notification.dto';
import { NotificationsService } from './notifications.service';

/** The outbox of notification e-mails: administrators see what could not be delivered and send it again. */
@ApiController('notifications', 'notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Read('', ['administrator'], 'Уведомления: неотправленные (по умолчанию), в очереди или отправленные')
  list(@Query() query: NotificationListQuery) {
    return this.notifications.list(query.status ?? 'failed', query.limit, query.offset);
  }

  @Command(':id/resend', ['administrator'], 'Отправить неотправленное уведомление повторно', 'unscoped')
  resend(
    @CurrentUser() admin: AuthenticatedUser,
    @IdParam('id', true) id: string,
    @Body() body: ResendNotificationDto,
  ) {
    return this.notifications.resend(id, admin.sub, body.reason?.trim() || undefined);
  }
}
