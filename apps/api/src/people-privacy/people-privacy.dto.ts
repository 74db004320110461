import { TextField } from '../common/fields';

export class DepersonalisationDto {
  @TextField({
    max: 300,
    example: 'Заявление об отзыве согласия на обработку персональных данных № 15 от 02.11.2026',
    description: 'The document the depersonalisation rests on (a reference, no names): recorded with the event',
  })
  documentRef!: string;
}
