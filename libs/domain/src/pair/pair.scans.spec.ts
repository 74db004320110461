import type { DocumentScan } from '../shared/document-scan';
import type { PairCommand } from './pair.commands';
import type { PairEvent, PairScanDocument } from './pair.events';
import { pairDocumentScan } from './pair.scans';
import { curator, director, fold, inFormed, mentor, now, spec, terminatedPair } from './pair.fixtures';

const scan = (sha: string, storageKey = `org-1/${sha.slice(0, 8)}.pdf`): DocumentScan => ({
  storageKey,
  sha256: sha.repeat(64 / sha.length),
  size: 2048,
  mediaType: 'application/pdf',
  fileName: 'consent.pdf',
});

const attach = (document: PairScanDocument, file = scan('a'), metadata = curator): PairCommand => ({
  type: 'AttachPairDocumentScan',
  data: { document, scan: file },
  metadata,
});

const attached = (
  document: PairScanDocument,
  file = scan('a'),
  extra: { replacesSha256?: string } = {},
  by = 'curator-1',
): PairEvent => ({
  type: 'PairDocumentScanAttached',
  data: { pairId: 'pair-1', ...document, ...file, ...extra, attachedAt: now, attachedBy: by },
});

describe('signed scans of a pair’s documents', () => {
  it('records the scan of a participant’s consent with its hash', () =>
    spec
      .given(inFormed)
      .when(attach({ kind: 'consent', personId: 'mentee-1' }))
      .then([attached({ kind: 'consent', personId: 'mentee-1' })]));

  it('records a later file as a new event naming the hash it replaces; the state keeps the latest', () => {
    const first = attached({ kind: 'assignmentOrder' });
    spec
      .given([...inFormed, first])
      .when(attach({ kind: 'assignmentOrder' }, scan('b'), director))
      .then([attached({ kind: 'assignmentOrder' }, scan('b'), { replacesSha256: 'a'.repeat(64) }, 'director-1')]);
    const pair = fold([...inFormed, first]);
    expect(pair.status !== 'notFormed' && pairDocumentScan(pair, { kind: 'assignmentOrder' })?.sha256).toBe(
      'a'.repeat(64),
    );
  });

  it('accepts the termination order’s scan after the pair ended, and refuses it before', () => {
    spec
      .given(terminatedPair)
      .when(attach({ kind: 'terminationOrder' }))
      .then([attached({ kind: 'terminationOrder' })]);
    spec
      .given(inFormed)
      .when(attach({ kind: 'terminationOrder' }))
      .thenRefuses('pair.document.notFound');
  });

  it('refuses a consent of someone not in the pair and a replacement that did not happen', () => {
    spec
      .given(inFormed)
      .when(attach({ kind: 'consent', personId: 'stranger' }))
      .thenRefuses('pair.document.notFound');
    spec
      .given(inFormed)
      .when(attach({ kind: 'replacementOrder', replacementId: 'repl-1' }))
      .thenRefuses('pair.document.notFound');
  });

  it('refuses a mentor: the curator, the director or an administrator attaches scans', () =>
    spec
      .given(inFormed)
      .when(attach({ kind: 'assignmentOrder' }, scan('a'), mentor))
      .thenRefuses('pair.forbidden'));

  it('refuses a malformed measurement, listing what is wrong', () =>
    spec
      .given(inFormed)
      .when(
        attach(
          { kind: 'assignmentOrder' },
          {
            ...scan('a'),
            sha256: 'not-a-hash',
            size: 21 * 1024 * 1024,
            mediaType: 'application/x-msdownload' as DocumentScan['mediaType'],
          },
        ),
      )
      .thenRefuses('pair.document.scan.invalid', [
        'scan.sha256.invalid',
        'scan.size.invalid',
        'scan.mediaType.invalid',
      ]));
});
