import { randomUUID } from 'node:crypto';
import type { ProductionCalendar } from '@mentorflow/calendar';
import { loadFixtureYearsAhead } from './calendar-fixture';
import { TestMailServer } from './mail-server';
import { places, registerOrganisation } from './programme-setup';
import { TestSystem } from './system';
import { ensureWebBuild } from './web';

/** The whole system sending mail to a real SMTP server, with a school in Тольятти and its staff's tokens. */
export interface MailSystem {
  system: TestSystem;
  mail: TestMailServer;
  calendar: ProductionCalendar;
  admin: string;
  school: string;
  curator: string;
  tutor: string;
  stop(): Promise<void>;
}

/**
 * For the notification specs: an SMTP server (smtp-server) in this process, `env` (SMTP_URL and PUBLIC_URL
 * among them) set before the system starts and unset when it stops, the web build, the fixture calendar
 * years and a registered school.
 */
export async function startMailSystem(env: Record<string, string>): Promise<MailSystem> {
  const mail = await TestMailServer.start();
  const variables = { SMTP_URL: mail.url, ...env };
  Object.assign(process.env, variables);
  // Before the system starts: the API serves the web app only if its build is there when it starts.
  ensureWebBuild();
  const system = await TestSystem.start();
  const calendar = await loadFixtureYearsAhead();
  const admin = system.token(randomUUID(), ['administrator']);
  const school = (await registerOrganisation(system, admin, places.tolyatti)).body.organisationId as string;
  return {
    system,
    mail,
    calendar,
    admin,
    school,
    curator: system.token(randomUUID(), ['curator'], [school]),
    tutor: system.token(randomUUID(), ['tutor'], [school]),
    stop: async () => {
      await system.stop();
      await mail.stop();
      for (const name of Object.keys(variables)) delete process.env[name];
    },
  };
}
