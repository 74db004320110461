import { Body } from '@nestjs/common';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, IdParam, Read, Remove, Replace } from '../common/endpoints';
import { NoFieldsDto } from '../common/no-fields.dto';
import { WebhookDto } from './webhook.dto';
import { webhookManagers, WebhooksService } from './webhooks.service';

/** An organisation's messenger webhook (MAX / Сферум, Telegram bots): set, read, remove. */
@ApiController('notifications', 'organisations')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Replace(
    ':id/webhook',
    [...webhookManagers],
    'Подключить или заменить вебхук организации: уведомления её задач отправляются туда подписанным JSON. Секрет подписи показывается один раз',
    'organisation',
  )
  set(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Body() body: WebhookDto) {
    return this.webhooks.set(id, body.url, user.sub);
  }

  @Read(
    ':id/webhook',
    [...webhookManagers],
    'Вебхук организации: адрес и когда подключён (без секрета)',
    'organisation',
  )
  get(@IdParam() id: string) {
    return this.webhooks.get(id);
  }

  @Remove(':id/webhook', [...webhookManagers], 'Отключить вебхук организации', 'organisation')
  remove(@IdParam() id: string, @Body() _body: NoFieldsDto) {
    return this.webhooks.remove(id);
  }
}
