import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ParticipantsController } from './participants.controller';

@Module({
  imports: [ProgrammesModule],
  controllers: [ParticipantsController],
})
export class ParticipantsModule {}
