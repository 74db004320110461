import { Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, IdParam, Read } from '../common/endpoints';
import { pairReaders } from '../pairs/pairs.controller';
import { docxType } from './document-kit';
import { ConsentDocumentQuery, PersonalProgrammeDocumentQuery, ReplacementOrderQuery } from './document.dto';
import { DocumentsService } from './documents.service';

/** Sends a generated document as a download. */
export const attachment = (reply: FastifyReply, fileName: string, body: Buffer): Buffer => {
  void reply.header('content-type', docxType).header('content-disposition', `attachment; filename="${fileName}"`);
  return body;
};

/** Statutory documents generated from the records; whoever may read the pair may download its documents. */
@ApiController('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Read(
    'pairs/:id/documents/assignment-order.docx',
    pairReaders,
    'Приказ о закреплении наставнических пар/групп (DOCX): эта пара и все, закреплённые тем же приказом',
    'pair',
  )
  async assignmentOrder(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return attachment(reply, `assignment-order-${id}.docx`, await this.documents.assignmentOrder(user, id));
  }

  @Read(
    'pairs/:id/documents/consent.docx',
    pairReaders,
    'Согласие наставника (ст. 351.8 ТК РФ) или наставляемого на участие в наставничестве (DOCX)',
    'pair',
  )
  async consent(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Query() query: ConsentDocumentQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return attachment(reply, `consent-${query.personId}.docx`, await this.documents.consent(user, id, query.personId));
  }

  @Read('pairs/:id/documents/replacement-order.docx', pairReaders, 'Приказ о замене наставника (DOCX)', 'pair')
  async replacementOrder(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Query() query: ReplacementOrderQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return attachment(
      reply,
      `replacement-order-${id}.docx`,
      await this.documents.replacementOrder(user, id, query.replacementId),
    );
  }

  @Read(
    'pairs/:id/documents/termination-order.docx',
    pairReaders,
    'Приказ о досрочном прекращении наставничества (DOCX)',
    'pair',
  )
  async terminationOrder(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return attachment(reply, `termination-order-${id}.docx`, await this.documents.terminationOrder(user, id));
  }

  @Read(
    'pairs/:id/documents/personal-programme.docx',
    pairReaders,
    'Персонализированная программа наставничества (DOCX): действующая версия или указанная',
    'pair',
  )
  async personalProgramme(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Query() query: PersonalProgrammeDocumentQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return attachment(
      reply,
      `personal-programme-${id}${query.version === undefined ? '' : `-v${query.version}`}.docx`,
      await this.documents.personalProgramme(user, id, query.version),
    );
  }

  @Read(
    'pairs/:id/documents/final-report.docx',
    pairReaders,
    'Отчёт наставника по итогам наставничества (DOCX)',
    'pair',
  )
  async finalReport(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return attachment(reply, `final-report-${id}.docx`, await this.documents.mentorFinalReport(user, id));
  }
}
