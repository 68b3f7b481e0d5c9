/** A rendered e-mail: the same content as plain text and as HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Transactional mail is about the recipient's own purchase or account and is always sent; the rest can be turned
 * off. A mail carrying a one-time secret (an invitation's accept link) loses its body once sent.
 */
export const MAIL_TEMPLATES = {
  'staff-invitation': { transactional: true, oneTimeSecret: true },
  'order-confirmation': { transactional: true },
  'order-shipped': { transactional: true },
  'refund-decided': { transactional: true },
  'new-order': { transactional: false },
  'low-stock': { transactional: false },
  'webhook-endpoint-disabled': { transactional: false },
} as const;
export type MailTemplate = keyof typeof MAIL_TEMPLATES;

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);
}

/** One layout for every mail: a heading, paragraphs, one call to action, and why the recipient got it. */
function render(
  subject: string,
  paragraphs: string[],
  action: { label: string; url: string },
  footer: string,
) {
  const text = [...paragraphs, `${action.label}: ${action.url}`, '', '--', footer].join('\n\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;color:#1b1b1f;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(subject)}</h1>
${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
<p><a href="${escapeHtml(action.url)}" style="background:#3f51b5;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none">${escapeHtml(action.label)}</a></p>
<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>
</body></html>`;
  return { subject, text, html };
}

const BUYER_FOOTER = 'You receive this e-mail because you placed an order on the marketplace.';
const SELLER_FOOTER =
  'You receive this e-mail as the contact of your store. Turn it off under notification settings.';

export const templates = {
  staffInvitation(invitation: { sellerName: string; expiresAt: Date; url: string }): RenderedMail {
    const until = invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
    return render(
      `Join ${invitation.sellerName} on the marketplace`,
      [
        `You are invited to join ${invitation.sellerName} as staff in the seller portal.`,
        `Sign in (or create an account) with this e-mail address to accept. The link works once, until ${until} UTC.`,
      ],
      { label: 'Accept the invitation', url: invitation.url },
      'You receive this e-mail because the owner of this store invited your address. Ignore it if you did not expect it.',
    );
  },

  orderConfirmation(order: {
    buyerOrderId: string;
    total: number;
    currency: string;
    url: string;
  }): RenderedMail {
    return render(
      `Order ${order.buyerOrderId} confirmed`,
      [`Thank you for your order. We received your payment of ${formatMoney(order.total, order.currency)}.`],
      { label: 'View your order', url: order.url },
      BUYER_FOOTER,
    );
  },

  orderShipped(order: {
    buyerOrderId: string;
    carrier: string;
    trackingNumber: string;
    url: string;
  }): RenderedMail {
    return render(
      `Your order ${order.buyerOrderId} has shipped`,
      [`Part of your order is on its way with ${order.carrier}.`, `Tracking number: ${order.trackingNumber}`],
      { label: 'Track your order', url: order.url },
      BUYER_FOOTER,
    );
  },

  refundDecided(refund: {
    buyerOrderId: string;
    amount: number;
    currency: string;
    url: string;
  }): RenderedMail {
    return render(
      `Refund for order ${refund.buyerOrderId}`,
      [`We refunded ${formatMoney(refund.amount, refund.currency)} to your original payment method.`],
      { label: 'View your order', url: refund.url },
      BUYER_FOOTER,
    );
  },

  newOrder(order: {
    sellerName: string;
    sellerOrderId: string;
    subtotal: number;
    currency: string;
    units: number;
    url: string;
  }): RenderedMail {
    return render(
      `New order ${order.sellerOrderId}`,
      [
        `${order.sellerName} has a new paid order: ${order.units} unit(s), ${formatMoney(order.subtotal, order.currency)}.`,
      ],
      { label: 'Fulfil the order', url: order.url },
      SELLER_FOOTER,
    );
  },

  lowStock(stock: { sku: string; available: number; threshold: number; url: string }): RenderedMail {
    return render(
      `Low stock: ${stock.sku}`,
      [
        `Only ${stock.available} unit(s) of ${stock.sku} are left (your alert threshold is ${stock.threshold}).`,
      ],
      { label: 'Restock', url: stock.url },
      SELLER_FOOTER,
    );
  },

  webhookEndpointDisabled(endpoint: {
    sellerName: string;
    endpointUrl: string;
    failingSince: Date;
    lastResponseStatus: number | null;
    url: string;
  }): RenderedMail {
    const since = endpoint.failingSince.toISOString().slice(0, 16).replace('T', ' ');
    const lastAnswer =
      endpoint.lastResponseStatus === null ? 'no answer' : `HTTP ${endpoint.lastResponseStatus}`;
    return render(
      `Webhook endpoint of ${endpoint.sellerName} disabled`,
      [
        `Deliveries to ${endpoint.endpointUrl} have failed since ${since} UTC (last answer: ${lastAnswer}), so the endpoint was disabled.`,
        'Its pending deliveries wait for it, but events raised while it is disabled are not kept for it. Enable it again once the receiver answers; deliveries that ran out of retries can be redelivered from its delivery log.',
      ],
      { label: 'Review the endpoint', url: endpoint.url },
      SELLER_FOOTER,
    );
  },
};
