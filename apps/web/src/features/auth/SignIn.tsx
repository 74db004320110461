import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, getJson, postJson } from '../../api';
import { useAuth } from '../../auth';
import { ErrorBox, Loading, SubmitButton, TextAreaField } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { roleLabels } from '../../labels';
import { finishOidcSignIn, startOidcSignIn } from './oidc';
import type { AuthConfig, DevUser } from '../../types';

/** Development users and their tokens locally; the identity provider's sign-in when OIDC is configured. */
export function SignIn() {
  const { session, signIn, error: sessionError } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [config, setConfig] = useState<AuthConfig | null>(null);
  // null while loading; 'off' when the API has no development sign-in (MENTORFLOW_DEV_SIGNIN not set).
  const [devUsers, setDevUsers] = useState<DevUser[] | 'off' | null>(null);
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const { submit: send, busy, error, setError } = useSubmit();

  useEffect(() => {
    getJson<AuthConfig>('/auth/config')
      // An API without the endpoint issues development tokens only.
      .catch((): AuthConfig => ({ mode: 'dev' }))
      .then(async (loaded) => {
        setConfig(loaded);
        if (loaded.mode === 'oidc') {
          const accessToken = await finishOidcSignIn(loaded, new URLSearchParams(location.search));
          if (accessToken) {
            await signIn(accessToken, false);
            void navigate('/', { replace: true });
          }
        } else {
          setDevUsers(
            await getJson<DevUser[]>('/auth/dev-users').catch((e: unknown) =>
              e instanceof ApiError && e.status === 404 ? ('off' as const) : [],
            ),
          );
        }
      })
      .catch(setError);
  }, [location.search, navigate, signIn]);

  if (session) return <Navigate to={from} replace />;

  const enter = (obtain: () => Promise<string>) =>
    send(async () => {
      await signIn(await obtain(), remember);
      void navigate(from, { replace: true });
    });

  const submitToken = (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) {
      setError(
        new ApiError({
          status: 400,
          detail: 'Вставьте токен',
          errors: [{ field: 'token', message: 'Поле обязательно' }],
        }),
      );
      return;
    }
    void enter(async () => token.trim());
  };

  return (
    <main id="main" className="signin">
      <h1>Вход в mentorflow</h1>
      <p className="lead">Целевая модель наставничества педагогических работников</p>
      {!config ? <Loading what="Проверка способа входа" /> : null}
      <ErrorBox error={error ?? (sessionError ? new Error(sessionError) : null)} />
      {config?.mode === 'oidc' ? (
        <section className="card">
          <h2>Единый вход организации</h2>
          <button
            type="button"
            className="button-primary"
            disabled={busy}
            onClick={() => startOidcSignIn(config).catch(setError)}
          >
            Войти через поставщика удостоверений
          </button>
        </section>
      ) : null}
      {config?.mode === 'dev' && devUsers === 'off' ? (
        <section className="card" role="status">
          <h2>Вход не настроен</h2>
          <p>
            Вход от имени пользователя для разработки выключен, а единый вход организации (OIDC) не настроен. Войдите по
            токену доступа или обратитесь к администратору.
          </p>
        </section>
      ) : null}
      {config?.mode === 'dev' && Array.isArray(devUsers) && devUsers.length > 0 ? (
        <section className="card">
          <h2>Пользователи для разработки</h2>
          <ul className="dev-users">
            {devUsers.map((user) => (
              <li key={user.sub}>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void enter(
                      async () => (await postJson<{ token: string }>('/auth/dev-token', { sub: user.sub })).token,
                    )
                  }
                >
                  <strong>{user.fullName}</strong>
                  <span>{user.roles.map((role) => roleLabels[role]).join(', ')}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {config?.mode === 'dev' ? (
        <section className="card">
          <h2>Вход по токену</h2>
          <form onSubmit={submitToken} noValidate>
            <TextAreaField
              label="Токен доступа (JWT)"
              field="token"
              error={error}
              hint="Например, из npm run token -- --role curator --org <id>"
              name="token"
              rows={3}
              value={token}
              onChange={setToken}
              autoComplete="off"
              spellCheck={false}
            />
            <label className="checkbox">
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Запомнить на
              этом устройстве
            </label>
            <SubmitButton busy={busy}>Войти</SubmitButton>
          </form>
        </section>
      ) : null}
    </main>
  );
}
