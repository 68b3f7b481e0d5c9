import { ChangeDetectionStrategy, Component, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PagedList } from '@marketplace/web-portal';
import { DecisionPanel } from './decision-panel';
import { ListStates } from './list-states';

/** A page as the moderation tabs and the payouts page use the two: a decision above a list, a button per row. */
@Component({
  imports: [DecisionPanel, ListStates],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ap-decision-panel
      #decision
      label="Policy reason"
      hint="Required to remove."
      fieldTestId="reason"
      doneTestId="done"
      failureTestId="failed"
    >
      <p data-testid="projected">Policy picker</p>
    </ap-decision-panel>
    <ap-list-states
      [list]="list"
      loadingLabel="Loading rows"
      empty="Nothing to decide."
      emptyTestId="empty"
      moreTestId="more"
    >
      <ul>
        @for (row of list.rows(); track row) {
          <li>
            <button type="button" [disabled]="decision.busy()" (click)="decide(row)">Remove {{ row }}</button>
          </li>
        }
      </ul>
    </ap-list-states>
  `,
})
class Host {
  readonly decision = viewChild.required(DecisionPanel);
  readonly pages = signal<string[][]>([['a', 'b'], ['c']]);
  readonly failWith = signal<string | null>(null);
  readonly decided: { row: string; reason: string | null }[] = [];
  readonly list = new PagedList<string>(async (after) => {
    const failure = this.failWith();
    if (failure) throw new Error(failure);
    const index = after === null ? 0 : Number(after);
    return {
      nodes: this.pages()[index] ?? [],
      hasNextPage: index + 1 < this.pages().length,
      endCursor: `${index + 1}`,
    };
  });

  async decide(row: string): Promise<void> {
    const reason = this.decision().reasonFor('A policy reason of at least 3 characters is required.');
    if (reason === false) return;
    await this.decision().run(async () => {
      if (row === 'b') throw new Error('The product was changed concurrently; retry');
      this.decided.push({ row, reason });
      return `Removed ${row}.`;
    });
  }
}

describe('DecisionPanel and ListStates', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.componentInstance.list.reload();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const byTestId = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const button = (name: string) =>
      [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
    const type = async (text: string) => {
      const field = byTestId('reason') as HTMLTextAreaElement;
      field.value = text;
      field.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    return { fixture, element, byTestId, button, type };
  }

  it('refuses a decision without its required reason, says why next to the field and puts the focus there', async () => {
    const { fixture, byTestId, button, element } = await render();
    // The hint describes the field; what the page projects stands before it.
    const hint = element.querySelector('mat-hint')!;
    expect(byTestId('reason')?.getAttribute('aria-describedby')).toContain(hint.id);
    expect(byTestId('projected')?.textContent).toBe('Policy picker');
    button('Remove a').click();
    await fixture.whenStable();
    expect(element.querySelector('mat-error')?.textContent).toContain(
      'A policy reason of at least 3 characters is required.',
    );
    expect(document.activeElement).toBe(byTestId('reason'));
    expect(fixture.componentInstance.decided).toEqual([]);
  });

  it('runs the decision with the trimmed reason, says what was done and clears the reason; an error is an alert and keeps it', async () => {
    const { fixture, byTestId, button, type } = await render();
    await type('  Counterfeit brand  ');
    button('Remove a').click();
    await fixture.whenStable();
    expect(fixture.componentInstance.decided).toEqual([{ row: 'a', reason: 'Counterfeit brand' }]);
    expect(byTestId('done')?.getAttribute('role')).toBe('status');
    expect(byTestId('done')?.textContent).toBe('Removed a.');
    expect((byTestId('reason') as HTMLTextAreaElement).value).toBe('');

    await type('Counterfeit brand');
    button('Remove b').click();
    await fixture.whenStable();
    expect(byTestId('done')).toBeNull();
    expect(byTestId('failed')?.getAttribute('role')).toBe('alert');
    expect(byTestId('failed')?.textContent).toContain('changed concurrently');
    expect((byTestId('reason') as HTMLTextAreaElement).value).toBe('Counterfeit brand');
  });

  it('shows the rows with "Show more" while there is a next page, the empty sentence, and an error with a retry', async () => {
    const { fixture, byTestId, button, element } = await render();
    expect(element.querySelectorAll('li')).toHaveLength(2);
    byTestId('more')!.click();
    await fixture.whenStable();
    expect(element.querySelectorAll('li')).toHaveLength(3);
    expect(byTestId('more')).toBeNull();

    fixture.componentInstance.pages.set([[]]);
    await fixture.componentInstance.list.reload();
    await fixture.whenStable();
    expect(byTestId('empty')?.textContent).toBe('Nothing to decide.');
    expect(element.querySelector('ul')).toBeNull();

    fixture.componentInstance.failWith.set('The catalog is unavailable');
    await fixture.componentInstance.list.reload();
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toBe('The catalog is unavailable');
    expect(byTestId('empty')).toBeNull();
    fixture.componentInstance.failWith.set(null);
    fixture.componentInstance.pages.set([['d']]);
    button('Try again').click();
    await fixture.whenStable();
    expect(element.querySelectorAll('li')).toHaveLength(1);
  });
});
