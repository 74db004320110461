import { Module } from '@nestjs/common';
import { CalendarOverlaysController } from './calendar-overlays.controller';
import { CalendarController } from './calendar.controller';
import { WorkingDaysController } from './working-days.controller';

@Module({
  controllers: [CalendarController, CalendarOverlaysController, WorkingDaysController],
})
export class CalendarModule {}
