import { fileRefRule } from '@mentorflow/domain';
import { BadRequestException, ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { Transform } from 'node:stream';

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
  isFileRef: fileRefRule,
  isBase64: 'Должно быть содержимое файла в base64',
};

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const failed = Object.keys(error.constraints ?? {});
    // A field that words its own emptiness («Укажите дату») reports only that when empty, not also its format.
    const reported = failed.includes('isNotEmpty') && error.contexts?.isNotEmpty ? ['isNotEmpty'] : failed;
    const own = reported.map((constraint) => ({
      field,
      constraint,
      // A field may say it in its own words (DateField: «Укажите дату»).
      message:
        (error.contexts?.[constraint] as { message?: string } | undefined)?.message ??
        russian[constraint] ??
        'Неверное значение',
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Keys that address prototypes: class-transformer drops them silently, so the whitelist never sees them. */
const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any DTO nests; a deeper body would only exhaust the stack of the recursive transformer. */
export const MAX_BODY_DEPTH = 16;
/**
 * More keys (or array elements) in one object than any DTO has (the longest lists hold 200 rows). A 1 MiB
 * body of 90,000 unknown keys otherwise costs seconds of class validation and a 10 MB error.
 */
export const MAX_KEYS_PER_OBJECT = 200;
/** Values walked in one body or query: a road map of 200 rows is ≈2,000; the walk stops at this many. */
export const MAX_BODY_NODES = 10_000;
/** Validation errors reported at most: enough to fix a form, small whatever the body. */
export const MAX_REPORTED_ERRORS = 20;

/**
 * C0 and C1 control characters but tab, line feed and carriage return (PostgreSQL's jsonb cannot hold NUL,
 * and a refused event would stall the workflow appending it), and the bidirectional overrides and isolates
 * that make a text display other than it reads (U+202A–U+202E, U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex
export const forbiddenCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A field name as it can be shown: forbidden characters written as \uXXXX. */
const printable = (field: string) =>
  field.replace(
    new RegExp(forbiddenCharacter.source, 'g'),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const structural = (field: string, constraint: string, message: string): FieldError => ({
  field: printable(field),
  constraint,
  message,
});

/**
 * The first structural problem of a parsed body or query, walked without recursion before any class is
 * built: prototype keys, nesting, size (keys per object, values in all) and forbidden characters in every
 * key and text value. It stops at the first problem, so a hostile body costs no more than its first
 * MAX_BODY_NODES values.
 */
export function structuralError(value: unknown): FieldError | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop() as (typeof stack)[number];
    if (++nodes > MAX_BODY_NODES) return structural('body', 'maxNodes', 'Слишком большой запрос');
    if (typeof current === 'string') {
      if (forbiddenCharacter.test(current))
        return structural(path || 'body', 'noControlCharacters', 'Недопустимый управляющий символ');
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth > MAX_BODY_DEPTH) return structural(path || 'body', 'maxDepth', 'Слишком глубокая вложенность');
    // An array's length is checked before its keys are listed: listing 90,000 keys is itself the cost.
    if (Array.isArray(current) && current.length > MAX_KEYS_PER_OBJECT)
      return structural(path || 'body', 'maxKeys', 'Слишком много элементов');
    const keys = Object.keys(current);
    if (keys.length > MAX_KEYS_PER_OBJECT) return structural(path || 'body', 'maxKeys', 'Слишком много полей');
    for (const key of keys) {
      const field = path ? `${path}.${key}` : key;
      if (prototypeKeys.has(key)) return structural(field, 'whitelistValidation', russian.whitelistValidation);
      if (forbiddenCharacter.test(key))
        return structural(field, 'noControlCharacters', 'Недопустимый управляющий символ в имени поля');
      stack.push({ value: (current as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Counts the members of every object and array of a JSON text as its bytes arrive, without parsing it:
 * the parsed form of a 1 MB body of 90,000 keys costs ≈40 ms to parse and ≈15 ms to list its keys, so
 * the walk above would refuse it only after paying both. Answers the first excess (more members in one
 * container than MAX_KEYS_PER_OBJECT, more than MAX_BODY_NODES separators in all), with the field
 * `body`: the path is only known after parsing. Byte-wise: UTF-8 continuation bytes never equal an ASCII
 * delimiter. Everything else (syntax, depth, characters) is left to the parser and the walk.
 */
export function jsonShapeScanner(): (chunk: Buffer) => FieldError | undefined {
  let inString = false;
  let escaped = false;
  let separators = 0;
  /** Separators seen in each open container, innermost last. */
  const open: number[] = [];
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === 0x5c) escaped = true;
        else if (byte === 0x22) inString = false;
        continue;
      }
      if (byte === 0x22) inString = true;
      else if (byte === 0x7b || byte === 0x5b) open.push(0);
      else if (byte === 0x7d || byte === 0x5d) open.pop();
      else if (byte === 0x2c) {
        // n separators: n + 1 members.
        if (open.length > 0 && ++open[open.length - 1]! >= MAX_KEYS_PER_OBJECT)
          return structural('body', 'maxKeys', 'Слишком много полей или элементов');
        if (++separators >= MAX_BODY_NODES) return structural('body', 'maxNodes', 'Слишком большой запрос');
      }
    }
    return undefined;
  };
}

/** JSON bodies pass jsonShapeScanner on their way to Fastify's parser, which never sees an excessive one. */
export function registerJsonShapeLimit(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return payload;
    const scan = jsonShapeScanner();
    const checked = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        const error = scan(chunk);
        done(
          error ? new BadRequestException({ detail: 'Запрос содержит ошибки', errors: [error] }) : null,
          error ? undefined : chunk,
        );
      },
    });
    payload.on('error', (error) => checked.destroy(error));
    return payload.pipe(checked);
  });
}

class MentorflowValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Nest's pipe turns a JSON `null` into an empty DTO, which a command without required fields would accept.
    if (metadata.type === 'body' && value === null && metadata.metatype)
      throw new BadRequestException({
        detail: 'Запрос содержит ошибки',
        errors: [structural('body', 'isObject', 'Тело запроса должно быть объектом JSON, а не null')],
      });
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
      new BadRequestException({
        detail: 'Запрос содержит ошибки',
        errors: flattenValidationErrors(errors).slice(0, MAX_REPORTED_ERRORS),
      }),
  });
