import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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

export const mentorflowValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) =>
      new BadRequestException({ detail: 'Запрос содержит ошибки', errors: flattenValidationErrors(errors) }),
  });
