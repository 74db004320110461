import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@mentorflow/config';
import { DomainRefusal } from '@mentorflow/domain';
import {
  digestKind,
  isNotificationKind,
  lockedKindMessage,
  lockedNotificationKinds,
  notificationKindLabels,
  notificationKinds,
  notificationPreferencesOf,
  setNotificationPreferences,
  verifyUnsubscribeToken,
  type NotificationKind,
} from '@mentorflow/projections';
import type { NotificationPreferenceDto } from './notification-preferences.dto';

/** What the unsubscribe page says; `status` 400 when the link is not ours or too old (nothing changed). */
export interface UnsubscribeOutcome {
  status: 200 | 400;
  title: string;
  text: string;
}

/** Each person's choice per kind of notification (issue 21), and the signed unsubscribe links. */
@Injectable()
export class NotificationPreferencesService {
  private readonly secret: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: ConfigService,
  ) {
    this.secret = config.getOrThrow<AppConfig['mail']>('app.mail').unsubscribeSecret;
  }

  async of(personId: string) {
    const chosen = await notificationPreferencesOf(this.db, personId);
    return {
      preferences: notificationKinds.map((kind) => ({
        kind,
        label: notificationKindLabels[kind],
        delivery: chosen[kind],
        locked: lockedNotificationKinds.includes(kind),
      })),
    };
  }

  /** Escalations stay «immediately»: asking for anything else is refused (422) and nothing changes. */
  async change(personId: string, preferences: readonly NotificationPreferenceDto[]) {
    const locked = preferences.filter((p) => lockedNotificationKinds.includes(p.kind) && p.delivery !== 'immediately');
    if (locked.length > 0) {
      throw new DomainRefusal(
        'notification.preference.locked',
        lockedKindMessage(locked[0]?.kind as NotificationKind),
        locked.map((p) => ({ code: `notification.${p.kind}.locked`, message: lockedKindMessage(p.kind) })),
      );
    }
    await setNotificationPreferences(
      this.db,
      personId,
      Object.fromEntries(preferences.map((p) => [p.kind, p.delivery])),
    );
    return this.of(personId);
  }

  /** The signed link of a message: turns its kind (or the digest) off for its recipient; no sign-in. */
  async unsubscribe(token: string | undefined, now: Date): Promise<UnsubscribeOutcome> {
    const claim = token ? verifyUnsubscribeToken(token, this.secret, now) : undefined;
    if (!claim || (claim.kind !== digestKind && !isNotificationKind(claim.kind))) {
      return {
        status: 400,
        title: 'Ссылка недействительна',
        text: 'Ссылка для отписки повреждена или устарела: настройки не изменены. Войдите в систему и измените их в разделе «Настройки уведомлений».',
      };
    }
    if (claim.kind === digestKind) {
      const chosen = await notificationPreferencesOf(this.db, claim.personId);
      const held = notificationKinds.filter((kind) => chosen[kind] === 'digest');
      await setNotificationPreferences(this.db, claim.personId, Object.fromEntries(held.map((k) => [k, 'off'])));
      return {
        status: 200,
        title: 'Вы отписались от ежедневной сводки задач',
        text: 'Уведомления, которые вы получали в сводке, больше не будут приходить. Вернуть их можно в разделе «Настройки уведомлений».',
      };
    }
    const kind = claim.kind as NotificationKind;
    const label = notificationKindLabels[kind];
    if (lockedNotificationKinds.includes(kind)) {
      return {
        status: 200,
        title: `Письма «${label}» отключить нельзя`,
        text: 'Эскалации руководителю приходят всегда: так вы узнаёте о просроченных задачах сотрудников, выполнение которых контролируете. Остальные уведомления можно отключить в разделе «Настройки уведомлений».',
      };
    }
    await setNotificationPreferences(this.db, claim.personId, { [kind]: 'off' });
    return {
      status: 200,
      title: `Вы отписались от писем «${label}»`,
      text: 'Такие письма больше не будут приходить. Вернуть их можно в разделе «Настройки уведомлений».',
    };
  }
}
