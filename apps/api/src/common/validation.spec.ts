import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DateField } from './fields';
import { IsFileRef } from './file-ref.validator';
import { NoFieldsDto } from './no-fields.dto';
import {
  jsonShapeScanner,
  MAX_BODY_NODES,
  MAX_KEYS_PER_OBJECT,
  MAX_REPORTED_ERRORS,
  mentorflowValidationPipe,
  structuralError,
} from './validation';

class NoteDto {
  @IsString()
  @MaxLength(100)
  text!: string;

  @IsOptional()
  @IsString()
  title?: string;
}

describe('structuralError: the walk every body and query goes through before class validation', () => {
  it.each([
    ['NUL', 'отчёт\u0000'],
    ['bell (C0)', 'a\u0007b'],
    ['escape (C0)', '\u001b[31m'],
    ['delete', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
    ['right-to-left override', 'файл\u202Egpj.exe'],
    ['left-to-right embedding', '\u202Ax'],
    ['first strong isolate', 'a\u2068b'],
    ['pop directional isolate', 'a\u2069'],
  ])('refuses a %s in a text value, naming the field', (_, text) => {
    expect(structuralError({ report: { text } })).toEqual({
      field: 'report.text',
      constraint: 'noControlCharacters',
      message: 'Недопустимый управляющий символ',
    });
  });

  it('refuses it in an array element, a key, and a query parameter alike', () => {
    expect(structuralError({ menteeIds: ['a', 'b\u0000'] })).toMatchObject({
      field: 'menteeIds.1',
      constraint: 'noControlCharacters',
    });
    expect(structuralError({ ['ti\u0000tle']: 'x' })).toEqual({
      field: 'ti\\u0000tle',
      constraint: 'noControlCharacters',
      message: 'Недопустимый управляющий символ в имени поля',
    });
    expect(structuralError({ status: ['active', '\u202Eevitca'] })).toMatchObject({
      field: 'status.1',
      constraint: 'noControlCharacters',
    });
    expect(structuralError('a top-level text\u0000')).toMatchObject({
      field: 'body',
      constraint: 'noControlCharacters',
    });
  });

  it('lets line feed, carriage return, tab and ordinary Unicode through', () => {
    expect(
      structuralError({
        text: 'Строка 1\r\nСтрока 2\n\tотступ «кавычки» — ёЁ 😀 \u00a0 \u2028',
        n: 3,
        ok: true,
        none: null,
      }),
    ).toBeUndefined();
  });

  it('refuses more keys in one object than any DTO has, before listing them all', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_KEYS_PER_OBJECT + 1 }, (_, i) => [`k${i}`, 1]));
    expect(structuralError(many)).toEqual({ field: 'body', constraint: 'maxKeys', message: 'Слишком много полей' });
    expect(structuralError({ nested: { deeper: many } })).toMatchObject({
      field: 'nested.deeper',
      constraint: 'maxKeys',
    });
    expect(structuralError({ rows: Array.from({ length: MAX_KEYS_PER_OBJECT + 1 }, () => 1) })).toMatchObject({
      field: 'rows',
      constraint: 'maxKeys',
    });
    // The largest lists a DTO allows (200 rows) still pass.
    expect(
      structuralError({ rows: Array.from({ length: 200 }, (_, i) => ({ rowId: `row-${i}`, hours: 36 })) }),
    ).toBeUndefined();
  });

  it('stops after MAX_BODY_NODES values, however they are spread', () => {
    const wide = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`k${i}`, Array.from({ length: 150 }, () => 'x')]),
    );
    expect(structuralError(wide)).toEqual({ field: 'body', constraint: 'maxNodes', message: 'Слишком большой запрос' });
    expect(MAX_BODY_NODES).toBeGreaterThan(200 * 10);
  });

  it('refuses the parsed body of 90,000 unknown keys with one error, before class validation builds 90,000', () => {
    // Listing the keys still costs ≈15 ms: a JSON body this wide is refused before parsing (jsonShapeScanner).
    const hostile = JSON.parse(
      JSON.stringify(Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`x${i}`, 1]))),
    );
    expect(structuralError(hostile)).toEqual({ field: 'body', constraint: 'maxKeys', message: 'Слишком много полей' });
  });
});

class DocumentDto {
  @IsFileRef()
  fileRef!: string;
}

