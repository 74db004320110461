import { CalendarDataError } from './calendar.errors';
import {
  assertCalendarYearNumber,
  CalendarDay,
  CalendarHoliday,
  CalendarYear,
  SpecialDayType,
  validateCalendarYear,
} from './calendar-year';
import { CalendarOverlay, validateCalendarOverlay } from './calendar-overlay';
import { knownRegion } from './regions';

/**
 * Parses one year of the production calendar in the xmlcalendar.ru format:
 *
 *   <calendar year="2026" lang="ru" date="2025.09.30" country="ru">
 *     <holidays><holiday id="1" title="Новогодние каникулы"/>…</holidays>
 *     <days><day d="01.01" t="1" h="1"/><day d="01.09" t="1" f="01.03"/>…</days>
 *   </calendar>
 *
 * A file naming a `region` on the root is a region's overlay (`parseCalendarOverlayXml`) and is
 * refused here: loaded as a federal year it would replace the whole country's calendar.
 *
 * The format is tiny, so a small strict reader replaces an XML library: the code also runs in
 * bundles, and anything unexpected (unknown elements or attributes, text, DOCTYPE, CDATA, bad
 * entities) is refused rather than guessed at, because a wrong calendar silently moves deadlines.
 */
export function parseProductionCalendarXml(xml: string): CalendarYear {
  return validateCalendarYear(readCalendarXml(xml, 'federal').calendarYear);
}

/**
 * Parses one year of a region's own non-working days: the same format with the subject of the Russian
 * Federation named on the root, `<calendar year="2027" lang="ru" country="ru" region="Республика
 * Татарстан">`. The region must be one of `russianFederalSubjects` (common short forms are accepted
 * and returned by the official name); an overlay without it is refused.
 */
export function parseCalendarOverlayXml(xml: string): CalendarOverlay {
  const { calendarYear, region } = readCalendarXml(xml, 'overlay');
  return validateCalendarOverlay({ ...calendarYear, region: region ?? '' });
}

function readCalendarXml(xml: string, kind: CalendarKind): { calendarYear: CalendarYear; region?: string } {
  if (typeof xml !== 'string') {
    throw new CalendarDataError('Calendar XML must be a string', 'XML календаря должен быть строкой');
  }
  const reader = new XmlReader(xml);
  return toCalendarYear(reader.readDocument(), (offset) => reader.lineAt(offset), kind);
}

/** A federal year (no `region` on the root) or a region's overlay (`region` required). */
type CalendarKind = 'federal' | 'overlay';

interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Where the element starts; turned into a line number only for an error message. */
  readonly offset: number;
}

const MAX_DEPTH = 8;
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const WHITESPACE = /[ \t\r\n]*/y;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

class XmlReader {
  private pos = 0;

  constructor(private readonly text: string) {
    if (this.text.startsWith('\uFEFF')) this.pos = 1;
  }

  readDocument(): XmlElement {
    if (/^<\?xml[\s?]/.test(this.text.slice(this.pos, this.pos + 6))) this.skipDeclaration();
    this.skipMisc();
    if (this.pos >= this.text.length) this.fail('no root element', 'нет корневого элемента');
    if (this.text[this.pos] !== '<') this.fail('text outside the root element', 'текст вне корневого элемента');
    const root = this.readElement(1);
    this.skipMisc();
    if (this.pos < this.text.length) {
      this.fail('content after the root element', 'содержимое после корневого элемента');
    }
    return root;
  }

  private skipDeclaration(): void {
    const end = this.text.indexOf('?>', this.pos);
    if (end < 0) this.fail('unterminated XML declaration', 'незакрытое XML-объявление');
    const declaration = this.text.slice(this.pos, end);
    const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(declaration);
    // The input is already a JS string; a non-UTF-8 label means the bytes were decoded wrongly.
    if (encoding && !/^utf-?8$/i.test(encoding[1] ?? '')) {
      this.fail(`unsupported encoding ${encoding[1] ?? ''}`, `неподдерживаемая кодировка ${encoding[1] ?? ''}`);
    }
    this.pos = end + 2;
  }

