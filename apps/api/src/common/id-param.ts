import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/**
 * Path ids are UUIDs; anything else is a 400 naming the parameter, in the same problem shape as a body
 * field (`errors: [{ field, constraint, message }]`), before any lookup.
 */
@Injectable()
export class UuidParamPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value)) return value;
    const field = metadata.data ?? 'id';
    throw new BadRequestException({
      detail: 'Запрос содержит ошибки',
      errors: [{ field, constraint: 'isUuid', message: 'Должен быть идентификатор UUID' }],
    });
  }
}

export const UuidParam = () => new UuidParamPipe();
