import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SecretShownOnce } from './secret-shown-once';

@Component({
  imports: [SecretShownOnce],
  template: `
    @if (secret(); as value) {
      <sp-secret-shown-once
        heading="Secret of ERP sync"
        [secret]="value"
        label="Client secret"
        [identifier]="{ label: 'Client id', value: 'api-erp', testId: 'issued-client-id' }"
        testId="client-secret"
        (dismissed)="secret.set(null)"
      >
        <p data-testid="projected">Both secrets sign for a day.</p>
      </sp-secret-shown-once>
    }
  `,
})
class Host {
  readonly secret = signal<string | null>('s3cr3t-value');
}

describe('SecretShownOnce', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const byTestId = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    return { fixture, element, byTestId };
  }

  it('shows the warning, what the secret belongs to, the secret and projected notes, with its heading focused', async () => {
    const { element, byTestId } = await render();
    const heading = element.querySelector('h3')!;
    expect(heading.textContent).toContain('Secret of ERP sync — shown only now');
    expect(document.activeElement).toBe(heading);
    expect(element.textContent).toContain('cannot show it again');
    expect(byTestId('issued-client-id')?.textContent).toBe('api-erp');
    expect(byTestId('client-secret')?.textContent).toBe('s3cr3t-value');
    expect(byTestId('projected')?.textContent).toContain('sign for a day');
    expect(byTestId('client-secret-panel')?.getAttribute('aria-labelledby')).toBe(heading.id);
  });

  it('copies the secret, or says how to copy it by hand when the browser refuses', async () => {
    const { fixture, element, byTestId } = await render();
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    byTestId('client-secret-copy')!.click();
    await fixture.whenStable();
    expect(copied).toEqual(['s3cr3t-value']);
    expect(element.querySelector('[role="status"]')?.textContent).toBe('Copied.');

    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new Error('denied')) },
    });
    fixture.componentInstance.secret.set('rotated-secret');
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')?.textContent).toBe('');
    byTestId('client-secret-copy')!.click();
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('copy it by hand');
  });

  it('is gone once dismissed', async () => {
    const { fixture, byTestId } = await render();
    byTestId('client-secret-done')!.click();
    await fixture.whenStable();
    expect(byTestId('client-secret-panel')).toBeNull();
  });
});
