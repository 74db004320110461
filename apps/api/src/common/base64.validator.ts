import { ValidateBy, type ValidationOptions } from 'class-validator';

const isBase64Character = (code: number) =>
  (code >= 65 && code <= 90) || // A–Z
  (code >= 97 && code <= 122) || // a–z
  (code >= 48 && code <= 57) || // 0–9
  code === 43 || // +
  code === 47; // /

/**
 * Padded base64 (RFC 4648), checked character by character. class-validator's IsBase64 tests a regular
 * expression over the whole text, and on a 14 MB upload V8 once threw «Maximum call stack size exceeded»
 * from it (a 500 instead of the import's 413, seen only late in a long test run).
 */
export function isBase64Text(value: unknown): boolean {
  if (typeof value !== 'string' || value.length % 4 !== 0) return false;
  const end = value.endsWith('==') ? value.length - 2 : value.endsWith('=') ? value.length - 1 : value.length;
  for (let i = 0; i < end; i++) if (!isBase64Character(value.charCodeAt(i))) return false;
  return true;
}

/** The file content of an upload as base64; constraint `isBase64`, as class-validator names it. */
export function IsBase64Text(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isBase64', validator: { validate: isBase64Text } }, options);
}
