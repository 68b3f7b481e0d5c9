import { DOCUMENT } from '@angular/common';
import { inject, provideEnvironmentInitializer, type EnvironmentProviders } from '@angular/core';
import { APP_CONFIG } from './app-config';

/**
 * The runtime configuration rides in every server-rendered page, so the browser starts (and hydrates) without
 * first asking for `/config.json` — a round trip after the bundle has loaded. Pages rendered in the browser only
 * (cart, checkout, account) still fetch the file.
 */
export const INLINE_CONFIG_ID = 'sf-config';

/** Server side: writes the configuration into the page's head as inert JSON. */
export function provideInlineConfig(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    const document = inject(DOCUMENT);
    const script = document.createElement('script');
    script.id = INLINE_CONFIG_ID;
    script.type = 'application/json';
    // "<" escaped so no configured value can close the script element.
    script.textContent = JSON.stringify(inject(APP_CONFIG)).replace(/</g, '\\u003c');
    document.head.appendChild(script);
  });
}

/** Browser side: the page's inline configuration, or undefined when the page carries none. */
export function readInlineConfig(document: Document): unknown {
  const text = document.getElementById(INLINE_CONFIG_ID)?.textContent;
  return text ? (JSON.parse(text) as unknown) : undefined;
}
