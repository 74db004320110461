import { Body, Param, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { Role } from '@mentorflow/domain';
import { CurrentUser, EndpointRoles } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, IdParam, Read } from '../common/endpoints';
import { UuidParam } from '../common/id-param';
import { pairReaders } from '../pairs/pairs.controller';
import { programmeReaders } from '../programmes/programmes.controller';
import { PairScanQuery, PairScanUploadDto, scanBodyLimit, ScanUploadDto } from './scans.dto';
import { ScansService, type ScanFile } from './scans.service';

/** Who registers documents attaches their signed scans. */
const attachers: Role[] = ['director', 'curator', 'administrator'];

/** Sends a stored scan as a download; its hash (checked on this read) goes with it. */
const download = (reply: FastifyReply, file: ScanFile): Buffer => {
  void reply
    .header('content-type', file.mediaType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('x-content-sha256', file.sha256);
  return file.bytes;
};

/** Signed scans of registered documents (issue 22): uploaded as base64 in JSON, as the staff import's files. */
@ApiController('scans')
export class ScansController {
  constructor(private readonly scans: ScansService) {}

  @Command(
    'programmes/:id/documents/:documentId/scan',
    attachers,
    'Прикрепить скан подписанного документа программы (PDF, JPEG, PNG до 20 МБ; тип по содержимому); ' +
      'SHA-256 записывается в событие документа, повторная загрузка — новое событие. Тело: { content: base64 }',
    'programme',
  )
  @RouteConfig(scanBodyLimit)
  attachToProgrammeDocument(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Param('documentId', UuidParam()) documentId: string,
    @Body() body: ScanUploadDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.scans.attachToProgrammeDocument(user, id, documentId, body.content, roles);
  }

  @Read(
    'programmes/:id/documents/:documentId/scan',
    programmeReaders,
    'Скачать скан документа программы; файл, не совпадающий с записанной контрольной суммой, не отдаётся (409)',
    'programme',
  )
  async programmeDocumentScan(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Param('documentId', UuidParam()) documentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return download(reply, await this.scans.programmeDocumentScan(user, id, documentId));
  }

  @Command(
    'pairs/:id/documents/scan',
    attachers,
    'Прикрепить скан подписанного документа пары (приказ, согласие, приказ о замене или прекращении): PDF, JPEG, ' +
      'PNG до 20 МБ; SHA-256 записывается в событие пары. Тело: { kind, personId?, replacementId?, content: base64 }',
    'pair',
  )
  @RouteConfig(scanBodyLimit)
  attachToPairDocument(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Body() { content, ...document }: PairScanUploadDto,
    @EndpointRoles() roles: readonly Role[],
  ) {
    return this.scans.attachToPairDocument(user, id, document, content, roles);
  }

  @Read(
    'pairs/:id/documents/scan',
    pairReaders,
    'Скачать скан документа пары; файл, не совпадающий с записанной контрольной суммой, не отдаётся (409)',
    'pair',
  )
  async pairDocumentScan(
    @CurrentUser() user: AuthenticatedUser,
    @IdParam() id: string,
    @Query() query: PairScanQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return download(reply, await this.scans.pairDocumentScan(user, id, query));
  }
}
