/** OpenID Connect sign-in for a public client: authorization code with PKCE, no secret in the browser. */
import type { AuthConfig } from '../../types';

const STATE_KEY = 'mentorflow.oidc';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error('Поставщик входа недоступен');
  return response.json() as Promise<Discovery>;
}

const redirectUri = () => `${location.origin}${import.meta.env.BASE_URL}signin`;

export async function startOidcSignIn(config: AuthConfig): Promise<void> {
  if (!config.issuer || !config.clientId) throw new Error('Вход через поставщика не настроен');
  const discovery = await discover(config.issuer);
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(STATE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** On return from the provider: exchanges the code for tokens; the API accepts the access token. */
export async function finishOidcSignIn(config: AuthConfig, params: URLSearchParams): Promise<string | undefined> {
  const code = params.get('code');
  if (!code || !config.issuer || !config.clientId) return undefined;
  const saved = JSON.parse(sessionStorage.getItem(STATE_KEY) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(STATE_KEY);
  if (!saved || saved.state !== params.get('state'))
    throw new Error('Ответ поставщика входа не совпадает с запросом: повторите вход');
  const discovery = await discover(config.issuer);
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error('Поставщик входа отказал в выдаче токена');
  const tokens = (await response.json()) as { access_token?: string; id_token?: string };
  return tokens.access_token ?? tokens.id_token;
}