  /** Whitespace and comments; processing instructions, DOCTYPE and CDATA are refused. */
  private skipMisc(): void {
    for (;;) {
      this.skipWhitespace();
      if (this.text.startsWith('<!--', this.pos)) {
        const end = this.text.indexOf('-->', this.pos + 4);
        if (end < 0) this.fail('unterminated comment', 'незакрытый комментарий');
        this.pos = end + 3;
        continue;
      }
      if (this.text.startsWith('<!', this.pos) || this.text.startsWith('<?', this.pos)) {
        this.fail(
          'DOCTYPE, CDATA and processing instructions are not allowed',
          'DOCTYPE, CDATA и инструкции обработки не допускаются',
        );
      }
      return;
    }
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  private readElement(depth: number): XmlElement {
    if (depth > MAX_DEPTH) this.fail('elements nested too deeply', 'слишком глубокая вложенность элементов');
    const offset = this.pos;
    this.expect('<');
    const name = this.readName();
    const attributes = new Map<string, string>();
    for (;;) {
      const before = this.pos;
      this.skipWhitespace();
      if (this.text.startsWith('/>', this.pos)) {
        this.pos += 2;
        return { name, attributes, children: [], offset };
      }
      if (this.text[this.pos] === '>') {
        this.pos += 1;
        break;
      }
      if (this.pos === before)
        this.fail(`expected whitespace, ">" or "/>" in <${name}>`, `ожидался пробел, «>» или «/>» в <${name}>`);
      const attribute = this.readName();
      this.skipWhitespace();
      this.expect('=');
      this.skipWhitespace();
      if (attributes.has(attribute)) {
        this.fail(`duplicate attribute ${attribute} in <${name}>`, `атрибут ${attribute} повторяется в <${name}>`);
      }
      attributes.set(attribute, this.readAttributeValue());
    }
    const children: XmlElement[] = [];
    for (;;) {
      this.skipMisc();
      if (this.pos >= this.text.length) this.fail(`<${name}> is not closed`, `элемент <${name}> не закрыт`);
      if (this.text.startsWith('</', this.pos)) {
        this.pos += 2;
        const closing = this.readName();
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`, `</${closing}> закрывает <${name}>`);
        this.skipWhitespace();
        this.expect('>');
        return { name, attributes, children, offset };
      }
      if (this.text[this.pos] !== '<') this.fail(`unexpected text in <${name}>`, `лишний текст в <${name}>`);
      children.push(this.readElement(depth + 1));
    }
  }

  private readName(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (!match) this.fail('expected a name', 'ожидалось имя элемента или атрибута');
    this.pos = NAME.lastIndex;
    return match[0];
  }

  private readAttributeValue(): string {
    const quote = this.text[this.pos];
    if (quote !== '"' && quote !== "'")
      this.fail('attribute value must be quoted', 'значение атрибута должно быть в кавычках');
    const end = this.text.indexOf(quote, this.pos + 1);
    if (end < 0) this.fail('unterminated attribute value', 'незакрытое значение атрибута');
    const raw = this.text.slice(this.pos + 1, end);
    if (raw.includes('<')) this.fail('"<" inside an attribute value', 'символ «<» в значении атрибута');
    this.pos = end + 1;
    return raw.replace(/&([^;&\s]*);?/g, (whole, entity: string) => this.decodeEntity(whole, entity));
  }

  private decodeEntity(whole: string, entity: string): string {
    if (!whole.endsWith(';')) this.fail(`bare "&" in an attribute value`, 'одиночный символ «&» в значении атрибута');
    const named = ENTITIES[entity];
    if (named !== undefined) return named;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(entity);
    const code = numeric ? parseInt(numeric[1] ?? numeric[2] ?? '', numeric[1] !== undefined ? 16 : 10) : NaN;
    if (!Number.isInteger(code) || code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      this.fail(`unknown entity &${entity};`, `неизвестная сущность &${entity};`);
    }
    return String.fromCodePoint(code);
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) this.fail(`expected "${char}"`, `ожидался символ «${char}»`);
    this.pos += 1;
  }

  lineAt(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.text.length; i += 1) if (this.text.charCodeAt(i) === 10) line += 1;
    return line;
  }

  private fail(problem: string, problemRu: string): never {
    const line = this.lineAt(this.pos);
    throw new CalendarDataError(
      `Malformed production calendar XML at line ${line}: ${problem}`,
      `Повреждённый XML производственного календаря, строка ${line}: ${problemRu}`,
    );
  }
}

const DAY_TYPES: Readonly<Record<string, SpecialDayType>> = { '1': 'dayOff', '2': 'shortened', '3': 'working' };

/** The year as written (checked by the caller), and for an overlay the region by its official name. */
function toCalendarYear(
  root: XmlElement,
  lineAt: (offset: number) => number,
  kind: CalendarKind,
): { calendarYear: CalendarYear; region?: string } {
  if (root.name !== 'calendar') {
    throw new CalendarDataError(
      `The root element is <${root.name}>, expected <calendar>`,
      `Корневой элемент <${root.name}>, ожидался <calendar>`,
    );
  }
  const yearText = root.attributes.get('year');
  if (yearText === undefined || yearText.trim() === '') {
    throw new CalendarDataError(
      'The calendar has no year (attribute year of <calendar>)',
      'В календаре не указан год (атрибут year элемента <calendar>)',
    );
  }
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  assertCalendarYearNumber(year, JSON.stringify(yearText));

  // Annotated so that TypeScript narrows after a call, as it does for a `never` function.
  const fail: (element: XmlElement, problem: string, problemRu: string) => never = (element, problem, problemRu) => {
    const line = lineAt(element.offset);
    throw new CalendarDataError(
      `${problem} in the ${year} calendar (line ${line})`,
      `${problemRu} в календаре ${year} года (строка ${line})`,
    );
  };

  // A calendar for another country would silently shift every deadline.
  const country = root.attributes.get('country');
  if (country !== undefined && country.toLowerCase() !== 'ru') {
    const shown = JSON.stringify(country);
    fail(root, `Country ${shown} is not Russia`, `Страна ${shown} — не Россия`);
  }

  // A region's overlay loaded as a federal year would replace the whole country's calendar with it.
  const regionText = root.attributes.get('region');
  let region: string | undefined;
  if (kind === 'federal' && regionText !== undefined) {
    const shown = JSON.stringify(regionText);
    fail(
      root,
      `The calendar names the region ${shown}: load it as a regional calendar, not as a federal year`,
      `Календарь относится к региону ${shown}: загрузите его как региональный календарь, а не как федеральный год`,
    );
  }
  if (kind === 'overlay') {
    if (regionText === undefined || regionText.trim() === '') {
      fail(
        root,
        'The regional calendar names no region (attribute region of <calendar>)',
        'Не указан регион (атрибут region элемента <calendar>)',
      );
    }
    region = knownRegion(regionText);
    if (region === undefined) {
      fail(
        root,
        `Unknown subject of the Russian Federation ${JSON.stringify(regionText)} (attribute region)`,
        `Неизвестный субъект Российской Федерации «${regionText}» (атрибут region)`,
      );
    }
  }

  const sections = new Map<string, XmlElement>();
  for (const child of root.children) {
    const tag = `<${child.name}>`;
    if (child.name !== 'holidays' && child.name !== 'days')
      fail(child, `Unknown element ${tag}`, `Неизвестный элемент ${tag}`);
    if (sections.has(child.name)) fail(child, `Element ${tag} appears twice`, `Элемент ${tag} повторяется`);
    sections.set(child.name, child);
  }
  const daysElement = sections.get('days');
  if (daysElement === undefined) fail(root, 'No <days> element', 'Нет элемента <days>');

  const checkLeaf = (
    element: XmlElement,
    expected: string,
    parent: string,
    required: readonly string[],
    optional: readonly string[] = [],
  ): void => {
    const tag = `<${element.name}>`;
    if (element.name !== expected) {
      fail(element, `Unknown element ${tag} in <${parent}>`, `Неизвестный элемент ${tag} в <${parent}>`);
    }
    for (const name of element.attributes.keys()) {
      if (!required.includes(name) && !optional.includes(name)) {
        fail(element, `Unknown attribute ${name} of ${tag}`, `Неизвестный атрибут ${name} элемента ${tag}`);
      }
    }
    for (const name of required) {
      if (!element.attributes.has(name))
        fail(element, `${tag} has no attribute ${name}`, `У элемента ${tag} нет атрибута ${name}`);
    }
    if (element.children.length > 0) fail(element, `${tag} must be empty`, `Элемент ${tag} должен быть пустым`);
  };
  const positiveId = /^[1-9]\d{0,5}$/;

  const holidays: CalendarHoliday[] = [];
  for (const element of sections.get('holidays')?.children ?? []) {
    checkLeaf(element, 'holiday', 'holidays', ['id', 'title']);
    const idText = element.attributes.get('id') ?? '';
    if (!positiveId.test(idText)) {
      fail(
        element,
        `Invalid holiday id ${JSON.stringify(idText)}`,
        `Неверный номер праздника ${JSON.stringify(idText)}`,
      );
    }
    holidays.push({ id: Number(idText), title: (element.attributes.get('title') ?? '').trim() });
  }

  const days: CalendarDay[] = [];
  for (const element of daysElement.children) {
    checkLeaf(element, 'day', 'days', ['d', 't'], ['h', 'f']);
    const monthDay = element.attributes.get('d') ?? '';
    const typeText = JSON.stringify(element.attributes.get('t') ?? '');
    const type = DAY_TYPES[element.attributes.get('t') ?? ''];
    if (type === undefined) {
      fail(
        element,
        `Unknown day type t=${typeText} for ${monthDay}`,
        `Неизвестный тип дня t=${typeText} для ${monthDay}`,
      );
    }
    const day: { -readonly [K in keyof CalendarDay]: CalendarDay[K] } = { monthDay, type };
    const holidayText = element.attributes.get('h');
    if (holidayText !== undefined) {
      if (!positiveId.test(holidayText)) {
        const shown = JSON.stringify(holidayText);
        fail(
          element,
          `Invalid holiday reference h=${shown} for ${monthDay}`,
          `Неверная ссылка на праздник h=${shown} для ${monthDay}`,
        );
      }
      day.holidayId = Number(holidayText);
    }
    const from = element.attributes.get('f');
    if (from !== undefined) day.transferredFrom = from;
    days.push(day);
  }

  return { calendarYear: { year, holidays, days }, ...(region === undefined ? {} : { region }) };
}
