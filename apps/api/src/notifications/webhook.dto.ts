import { ValidateBy } from 'class-validator';
import { isLoopbackHost } from '@mentorflow/config';
import { TextField } from '../common/fields';

/** https anywhere; plain http only to this machine (a bot under development, the tests' receiver). */
export const isWebhookUrl = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
};

export const webhookUrlMessage = 'Адрес вебхука должен быть полным адресом https://… (http:// — только для localhost)';

export class WebhookDto {
  @TextField(
    {
      max: 2000,
      example: 'https://bot.school.example.ru/mentorflow',
      description: "The bot's address: https (http only to localhost); every notification is POSTed there, signed",
    },
    // A message of its own too: class-validator keeps the context only of a constraint whose message is not empty.
    ValidateBy(
      { name: 'webhookUrl', validator: { validate: isWebhookUrl, defaultMessage: () => webhookUrlMessage } },
      { context: { message: webhookUrlMessage } },
    ),
  )
  url!: string;
}
