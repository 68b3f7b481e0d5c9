import { inject, Pipe, PipeTransform } from '@angular/core';
import { APP_CONFIG } from '../core/app-config';
import { formatMoney } from './money';

@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  private readonly locale = inject(APP_CONFIG).locale;

  transform(amountMinor: number, currency: string): string {
    return formatMoney(amountMinor, currency, this.locale);
  }
}
