import { Body, Controller, Get, HttpCode, NotFoundException, Post, Req } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { roles } from '@mentorflow/domain';
import { isLoopbackHost, type AppConfig } from '@mentorflow/config';
import type { FastifyRequest } from 'fastify';
import { DevTokenDto } from '../users/user.dto';
import { UsersService } from '../users/users.service';
import { CurrentUser, Public, Roles } from './auth.decorators';
import type { AuthenticatedUser } from './auth.types';
import { TokenVerifier } from './token-verifier';

const DEV_TOKEN_TTL_SECONDS = 12 * 3600;

/** How to sign in, the development sign-in, and who the caller is. */
@ApiTags('auth')
@Controller()
export class AuthController {
  private readonly oidc: AppConfig['oidc'];
  private readonly devSignIn: boolean;

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    config: ConfigService,
  ) {
    this.oidc = config.get<AppConfig['oidc']>('app.oidc');
    this.devSignIn = config.get<boolean>('app.devSignIn') === true;
  }

  @Get('auth/config')
  @Public()
  @ApiOperation({ summary: 'Как войти: development-токены или провайдер OIDC (issuer, clientId для перенаправления)' })
  config() {
    return this.oidc
      ? {
          mode: 'oidc' as const,
          issuer: this.oidc.issuer,
          ...(this.oidc.clientId ? { clientId: this.oidc.clientId } : {}),
        }
      : { mode: 'dev' as const };
  }

  @Post('auth/dev-token')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      'Только для разработки: токен для существующего пользователя (404 без MENTORFLOW_DEV_SIGNIN=true, при OIDC или NODE_ENV=production)',
  })
  async devToken(@Body() body: DevTokenDto, @Req() request: FastifyRequest) {
    this.requireDevelopment(request);
    const user = await this.users.directory.findBySubject(body.sub);
    if (!user || user.disabledAt !== null) throw new NotFoundException('Пользователь не найден');
    const token = await this.jwt.signAsync({ sub: user.sub }, { expiresIn: DEV_TOKEN_TTL_SECONDS });
    return { token, expiresAt: new Date(Date.now() + DEV_TOKEN_TTL_SECONDS * 1000).toISOString() };
  }

  @Get('auth/dev-users')
  @Public()
  @ApiOperation({
    summary: 'Только для разработки: пользователи, от имени которых можно войти (имя и роли, для выбора)',
  })
  async devUsers(@Req() request: FastifyRequest) {
    this.requireDevelopment(request);
    // Only what the picker shows: no organisations, regions or e-mails for whoever reaches the port.
    return (await this.users.directory.listActive()).map((u) => ({
      sub: u.sub,
      fullName: u.fullName,
      roles: [...new Set(u.assignments.map((a) => a.role))],
    }));
  }

  @Get('me')
  @Roles(...roles)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Кто я: пользователь и его роли по организациям' })
  me(@CurrentUser() user: AuthenticatedUser) {
    return this.users.me(user);
  }

  /**
   * Unless development sign-in is on, the route does not exist, as far as a caller can tell. The
   * configuration allows it only with a loopback HOST; the connection's own address is checked too,
   * so an API started on another interface by other code (a test, a script) still refuses.
   */
  private requireDevelopment(request: FastifyRequest): void {
    const local = request.socket.localAddress;
    if (this.verifier.mode !== 'dev' || !this.devSignIn || !local || !isLoopbackHost(local))
      throw new NotFoundException('Не найдено');
  }
}
