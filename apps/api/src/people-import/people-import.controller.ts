import { Body, StreamableFile } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiProduces } from '@nestjs/swagger';
import {
  personFieldLabels,
  personImportHeaders,
  qualificationCategoryLabels,
  employmentStatusLabels,
} from '@mentorflow/domain';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiController, Command, IdParam, Read } from '../common/endpoints';
import { XLSX_TYPE, xlsxStream } from '../reports/report-export';
import { PeopleImportFileDto } from './people-import.dto';
import { importerRoles, PeopleImportService } from './people-import.service';

/** A file of 10 MiB arrives as ≈14 MB of base64 in JSON: these routes take that much, every other 1 MiB. */
const importBodyLimit = { bodyLimit: 15 * 1024 * 1024 };

@ApiController('people')
export class PeopleImportController {
  constructor(private readonly imports: PeopleImportService) {}

  @Command(
    'organisations/:id/people/import/preview',
    importerRoles,
    'Импорт сотрудников из XLSX/CSV, предпросмотр: по каждой строке — будет создан, изменён (какие поля), без изменений ' +
      'или отклонён (причина по-русски); ничего не записывает. Тело: { fileName, content: base64 файла }',
    'organisation',
  )
  @RouteConfig(importBodyLimit)
  preview(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Body() body: PeopleImportFileDto) {
    return this.imports.preview(user, id, body);
  }

  @Command(
    'organisations/:id/people/import/apply',
    importerRoles,
    'Импорт сотрудников из XLSX/CSV: записывает все принятые строки одной транзакцией и отвечает счётчиками; ' +
      'повторный импорт того же файла ничего не меняет. Плохой файл — 400/413, ничего не записано',
    'organisation',
  )
  @RouteConfig(importBodyLimit)
  apply(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string, @Body() body: PeopleImportFileDto) {
    return this.imports.apply(user, id, body);
  }

  @Read(
    'organisations/:id/people/import/template',
    importerRoles,
    'Шаблон XLSX для импорта сотрудников: заголовки столбцов и справочник допустимых значений',
    'organisation',
  )
  @ApiProduces(XLSX_TYPE)
  template() {
    const headers = personImportHeaders();
    return new StreamableFile(
      xlsxStream([
        {
          name: 'Сотрудники',
          title: 'Сотрудники',
          columns: headers.map((header, index) => ({
            key: String(index),
            header,
            width: Math.max(14, header.length + 2),
          })),
          rows: [],
        },
        {
          name: 'Справочник',
          title: 'Допустимые значения',
          columns: [
            { key: 'field', header: 'Столбец', width: 30 },
            { key: 'values', header: 'Допустимые значения', width: 90 },
          ],
          rows: [
            { field: personFieldLabels.category, values: Object.values(qualificationCategoryLabels).join('; ') },
            { field: personFieldLabels.status, values: Object.values(employmentStatusLabels).join('; ') },
            { field: 'Даты', values: 'ДД.ММ.ГГГГ или ГГГГ-ММ-ДД' },
            { field: `${personFieldLabels.positions}, ${personFieldLabels.subjects}`, values: 'несколько — через «;»' },
            {
              field: 'Обязательные',
              values: `${personFieldLabels.personnelKey}, ${personFieldLabels.surname}, ${personFieldLabels.firstName}`,
            },
          ],
        },
      ]),
      { type: XLSX_TYPE, disposition: 'attachment; filename="people-import-template.xlsx"' },
    );
  }
}