describe('the validation pipe', () => {
  const pipe = mentorflowValidationPipe();
  const body: ArgumentMetadata = { type: 'body', metatype: NoteDto };
  const refusal = async (value: unknown, metadata = body) => {
    try {
      await pipe.transform(value, metadata);
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return (error as BadRequestException).getResponse() as {
        errors: { field: string; constraint: string; message: string }[];
      };
    }
    throw new Error('accepted');
  };

  it('refuses a JSON null body with 400 for every DTO, a command without fields included', async () => {
    const nullBody = [
      { field: 'body', constraint: 'isObject', message: 'Тело запроса должно быть объектом JSON, а не null' },
    ];
    expect((await refusal(null)).errors).toEqual(nullBody);
    expect((await refusal(null, { type: 'body', metatype: NoFieldsDto })).errors).toEqual(nullBody);
    await expect(pipe.transform(undefined, { type: 'body', metatype: NoFieldsDto })).resolves.toBeInstanceOf(
      NoFieldsDto,
    );
  });

  it('answers a control character in a body or a query field with 400 naming it', async () => {
    expect((await refusal({ text: 'Отчёт\u0000' })).errors).toEqual([
      { field: 'text', constraint: 'noControlCharacters', message: 'Недопустимый управляющий символ' },
    ]);
    expect((await refusal({ text: 'x', title: 'a\u202Eb' }, { type: 'query', metatype: NoteDto })).errors).toEqual([
      expect.objectContaining({ field: 'title', constraint: 'noControlCharacters' }),
    ]);
    await expect(pipe.transform({ text: 'Строка\r\nвторая\tстрока' }, body)).resolves.toBeInstanceOf(NoteDto);
  });

  it('says in Russian which links a file reference may be', async () => {
    expect((await refusal({ fileRef: 'javascript:alert(1)' }, { type: 'body', metatype: DocumentDto })).errors).toEqual(
      [{ field: 'fileRef', constraint: 'isFileRef', message: 'Ссылка на файл должна быть адресом https://…' }],
    );
  });

  it(`reports at most ${MAX_REPORTED_ERRORS} errors`, async () => {
    const unknown = Object.fromEntries(Array.from({ length: MAX_KEYS_PER_OBJECT - 1 }, (_, i) => [`unknown${i}`, 1]));
    const { errors } = await refusal({ text: 'x', ...unknown });
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(errors[0]).toMatchObject({ constraint: 'whitelistValidation' });
  });
});

describe('jsonShapeScanner: the raw JSON text, before it is parsed', () => {
  /** Feeds `text` in chunks of `size` bytes; the first error, if any. */
  const scan = (text: string, size = 7) => {
    const next = jsonShapeScanner();
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length; at += size) {
      const error = next(bytes.subarray(at, at + size));
      if (error) return error;
    }
    return undefined;
  };
  const object = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));

  it('lets through as many members as a DTO may have, in objects and arrays, however the bytes are split', () => {
    for (const size of [1, 3, 64, 1 << 20]) {
      expect(scan(object(MAX_KEYS_PER_OBJECT), size)).toBeUndefined();
      expect(
        scan(
          JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ rowId: `row-${i}`, tasks: 'a, b, c' })) }),
          size,
        ),
      ).toBeUndefined();
    }
  });

  it('refuses one member more, in an object or a nested array', () => {
    expect(scan(object(MAX_KEYS_PER_OBJECT + 1))).toEqual({
      field: 'body',
      constraint: 'maxKeys',
      message: 'Слишком много полей или элементов',
    });
    expect(
      scan(JSON.stringify({ a: { rows: Array.from({ length: MAX_KEYS_PER_OBJECT + 1 }, () => 0) } })),
    ).toMatchObject({ constraint: 'maxKeys' });
  });

  it('does not count commas, brackets or escaped quotes inside strings', () => {
    const text = `Пункт 1, пункт 2 { [ \\" ${','.repeat(5000)}`;
    expect(scan(JSON.stringify({ text, other: ['"', '\\', ',,,'] }), 5)).toBeUndefined();
  });

  it('refuses more than MAX_BODY_NODES values in all', () => {
    const wide = JSON.stringify(Array.from({ length: 60 }, () => Array.from({ length: 180 }, () => 1)));
    expect(scan(wide, 4096)).toEqual({ field: 'body', constraint: 'maxNodes', message: 'Слишком большой запрос' });
  });

  it('refuses the 1 MB body of 90,000 keys within its first kilobytes, without parsing it', () => {
    // Counted in bytes read, not milliseconds: a timing bound failed under a loaded CI machine.
    const hostile = Buffer.from(object(90_000));
    const next = jsonShapeScanner();
    const chunk = 1024;
    let read = 0;
    let error: ReturnType<typeof next>;
    while (!error && read < hostile.length) {
      error = next(hostile.subarray(read, read + chunk));
      read += chunk;
    }
    expect(error).toMatchObject({ constraint: 'maxKeys' });
    expect(read).toBeLessThanOrEqual(8 * chunk);
  });
});

describe('a required date left empty', () => {
  class MeetingDto {
    @DateField({ description: 'Дата заседания' })
    date!: string;

    @DateField({ optional: true, description: 'Дата повтора' })
    repeatDate?: string;
  }
  const validate = async (body: unknown) => {
    try {
      await mentorflowValidationPipe().transform(body, { type: 'body', metatype: MeetingDto } as ArgumentMetadata);
      return [];
    } catch (error) {
      return ((error as BadRequestException).getResponse() as { errors: unknown[] }).errors;
    }
  };

  it('says «Укажите дату», once, whether empty or missing', async () => {
    const empty = [{ field: 'date', constraint: 'isNotEmpty', message: 'Укажите дату' }];
    await expect(validate({ date: '' })).resolves.toEqual(empty);
    await expect(validate({})).resolves.toEqual(empty);
  });

  it('still tells a wrong format apart, and lets an optional date be left out', async () => {
    await expect(validate({ date: '01.09.2026' })).resolves.toEqual([
      { field: 'date', constraint: 'matches', message: 'Должна быть дата в формате ГГГГ-ММ-ДД' },
    ]);
    await expect(validate({ date: '2026-09-01' })).resolves.toEqual([]);
  });
});
