import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { PracticesController } from './practices.controller';
import { PracticesService } from './practices.service';

@Module({
  imports: [PeopleModule],
  controllers: [PracticesController],
  providers: [PracticesService],
})
export class PracticesModule {}
