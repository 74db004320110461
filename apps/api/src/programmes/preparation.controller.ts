import { Body } from '@nestjs/common';
import type { Role } from '@mentorflow/domain';
import {
  approveProblemAnalysisUpdate,
  recordProblemUpdate,
  removeProblemUpdate,
  reviseProblemUpdate,
} from '@mentorflow/workflows/programme/programme.messages';
import { CurrentUser, EndpointRoles } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, IdParam, Remove, Replace } from '../common/endpoints';
import { NoFieldsDto } from '../common/no-fields.dto';
import { ProblemDto, ProblemRevisionDto } from './programme.dto';
import { ProgrammesService } from './programmes.service';

const curators: Role[] = ['curator', 'administrator'];
const directors: Role[] = ['director', 'administrator'];

/** The preparatory stage's preliminary analysis of problems (004 slide 44, issue 28). */
@ApiController('programmes')
export class PreparationController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Command('programmes/:id/problems', curators, 'Записать проблему в предварительный анализ проблем', 'programme')
  record(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() body: ProblemDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.programmes.command(user, id, recordProblemUpdate, { ...body }, roles);
  }

  @Replace(
    'programmes/:id/problems/:problemId',
    curators,
    'Исправить проблему анализа (после утверждения анализ нужно утвердить снова)',
    'programme',
  )
  revise(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @IdParam('problemId') problemId: string,
    @Body() body: ProblemRevisionDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.programmes.command(user, id, reviseProblemUpdate, { problemId, ...body }, roles);
  }

  @Remove('programmes/:id/problems/:problemId', curators, 'Удалить проблему из анализа', 'programme')
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @IdParam('problemId') problemId: string,
    @Body() _body: NoFieldsDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.programmes.command(user, id, removeProblemUpdate, { problemId }, roles);
  }

  @Command(
    'programmes/:id/problem-analysis/approval',
    directors,
    'Утвердить предварительный анализ проблем (руководитель организации)',
    'programme',
  )
  approve(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() _body: NoFieldsDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.programmes.command(user, id, approveProblemAnalysisUpdate, {}, roles);
  }
}
