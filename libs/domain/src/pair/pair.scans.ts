// The signed originals of a pair's documents (issue 22): the order assigning it, each participant's consent,
// each replacement's order and the termination order, each kept as a scan with its SHA-256.
import type { CommandMetadata } from '../shared/decider';
import { documentScanProblems, scanFields, type AttachedDocumentScan } from '../shared/document-scan';
import { refuse } from '../shared/rules';
import type { AttachPairDocumentScan } from './pair.commands';
import { pairScanKey, type PairEvent, type PairScanDocument } from './pair.events';
import { formers, requireFormed, requireRole } from './pair.guards';
import type { FormedPair, PairState } from './pair.state';

/** The latest scan of one of the pair's documents, if any. */
export const pairDocumentScan = (pair: FormedPair, document: PairScanDocument): AttachedDocumentScan | undefined =>
  pair.documentScans?.[pairScanKey(document)];

/** The document as the pair records it, or the refusal naming what does not exist. */
const requireDocument = (pair: FormedPair, document: PairScanDocument): PairScanDocument => {
  switch (document.kind) {
    case 'assignmentOrder':
      return { kind: 'assignmentOrder' };
    case 'consent': {
      const personId = document.personId ?? '';
      const known = pair.menteeIds.includes(personId) || pair.mentorHistory.some((t) => t.mentorId === personId);
      return known
        ? { kind: 'consent', personId }
        : refuse('pair.document.notFound', 'Согласие этого участника в паре/группе не зарегистрировано');
    }
    case 'replacementOrder': {
      const replacementId = document.replacementId ?? '';
      return pair.mentorHistory.some((t) => t.replacementId !== undefined && t.replacementId === replacementId)
        ? { kind: 'replacementOrder', replacementId }
        : refuse('pair.document.notFound', 'Приказ о замене наставника с таким идентификатором не зарегистрирован');
    }
    case 'terminationOrder':
      return pair.termination?.order !== undefined
        ? { kind: 'terminationOrder' }
        : refuse('pair.document.notFound', 'Приказ о прекращении наставничества этой пары/группы не зарегистрирован');
    default:
      return refuse('pair.document.kindUnknown', `Неизвестный вид документа: «${String(document.kind)}»`);
  }
};

/**
 * Attaches the scan (a later one replaces it as a new event: the audit keeps both hashes). Accepted after the
 * pair ended too: the termination order is signed when the pair ends.
 */
export const attachPairDocumentScan = ({ data, metadata }: AttachPairDocumentScan, state: PairState): PairEvent[] => {
  const pair = requireFormed(state);
  requireScanAttacher(metadata);
  const document = requireDocument(pair, data.document);
  const problems = documentScanProblems(data.scan);
  if (problems.length > 0) return refuse('pair.document.scan.invalid', 'Скан документа не принят', problems);
  const previous = pairDocumentScan(pair, document);
  return [
    {
      type: 'PairDocumentScanAttached',
      data: {
        pairId: pair.pairId,
        ...document,
        ...scanFields(data.scan),
        ...(previous === undefined ? {} : { replacesSha256: previous.sha256 }),
        attachedAt: metadata.now,
        attachedBy: metadata.actorId,
      },
    },
  ];
};

/** Who registers the pair's orders and consents registers their scans. */
export const requireScanAttacher = (metadata: CommandMetadata): void =>
  requireRole(metadata, formers, 'Скан документа пары/группы прикрепляет куратор, руководитель или администратор');
