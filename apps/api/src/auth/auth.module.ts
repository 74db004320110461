import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '@mentorflow/config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const jwt = config.getOrThrow<AppConfig['jwt']>('app.jwt');
        // Signs development tokens only; verification is TokenVerifier's (pinned algorithms per mode).
        return {
          secret: jwt.secret,
          // Every token expires (one without `exp` is refused): 12 h unless the signer says otherwise.
          signOptions: { algorithm: 'HS256', issuer: jwt.issuer, audience: jwt.audience, expiresIn: 12 * 60 * 60 },
          verifyOptions: { algorithms: ['HS256'], issuer: jwt.issuer, audience: jwt.audience },
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [TokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [JwtModule, TokenVerifier],
})
export class AuthModule {}
