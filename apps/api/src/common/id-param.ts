import { ParseUUIDPipe } from '@nestjs/common';

/** Path ids are UUIDs; anything else is a 400 naming the parameter. */
export const UuidParam = () => new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 400 });
