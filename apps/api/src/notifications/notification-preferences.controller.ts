import { Body, Controller, Get, Header, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { roles } from '@mentorflow/domain';
import { escapeHtml } from '@mentorflow/projections';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Read } from '../common/endpoints';
import { NotificationPreferencesDto } from './notification-preferences.dto';
import { NotificationPreferencesService, type UnsubscribeOutcome } from './notification-preferences.service';

/** Everyone signed in chooses, per kind, how their own notifications come. */
@ApiController('notifications')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Read(
    'me/notification-preferences',
    roles,
    'Мои настройки уведомлений: по каждому виду — сразу, в сводке или никогда',
  )
  mine(@CurrentUser() user: AuthenticatedUser) {
    return this.preferences.of(user.sub);
  }

  @Put('me/notification-preferences')
  @Roles(...roles)
  @ApiOperation({
    summary: 'Изменить мои настройки уведомлений (эскалации отключить или отложить до сводки нельзя — 422)',
  })
  change(@CurrentUser() user: AuthenticatedUser, @Body() body: NotificationPreferencesDto) {
    return this.preferences.change(user.sub, body.preferences);
  }
}

const page = ({ title, text }: UnsubscribeOutcome): string =>
  [
    '<!doctype html><html lang="ru"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} — mentorflow</title></head>`,
    `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`,
    '<p><a href="/app/notification-settings">Настройки уведомлений</a></p></main></body></html>',
  ].join('\n');

/** The link in every notification: a small Russian page, no sign-in (the link itself is signed). */
@ApiTags('notifications')
@Controller('notifications')
export class UnsubscribeController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get('unsubscribe')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('X-Robots-Tag', 'noindex')
  @ApiOperation({ summary: 'Отписка по ссылке из письма (подписанная ссылка, без входа): страница на русском' })
  async unsubscribe(@Query('token') token: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.preferences.unsubscribe(typeof token === 'string' ? token : undefined, new Date());
    reply.status(outcome.status).type('text/html; charset=utf-8');
    return page(outcome);
  }
}
