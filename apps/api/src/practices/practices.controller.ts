import { Body, Query } from '@nestjs/common';
import { practiceAuthorRoles, practiceReviewerRoles, roles } from '@mentorflow/domain';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, Create, IdParam, Read } from '../common/endpoints';
import { PaginationQuery } from '../common/pagination.dto';
import {
  PracticeContentDto,
  PracticesQuery,
  PublishPracticeDto,
  ReturnPracticeDto,
  SubmitPracticeDto,
} from './practice.dto';
import { PracticesService } from './practices.service';

const authors = [...practiceAuthorRoles];
const reviewers = [...practiceReviewerRoles];
/** Every signed-in user reads the bank; the service narrows what each sees (published: the whole region). */
const readers = [...roles];

/**
 * The bank of best practices (issue 28). A practice's `:id` is @Unscoped: a published practice is read across
 * the region, beyond its organisation, so the service decides who sees it (404 otherwise).
 */
@ApiController('practices', 'practices')
export class PracticesController {
  constructor(private readonly practices: PracticesService) {}

  @Create('', authors, 'Предложить практику в банк лучших практик (наставник, куратор, тьютор)')
  submit(@CurrentUser() user: AuthenticatedUser, @Body() body: SubmitPracticeDto) {
    return this.practices.submit(user, body);
  }

  @Read('', readers, 'Банк лучших практик: полнотекстовый поиск на русском, фильтры по форме, предмету, уровню')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PracticesQuery) {
    return this.practices.list(user, query);
  }

  @Read(':id', readers, 'Практика с автором, организацией и замечаниями рецензентов', 'unscoped')
  get(@CurrentUser() user: AuthenticatedUser, @IdParam() practiceId: string) {
    return this.practices.get(user, practiceId);
  }

  @Read(':id/history', readers, 'История практики: кто и когда предложил, вернул, опубликовал', 'unscoped')
  history(@CurrentUser() user: AuthenticatedUser, @IdParam() practiceId: string, @Query() page: PaginationQuery) {
    return this.practices.history(user, practiceId, page);
  }

  @Command(':id/return', reviewers, 'Вернуть практику автору с комментарием', 'unscoped')
  returnToAuthor(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() practiceId: string,
    @Body() body: ReturnPracticeDto,
  ) {
    return this.practices.returnToAuthor(user, practiceId, body.comment);
  }

  @Command(':id/resubmit', authors, 'Предложить доработанную практику повторно (автор)', 'unscoped')
  resubmit(@CurrentUser() user: AuthenticatedUser, @IdParam() practiceId: string, @Body() body: PracticeContentDto) {
    return this.practices.resubmit(user, practiceId, body);
  }

  @Command(':id/publish', reviewers, 'Опубликовать практику в банке лучших практик региона', 'unscoped')
  publish(@CurrentUser() user: AuthenticatedUser, @IdParam() practiceId: string, @Body() body: PublishPracticeDto) {
    return this.practices.publish(user, practiceId, body.comment);
  }
}
