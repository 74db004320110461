import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '@mentorflow/config';
import { UsersService } from '../users/users.service';
import { UsersController } from '../users/users.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const jwt = config.getOrThrow<AppConfig['jwt']>('app.jwt');
        // Signs development tokens only; verification is TokenVerifier's (pinned algorithms per mode).
        return {
          secret: jwt.secret,
          signOptions: { algorithm: 'HS256', issuer: jwt.issuer, audience: jwt.audience },
          verifyOptions: { algorithms: ['HS256'], issuer: jwt.issuer, audience: jwt.audience },
        };
      },
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [TokenVerifier, UsersService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [JwtModule, TokenVerifier, UsersService],
})
export class AuthModule {}
