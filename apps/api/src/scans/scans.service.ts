import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  DomainRefusal,
  pairDecider,
  pairDocumentScan,
  pairStream,
  programmeDecider,
  scanExtensions,
  type AttachedDocumentScan,
  type DocumentScan,
  type PairCommand,
  type PairScanDocument,
  type ProgrammeCommand,
  type Role,
} from '@mentorflow/domain';
import { EventStore, handleCommand } from '@mentorflow/event-store';
import { attachPairDocumentScanUpdate } from '@mentorflow/workflows/pair/pair.messages';
import { attachDocumentScanUpdate } from '@mentorflow/workflows/programme/programme.messages';
import { actingRole } from '../auth/acting-role';
import type { AuthenticatedUser } from '../auth/auth.types';
import { commandMetadata } from '../common/aggregate.gateway';
import { PairsService } from '../pairs/pairs.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { checkScanContent, sha256Of } from './scan-content';
import { SCAN_STORAGE, type ScanStorage } from './scan-storage';

/** What the API answers about a stored scan: enough to tell which file was registered. */
export interface ScanView {
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  attachedAt: string;
  attachedBy: string;
  replacesSha256?: string;
}

export interface ScanFile {
  readonly bytes: Buffer;
  readonly mediaType: string;
  readonly fileName: string;
  readonly sha256: string;
}

const viewOf = (scan: AttachedDocumentScan): ScanView => ({
  sha256: scan.sha256,
  size: scan.size,
  mediaType: scan.mediaType,
  fileName: scan.fileName,
  attachedAt: scan.attachedAt,
  attachedBy: scan.attachedBy,
  ...(scan.replacesSha256 === undefined ? {} : { replacesSha256: scan.replacesSha256 }),
});

/** The file names of the pair's documents, as their DOCX downloads are named. */
const pairDocumentSlugs: Readonly<Record<PairScanDocument['kind'], string>> = {
  assignmentOrder: 'assignment-order',
  consent: 'consent',
  replacementOrder: 'replacement-order',
  terminationOrder: 'termination-order',
};

/**
 * Signed scans of registered documents (issue 22). An upload is checked by content (PDF, JPEG, PNG, at most
 * 20 MB), measured (SHA-256, size) and checked against the document's aggregate (the same decider the
 * workflow runs) before anything is stored; then the file is stored under a new key and the aggregate
 * records the scan as an event. A command refused after all removes the file again. A download is re-hashed:
 * bytes that no longer match the event's hash are reported as damaged, never served.
 */
@Injectable()
export class ScansService {
  constructor(
    @Inject(SCAN_STORAGE) private readonly storage: ScanStorage,
    private readonly programmes: ProgrammesService,
    private readonly pairs: PairsService,
    private readonly store: EventStore,
  ) {}

  async attachToProgrammeDocument(
    user: AuthenticatedUser,
    programmeId: string,
    documentId: string,
    content: string,
    preferred: readonly Role[],
  ): Promise<ScanView> {
    const bytes = await this.checked(content);
    const programme = await this.programmes.loadForUser(user, programmeId);
    const document = programme.documents[documentId];
    if (document === undefined) throw new NotFoundException('Документ не зарегистрирован в этой программе');
    const scan = this.scanOf(programme.organisationId, bytes, `${document.kind}-${document.date}`);
    const role = actingRole(user, preferred, programme.organisationId);
    const command: ProgrammeCommand = {
      type: 'AttachDocumentScan',
      data: { documentId, scan: scan.scan },
      metadata: commandMetadata(user, role),
    };
    // Refusals (who may attach, a closed programme) come before the file is stored.
    programmeDecider.decide(command, programme);
    const view = await this.stored(scan, bytes.bytes, () =>
      this.programmes.command(user, programmeId, attachDocumentScanUpdate, command.data, preferred),
    );
    const attached = view.state.status === 'started' ? view.state.documents[documentId]?.scan : undefined;
    return viewOf(attached ?? { ...scan.scan, attachedAt: command.metadata.now, attachedBy: user.sub });
  }

  async programmeDocumentScan(user: AuthenticatedUser, programmeId: string, documentId: string): Promise<ScanFile> {
    const programme = await this.programmes.loadForUser(user, programmeId);
    const document = programme.documents[documentId];
    if (document === undefined) throw new NotFoundException('Документ не зарегистрирован в этой программе');
    return this.read(document.scan);
  }

