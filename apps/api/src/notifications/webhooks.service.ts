import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Who connects an organisation's messenger bot: its curator (runs the programme), its director, an administrator. */
export const webhookManagers = ['curator', 'director', 'administrator'] as const;

/**
 * An organisation's outgoing webhook (issue 21): every notification of its tasks is POSTed there as signed
 * JSON (WebhookNotificationSender). The secret is made here and shown once, when the webhook is set;
 * setting it again (a new URL, or the same one) makes a new secret.
 */
@Injectable()
export class WebhooksService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async set(organisationId: string, url: string, setBy: string) {
    await this.assertOrganisation(organisationId);
    const secret = randomBytes(32).toString('hex');
    const [row] = await this.db.query<{ url: string; createdAt: Date }[]>(
      `INSERT INTO personal.organisation_webhooks (organisation_id, url, secret, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id) DO UPDATE
         SET url = EXCLUDED.url, secret = EXCLUDED.secret, created_by = EXCLUDED.created_by, created_at = now()
       RETURNING url, created_at AS "createdAt"`,
      [organisationId, url, secret, setBy],
    );
    return { configured: true, ...row, secret };
  }

  async get(organisationId: string) {
    await this.assertOrganisation(organisationId);
    const [row] = await this.db.query<{ url: string; createdAt: Date }[]>(
      'SELECT url, created_at AS "createdAt" FROM personal.organisation_webhooks WHERE organisation_id = $1',
      [organisationId],
    );
    return row ? { configured: true, ...row } : { configured: false };
  }

  /** What is still queued for it is parked with «Вебхук организации удалён» at its next attempt. */
  async remove(organisationId: string) {
    await this.assertOrganisation(organisationId);
    await this.db.query('DELETE FROM personal.organisation_webhooks WHERE organisation_id = $1', [organisationId]);
    return { configured: false };
  }

  private async assertOrganisation(organisationId: string): Promise<void> {
    const [found] = await this.db.query<unknown[]>('SELECT 1 FROM organisations_view WHERE organisation_id = $1', [
      organisationId,
    ]);
    if (!found) throw new NotFoundException('Организация не найдена');
  }
}
