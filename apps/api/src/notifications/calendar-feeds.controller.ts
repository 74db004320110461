import { Body, Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { roles } from '@mentorflow/domain';
import { CurrentUser, Public, Unscoped } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Create, Read, Remove } from '../common/endpoints';
import { NoFieldsDto } from '../common/no-fields.dto';
import { CalendarFeedsService } from './calendar-feeds.service';

/** The signed-in person's own calendar feed: make (or replace) its address, see whether one exists, revoke it. */
@ApiController('notifications', 'calendar/feed')
export class OwnCalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Create(
    '',
    roles,
    'Получить ссылку на свой календарь задач (iCalendar); прежняя ссылка перестаёт работать. Ссылка показывается один раз',
  )
  create(@CurrentUser() user: AuthenticatedUser, @Body() _body: NoFieldsDto) {
    return this.feeds.create(user.sub);
  }

  @Read('', roles, 'Есть ли ссылка на свой календарь задач (сама ссылка не хранится и не показывается)')
  status(@CurrentUser() user: AuthenticatedUser) {
    return this.feeds.status(user.sub);
  }

  @Remove('', roles, 'Отозвать ссылку на свой календарь задач: по ней больше ничего не отдаётся')
  revoke(@CurrentUser() user: AuthenticatedUser, @Body() _body: NoFieldsDto) {
    return this.feeds.revoke(user.sub);
  }
}

/**
 * The feed itself, for calendar applications, which send no Authorization header: public, the token in the
 * path is the only key (throttled as every anonymous request; hidden from the request log).
 */
@ApiTags('notifications')
@Controller('calendar/feeds')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Get(':file')
  @Public()
  @Unscoped()
  @ApiOperation({
    summary:
      'Календарь задач человека (text/calendar) по секретной ссылке: открытые задачи со сроками; 404 — ссылка отозвана',
  })
  async feed(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const calendar = file.endsWith('.ics') ? await this.feeds.calendar(file.slice(0, -'.ics'.length)) : undefined;
    if (calendar === undefined) throw new NotFoundException('Календарь не найден: ссылка неверна или отозвана');
    void reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, no-store');
    return calendar;
  }
}