  async attachToPairDocument(
    user: AuthenticatedUser,
    pairId: string,
    document: PairScanDocument,
    content: string,
    preferred: readonly Role[],
  ): Promise<ScanView> {
    const bytes = await this.checked(content);
    const pair = await this.pairs.loadForUser(user, pairId);
    const scan = this.scanOf(pair.organisationId, bytes, pairDocumentSlugs[document.kind]);
    const role = actingRole(user, preferred, pair.organisationId);
    const command: PairCommand = {
      type: 'AttachPairDocumentScan',
      data: { document, scan: scan.scan },
      metadata: commandMetadata(user, role),
    };
    // Refusals (an unknown participant or replacement, no termination order, who may attach) before storing.
    const [event] = pairDecider.decide(command, pair);
    const key = event?.type === 'PairDocumentScanAttached' ? event.data : document;
    const ended = pair.status === 'completed' || pair.status === 'terminated';
    const state = await this.stored(scan, bytes.bytes, async () =>
      ended
        ? // The pair's workflow has ended with it (the termination order is signed then): no other writer is
          // left, so the command is decided and appended here, at the version read.
          (
            await handleCommand(this.store, pairStream(pairId), pairDecider, command, {
              actorId: user.sub,
              role,
              organisationId: pair.organisationId,
            })
          ).state
        : (await this.pairs.command(user, pairId, attachPairDocumentScanUpdate, command.data, preferred)).state,
    );
    const attached = state.status === 'notFormed' ? undefined : pairDocumentScan(state, key);
    return viewOf(attached ?? { ...scan.scan, attachedAt: command.metadata.now, attachedBy: user.sub });
  }

  async pairDocumentScan(user: AuthenticatedUser, pairId: string, document: PairScanDocument): Promise<ScanFile> {
    const pair = await this.pairs.loadForUser(user, pairId);
    return this.read(pairDocumentScan(pair, document));
  }

  /** The upload's bytes if they are a scan; a 400 naming the field otherwise, before anything is read or stored. */
  private async checked(
    content: string,
  ): Promise<{ bytes: Buffer; mediaType: DocumentScan['mediaType']; sha256: string }> {
    const bytes = Buffer.from(content, 'base64');
    const check = await checkScanContent(bytes);
    if (!check.ok) {
      throw new BadRequestException({
        detail: check.message,
        errors: [{ field: 'content', constraint: check.constraint, message: check.message }],
      });
    }
    return { bytes, mediaType: check.mediaType, sha256: check.sha256 };
  }

  private scanOf(
    organisationId: string,
    file: { bytes: Buffer; mediaType: DocumentScan['mediaType']; sha256: string },
    name: string,
  ): { scan: DocumentScan } {
    const extension = scanExtensions[file.mediaType];
    return {
      scan: {
        storageKey: `${organisationId}/${randomUUID()}.${extension}`,
        sha256: file.sha256,
        size: file.bytes.length,
        mediaType: file.mediaType,
        fileName: `${name}.${extension}`,
      },
    };
  }

  /** Stores the file, then records it; a refused or failed command leaves no file behind. */
  private async stored<T>(scan: { scan: DocumentScan }, bytes: Buffer, record: () => Promise<T>): Promise<T> {
    await this.storage.put(scan.scan.storageKey, bytes);
    try {
      return await record();
    } catch (error) {
      await this.storage.delete(scan.scan.storageKey).catch(() => undefined);
      throw error;
    }
  }

  private async read(scan: AttachedDocumentScan | undefined): Promise<ScanFile> {
    if (scan === undefined) throw new NotFoundException('Скан документа не прикреплён');
    const bytes = await this.storage.get(scan.storageKey);
    if (bytes === undefined) {
      throw new DomainRefusal('document.scan.missing.conflict', 'Файл скана не найден в хранилище');
    }
    if (sha256Of(bytes) !== scan.sha256) {
      throw new DomainRefusal('document.scan.damaged.conflict', 'Файл повреждён: контрольная сумма не совпадает');
    }
    return { bytes, mediaType: scan.mediaType, fileName: scan.fileName, sha256: scan.sha256 };
  }
}
