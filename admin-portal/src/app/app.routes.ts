import type { Routes } from '@angular/router';
import { adminGuard, sessionGuard } from './session/admin.guard';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'overview' },
  {
    path: 'not-allowed',
    title: 'Not allowed · Admin portal',
    canActivate: [sessionGuard],
    loadComponent: () => import('./pages/not-allowed.page').then((m) => m.NotAllowedPage),
  },
  {
    path: '',
    canActivate: [adminGuard],
    children: [
      {
        path: 'overview',
        title: 'Overview · Admin portal',
        loadComponent: () => import('./pages/overview.page').then((m) => m.OverviewPage),
      },
      {
        path: 'sellers',
        title: 'Sellers · Admin portal',
        loadComponent: () => import('./pages/sellers/sellers.page').then((m) => m.SellersPage),
      },
      {
        path: 'sellers/:id',
        title: 'Seller · Admin portal',
        loadComponent: () => import('./pages/sellers/seller.page').then((m) => m.SellerPage),
      },
      {
        path: 'orders',
        title: 'Orders · Admin portal',
        loadComponent: () => import('./pages/orders/orders.page').then((m) => m.OrdersPage),
      },
      {
        path: 'orders/:id',
        title: 'Order · Admin portal',
        loadComponent: () => import('./pages/orders/order.page').then((m) => m.OrderPage),
      },
      {
        path: 'payouts',
        title: 'Payouts · Admin portal',
        loadComponent: () => import('./pages/payouts/payouts.page').then((m) => m.PayoutsPage),
      },
      {
        path: 'moderation',
        title: 'Moderation · Admin portal',
        loadComponent: () => import('./pages/moderation/moderation.page').then((m) => m.ModerationPage),
      },
      {
        path: 'commissions',
        title: 'Commission rules · Admin portal',
        loadComponent: () => import('./pages/commissions/commissions.page').then((m) => m.CommissionsPage),
      },
      {
        path: 'categories',
        title: 'Categories · Admin portal',
        loadComponent: () => import('./pages/categories/categories.page').then((m) => m.CategoriesPage),
      },
      {
        path: 'audit',
        title: 'Audit log · Admin portal',
        loadComponent: () => import('./pages/audit/audit.page').then((m) => m.AuditPage),
      },
      {
        path: 'search-index',
        title: 'Search index · Admin portal',
        loadComponent: () => import('./pages/search-index.page').then((m) => m.SearchIndexPage),
      },
    ],
  },
  {
    path: '**',
    title: 'Not found · Admin portal',
    loadComponent: () => import('./pages/not-found.page').then((m) => m.NotFoundPage),
  },
];
