import JSZip from 'jszip';
import mammoth from 'mammoth';
import { evolvePair, initialPairState, type FormedPair, type PairEvent } from '@mentorflow/domain';
import { formed, groupData } from '@mentorflow/domain/pair/pair.fixtures';
import { renderDocx } from './document-kit';
import { assignmentOrder, missingConsents, type PairDocumentContext } from './pair-documents';

const pairOf = (...events: PairEvent[]) => events.reduce(evolvePair, initialPairState()) as FormedPair;

const context: PairDocumentContext = {
  organisation: { name: 'МБОУ «Школа № 5»', municipality: 'г. Тольятти', region: 'Самарская область' },
  timeZone: 'Europe/Samara',
  names: new Map([
    ['mentor-1', 'Иванова Мария Петровна'],
    ['mentee-1', 'Петров Илья Сергеевич'],
  ]),
  regulation: { number: '12-о', date: '2026-08-20' },
};

describe('the assignment order', () => {
  it('given a group whose second mentee has no recorded consent, names the pair and that mentee', () => {
    const pair = pairOf(formed({ ...groupData, consents: groupData.consents.slice(0, 2) }));
    expect(missingConsents(pair, context)).toEqual([
      {
        code: 'consent.mentee-2.missing',
        message:
          'Пара Иванова Мария Петровна — Петров Илья Сергеевич — mentee-2 (pair-1): нет письменного согласия наставляемого mentee-2',
      },
    ]);
  });

  it('given every consent, finds none missing', () => {
    expect(missingConsents(pairOf(formed(groupData)), context)).toEqual([]);
  });

  it('is laid out on A4 in Times New Roman 14 with the margins of orders, a name unknown to the directory left blank', async () => {
    const docx = await renderDocx(assignmentOrder([pairOf(formed(groupData))], context));
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    // Twips: A4 210 × 297 mm; margins 20 / 15 / 20 / 30 mm.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    const styles = await (await JSZip.loadAsync(docx)).file('word/styles.xml')!.async('string');
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toContain('<w:sz w:val="28"/>');
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    expect(text).toContain('Иванова Мария Петровна: «25» августа 2026 г.');
    expect(text).toContain(`${'_'.repeat(30)}: «26» августа 2026 г.`);
    expect(text).toContain('№ 45-к');
  });
});
