import { ValidateBy, type ValidationOptions } from 'class-validator';
import { fileRefRule, isAllowedFileRef } from '@mentorflow/domain';

/**
 * A link to a file a user follows from the web app: https: only (isAllowedFileRef, the rule the web app
 * renders by too), so `javascript:`, `data:` or `http:` never reach the store. Constraint `isFileRef`.
 */
export function IsFileRef(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFileRef',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isAllowedFileRef(value),
        defaultMessage: () => fileRefRule,
      },
    },
    options,
  );
}
