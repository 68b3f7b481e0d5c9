import type { Routes } from '@angular/router';

export const routes: Routes = [
  { path: '', loadComponent: () => import('./pages/home/home.page').then((m) => m.HomePage) },
  { path: 'search', loadComponent: () => import('./pages/search/search.page').then((m) => m.SearchPage) },
  {
    path: 'products/:id',
    loadComponent: () => import('./pages/product/product.page').then((m) => m.ProductPage),
  },
  {
    path: 'sellers/:id',
    loadComponent: () => import('./pages/seller/seller.page').then((m) => m.SellerPage),
  },
  {
    path: 'cart',
    loadComponent: () => import('./pages/cart/cart.page').then((m) => m.CartPage),
    title: 'Your cart · Marketplace',
  },
  {
    path: 'checkout',
    loadComponent: () => import('./pages/checkout/checkout.page').then((m) => m.CheckoutPage),
    title: 'Checkout · Marketplace',
  },
  {
    path: 'checkout/confirmation/:id',
    loadComponent: () => import('./pages/checkout/confirmation.page').then((m) => m.ConfirmationPage),
    title: 'Order placed · Marketplace',
  },
  {
    path: 'account/orders',
    loadComponent: () => import('./pages/account/orders.page').then((m) => m.OrdersPage),
    title: 'Your orders · Marketplace',
  },
  {
    path: 'account/orders/:id',
    loadComponent: () => import('./pages/account/order.page').then((m) => m.OrderPage),
    title: 'Your order · Marketplace',
  },
  {
    path: '**',
    loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
    title: 'Page not found · Marketplace',
  },
];
