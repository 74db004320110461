import { JwtService } from '@nestjs/jwt';
import type { ConfigService } from '@nestjs/config';
import { generateKeyPairSync } from 'node:crypto';
import type { AppConfig } from '@mentorflow/config';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const jwtConfig: AppConfig['jwt'] = { secret: 's'.repeat(40), issuer: 'mentorflow', audience: 'mentorflow-api' };
const oidcConfig: NonNullable<AppConfig['oidc']> = {
  issuer: 'https://sso.example.ru/realms/school',
  audience: 'mentorflow-api',
  algorithms: ['RS256'],
};

const config = (oidc?: AppConfig['oidc']) =>
  ({
    get: (key: string) => (key === 'app.oidc' ? oidc : undefined),
    getOrThrow: () => jwtConfig,
  }) as unknown as ConfigService;

describe('TokenVerifier: every token must expire', () => {
  describe('development tokens (HS256)', () => {
    const verifier = new TokenVerifier(new JwtService(), config());
    const sign = (expiresIn?: number) =>
      new JwtService().sign(
        { sub: 'user-1' },
        {
          secret: jwtConfig.secret,
          algorithm: 'HS256',
          issuer: jwtConfig.issuer,
          audience: jwtConfig.audience,
          ...(expiresIn === undefined ? {} : { expiresIn }),
        },
      );

    it('accepts a token with an expiry', async () => {
      await expect(verifier.subjectOf(sign(300))).resolves.toBe('user-1');
    });

    it('refuses a token without exp', async () => {
      await expect(verifier.subjectOf(sign())).rejects.toBeInstanceOf(InvalidTokenError);
    });
  });

  describe('OIDC tokens (RS256)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const verifier = new TokenVerifier(new JwtService(), config(oidcConfig));
    // The provider's key set without a network: the verifier asks it for the key of the token's kid.
    Object.assign(verifier, {
      jwksClient: async () => ({
        getSigningKey: async () => ({
          getPublicKey: () => publicKey.export({ type: 'spki', format: 'pem' }) as string,
        }),
      }),
    });
    const sign = (expiresIn?: number) =>
      new JwtService().sign(
        { sub: 'oidc-user' },
        {
          algorithm: 'RS256',
          privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
          keyid: 'k1',
          issuer: oidcConfig.issuer,
          audience: oidcConfig.audience,
          ...(expiresIn === undefined ? {} : { expiresIn }),
        },
      );

    it('accepts a token with an expiry', async () => {
      await expect(verifier.subjectOf(sign(300))).resolves.toBe('oidc-user');
    });

    it('refuses a token without exp', async () => {
      await expect(verifier.subjectOf(sign())).rejects.toBeInstanceOf(InvalidTokenError);
    });
  });
});
