import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

const HEX_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Path ids are UUIDs; anything else is a 400 naming the parameter, in the same problem shape as a body
 * field (`errors: [{ field, constraint, message }]`), before any lookup.
 */
@Injectable()
export class UuidParamPipe implements PipeTransform<unknown, string> {
  /** `anyVersion`: any 8-4-4-4-12 hex id (the notification outbox derives its ids from md5: no RFC 4122 variant). */
  constructor(private readonly anyVersion = false) {}

  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && (this.anyVersion ? HEX_ID.test(value) : isUUID(value))) return value;
    const field = metadata.data ?? 'id';
    throw new BadRequestException({
      detail: 'Запрос содержит ошибки',
      errors: [{ field, constraint: 'isUuid', message: 'Должен быть идентификатор UUID' }],
    });
  }
}

export const UuidParam = (anyVersion = false) => new UuidParamPipe(anyVersion);
