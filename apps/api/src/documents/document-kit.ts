/**
 * The kit every generated document is built with (docx: built in code from typed records, so the compiler
 * checks each field a document uses; there are no Word templates to keep in step with the records).
 * Page and type as Russian orders are laid out (ГОСТ Р 7.0.97-2016): A4, Times New Roman 14, margins
 * left 30 mm, right 15 mm, top and bottom 20 mm.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';

import { incline } from 'lvovich';
import { documentDate } from './document-date';

export { documentDate };

/** The organisation as a document's heading names it. */
export interface DocumentOrganisation {
  readonly name: string;
  readonly municipality?: string;
  readonly region?: string;
}

export type Block = FileChild;

/** Twips (1/1440 inch), rounded as Word writes them: A4 210 × 297 mm; margins 20, 15, 20 and 30 mm. */
const page = { width: 11906, height: 16838 };
const margin = { top: 1134, right: 850, bottom: 1134, left: 1701 };
/** The width a full-width table has to share among its columns. */
const textWidth = page.width - margin.left - margin.right;

const font = 'Times New Roman';
/** Half-points: 14 pt. */
const size = 28;

/** What the hand fills in: a line long enough to write on. */
export const blank = (length = 20): string => '_'.repeat(length);

/** A name the directory does not know is left for the hand, never guessed. */
export const nameOrBlank = (name: string | undefined): string => name ?? blank(30);

/**
 * A full name «Фамилия Имя Отчество» declined («от Ивановой Марии Петровны», «освободить Иванову Марию
 * Петровну») by lvovich, which takes the gender from the patronymic; a blank stays blank.
 */
export const declinedName = (name: string | undefined, grammaticalCase: 'genitive' | 'accusative'): string => {
  if (name === undefined) return blank(30);
  const [last = '', first = '', ...middle] = name.trim().split(/\s+/);
  const declined = incline({ last, first, middle: middle.join(' ') }, grammaticalCase);
  return [declined.last, declined.first, declined.middle].filter(Boolean).join(' ');
};

export const paragraph = (
  text: string,
  options: { bold?: boolean; align?: 'left' | 'center' | 'right' | 'both'; indent?: boolean; spaceAfter?: number } = {},
): Paragraph =>
  new Paragraph({
    alignment: {
      left: AlignmentType.LEFT,
      center: AlignmentType.CENTER,
      right: AlignmentType.RIGHT,
      both: AlignmentType.JUSTIFIED,
    }[options.align ?? 'both'],
    // A paragraph's first line is indented 1.25 cm, as in Russian business letters.
    ...(options.indent === false || options.align === 'center' ? {} : { indent: { firstLine: 709 } }),
    spacing: { after: options.spaceAfter ?? 0 },
    children: [new TextRun({ text, bold: options.bold ?? false })],
  });

export const emptyLine = (): Paragraph => paragraph('', { indent: false });

/** The organisation's full name and where it is, centred above the document's kind. */
export const organisationHeading = (organisation: DocumentOrganisation): Paragraph[] => [
  paragraph(organisation.name, { bold: true, align: 'center' }),
  ...[organisation.municipality, organisation.region]
    .filter((line): line is string => line !== undefined && line.trim() !== '')
    .map((line) => paragraph(line, { align: 'center' })),
  emptyLine(),
];

/**
 * An order's heading: ПРИКАЗ, its date and number (blank lines when the record has none: the number and
 * date are written by hand before signature), the town, the title.
 */
export const orderHeading = (
  organisation: DocumentOrganisation,
  title: string,
  order: { readonly number?: string; readonly date?: string } = {},
): Paragraph[] => [
  ...organisationHeading(organisation),
  paragraph('ПРИКАЗ', { bold: true, align: 'center', spaceAfter: 200 }),
  paragraph(`${documentDate(order.date)}\t\t\t\t№ ${order.number ?? blank(10)}`, { indent: false }),
  ...(organisation.municipality ? [paragraph(organisation.municipality, { align: 'center' })] : []),
  emptyLine(),
  paragraph(title, { bold: true, align: 'center', spaceAfter: 200 }),
];

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

/** A full-width table with a bold header row; each cell's text may span lines. */
export const table = (headers: readonly string[], rows: readonly (readonly string[])[]): Table => {
  const cell = (text: string, bold = false) =>
    new TableCell({
      borders,
      children: text
        .split('\n')
        .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 24, font })] })),
    });
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    // Equal columns: without a grid, LibreOffice draws each column a few millimetres wide.
    columnWidths: headers.map(() => Math.floor(textWidth / headers.length)),
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }),
      ...rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
    ],
  });
};

/** The signatory's line: the position, a line for the signature, the name (or a line for it). */
export const signature = (position: string, name?: string): Paragraph[] => [
  emptyLine(),
  paragraph(`${position}\t${blank(15)}\t${name ?? blank(25)}`, { indent: false }),
  paragraph('\t\t(подпись)', { indent: false }),
];

/** «С приказом ознакомлены»: each person's name, a signature line and the date, written by hand. */
export const acquaintance = (names: readonly string[]): Paragraph[] => [
  emptyLine(),
  paragraph('С приказом ознакомлены:', { indent: false }),
  ...names.map((name) => paragraph(`${name}\t${blank(15)}\t${documentDate(undefined)}`, { indent: false })),
];

/** The DOCX of `blocks` on A4 with the orders' margins and type. */
export const renderDocx = (blocks: readonly Block[]): Promise<Buffer> =>
  Packer.toBuffer(
    new Document({
      creator: 'mentorflow',
      styles: { default: { document: { run: { font, size } } } },
      sections: [
        {
          properties: {
            page: { size: page, margin },
          },
          children: [...blocks],
        },
      ],
    }),
  );

/** The MIME type a DOCX is sent with. */
export const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
