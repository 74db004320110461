import { BadRequestException, ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';

export interface FieldError {
  field: string;
  constraint: string;
  message: string;
}

/** Russian texts for the constraints our DTOs use; the constraint name stays machine-readable. */
const russian: Record<string, string> = {
  whitelistValidation: 'Поле не предусмотрено',
  isNotEmpty: 'Поле обязательно',
  isDefined: 'Поле обязательно',
  isString: 'Должно быть строкой',
  isUuid: 'Должен быть идентификатор UUID',
  isIn: 'Недопустимое значение',
  isEnum: 'Недопустимое значение',
  isInt: 'Должно быть целым числом',
  isNumber: 'Должно быть числом',
  isDateString: 'Должна быть дата в формате ГГГГ-ММ-ДД',
  isIso8601: 'Должна быть дата в формате ГГГГ-ММ-ДД',
  matches: 'Неверный формат',
  maxLength: 'Слишком длинное значение',
  minLength: 'Слишком короткое значение',
  min: 'Слишком маленькое значение',
  max: 'Слишком большое значение',
  isArray: 'Должен быть список',
  arrayMaxSize: 'Слишком много элементов',
  arrayMinSize: 'Слишком мало элементов',
  isBoolean: 'Должно быть true или false',
  isObject: 'Должен быть объект',
  isEmail: 'Должен быть адрес электронной почты',
  isNumberString: 'Должно быть число',
  nestedValidation: 'Неверное вложенное значение',
  unknownValue: 'Недопустимое тело запроса',
  isTimeZone: 'Неизвестный часовой пояс',
};

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map((constraint) => ({
      field,
      constraint,
      message: russian[constraint] ?? 'Неверное значение',
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Keys that address prototypes: class-transformer drops them silently, so the whitelist never sees them. */
const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any DTO nests; a deeper body would only exhaust the stack of the recursive transformer. */
export const MAX_BODY_DEPTH = 16;

/** The first structural problem of a parsed body or query, walked without recursion. */
export function structuralError(value: unknown): FieldError | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop() as (typeof stack)[number];
    if (current === null || typeof current !== 'object') continue;
    if (depth > MAX_BODY_DEPTH) return { field: path || 'body', constraint: 'maxDepth', message: 'Слишком глубокая вложенность' };
    for (const key of Object.keys(current)) {
      const field = path ? `${path}.${key}` : key;
      if (prototypeKeys.has(key)) return { field, constraint: 'whitelistValidation', message: russian.whitelistValidation };
      stack.push({ value: (current as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return undefined;
}

class MentorflowValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const error = structuralError(value);
      if (error) throw new BadRequestException({ detail: 'Запрос содержит ошибки', errors: [error] });
    }
    return super.transform(value, metadata);
  }
}

export const mentorflowValidationPipe = () =>
  new MentorflowValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // Query strings stay strings unless a DTO converts explicitly (@Type(() => Number)): "false" never becomes true.
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) =>
      new BadRequestException({ detail: 'Запрос содержит ошибки', errors: flattenValidationErrors(errors) }),
  });
