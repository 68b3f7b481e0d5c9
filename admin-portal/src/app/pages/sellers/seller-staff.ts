import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Api, messageOf } from '@marketplace/web-portal';

interface Member {
  userId: string;
  email: string | null;
  name: string;
  role: 'owner' | 'staff';
}

const STAFF = `query SellerStaff($sellerId: ID!) { sellerStaff(sellerId: $sellerId) { userId email name role } }`;

/** Who works for one seller and in which role (tenants service, from the identity directory). */
@Component({
  selector: 'ap-seller-staff',
  imports: [MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="seller-staff-caption" data-testid="seller-staff">
      <h2 id="seller-staff-caption">Staff</h2>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      } @else if (members(); as list) {
        @if (list.length === 0) {
          <p class="notice">Nobody belongs to this organization.</p>
        } @else {
          <ul class="members">
            @for (m of list; track m.userId) {
              <li data-testid="staff-member">
                <span class="name">{{ m.name }}</span>
                <span class="email">{{ m.email ?? 'no e-mail' }}</span>
                <span class="status">{{ m.role === 'owner' ? 'Owner' : 'Staff' }}</span>
              </li>
            }
          </ul>
        }
      } @else {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the seller's staff" />
      }
    </section>
  `,
  styles: `
    .members {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .members li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .name {
      font-weight: 600;
    }
    .email {
      overflow-wrap: anywhere;
    }
  `,
})
export class SellerStaff {
  readonly sellerId = input.required<string>();
  private readonly api = inject(Api);
  protected readonly members = signal<Member[] | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => void this.load(this.sellerId()));
  }

  private async load(sellerId: string): Promise<void> {
    this.error.set(null);
    try {
      const { sellerStaff } = await this.api.request<{ sellerStaff: Member[] }>(STAFF, { sellerId });
      this.members.set(sellerStaff);
    } catch (error) {
      this.error.set(messageOf(error));
    }
  }
}
