import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@mentorflow/config';
import { PairsModule } from '../pairs/pairs.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { createScanStorage, SCAN_STORAGE } from './scan-storage';
import { ScansController } from './scans.controller';
import { ScansService } from './scans.service';

@Module({
  imports: [PairsModule, ProgrammesModule],
  controllers: [ScansController],
  providers: [
    ScansService,
    {
      provide: SCAN_STORAGE,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => createScanStorage(config.getOrThrow<AppConfig['scans']>('app.scans')),
    },
  ],
})
export class ScansModule {}
