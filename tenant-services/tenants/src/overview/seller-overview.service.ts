import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { TenantDirectory } from '../tenants/tenant-directory.repository';
import type { SellerOverview } from './seller-overview.model';

export const overviewDaysSchema = z.number().int().min(1).max(366);
const DAY_MS = 86_400_000;

/** Seller counts for the admin overview, computed in MySQL (one GROUP BY per figure). */
@Injectable()
export class SellerOverviewService {
  constructor(private readonly directory: TenantDirectory) {}

  async overview(days: number, now = new Date()): Promise<SellerOverview> {
    const period = overviewDaysSchema.parse(days);
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const since = new Date(today - (period - 1) * DAY_MS);
    const [byStatus, byDay] = await Promise.all([
      this.directory.countsByStatus(),
      this.directory.signupsPerDaySince(since),
    ]);
    const status = (name: string) => byStatus.find((row) => row.status === name)?.count ?? 0;
    const counted = new Map(byDay.map((row) => [row.day, row.count]));
    const signupsByDay = Array.from({ length: period }, (_, i) => {
      const date = new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10);
      return { day: date, signups: counted.get(date) ?? 0 };
    });
    return {
      pending: status('pending'),
      active: status('active'),
      suspended: status('suspended'),
      rejected: status('rejected'),
      newSellers: signupsByDay.reduce((sum, entry) => sum + entry.signups, 0),
      signupsByDay,
    };
  }
}
