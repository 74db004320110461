import { TextField } from '../common/fields';

/** A retry applies the event as the store holds it; the administrator may say what was fixed (kept on the row). */
export class RetryParkedEventDto {
  @TextField({ max: 500, optional: true, example: 'Исправлена проекция отчётов (версия 1.4.2)' })
  reason?: string;
}
