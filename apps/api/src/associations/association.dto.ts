import { associationLevels, associationLimits, type AssociationLevel } from '@mentorflow/domain';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { DateField, EnumField, TextField, UuidField } from '../common/fields';
import { PaginationQuery } from '../common/pagination.dto';

export class CreateAssociationDto {
  @TextField({ max: associationLimits.name, example: 'МО наставников МБОУ «Школа № 5»' })
  name!: string;

  @EnumField(associationLevels, {
    example: 'organisation',
    description: "An organisation's association, or a municipality's kept by its municipal methodical centre",
  })
  level!: AssociationLevel;

  @UuidField({ description: 'The organisation, or the municipal methodical centre that hosts the municipality’s' })
  organisationId!: string;
}

export class AssociationMemberDto {
  @UuidField({
    description: 'A person working in the organisation (or, for a municipality, in one of its organisations)',
  })
  personId!: string;
}

export class AddPlanItemDto {
  @TextField({ max: associationLimits.title, example: 'Семинар «Адаптация молодого педагога»' })
  title!: string;

  @DateField({ example: '2027-02-15', description: 'The planned date: the task is due at its end' })
  date!: string;

  @UuidField({ description: 'The responsible member: the item becomes their task' })
  responsibleId!: string;
}

export class RecordAssociationMeetingDto {
  @DateField({ example: '2026-11-20', description: 'The day the meeting was held (not after today)' })
  date!: string;

  @TextField({ max: 50, example: '3' })
  minutesNumber!: string;

  @TextField({ max: associationLimits.text, example: 'Утверждение плана работы на учебный год' })
  agenda!: string;

  @TextField({ max: associationLimits.text, example: 'План работы утвердить' })
  decisions!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'The members present' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(associationLimits.attendees)
  @IsUUID('all', { each: true })
  attendeeIds!: string[];
}

export class AssociationsQuery extends PaginationQuery {
  @UuidField({ optional: true, description: 'The host organisation' })
  organisationId?: string;
}
