import { CalendarDataError } from './calendar.errors';
import { parseProductionCalendarXml } from './production-calendar-xml.parser';

const calendarXml = (
  days: string,
  { year = '2027', holidays = '<holiday id="1" title="Новогодние каникулы"/>', extra = '' } = {},
): string =>
  `<?xml version="1.0" encoding="UTF-8"?>
<calendar year="${year}" lang="ru" date="2026.09.30" country="ru">
    <holidays>
        ${holidays}
    </holidays>
    <days>
        ${days}
    </days>${extra}
</calendar>`;

const failure = (xml: string): CalendarDataError => {
  try {
    parseProductionCalendarXml(xml);
  } catch (error) {
    if (error instanceof CalendarDataError) return error;
    throw error;
  }
  throw new Error('expected a CalendarDataError');
};

describe('parseProductionCalendarXml', () => {
  it('reads days, types, holiday references and transfers', () => {
    const xml = calendarXml(`<day d="01.01" t="1" h="1"/>
        <day d="01.09" t="1" f="01.03" />
        <day d="04.30" t="2"/>
        <day d="12.25" t="3"/>`);
    expect(parseProductionCalendarXml(xml)).toEqual({
      year: 2027,
      holidays: [{ id: 1, title: 'Новогодние каникулы' }],
      days: [
        { monthDay: '01.01', type: 'dayOff', holidayId: 1 },
        { monthDay: '01.09', type: 'dayOff', transferredFrom: '01.03' },
        { monthDay: '04.30', type: 'shortened' },
        { monthDay: '12.25', type: 'working' }, // Saturday in 2027
      ],
    });
  });

  it('accepts CRLF, a BOM, comments, single quotes, entities and a calendar without holidays', () => {
    const xml = `\uFEFF<?xml version='1.0' encoding='utf-8'?>\r\n<!-- official -->\r\n<calendar year='2027'>\r\n<holidays><holiday id='1' title='&#171;Ёлка&#187; &amp; co'/></holidays>\r\n<days><day d='01.01' t='1' h='1'></day></days>\r\n</calendar>\r\n`;
    expect(parseProductionCalendarXml(xml).holidays).toEqual([{ id: 1, title: '«Ёлка» & co' }]);
    expect(parseProductionCalendarXml('<calendar year="2027"><days/></calendar>')).toEqual({
      year: 2027,
      holidays: [],
      days: [],
    });
  });

  it('sorts days by date whatever their order in the file', () => {
    const parsed = parseProductionCalendarXml(calendarXml('<day d="05.03" t="1"/><day d="01.01" t="1" h="1"/>'));
    expect(parsed.days.map((day) => day.monthDay)).toEqual(['01.01', '05.03']);
  });

  it.each([
    ['02.30', 'Invalid date 02.30 in the 2027 calendar', 'Неверная дата 02.30 в календаре 2027 года'],
    ['13.01', 'Invalid date 13.01 in the 2027 calendar', 'Неверная дата 13.01 в календаре 2027 года'],
    ['02.29', 'Invalid date 02.29 in the 2027 calendar', 'Неверная дата 02.29 в календаре 2027 года'],
    ['1.01', 'Invalid date 1.01 in the 2027 calendar', 'Неверная дата 1.01 в календаре 2027 года'],
  ])('refuses the impossible date %s', (date, message, messageRu) => {
    const error = failure(calendarXml(`<day d="${date}" t="1"/>`));
    expect(error.message).toBe(message);
    expect(error.messageRu).toBe(messageRu);
    expect(error.code).toBe('CALENDAR_DATA_INVALID');
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseProductionCalendarXml(calendarXml('<day d="02.29" t="1"/>', { year: '2028' })).days).toHaveLength(1);
  });

  it.each(['0', '4', '', '1 ', 'x'])('refuses the unknown day type t=%p', (type) => {
    const error = failure(calendarXml(`<day d="05.01" t="${type}"/>`));
    expect(error.message).toContain(`Unknown day type t=${JSON.stringify(type)} for 05.01 in the 2027 calendar`);
    expect(error.messageRu).toContain(`Неизвестный тип дня t=${JSON.stringify(type)} для 05.01 в календаре 2027 года`);
  });

  it.each([
    ['no year attribute', '<calendar lang="ru"><days/></calendar>', 'В календаре не указан год'],
    ['an empty year', '<calendar year=""><days/></calendar>', 'В календаре не указан год'],
    ['a malformed year', '<calendar year="27"><days/></calendar>', 'Неверный год календаря "27"'],
  ])('refuses %s', (_, xml, messageRu) => {
    expect(failure(xml).messageRu).toContain(messageRu);
  });

  it.each([
    ['an unclosed element', '<calendar year="2027"><days>', 'не закрыт'],
    ['mismatched tags', '<calendar year="2027"><days></holidays></calendar>', 'закрывает'],
    ['an unquoted attribute', '<calendar year=2027><days/></calendar>', 'в кавычках'],
    ['a duplicate attribute', '<calendar year="2027" year="2028"><days/></calendar>', 'повторяется'],
    ['stray text', '<calendar year="2027">hello<days/></calendar>', 'лишний текст'],
    [
      'two roots',
      '<calendar year="2027"><days/></calendar><calendar year="2028"><days/></calendar>',
      'после корневого',
    ],
    ['a DOCTYPE', '<!DOCTYPE calendar [<!ENTITY x "y">]><calendar year="2027"><days/></calendar>', 'DOCTYPE'],
    [
      'an unknown entity',
      '<calendar year="2027"><holidays><holiday id="1" title="&nbsp;"/></holidays><days/></calendar>',
      'неизвестная сущность',
    ],
    [
      'a bare ampersand',
      '<calendar year="2027"><holidays><holiday id="1" title="A & B"/></holidays><days/></calendar>',
      '«&»',
    ],
    ['an empty document', '   ', 'нет корневого элемента'],
    ['JSON instead of XML', '{"year": 2027}', 'текст вне корневого'],
  ])('refuses bad XML: %s', (_, xml, messageRu) => {
    const error = failure(xml);
    expect(error.message).toMatch(/^Malformed production calendar XML at line \d+: /);
    expect(error.messageRu).toMatch(/^Повреждённый XML производственного календаря, строка \d+: /);
    expect(error.messageRu).toContain(messageRu);
  });

  it('says on which line the XML breaks', () => {
    expect(failure(calendarXml('<day d="01.01" t="1" h="1">')).message).toContain('line 8');
  });

  it.each([
    ['a wrong root element', '<calendars year="2027"><days/></calendars>', 'Корневой элемент <calendars>'],
    [
      'a calendar of another country',
      '<calendar year="2027" country="by"><days/></calendar>',
      'Страна "by" — не Россия',
    ],
    ['a missing <days>', '<calendar year="2027"><holidays/></calendar>', 'Нет элемента <days>'],
    ['an unknown element', calendarXml('', { extra: '<weeks/>' }), 'Неизвестный элемент <weeks>'],
    ['an unknown day attribute', calendarXml('<day d="01.01" t="1" x="1"/>'), 'Неизвестный атрибут x'],
    ['a day without t', calendarXml('<day d="01.01"/>'), 'нет атрибута t'],
    ['a date listed twice', calendarXml('<day d="05.03" t="1"/><day d="05.03" t="2"/>'), 'Дата 05.03 указана дважды'],
    ['an undeclared holiday', calendarXml('<day d="01.01" t="1" h="9"/>'), 'необъявленный праздник 9'],
    ['a holiday on a working day', calendarXml('<day d="01.01" t="2" h="1"/>'), 'должен быть нерабочим днём'],
    [
      'a working weekend day on a weekday',
      calendarXml('<day d="12.24" t="3"/>'),
      'не приходится на субботу или воскресенье',
    ],
    ['a bad transfer source', calendarXml('<day d="01.11" t="1" f="01.32"/>'), 'Неверная дата переноса 01.32'],
    [
      'a duplicate holiday id',
      calendarXml('', { holidays: '<holiday id="1" title="A"/><holiday id="1" title="B"/>' }),
      'Праздник с номером 1 указан дважды',
    ],
    ['a holiday without title', calendarXml('', { holidays: '<holiday id="1" title="  "/>' }), 'нет названия'],
  ])('refuses %s', (_, xml, messageRu) => {
    const error = failure(xml);
    expect(error.messageRu).toContain(messageRu);
    expect(error.message).not.toMatch(/[А-Яа-яЁё]/);
  });
});
