import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { APP_CONFIG, DEFAULT_CONFIG, parseAppConfig } from './app-config';
import { INLINE_CONFIG_ID, provideInlineConfig, readInlineConfig } from './inline-config';

describe('configuration inlined in server-rendered pages', () => {
  afterEach(() => document.getElementById(INLINE_CONFIG_ID)?.remove());

  it('is written into the head as JSON the browser reads back, with "<" escaped', () => {
    const config = { ...DEFAULT_CONFIG, locale: '</script><script>alert(1)</script>' };
    TestBed.configureTestingModule({
      providers: [{ provide: APP_CONFIG, useValue: config }, provideInlineConfig()],
    });
    const page = TestBed.inject(DOCUMENT);
    const script = page.getElementById(INLINE_CONFIG_ID);
    expect(script?.getAttribute('type')).toBe('application/json');
    expect(script?.textContent).not.toContain('</script>');
    expect(parseAppConfig(readInlineConfig(page))).toEqual(config);
  });

  it('is absent from pages rendered in the browser only, which fetch /config.json instead', () => {
    expect(readInlineConfig(document)).toBeUndefined();
  });
});
