import type { Routes } from '@angular/router';
import { ownerGuard, sellerGuard } from './session/guards';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
  {
    path: 'signup',
    title: 'Become a seller · Seller portal',
    loadComponent: () => import('./pages/signup.page').then((m) => m.SignupPage),
  },
  {
    // The staff invitation e-mail's link (notifications); open to a signed-in user of any organization or none.
    path: 'invitations/accept',
    title: 'Staff invitation · Seller portal',
    loadComponent: () =>
      import('./pages/invitations/invitation-accept.page').then((m) => m.InvitationAcceptPage),
  },
  {
    path: 'not-allowed',
    title: 'Not allowed · Seller portal',
    loadComponent: () => import('./pages/not-allowed.page').then((m) => m.NotAllowedPage),
  },
  {
    path: '',
    canActivate: [sellerGuard],
    children: [
      {
        path: 'dashboard',
        title: 'Dashboard · Seller portal',
        loadComponent: () => import('./pages/dashboard/dashboard.page').then((m) => m.DashboardPage),
      },
      {
        path: 'products',
        title: 'Products · Seller portal',
        loadComponent: () => import('./pages/products/products.page').then((m) => m.ProductsPage),
      },
      {
        path: 'products/new',
        title: 'New product · Seller portal',
        loadComponent: () => import('./pages/products/product-editor.page').then((m) => m.ProductEditorPage),
      },
      {
        path: 'products/import',
        title: 'Import and export products · Seller portal',
        loadComponent: () => import('./pages/products/product-import.page').then((m) => m.ProductImportPage),
      },
      {
        path: 'products/:id',
        title: 'Product · Seller portal',
        loadComponent: () => import('./pages/products/product-editor.page').then((m) => m.ProductEditorPage),
      },
      {
        path: 'inventory',
        title: 'Inventory · Seller portal',
        loadComponent: () => import('./pages/inventory.page').then((m) => m.InventoryPage),
      },
      {
        path: 'orders',
        title: 'Orders · Seller portal',
        loadComponent: () => import('./pages/orders/orders.page').then((m) => m.OrdersPage),
      },
      {
        path: 'orders/:id',
        title: 'Order · Seller portal',
        loadComponent: () => import('./pages/orders/order.page').then((m) => m.OrderPage),
      },
      {
        path: 'refunds',
        title: 'Returns and refunds · Seller portal',
        loadComponent: () => import('./pages/refunds/refunds.page').then((m) => m.RefundsPage),
      },
      {
        path: 'payouts',
        title: 'Payouts · Seller portal',
        canActivate: [ownerGuard],
        loadComponent: () => import('./pages/payouts.page').then((m) => m.PayoutsPage),
      },
      {
        path: 'statements',
        title: 'Statements · Seller portal',
        canActivate: [ownerGuard],
        loadComponent: () => import('./pages/statements.page').then((m) => m.StatementsPage),
      },
      {
        path: 'team',
        title: 'Team · Seller portal',
        canActivate: [ownerGuard],
        loadComponent: () => import('./pages/team.page').then((m) => m.TeamPage),
      },
      {
        path: 'developers',
        title: 'Developers · Seller portal',
        canActivate: [ownerGuard],
        loadComponent: () => import('./pages/developers.page').then((m) => m.DevelopersPage),
      },
      {
        path: 'store',
        title: 'Store profile · Seller portal',
        loadComponent: () => import('./pages/store.page').then((m) => m.StorePage),
      },
    ],
  },
  {
    path: '**',
    title: 'Not found · Seller portal',
    loadComponent: () => import('./pages/not-found.page').then((m) => m.NotFoundPage),
  },
];
