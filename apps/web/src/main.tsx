import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { AuthProvider } from './auth';
import { RequireSession, HomeRedirect } from './features/auth/Home';
import { Layout } from './components/Layout';
import { SignIn } from './features/auth/SignIn';
import { TaskInbox } from './features/tasks/TaskInbox';
import { ProgrammeList } from './features/programmes/ProgrammeList';
import { ProgrammePage } from './features/programmes/ProgrammePage';
import { ProgrammeOverview } from './features/programmes/ProgrammeOverview';
import { ProgrammeDocuments } from './features/programmes/ProgrammeDocuments';
import { ProgrammePreparation } from './features/programmes/ProgrammePreparation';
import { ProgrammeParticipants } from './features/programmes/ProgrammeParticipants';
import { ProgrammePairs } from './features/programmes/ProgrammePairs';
import { ProgrammeMonitoring } from './features/programmes/ProgrammeMonitoring';
import { CuratorHome } from './features/home/CuratorHome';
import { TrainingCatalogue } from './features/programmes/TrainingCatalogue';
import { RouteList } from './features/routes/RouteList';
import { RoutePage } from './features/routes/RoutePage';
import { MyRoute } from './features/routes/MyRoute';
import { CreateRoute } from './features/routes/CreateRoute';
import { PairAudit } from './features/audit/PairAudit';
import { MyPairs } from './features/pairs/MyPairs';
import { PairPage } from './features/pairs/PairPage';
import { CalendarYears } from './features/calendar/CalendarYears';
import { Users } from './features/users/Users';
import { StaffDirectory } from './features/people/StaffDirectory';
import { PersonCardPage } from './features/people/PersonCardPage';
import { ImportPeople } from './features/people/ImportPeople';
import { RegionalSpecialists } from './features/organisations/RegionalSpecialists';
import { Organisations } from './features/organisations/Organisations';
import { Notifications } from './features/notifications/Notifications';
import { NotificationSettings } from './features/notification-settings/NotificationSettings';
import { OrganisationWebhookPage } from './features/notifications/OrganisationWebhook';
import { PracticeBank } from './features/practices/PracticeBank';
import { PracticePage } from './features/practices/PracticePage';
import { IncentivesPage } from './features/incentives/IncentivesPage';
import { SubmitPractice } from './features/practices/SubmitPractice';
import { Associations } from './features/associations/Associations';
import { AssociationPage } from './features/associations/AssociationPage';
import { ParkedEvents } from './features/operations/ParkedEvents';
import { Dashboard } from './features/dashboard/Dashboard';
import { OrganisationDashboard } from './features/dashboard/OrganisationDashboard';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClientProvider } from '@tanstack/react-query';
import 'dayjs/locale/ru';
import { queryClient } from './query';
// Only the Mantine styles the app's controls use, in CSS layers so the app's own styles.css keeps the last word
// (no Mantine global reset: every screen keeps its look).
import '@mantine/core/styles/default-css-variables.layer.css';
import '@mantine/core/styles/UnstyledButton.layer.css';
import '@mantine/core/styles/CloseButton.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Popover.layer.css';
import '@mantine/dates/styles.layer.css';
import './styles.css';

const router = createBrowserRouter(
  [
    { path: '/signin', element: <SignIn /> },
    {
      element: (
        <RequireSession>
          <Layout />
        </RequireSession>
      ),
      children: [
        { index: true, element: <HomeRedirect /> },
        { path: 'tasks', element: <TaskInbox /> },
        { path: 'programmes', element: <ProgrammeList /> },
        { path: 'home', element: <CuratorHome /> },
        {
          // One screen per job (issue 26), the screen in the URL: a link and the back button reach it.
          path: 'programmes/:programmeId',
          element: <ProgrammePage />,
          children: [
            { index: true, element: <ProgrammeOverview /> },
            { path: 'documents', element: <ProgrammeDocuments /> },
            { path: 'preparation', element: <ProgrammePreparation /> },
            { path: 'participants', element: <ProgrammeParticipants /> },
            { path: 'pairs', element: <ProgrammePairs /> },
            { path: 'monitoring', element: <ProgrammeMonitoring /> },
          ],
        },
        { path: 'routes', element: <RouteList /> },
        { path: 'routes/new', element: <CreateRoute /> },
        { path: 'routes/:routeId', element: <RoutePage /> },
        { path: 'my-route', element: <MyRoute /> },
        { path: 'pairs', element: <MyPairs /> },
        { path: 'pairs/:pairId', element: <PairPage /> },
        { path: 'audit', element: <PairAudit /> },
        { path: 'audit/:pairId', element: <PairAudit /> },
        { path: 'people', element: <StaffDirectory /> },
        { path: 'people/:personId', element: <PersonCardPage /> },
        { path: 'calendar', element: <CalendarYears /> },
        { path: 'users', element: <Users /> },
        { path: 'notifications', element: <Notifications /> },
        { path: 'notification-settings', element: <NotificationSettings /> },
        { path: 'webhook', element: <OrganisationWebhookPage /> },
        { path: 'parked-events', element: <ParkedEvents /> },
        { path: 'people/import', element: <ImportPeople /> },
        { path: 'training-catalogue', element: <TrainingCatalogue /> },
        { path: 'regional-specialists', element: <RegionalSpecialists /> },
        { path: 'organisations', element: <Organisations /> },
        { path: 'practices', element: <PracticeBank /> },
        { path: 'practices/new', element: <SubmitPractice /> },
        { path: 'practices/:practiceId', element: <PracticePage /> },
        { path: 'associations', element: <Associations /> },
        { path: 'associations/:associationId', element: <AssociationPage /> },
        { path: 'incentives', element: <IncentivesPage /> },
        { path: 'dashboard', element: <Dashboard /> },
        { path: 'dashboard/organisations/:organisationId', element: <OrganisationDashboard /> },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ],
  // The API serves the built app under /app/ (vite `base`).
  { basename: import.meta.env.BASE_URL.replace(/\/$/, '') },
);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <MantineProvider>
      {/* Dates in Russian, weeks from Monday, whatever the browser's language. */}
      <DatesProvider settings={{ locale: 'ru', firstDayOfWeek: 1 }}>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
