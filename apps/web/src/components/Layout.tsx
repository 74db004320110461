import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth, useSession } from '../auth';
import { roleLabels } from '../labels';
import { PeopleProvider, usePeople } from './people';
import type { Role } from '../types';

interface MenuItem {
  to: string;
  /** A text, or one that depends on the user's roles («Мои пары» for a mentor, «Моя пара» for a mentee). */
  label: string | ((has: (...roles: Role[]) => boolean) => string);
  roles: Role[] | 'all';
}

/** The menu lists only what the user's roles may open (the API checks again on every request). */
export const menu: MenuItem[] = [
  { to: '/home', label: 'Главная', roles: ['curator', 'director'] },
  { to: '/tasks', label: 'Мои задачи', roles: 'all' },
  {
    to: '/pairs',
    label: (has) => (has('mentor') ? 'Мои пары' : has('mentee') ? 'Моя пара' : 'Пары под контролем'),
    roles: ['mentor', 'mentee', 'commissionHead'],
  },
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
  { to: '/organisations', label: 'Организации', roles: ['administrator'] },
  { to: '/people', label: 'Сотрудники', roles: ['curator', 'director', 'administrator'] },
  { to: '/audit', label: 'Аудит пар', roles: ['administrator', 'curator'] },
  { to: '/people/import', label: 'Импорт сотрудников', roles: ['curator', 'director', 'administrator'] },
  { to: '/training-catalogue', label: 'Каталог программ ПК', roles: ['curator', 'director', 'administrator'] },
  {
    to: '/regional-specialists',
    label: 'Региональные специалисты',
    roles: ['curator', 'director', 'regionalCoordinator', 'administrator'],
  },
  { to: '/practices', label: 'Банк практик', roles: 'all' },
  {
    to: '/associations',
    label: 'Методическое объединение',
    roles: ['curator', 'director', 'regionalCoordinator', 'mentor', 'administrator'],
  },
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
  // On a phone the menu folds under «Меню» (styles.css) and folds again once a screen is chosen.
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);
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
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="main-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              Меню
            </button>
            <ul id="main-menu" className={menuOpen ? 'menu menu-open' : 'menu'}>
              {menu
                .filter((item) => allowed(item, session.has))
                .map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} onClick={() => setMenuOpen(false)}>
                      {typeof item.label === 'string' ? item.label : item.label(session.has)}
                    </NavLink>
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
