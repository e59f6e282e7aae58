// The newsroom console: one lazy route tree under /console, so none of it is in the volunteer
// bundle. router.ts spreads `consoleRoutes` into its routes.
import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';
import { useSessionStore } from '../stores/session';

async function signedInEditor(to: RouteLocationNormalized) {
  const session = useSessionStore();
  if (!session.loaded) {
    try {
      await session.load();
    } catch {
      // The layout shows the connection problem.
    }
  }
  if (to.meta.anyone) return true;
  if (!session.isSignedIn) return { name: 'login', query: { next: to.fullPath } };
  return true;
}

export const consoleRoutes: RouteRecordRaw[] = [
  {
    path: '/console',
    component: () => import('./ConsoleLayout.vue'),
    beforeEnter: signedInEditor,
    children: [
      { path: '', name: 'console', component: () => import('./views/ProjectsView.vue') },
      { path: 'new', name: 'console-new', component: () => import('./views/ProjectFormView.vue') },
      {
        path: 'invitations/:token',
        name: 'console-invitation',
        component: () => import('./views/InvitationView.vue'),
        props: true,
        meta: { anyone: true },
      },
      {
        path: 'org/:org/members',
        name: 'console-members',
        component: () => import('./views/MembersView.vue'),
        props: true,
      },
      {
        path: 'p/:slug',
        component: () => import('./views/ProjectShell.vue'),
        props: true,
        children: [
          { path: '', name: 'console-dashboard', component: () => import('./views/DashboardView.vue') },
          {
            path: 'settings',
            name: 'console-settings',
            component: () => import('./views/ProjectFormView.vue'),
          },
          { path: 'schema', name: 'console-schema', component: () => import('./views/SchemaView.vue') },
          {
            path: 'documents',
            name: 'console-documents',
            component: () => import('./views/DocumentsView.vue'),
          },
          {
            path: 'documents/:id',
            name: 'console-document',
            component: () => import('./views/DocumentView.vue'),
          },
          { path: 'review', name: 'console-review', component: () => import('./views/ReviewView.vue') },
          { path: 'entities', name: 'console-entities', component: () => import('./views/EntitiesView.vue') },
          { path: 'releases', name: 'console-releases', component: () => import('./views/ReleasesView.vue') },
        ],
      },
    ],
  },
];
