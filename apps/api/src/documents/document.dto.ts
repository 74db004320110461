import { Type } from 'class-transformer';
import { DateField, IntField, UuidField } from '../common/fields';

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

export class MonitoringReportDocumentQuery {
  @DateField({ example: '2026-09-01', description: 'Начало периода (включительно), в часовом поясе организации' })
  from!: string;

  @DateField({ example: '2026-12-31', description: 'Конец периода (включительно), не позже сегодняшнего дня' })
  to!: string;
}
