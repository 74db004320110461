import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { IsEmpty, IsOptional } from 'class-validator';

/**
 * The body of a command that takes no fields (`{}` or none): validated like every write's, so a field sent
 * anyway is a 400 naming it rather than silently ignored.
 */
export class NoFieldsDto {
  /**
   * Never sent. class-validator answers a class it holds no rules for with «unknown value» for the whole body
   * instead of naming the extra field; this one rule gives it some.
   */
  @IsOptional()
  @IsEmpty()
  readonly none?: undefined;
}

/**
 * The validation pipe turns a JSON `null` into an empty DTO before any pipe of the parameter sees it, so a
 * command without fields reads the raw body to refuse `null` too: `@Body() _body: NoFieldsDto, @NotNullBody() _: unknown`.
 */
export const NotNullBody = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
  if (body !== null) return undefined;
  throw new BadRequestException({
    detail: 'Запрос содержит ошибки',
    errors: [{ field: 'body', constraint: 'isEmpty', message: 'Команда без полей: отправьте {} или пустое тело' }],
  });
});
