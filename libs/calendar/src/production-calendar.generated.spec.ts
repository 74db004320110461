import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCalendarXmlFiles, renderGeneratedModule } from '../scripts/generate';
import { decodeCalendarYear } from './compact-calendar';
import { GENERATED_PRODUCTION_CALENDAR } from './data/production-calendar.generated';
import { parseProductionCalendarXml } from './production-calendar-xml.parser';

// The runtime reads the generated module, never the XML; these tests keep the two from drifting.
const dataDir = join(__dirname, '..', 'data');
const xmlYears = readdirSync(dataDir)
  .filter((name) => /^\d{4}\.xml$/.test(name))
  .map((name) => Number(name.slice(0, 4)))
  .sort((a, b) => a - b);

describe('the generated calendar module', () => {
  it('ships exactly the years 2013–2027 that libs/calendar/data holds', () => {
    const expected = Array.from({ length: 15 }, (_, i) => 2013 + i);
    expect(xmlYears).toEqual(expected);
    expect(GENERATED_PRODUCTION_CALENDAR.map((year) => year.year)).toEqual(expected);
  });

  it.each(xmlYears)('%i equals a fresh parse of data/%i.xml', (year) => {
    const generated = GENERATED_PRODUCTION_CALENDAR.find((entry) => entry.year === year);
    expect(generated).toBeDefined();
    if (generated === undefined) return;
    const parsed = parseProductionCalendarXml(readFileSync(join(dataDir, `${year}.xml`), 'utf8'));
    expect(decodeCalendarYear(generated)).toEqual(parsed);
  });

  it('is byte for byte what scripts/generate.ts would write now', () => {
    const onDisk = readFileSync(join(__dirname, 'data', 'production-calendar.generated.ts'), 'utf8');
    expect(onDisk).toBe(renderGeneratedModule(readCalendarXmlFiles(dataDir)));
  });
});
