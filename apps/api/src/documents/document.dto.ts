import { Type } from 'class-transformer';
import { IntField, UuidField } from '../common/fields';

export class ConsentDocumentQuery {
  @UuidField({ description: 'Чьё согласие: наставник или наставляемый пары' })
  personId!: string;
}

export class ReplacementOrderQuery {
  @UuidField({ optional: true, description: 'Какая замена; по умолчанию последняя' })
  replacementId?: string;
}

export class PersonalProgrammeDocumentQuery {
  // Query strings stay strings unless converted explicitly.
  @Type(() => Number)
  @IntField({ optional: true, min: 1, max: 1000, description: 'Номер версии программы; по умолчанию действующая' })
  version?: number;
}
