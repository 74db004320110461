/** The signed originals of a pair's documents: the order assigning it, each consent, replacement and termination orders. */
import { useSession } from '../../auth';
import { usePersonLabel } from '../../components/people';
import type { Pair } from '../../types';
import { DocumentScan } from './DocumentScan';

interface ScannedDocument {
  title: string;
  /** The document as the API names it: `kind`, and the consent's person or the replacement. */
  document: Record<string, string>;
  /** Where the pair's state keeps its latest scan (the domain's pairScanKey). */
  key: string;
}

export function PairScans({ pair, mentees }: { pair: Pair; mentees: { personId: string; name?: string }[] }) {
  const session = useSession();
  const label = usePersonLabel();
  const zone = session.timeZoneOf(pair.organisationId);
  const nameOf = (id: string) => pair.names?.[id] ?? (id === pair.mentorId ? pair.mentorName : undefined);
  const consent = (personId: string, who: string, name?: string): ScannedDocument => ({
    title: `Согласие ${who} ${label(personId, name)}`,
    document: { kind: 'consent', personId },
    key: `consent:${personId}`,
  });
  const replacements = pair.mentorHistory.filter((term) => term.replacementId !== undefined);
  const documents: ScannedDocument[] = [
    {
      title: `Приказ о закреплении № ${pair.order.number}`,
      document: { kind: 'assignmentOrder' },
      key: 'assignmentOrder',
    },
    ...[pair.mentorHistory[0]?.mentorId ?? pair.mentorId].map((id) => consent(id, 'наставника', nameOf(id))),
    ...mentees.map((m) => consent(m.personId, 'наставляемого', m.name)),
    ...replacements.flatMap((term) => [
      {
        title: `Приказ о замене наставника № ${term.order.number}`,
        document: { kind: 'replacementOrder', replacementId: term.replacementId as string },
        key: `replacementOrder:${term.replacementId}`,
      },
      consent(term.mentorId, 'нового наставника', nameOf(term.mentorId)),
    ]),
    ...(pair.termination?.order
      ? [
          {
            title: `Приказ о прекращении наставничества № ${pair.termination.order.number}`,
            document: { kind: 'terminationOrder' },
            key: 'terminationOrder',
          },
        ]
      : []),
  ];
  const base = `/pairs/${pair.pairId}/documents/scan`;
  return (
    <section aria-labelledby={`pair-scans-${pair.pairId}`}>
      <h4 id={`pair-scans-${pair.pairId}`}>Подписанные экземпляры (сканы)</h4>
      <ul className="document-scans">
        {documents.map(({ title, document, key }) => (
          <li key={key}>
            <strong>{title}</strong>
            <DocumentScan
              scan={pair.documentScans?.[key]}
              title={title}
              uploadPath={base}
              uploadBody={document}
              downloadPath={`${base}?${new URLSearchParams(document).toString()}`}
              canAttach={session.has('director', 'curator', 'administrator')}
              zone={zone}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
