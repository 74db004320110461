import { UuidField } from '../common/fields';

export class ConsentDocumentQuery {
  @UuidField({ description: 'Чьё согласие: наставник или наставляемый пары' })
  personId!: string;
}

export class ReplacementOrderQuery {
  @UuidField({ optional: true, description: 'Какая замена; по умолчанию последняя' })
  replacementId?: string;
}
