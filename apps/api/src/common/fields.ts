import { applyDecorators, type Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

/**
 * The DTOs' fields: each composite stands for the stack of OpenAPI and class-validator decorators the DTOs
 * wrote out field by field. The OpenAPI options pass through untouched; `optional` makes the property
 * ApiPropertyOptional and @IsOptional.
 */
export type FieldDoc = ApiPropertyOptions & { optional?: boolean };

/** A calendar date; the domain checks that it exists (no 2026-02-30) and lies where it must. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Applies decorators as if stacked above a property top to bottom: TypeScript applies the lowest first, and
 * class-validator checks (and reports) a field's constraints in the order they were applied.
 */
const stacked = (...decorators: PropertyDecorator[]): PropertyDecorator => applyDecorators(...decorators.reverse());

const documented = ({ optional, ...doc }: FieldDoc): PropertyDecorator[] =>
  optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc)];

/**
 * A text of at most `max` characters. `notEmpty` (by default: when required) refuses the empty string;
 * `also` are further checks after the length.
 */
export const TextField = (
  { max, notEmpty, ...doc }: FieldDoc & { max: number; notEmpty?: boolean },
  ...also: PropertyDecorator[]
): PropertyDecorator =>
  stacked(
    ...documented(doc),
    IsString(),
    ...((notEmpty ?? !doc.optional) ? [IsNotEmpty()] : []),
    MaxLength(max),
    ...also,
  );

/** A list of texts: at least `minItems` (if given), at most `maxItems`, each at most `max` characters. */
export const TextListField = ({
  maxItems,
  minItems,
  max,
  ...doc
}: FieldDoc & { maxItems: number; minItems?: number; max: number }): PropertyDecorator =>
  stacked(
    ...documented(doc),
    IsArray(),
    ...(minItems === undefined ? [] : [ArrayMinSize(minItems)]),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    MaxLength(max, { each: true }),
  );

/** A text matching `pattern` (a code, a month…). */
export const PatternField = (pattern: RegExp, doc: FieldDoc, validation?: ValidationOptions): PropertyDecorator =>
  stacked(...documented(doc), Matches(pattern, validation));

/**
 * A calendar date written YYYY-MM-DD. A required one left empty says «Укажите дату» (a form's empty date
 * field), not that its format is wrong; the messages travel in the constraints' context.
 */
export const DateField = (doc: FieldDoc, validation?: ValidationOptions): PropertyDecorator =>
  stacked(
    ...documented(doc),
    ...(doc.optional ? [] : [IsNotEmpty({ ...validation, context: { message: 'Укажите дату' } })]),
    Matches(ISO_DATE, { ...validation, context: { message: 'Должна быть дата в формате ГГГГ-ММ-ДД' } }),
  );

/** true or false. */
export const BooleanField = (doc: FieldDoc): PropertyDecorator => stacked(...documented(doc), IsBoolean());

/** A UUID. */
export const UuidField = (doc: FieldDoc = {}): PropertyDecorator =>
  stacked(...documented({ format: 'uuid', ...doc }), IsUUID());

/** One of `values`. */
export const EnumField = <T extends string>(values: readonly T[], doc: FieldDoc = {}): PropertyDecorator =>
  stacked(...documented({ enum: values as T[], ...doc }), IsIn(values as T[]));

/** A whole number from `min` to `max`. */
export const IntField = ({ min, max, ...doc }: FieldDoc & { min: number; max: number }): PropertyDecorator =>
  stacked(...documented(doc), IsInt(), Min(min), Max(max));

/** A finite number from `min` to `max`. */
export const NumberField = ({ min, max, ...doc }: FieldDoc & { min: number; max: number }): PropertyDecorator =>
  stacked(...documented(doc), IsNumber({ allowNaN: false, allowInfinity: false }), Min(min), Max(max));

/** One object of the DTO class `of`, validated as a whole. */
export const NestedField = (of: Class, doc: FieldDoc = {}): PropertyDecorator =>
  stacked(
    ...documented({ type: of, ...doc }),
    IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => of),
  );

/** A list of objects of the DTO class `of` (at least `minItems` if given, at most `maxItems`), each validated. */
export const NestedListField = (
  of: Class,
  { maxItems, minItems, ...doc }: FieldDoc & { maxItems: number; minItems?: number },
): PropertyDecorator =>
  stacked(
    ...documented({ type: [of], ...doc }),
    IsArray(),
    ...(minItems === undefined ? [] : [ArrayMinSize(minItems)]),
    ArrayMaxSize(maxItems),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(() => of),
  );
