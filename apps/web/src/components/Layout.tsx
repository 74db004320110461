import { NavLink, Outlet } from 'react-router';
import { useAuth, useSession } from '../auth';
import { roleLabels } from '../labels';
import { PeopleProvider, usePeople } from './people';
import type { Role } from '../types';

interface MenuItem {
  to: string;
  label: string;
  roles: Role[] | 'all';
}

/** The menu lists only what the user's roles may open (the API checks again on every request). */
export const menu: MenuItem[] = [
  { to: '/tasks', label: 'Мои задачи', roles: 'all' },
  { to: '/dashboard', label: 'Показатели', roles: ['regionalCoordinator', 'curator', 'director'] },
  {
    to: '/programmes',
    label: 'Программы',
    roles: ['curator', 'director', 'commissionHead', 'regionalCoordinator', 'administrator'],
  },
  {
    to: '/routes',
    label: 'ИОМ',
    roles: ['methodologist', 'tutor', 'curator', 'director', 'commissionHead', 'mentee', 'administrator'],
  },
  { to: '/my-route', label: 'Мой маршрут', roles: ['teacher'] },
  { to: '/people', label: 'Сотрудники', roles: ['curator', 'director', 'administrator'] },
  { to: '/audit', label: 'Аудит пар', roles: ['administrator', 'curator'] },
  { to: '/people/import', label: 'Импорт сотрудников', roles: ['curator', 'director', 'administrator'] },
  {
    to: '/regional-specialists',
    label: 'Региональные специалисты',
    roles: ['curator', 'director', 'regionalCoordinator', 'administrator'],
  },
  { to: '/practices', label: 'Банк практик', roles: 'all' },
  { to: '/incentives', label: 'Поощрения', roles: ['mentor', 'curator', 'director', 'administrator'] },
  { to: '/notification-settings', label: 'Настройки уведомлений', roles: 'all' },
  { to: '/webhook', label: 'Бот в мессенджере', roles: ['curator', 'director', 'administrator'] },
  { to: '/calendar', label: 'Производственный календарь', roles: ['administrator'] },
  { to: '/users', label: 'Пользователи и роли', roles: ['administrator'] },
  { to: '/notifications', label: 'Уведомления', roles: ['administrator'] },
  { to: '/parked-events', label: 'Сбойные события', roles: ['administrator'] },
];

export const allowed = (item: MenuItem, has: (...roles: Role[]) => boolean) =>
  item.roles === 'all' || has(...item.roles);

/** The signed-in user's name: the staff directory's card when there is one, else the account's. */
function OwnName() {
  const { me } = useSession();
  const name = usePeople().names.get(me.sub)?.fullName ?? me.fullName;
  return <span className="user-name">{name ?? `Пользователь ${me.sub.slice(0, 8)}`}</span>;
}

export function Layout() {
  const session = useSession();
  const { signOut } = useAuth();
  const roles = [...session.roles].map((r) => roleLabels[r]).join(', ');
  return (
    <PeopleProvider>
      <div className="app">
        <a className="skip-link" href="#main">
          Перейти к содержанию
        </a>
        <header className="app-header">
          <div className="brand">
            <span aria-hidden="true">◆</span> mentorflow
            <small>наставничество педагогов</small>
          </div>
          <nav aria-label="Основное меню">
            <ul className="menu">
              {menu
                .filter((item) => allowed(item, session.has))
                .map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to}>{item.label}</NavLink>
                  </li>
                ))}
            </ul>
          </nav>
          <div className="user">
            <OwnName />
            <span className="user-roles">{roles}</span>
            <button type="button" className="button-link" onClick={signOut}>
              Выйти
            </button>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </PeopleProvider>
  );
}
