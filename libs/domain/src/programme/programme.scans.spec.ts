import type { DocumentScan } from '../shared/document-scan';
import type { ProgrammeCommand } from './programme.commands';
import type { ProgrammeEvent } from './programme.events';
import {
  closedProgramme,
  curator,
  curatorAppointed,
  director,
  doc,
  fold,
  now,
  otherCurator,
  recorded,
  spec,
  started,
} from './programme.fixtures';

const file = (sha: string): DocumentScan => ({
  storageKey: `org-1/${sha}.pdf`,
  sha256: sha.repeat(64),
  size: 4096,
  mediaType: 'application/pdf',
  fileName: 'implementationAct-2026-02-20.pdf',
});

const attach = (documentId: string, scan = file('a'), metadata = curator): ProgrammeCommand => ({
  type: 'AttachDocumentScan',
  data: { documentId, scan },
  metadata,
});

const act = doc('implementationAct');
const attached = (scan = file('a'), extra: { replacesSha256?: string } = {}, by = 'curator-1'): ProgrammeEvent => ({
  type: 'DocumentScanAttached',
  data: {
    programmeId: 'prog-1',
    documentId: act.documentId,
    kind: 'implementationAct',
    ...scan,
    ...extra,
    attachedAt: now,
    attachedBy: by,
  },
});

describe('signed scans of a programme’s documents', () => {
  const given = [started, curatorAppointed(), recorded(act)];

  it('records the scan of a registered document with its SHA-256', () =>
    spec.given(given).when(attach(act.documentId)).then([attached()]));

  it('records a replacement as a new event naming the replaced hash; the document keeps the latest scan', () => {
    spec
      .given([...given, attached()])
      .when(attach(act.documentId, file('b'), director))
      .then([attached(file('b'), { replacesSha256: 'a'.repeat(64) }, 'director-1')]);
    const state = fold([...given, attached(), attached(file('b'), { replacesSha256: 'a'.repeat(64) })]);
    expect(state.status === 'started' && state.documents[act.documentId]?.scan).toMatchObject({
      sha256: 'b'.repeat(64),
      replacesSha256: 'a'.repeat(64),
    });
  });

  it('reads a document recorded before scans existed: no scan', () => {
    const state = fold(given);
    expect(state.status === 'started' && state.documents[act.documentId]?.scan).toBeUndefined();
  });

  it('refuses a document the programme has not registered', () =>
    spec.given(given).when(attach('doc-unknown')).thenRefuses('programme.document.notFound'));

  it('refuses another programme’s curator', () =>
    spec
      .given(given)
      .when(attach(act.documentId, file('a'), otherCurator))
      .thenRefuses('programme.forbidden'));

  it('refuses a file that is not a PDF, JPEG or PNG', () =>
    spec
      .given(given)
      .when(attach(act.documentId, { ...file('a'), mediaType: 'text/html' as DocumentScan['mediaType'] }))
      .thenRefuses('programme.document.scan.invalid', ['scan.mediaType.invalid']));

  it('refuses once the programme is closed', () =>
    spec.given(closedProgramme).when(attach(act.documentId)).thenRefuses('programme.closed'));
});
