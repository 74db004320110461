import { Query } from '@nestjs/common';
import { ApiController, Command, IdParam, Read } from '../common/endpoints';
import { NotificationListQuery } from './notification.dto';
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
  resend(@IdParam('id', true) id: string) {
    return this.notifications.resend(id);
  }
}
