import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Store } from '@ngrx/store';
import { OrganizationChoice } from '../session/organization-choice';
import { sessionFeature } from '../session/session.store';

/** For a user in several organizations: which one the portal works on, and a switch to another. */
@Component({
  selector: 'sp-organization-switcher',
  imports: [MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (organizations().length > 1) {
      <mat-form-field subscriptSizing="dynamic" class="switcher">
        <mat-label>Organization</mat-label>
        <mat-select
          [value]="choice.current()"
          (valueChange)="choice.switchTo($event)"
          data-testid="organization-switcher"
        >
          @for (org of organizations(); track org.id) {
            <mat-option [value]="org.id">{{
              org.id === tenant()?.id ? tenant()!.name : org.alias
            }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
  `,
  styles: `
    .switcher {
      width: min(320px, 100%);
      margin-bottom: 8px;
    }
  `,
})
export class OrganizationSwitcher {
  private readonly store = inject(Store);
  protected readonly choice = inject(OrganizationChoice);
  protected readonly tenant = this.store.selectSignal(sessionFeature.selectTenant);
  protected readonly organizations = computed(
    () => this.store.selectSignal(sessionFeature.selectUser)()?.organizations ?? [],
  );
}
