import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '@mentorflow/config';
import { AuthGuard } from './auth.guard';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const jwt = config.getOrThrow<AppConfig['jwt']>('app.jwt');
        return {
          secret: jwt.secret,
          signOptions: { algorithm: 'HS256', issuer: jwt.issuer, audience: jwt.audience },
          verifyOptions: { algorithms: ['HS256'], issuer: jwt.issuer, audience: jwt.audience },
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
  exports: [JwtModule],
})
export class AuthModule {}
