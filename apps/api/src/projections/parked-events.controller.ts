import { Body, Query } from '@nestjs/common';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, IdParam, Read } from '../common/endpoints';
import { PaginationQuery } from '../common/pagination.dto';
import { RetryParkedEventDto } from './parked-events.dto';
import { ParkedEventsService } from './parked-events.service';

/**
 * Events a read model could not apply and parked after repeated failures (issue 23): administrators see
 * them and apply them again once the cause is fixed (as `npm run projections:retry` does).
 */
@ApiController('projections', 'projections')
export class ParkedEventsController {
  constructor(private readonly parked: ParkedEventsService) {}

  @Read('parked', ['administrator'], 'Сбойные события: проекции не смогли их применить и пропустили')
  list(@Query() page: PaginationQuery) {
    return this.parked.list(page.limit, page.offset);
  }

  @Command(
    'parked/:id/retry',
    ['administrator'],
    'Повторить сбойное событие: применилось — снято со сбойных; снова ошибка — 409, событие остаётся сбойным',
    'unscoped',
  )
  retry(@CurrentUser() admin: AuthenticatedUser, @IdParam() id: string, @Body() body: RetryParkedEventDto) {
    return this.parked.retry(id, admin.sub, body.reason?.trim() || undefined);
  }
}
