import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  catalogueColumnLabels,
  catalogueColumnOf,
  catalogueRowProblems,
  personSearchKey,
  type CatalogueColumn,
  type CatalogueRow,
} from '@mentorflow/domain';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ImportFileError, readSheet, type SheetRows } from '../people-import/import-file';
import type { PeopleImportFileDto } from '../people-import/people-import.dto';
import { likePrefix } from '../common/text-search';

const required: readonly CatalogueColumn[] = ['title', 'provider', 'hours', 'form'];

/** 400 naming the file's content, a line and a column as the spreadsheet shows them. */
const badFile = (errors: { field: string; constraint: string; message: string }[]) =>
  new BadRequestException({ detail: errors.map((e) => e.message).join('; '), errors });

/**
 * The further-training catalogue (issue 28): the federal registry has no open dataset, so an administrator
 * imports one from CSV or XLSX. A re-import updates an entry by its registry id, or else by (provider, title).
 * A file with any bad row stores nothing.
 */
@Injectable()
export class TrainingCatalogueService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async import(user: AuthenticatedUser, file: PeopleImportFileDto) {
    const rows = this.rowsOf(await this.sheet(file.content));
    let created = 0;
    let updated = 0;
    await this.db.transaction(async (manager) => {
      for (const row of rows) {
        const searchKey = personSearchKey(`${row.title} ${row.provider}`);
        const [existing] = await manager.query<{ entry_id: string }[]>(
          `SELECT entry_id FROM training_catalogue
            WHERE ($1::text IS NOT NULL AND registry_id = $1) OR (lower(provider) = lower($2) AND lower(title) = lower($3))
            ORDER BY (registry_id IS NOT DISTINCT FROM $1) DESC LIMIT 1`,
          [row.registryId ?? null, row.provider, row.title],
        );
        const values = [
          row.title,
          row.provider,
          Number(row.hours),
          row.form,
          row.registryId ?? null,
          searchKey,
          user.sub,
        ];
        if (existing) {
          await manager.query(
            `UPDATE training_catalogue SET title = $2, provider = $3, hours = $4, form = $5,
               registry_id = COALESCE($6, registry_id), search_key = $7, imported_by = $8, imported_at = now()
             WHERE entry_id = $1`,
            [existing.entry_id, ...values],
          );
          updated += 1;
        } else {
          await manager.query(
            `INSERT INTO training_catalogue (entry_id, title, provider, hours, form, registry_id, search_key, imported_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [randomUUID(), ...values],
          );
          created += 1;
        }
      }
    });
    return { fileName: file.fileName, created, updated };
  }

  /** Entries whose title or provider has a word starting with each word of `q`, by title. */
  async list(q: string | undefined, limit: number, offset: number) {
    const words = personSearchKey(q ?? '')
      .split(/\s+/)
      .filter(Boolean);
    const conditions = words.map((_, i) => `(search_key LIKE $${i + 1} OR search_key LIKE $${i + 1 + words.length})`);
    return this.db.query(
      `SELECT entry_id AS "entryId", title, provider, hours, form, registry_id AS "registryId"
         FROM training_catalogue ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY title, provider LIMIT ${limit} OFFSET ${offset}`,
      [...words.map((w) => `${likePrefix(w)}%`), ...words.map((w) => `% ${likePrefix(w)}%`)],
    );
  }

  private async sheet(content: string): Promise<SheetRows> {
    try {
      return await readSheet(Buffer.from(content, 'base64'));
    } catch (error) {
      if (error instanceof ImportFileError) {
        throw badFile([{ field: 'content', constraint: error.constraint, message: error.messageRu }]);
      }
      throw error;
    }
  }

  private rowsOf([header, ...data]: SheetRows): CatalogueRow[] {
    const columns = (header?.cells ?? []).map(catalogueColumnOf);
    const missing = required.filter((c) => !columns.includes(c));
    if (missing.length > 0) {
      throw badFile([
        {
          field: 'content',
          constraint: 'headers',
          message: `В файле нет столбцов: ${missing.map((c) => `«${catalogueColumnLabels[c]}»`).join(', ')}`,
        },
      ]);
    }
    const cell = (cells: string[], column: CatalogueColumn) => (cells[columns.indexOf(column)] ?? '').trim();
    const rows = data.map(({ line, cells }) => {
      const registryId = columns.includes('registryId') ? cell(cells, 'registryId') : '';
      return {
        line,
        row: {
          title: cell(cells, 'title'),
          provider: cell(cells, 'provider'),
          hours: cell(cells, 'hours'),
          form: cell(cells, 'form'),
          ...(registryId === '' ? {} : { registryId }),
        },
      };
    });
    const errors = rows.flatMap(({ line, row }) =>
      catalogueRowProblems(row).map(({ column, message }) => ({
        field: 'content',
        constraint: 'row',
        message: `Строка ${line}, столбец «${catalogueColumnLabels[column]}»: ${message}`,
      })),
    );
    if (errors.length > 0) throw badFile(errors.slice(0, 50));
    return rows.map(({ row }) => row);
  }
}
