// Volunteer routes are in the main chunk so the transcription screen opens at once; newsroom
// (/console) and dataset (/p/:slug/data) screens will be added as lazy imports.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import HomeView from './views/HomeView.vue';
import ProjectView from './views/ProjectView.vue';
import TranscribeView from './views/TranscribeView.vue';
import TutorialView from './views/TutorialView.vue';
import LoginView from './views/LoginView.vue';
import SignupView from './views/SignupView.vue';
import ContributionsView from './views/ContributionsView.vue';
import AccountView from './views/AccountView.vue';
import NotFoundView from './views/NotFoundView.vue';
import { consoleRoutes } from './console/routes';

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView },
  { path: '/p/:slug', name: 'project', component: ProjectView, props: true },
  { path: '/p/:slug/transcribe', name: 'transcribe', component: TranscribeView, props: true },
  { path: '/p/:slug/data', name: 'dataset', component: () => import('./dataset/DatasetView.vue') },
  { path: '/tutorial', name: 'tutorial', component: TutorialView },
  { path: '/login', name: 'login', component: LoginView },
  { path: '/signup', name: 'signup', component: SignupView },
  { path: '/me', name: 'contributions', component: ContributionsView },
  { path: '/account', name: 'account', component: AccountView },
  ...consoleRoutes,
  { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

// Moves focus to the new page's heading so screen readers announce the navigation.
router.afterEach((to, from) => {
  if (to.path === from.path) return;
  requestAnimationFrame(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading && !document.activeElement?.closest('main form')) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  });
});
