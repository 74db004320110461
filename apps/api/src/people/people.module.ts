import { Module } from '@nestjs/common';
import { PeopleController } from './people.controller';
import { PeopleDirectory } from './people.directory';
import { PeopleService } from './people.service';

/** The staff directory; other modules import it for `PeopleDirectory.names()`. */
@Module({
  controllers: [PeopleController],
  providers: [PeopleDirectory, PeopleService],
  exports: [PeopleDirectory],
})
export class PeopleModule {}
